/**
 * Calibration: runs a model on calibration token windows and collects, for every requested weight read by
 * a MatMul or Gemm, statistics of the activation it multiplies (quant/activations.ts). The activations
 * are exposed as extra graph outputs of a copy of the model, written to a temporary folder with the model's
 * external data files hard-linked (or copied) beside it; the copy is removed afterwards.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Inventory } from '../analyze/types.js';
import { BadInputError } from '../errors.js';
import { matmulShape } from '../formats/layout.js';
import { DataType } from '../onnx/dtype.js';
import { fromFloat16Array } from '../onnx/float16.js';
import type { OnnxModel } from '../onnx/read.js';
import { encodeModel, type ModelProto, type ValueInfo } from '../onnx/schema.js';
import { ActivationAccumulator, type LayerActivations } from '../quant/activations.js';
import { GPTQ_MAX_K } from '../quant/rewrite.js';
import { buildInputs } from './evaluate.js';
import { openSession } from './session.js';

export interface CalibrationOptions {
  /** Token file (little-endian int64 windows). */
  tokens: string;
  seqLen?: number;
  /** Windows [first, last] (0-based, inclusive) of the file to calibrate on; all of them when absent. */
  windows?: { first: number; last: number };
  /** Collect E[a aᵀ] too (GPTQ). */
  hessian: boolean;
  warn: (message: string) => void;
}

/** The activation (graph value name) each layer's MatMul/Gemm multiplies, and its width K. */
export function activationInputs(model: OnnxModel, inventory: Inventory, layers: Iterable<string>): Map<string, string[]> {
  const byName = new Map(inventory.layers.map((l) => [l.name, l]));
  const result = new Map<string, string[]>();
  for (const name of layers) {
    const layer = byName.get(name);
    if (!layer) continue;
    const inputs: string[] = [];
    for (const use of layer.uses) {
      const node = model.proto.graph!.node[use.nodeId];
      // MatMul(A, W) and Gemm(A, W) with A untransposed: A's rows are what W's input channels multiply.
      if (!node || use.input !== 1 || (use.role !== 'matmul' && use.role !== 'gemm')) continue;
      if (use.role === 'gemm' && node.attribute?.some((a) => a.name === 'transA' && Number(a.i ?? 0) !== 0)) continue;
      const a = node.input[0];
      if (a && !inputs.includes(a)) inputs.push(a);
    }
    if (inputs.length > 0) result.set(name, inputs);
  }
  return result;
}

function floatValues(data: unknown, type: string): Float32Array {
  if (type === 'float32') return data as Float32Array;
  if (type === 'float16') return data instanceof Uint16Array ? fromFloat16Array(data) : Float32Array.from(data as ArrayLike<number>);
  throw new Error(`activation of type ${type}`);
}

/** Statistics per layer name, for the layers whose activation can be observed. */
export async function collectActivations(
  model: OnnxModel,
  inventory: Inventory,
  layers: Iterable<string>,
  options: CalibrationOptions,
): Promise<Map<string, LayerActivations>> {
  const inputsOf = activationInputs(model, inventory, layers);
  const widths = new Map(inventory.layers.map((l) => [l.name, l]));
  const outputs = [...new Set([...inputsOf.values()].flat())];
  const result = new Map<string, LayerActivations>();
  if (outputs.length === 0) return result;
  const { batches } = buildInputs(model, { tokens: options.tokens, seqLen: options.seqLen }, inventory);
  const { first, last } = options.windows ?? { first: 0, last: batches.length - 1 };
  if (first < 0 || last < first || last >= batches.length) {
    throw new BadInputError(
      `${options.tokens}: calibration windows ${first}–${last} are not in the file (it has ${batches.length} windows of ${options.seqLen ?? 'the model’s'} tokens)`,
    );
  }
  const graph = model.proto.graph!;
  const graphOutputs = new Set(graph.output.map((o) => o.name));
  const floatType =
    model.initializers.size > 0 && [...model.initializers.values()].some((i) => i.dataType === DataType.FLOAT16)
      ? DataType.FLOAT16
      : DataType.FLOAT;
  const known = new Map([...(graph.valueInfo ?? []), ...graph.input, ...graph.output].map((v) => [v.name, v]));
  const extra: ValueInfo[] = outputs
    .filter((o) => !graphOutputs.has(o))
    .map((name) => ({ name, type: { tensorType: { elemType: known.get(name)?.type?.tensorType?.elemType ?? floatType } } }));
  const copy: ModelProto = { ...model.proto, graph: { ...graph, output: [...graph.output, ...extra] } };

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'quantgate-calibrate-'));
  try {
    const file = path.join(dir, path.basename(model.path));
    fs.writeFileSync(file, encodeModel(copy));
    // External data is found next to the model file, and onnxruntime refuses links that resolve outside
    // its folder: hard-link the originals in, or copy them where that is not possible (another disk).
    for (const t of graph.initializer) {
      const location = t.externalData?.find((e) => e.key === 'location')?.value;
      if (!location) continue;
      const target = path.join(dir, location);
      if (fs.existsSync(target)) continue;
      fs.mkdirSync(path.dirname(target), { recursive: true });
      const source = path.resolve(path.dirname(model.path), location);
      try {
        fs.linkSync(source, target);
      } catch {
        fs.copyFileSync(source, target);
      }
    }
    const { session } = await openSession(file, 'cpu', options.warn);
    // Layers reading the same activations (q, k and v; gate and up) share one accumulator.
    const keyOf = (acts: string[]) => acts.join('\u0000');
    const accumulators = new Map<string, ActivationAccumulator>();
    try {
      for (let w = first; w <= last; w++) {
        const out = await session.run(batches[w]!, outputs);
        const seen = new Set<string>();
        for (const [name, acts] of inputsOf) {
          const key = keyOf(acts);
          if (seen.has(key)) continue;
          seen.add(key);
          const K = matmulShape(widths.get(name)!).K;
          for (const a of acts) {
            const t = out[a]!;
            if (t.dims[t.dims.length - 1] !== K) continue; // not rows of the weight's inputs (e.g. a batched MatMul)
            let acc = accumulators.get(key);
            // E[a aᵀ] only where GPTQ will use it: it costs K² per token and K² floats.
            if (!acc) accumulators.set(key, (acc = new ActivationAccumulator(K, options.hessian && K <= GPTQ_MAX_K)));
            acc.add(floatValues(t.data, t.type));
          }
        }
      }
    } finally {
      await session.release();
    }
    const results = new Map([...accumulators].map(([key, acc]) => [key, acc.result()]));
    for (const [name, acts] of inputsOf) {
      const r = results.get(keyOf(acts));
      if (r) result.set(name, r);
    }
    return result;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
