/**
 * The probe model of measured sensitivity: the original graph with every candidate weight turned into a
 * graph input, built and loaded once. Probing a layer at a width feeds that layer its quantized-then-
 * dequantized values (every other weight its original values) and runs the model: the same output error
 * as running a rewritten model (MatMulNBits and GatherBlockQuantized compute with exactly these values),
 * without writing or loading a model per probe.
 *
 * The probe holds no external data (the remaining initializers are small and inlined), so it loads from
 * memory wherever the command runs from.
 */
import type * as Ort from 'onnxruntime-node';
import type { Layer } from '../analyze/types.js';
import { DataType } from '../onnx/dtype.js';
import { fromFloat16Array, toFloat16Array } from '../onnx/float16.js';
import { readTensorBytes, type OnnxModel } from '../onnx/read.js';
import { encodeModel, type ModelProto, type TensorProto, type ValueInfo } from '../onnx/schema.js';
import { matmulShape, scaleDataType, storedOutputMajor } from '../formats/layout.js';
import { dequantizeInto } from '../quant/blockwise.js';
import { quantizeLayer, type BlockQuantAssignment } from '../quant/rewrite.js';
import { rowsByOutput } from '../quant/rows.js';
import { ort } from './runtime.js';

/** Weights a probe can feed: onnxruntime-node takes float32 and float16 tensors. */
export function feedable(layer: Layer): boolean {
  return layer.dataType === DataType.FLOAT || layer.dataType === DataType.FLOAT16;
}

export interface Probe {
  /** The probe model's bytes (to load from memory). */
  bytes: Uint8Array;
  /** Each candidate's original values, as fed. */
  originals: Map<string, Ort.Tensor>;
}

/** A tensor's stored bytes as a typed array of its type (copied when the bytes are not aligned for it). */
function typedValues(bytes: Uint8Array, dataType: number): Float32Array | Uint16Array {
  const width = dataType === DataType.FLOAT ? 4 : 2;
  const buffer = bytes.byteOffset % width === 0 ? bytes : Uint8Array.from(bytes);
  return width === 4
    ? new Float32Array(buffer.buffer, buffer.byteOffset, buffer.byteLength / 4)
    : new Uint16Array(buffer.buffer, buffer.byteOffset, buffer.byteLength / 2);
}

function tensorOf(values: Float32Array | Uint16Array, dims: number[]): Ort.Tensor {
  return values instanceof Float32Array ? new (ort().Tensor)('float32', values, dims) : new (ort().Tensor)('float16', values, dims);
}

/** Builds the probe of `model` in which each of `layers` (feedable ones) is a graph input. */
export function buildProbe(model: OnnxModel, layers: Layer[]): Probe {
  const inputs = new Set(layers.map((l) => l.name));
  const graph = model.graph;
  const declared = new Set(graph.input.map((i) => i.name));
  const originals = new Map<string, Ort.Tensor>();
  const initializer: TensorProto[] = [];
  const weightInputs: ValueInfo[] = [];
  for (const t of graph.initializer) {
    const info = model.initializers.get(t.name)!;
    if (inputs.has(t.name)) {
      originals.set(t.name, tensorOf(typedValues(readTensorBytes(info), info.dataType), info.dims));
      if (!declared.has(t.name)) {
        weightInputs.push({
          name: t.name,
          type: { tensorType: { elemType: info.dataType, shape: { dim: info.dims.map((d) => ({ dimValue: d })) } } },
        });
      }
    } else if (info.storage.kind === 'external') {
      // Inlined: the probe is loaded from memory, where no external file can be found.
      initializer.push({ name: t.name, dims: t.dims, dataType: t.dataType, rawData: readTensorBytes(info) });
    } else {
      initializer.push(t);
    }
  }
  const proto: ModelProto = { ...model.proto, graph: { ...graph, initializer, input: [...graph.input, ...weightInputs] } };
  return { bytes: encodeModel(proto), originals };
}

/**
 * Buffers the probes reuse: fresh memory costs a page fault per 4 KiB page, which on some machines is most
 * of a probe's time. Sized by the first (largest) layer.
 */
export class ProbeScratch {
  private floats = new Float32Array(0);
  private wide = new Float32Array(0);
  private halves = new Uint16Array(0);

  /** The dequantized values, float32. */
  output(count: number): Float32Array {
    if (this.floats.length < count) this.floats = new Float32Array(count);
    return this.floats.subarray(0, count);
  }

  /** A float16 weight's values widened to float32. */
  widened(bits: Uint16Array): Float32Array {
    if (this.wide.length < bits.length) this.wide = new Float32Array(bits.length);
    const out = this.wide.subarray(0, bits.length);
    out.set(fromFloat16Array(bits));
    return out;
  }

  /** The dequantized values as float16 bits. */
  narrowed(values: Float32Array): Uint16Array {
    if (this.halves.length < values.length) this.halves = new Uint16Array(values.length);
    const out = this.halves.subarray(0, values.length);
    out.set(toFloat16Array(values));
    return out;
  }
}

/**
 * The layer's values after quantization at `assignment` and back, in its stored layout and type: what the
 * rewritten model computes with. `original` is the tensor the probe feeds otherwise. The tensor lives in
 * `scratch` until the next call.
 */
export function fakeQuantized(
  layer: Layer,
  original: Ort.Tensor,
  assignment: BlockQuantAssignment,
  scratch = new ProbeScratch(),
): Ort.Tensor {
  const stored = original.data as Float32Array | Uint16Array;
  const values = stored instanceof Float32Array ? stored : scratch.widened(stored);
  const { K, N } = matmulShape(layer);
  const packed = quantizeLayer(rowsByOutput(layer, values), N, K, assignment, scaleDataType(layer) === DataType.FLOAT16);
  const back = dequantizeInto(packed, scratch.output(N * K), !storedOutputMajor(layer));
  return tensorOf(stored instanceof Float32Array ? back : scratch.narrowed(back), [...original.dims]);
}
