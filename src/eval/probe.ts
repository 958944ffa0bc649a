/**
 * The probe model of measured sensitivity: the original graph with every candidate weight turned into a
 * graph input, built and loaded once. Probing a layer at a width feeds that layer its quantized-then-
 * dequantized values (every other weight its original values) and runs the model: the same output error
 * as running a rewritten model (MatMulNBits and GatherBlockQuantized compute with exactly these values),
 * without writing or loading a model per probe.
 *
 * A model whose weights are float16 is probed as a float32 copy (weights, constants, Casts, inputs and
 * outputs widened): onnxruntime's CPU provider has no float16 MatMul and computes float16 weights in float32
 * through Casts, which it folds once for initializers but runs on every probe for weights fed as inputs (on
 * a 0.5B model: 20 s over the first two probes, 0.13 s of each after, 1.1 GB more memory). Widening is exact,
 * so the copy computes what the float16 model's CPU kernels compute, less the rounding of activations to
 * float16 between operators: the errors it measures differ from a rewritten float16 model's by no more
 * than that rounding's own effect on the output (tests/eval.test.ts), which only INT8 errors come near.
 *
 * The probe holds no external data (the remaining initializers are small and inlined), so it loads from
 * memory wherever the command runs from.
 */
import type * as Ort from 'onnxruntime-node';
import type { Layer } from '../analyze/types.js';
import { DataType } from '../onnx/dtype.js';
import { fromFloat16Array, toFloat16Array, widenHalfInto } from '../onnx/float16.js';
import { describeInitializer, readTensorBytes, readTensorRange, type OnnxModel } from '../onnx/read.js';
import {
  encodeModel,
  int64ToNumber,
  type Attribute,
  type GraphProto,
  type ModelProto,
  type NodeProto,
  type TensorProto,
  type ValueInfo,
} from '../onnx/schema.js';
import { matmulShape, scaleDataType, storedOutputMajor, superBlockLayout } from '../formats/layout.js';
import { dequantizeInto } from '../quant/blockwise.js';
import { quantizeLayer, superBlockOptions, type BlockQuantAssignment } from '../quant/rewrite.js';
import { quantizeSuperBlocksParallel } from '../quant/pool.js';
import { FactorRangeError } from '../quant/super-blocks.js';
import { rowsByOutput } from '../quant/rows.js';
import type { Feeds } from './inputs.js';
import { ort } from './runtime.js';
import type { SampleSet } from './samples.js';

/** Weights a probe can feed: onnxruntime-node takes float32 and float16 tensors. */
export function feedable(layer: Layer): boolean {
  return layer.dataType === DataType.FLOAT || layer.dataType === DataType.FLOAT16;
}

export interface Probe {
  /** The probe model's bytes (to load from memory). */
  bytes: Uint8Array;
  /** Each candidate's original values, as fed. */
  originals: Map<string, Ort.Tensor>;
  /** Whether the probe is the float32 copy of a float16 model (its float16 inputs are fed widened: `probeSamples`). */
  widened: boolean;
}

/** A tensor's stored bytes as a typed array of its type (copied when the bytes are not aligned for it). */
function typedValues(bytes: Uint8Array, dataType: number): Float32Array | Uint16Array {
  const width = dataType === DataType.FLOAT ? 4 : 2;
  const buffer = bytes.byteOffset % width === 0 ? bytes : Uint8Array.from(bytes);
  return width === 4
    ? new Float32Array(buffer.buffer, buffer.byteOffset, buffer.byteLength / 4)
    : new Uint16Array(buffer.buffer, buffer.byteOffset, buffer.byteLength / 2);
}

/** float16 bytes (little-endian) widened to float32 values. */
function widenedValues(bytes: Uint8Array): Float32Array {
  const out = new Float32Array(bytes.byteLength >>> 1);
  widenHalfInto('float16', bytes, out);
  return out;
}

function tensorOf(values: Float32Array | Uint16Array, dims: number[]): Ort.Tensor {
  return values instanceof Float32Array ? new (ort().Tensor)('float32', values, dims) : new (ort().Tensor)('float16', values, dims);
}

/** The bytes of a float16 tensor of the graph or of a node's attribute: raw, typed (int32_data) or external. */
function halfBytes(model: OnnxModel, t: TensorProto): Uint8Array {
  if (t.rawData && t.rawData.byteLength > 0) return t.rawData;
  if (t.dataLocation !== 1 && !(t.externalData?.length ?? 0)) return new Uint8Array(Uint16Array.from(t.int32Data ?? []).buffer);
  return readTensorBytes(describeInitializer(model, t));
}

/** A float16 tensor as float32, inline. */
function widenedTensor(model: OnnxModel, t: TensorProto): TensorProto {
  if (t.dataType !== DataType.FLOAT16) return t;
  const values = widenedValues(halfBytes(model, t));
  return {
    name: t.name,
    dims: t.dims,
    dataType: DataType.FLOAT,
    rawData: new Uint8Array(values.buffer),
    ...(t.docString ? { docString: t.docString } : {}),
  };
}

function widenedValue(v: ValueInfo): ValueInfo {
  const tensorType = v.type?.tensorType;
  if (tensorType?.elemType !== DataType.FLOAT16) return v;
  return { ...v, type: { ...v.type, tensorType: { ...tensorType, elemType: DataType.FLOAT } } };
}

/** Attributes that name an output type (Cast's `to`, the `dtype` of generators such as EyeLike or RandomNormal). */
function namesType(node: NodeProto, a: Attribute): boolean {
  return (node.opType === 'Cast' && a.name === 'to') || a.name === 'dtype';
}

function widenedNode(model: OnnxModel, node: NodeProto): NodeProto {
  if (!node.attribute?.length) return node;
  const attribute = node.attribute.map((a): Attribute => {
    if (a.g) return { ...a, g: widenedGraph(model, a.g) };
    if (a.graphs?.length) return { ...a, graphs: a.graphs.map((g) => widenedGraph(model, g)) };
    if (a.t?.dataType === DataType.FLOAT16) return { ...a, t: widenedTensor(model, a.t) };
    if (namesType(node, a) && int64ToNumber(a.i) === DataType.FLOAT16) return { ...a, i: DataType.FLOAT };
    return a;
  });
  return { ...node, attribute };
}

/** The graph (and its subgraphs) with every float16 tensor, value and type attribute in float32; the model is not changed. */
function widenedGraph(model: OnnxModel, g: GraphProto): GraphProto {
  return {
    ...g,
    initializer: g.initializer.map((t) => widenedTensor(model, t)),
    input: g.input.map(widenedValue),
    output: g.output.map(widenedValue),
    ...(g.valueInfo ? { valueInfo: g.valueInfo.map(widenedValue) } : {}),
    node: g.node.map((n) => widenedNode(model, n)),
  };
}

/**
 * Builds the probe of `model` in which each of `layers` (feedable ones) is a graph input; the float32 copy
 * when any of them is float16 (unless `widen` is false: the float16 graph as it is).
 */
export function buildProbe(model: OnnxModel, layers: Layer[], widen = layers.some((l) => l.dataType === DataType.FLOAT16)): Probe {
  const inputs = new Set(layers.map((l) => l.name));
  const graph = model.graph;
  const declared = new Set(graph.input.map((i) => i.name));
  const originals = new Map<string, Ort.Tensor>();
  const initializer: TensorProto[] = [];
  const weightInputs: ValueInfo[] = [];
  // float16 bytes read from a file go through one reused buffer: only their float32 values are kept.
  const scratch = { bytes: new Uint8Array(0) };
  for (const t of graph.initializer) {
    const info = model.initializers.get(t.name)!;
    const wide = widen && info.dataType === DataType.FLOAT16;
    if (inputs.has(t.name)) {
      if (wide && info.storage.kind === 'external' && scratch.bytes.byteLength < info.byteLength)
        scratch.bytes = new Uint8Array(info.byteLength);
      const bytes = wide
        ? readTensorRange(info, 0, info.byteLength, info.storage.kind === 'external' ? scratch.bytes : undefined)
        : readTensorBytes(info);
      originals.set(t.name, tensorOf(wide ? widenedValues(bytes) : typedValues(bytes, info.dataType), info.dims));
      if (!declared.has(t.name)) {
        weightInputs.push({
          name: t.name,
          type: {
            tensorType: { elemType: wide ? DataType.FLOAT : info.dataType, shape: { dim: info.dims.map((d) => ({ dimValue: d })) } },
          },
        });
      }
    } else if (info.storage.kind === 'external') {
      // Inlined: the probe is loaded from memory, where no external file can be found.
      initializer.push({ name: t.name, dims: t.dims, dataType: t.dataType, rawData: readTensorBytes(info) });
    } else {
      initializer.push(t);
    }
  }
  const probeGraph: GraphProto = { ...graph, initializer, input: [...graph.input, ...weightInputs] };
  const proto: ModelProto = { ...model.proto, graph: widen ? widenedGraph(model, probeGraph) : probeGraph };
  return { bytes: encodeModel(proto), originals, widened: widen };
}

/** A float16 tensor fed to a widened probe: its values in float32 (exact). */
function widenedFeed(t: Ort.Tensor): Ort.Tensor {
  if (t.type !== 'float16') return t;
  return tensorOf(fromFloat16Array(t.data as Uint16Array), [...t.dims]);
}

/** The samples as the probe takes them: in a widened probe, float16 inputs and KV-cache pasts are float32. */
export function probeSamples(probe: Probe, set: SampleSet): SampleSet {
  if (!probe.widened) return set;
  const feeds = (f: Feeds): Feeds => Object.fromEntries(Object.entries(f).map(([name, t]) => [name, widenedFeed(t)]));
  return {
    ...set,
    samples: set.samples.map((s) => ({ ...s, feeds: feeds(s.feeds) })),
    cache: set.cache && {
      ...set.cache,
      inputs: set.cache.inputs.map((c) => (c.elemType === DataType.FLOAT16 ? { ...c, elemType: DataType.FLOAT } : c)),
    },
  };
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
 * Super-blocks for a probe (on the worker pool for a large layer, as `quantize` runs them); null for weights
 * too small for them (measured plain: quantize then refuses them).
 */
function superBlockProbe(...args: Parameters<typeof quantizeSuperBlocksParallel>): ReturnType<typeof quantizeSuperBlocksParallel> | null {
  try {
    return quantizeSuperBlocksParallel(...args);
  } catch (err) {
    if (err instanceof FactorRangeError) return null;
    throw err;
  }
}

/**
 * The layer's values after quantization at `assignment` and back, in its stored layout and in the type of
 * `original` (the tensor the probe feeds otherwise: float32 in a widened probe): what the rewritten model
 * computes with. The tensor lives in `scratch` until the next call.
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
  const float16 = scaleDataType(layer) === DataType.FLOAT16;
  const rows = rowsByOutput(layer, values);
  const superBlocks = superBlockLayout(layer, assignment.bits, assignment);
  const packed =
    (superBlocks && superBlockProbe(rows, N, K, superBlocks.bits, superBlockOptions(assignment, float16))) ||
    quantizeLayer(rows, N, K, assignment, float16);
  const back = dequantizeInto(packed, scratch.output(N * K), !storedOutputMajor(layer));
  return tensorOf(stored instanceof Float32Array ? back : scratch.narrowed(back), [...original.dims]);
}
