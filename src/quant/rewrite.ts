/**
 * The graph rewrite: each assigned layer stored at its width (a plan's layers, or one layer for a
 * sensitivity probe). For each layer:
 * - 32: untouched;
 * - 16: the initializer is stored as float16 and a Cast restores its type where the graph reads it
 *   (a float32 model stays float32 at its inputs and outputs);
 * - 8/4/2: packed by the kernels, and every reader is rewritten:
 *   MatMul with a constant B → com.microsoft MatMulNBits; Gemm (transB 0/1, alpha, beta, bias) →
 *   MatMulNBits (+ Add for the bias); a tied table read through Transpose → MatMulNBits straight from the
 *   table (it is already [N, K]); a Gather table → com.microsoft GatherBlockQuantized (4 or 8 bits).
 * Everything else is left as it is. Nodes keep their order; a replaced node's outputs keep their names.
 */
import { BadInputError } from '../errors.js';
import type { Inventory, Layer, WeightUse } from '../analyze/types.js';
import { DataType } from '../onnx/dtype.js';
import { toFloat16Array } from '../onnx/float16.js';
import { readTensorFloat32, type OnnxModel } from '../onnx/read.js';
import { AttributeType, int64ToNumber, type Attribute, type ModelProto, type NodeProto, type TensorProto } from '../onnx/schema.js';
import {
  allowedBits,
  gatherBlockQuantizedShapes,
  isBlockSize,
  matmulNBitsShapes,
  matmulShape,
  MS_DOMAIN,
  scaleDataType,
  TIED_RESHAPE_SHAPE_DIMS,
  tiedCodesShared,
  type IntBits,
  type PackedShapes,
  type QuantSettings,
} from '../formats/layout.js';
import type { LayerActivations } from './activations.js';
import { gatherLayout, type PackedMatrix, type QuantParams } from './blockwise.js';
import { quantizeGptq } from './gptq.js';
import { quantizeRowsParallel } from './pool.js';
import { rowsByOutput } from './rows.js';

import type { ScaleMethod } from '../config/config.js';

/** A block-quantized layer: its width, block layout and how its scales are chosen. */
export interface BlockQuantAssignment extends QuantSettings {
  bits: IntBits;
  scale: ScaleMethod;
  /** Calibration statistics of the layer's input (`imatrix` and `gptq`; without them both fall back to `search`). */
  activations?: LayerActivations;
}

/** How one layer is stored: unchanged (32), a float16 copy (16), or block-quantized. */
export type LayerAssignment = { bits: 32 | 16 } | BlockQuantAssignment;

/** Layer name → how it is stored. Layers not named stay as they are. */
export type Assignments = ReadonlyMap<string, LayerAssignment>;

function bytesOf(array: ArrayBufferView): Uint8Array {
  return new Uint8Array(array.buffer, array.byteOffset, array.byteLength);
}

const intAttr = (name: string, i: number): Attribute => ({ name, type: AttributeType.INT, i });
const attr = (node: NodeProto, name: string) => node.attribute?.find((a) => a.name === name);

/** Checks assignments against the model: layers it has, widths each op can take, block sizes the ops take. */
function checkAssignments(model: OnnxModel, layers: Map<string, Layer>, assignments: Assignments): void {
  const where = model.path;
  for (const [name, a] of assignments) {
    const layer = layers.get(name);
    if (!layer) throw new BadInputError(`${where}: layer '${name}' is assigned a width, but the model has no such layer`);
    if (!allowedBits(layer).includes(a.bits)) {
      throw new BadInputError(
        `${where}: layer '${name}' (${layer.op}) cannot take ${a.bits} bits (it can take ${allowedBits(layer).join(', ')})`,
      );
    }
    if (isBlockQuant(a) && !isBlockSize(a.blockSize)) {
      throw new BadInputError(`${where}: layer '${name}' has block size ${a.blockSize}; it must be a power of two from 16 to 256`);
    }
  }
}

const isBlockQuant = (a: LayerAssignment): a is BlockQuantAssignment => a.bits !== 32 && a.bits !== 16;

function countNonFinite(v: Float32Array): number {
  let count = 0;
  for (let i = 0; i < v.length; i++) if (!Number.isFinite(v[i]!)) count++;
  return count;
}

class NameAllocator {
  private readonly taken = new Set<string>();
  constructor(graphNames: Iterable<string>) {
    for (const n of graphNames) this.taken.add(n);
  }
  fresh(base: string): string {
    let name = base;
    for (let i = 1; this.taken.has(name); i++) name = `${base}_${i}`;
    this.taken.add(name);
    return name;
  }
}

function allValueNames(model: ModelProto): string[] {
  const g = model.graph!;
  const names = [...g.initializer.map((t) => t.name), ...g.input.map((v) => v.name), ...g.output.map((v) => v.name)];
  for (const n of g.node) names.push(...n.input, ...n.output, n.name ?? '');
  return names;
}

export interface QuantizedModel {
  proto: ModelProto;
  /** Bytes the output holds for the assigned layers: their new tensors, and the originals still in place. */
  weightBytes: number;
}

export function quantizeModel(model: OnnxModel, inv: Inventory, assignments: Assignments): QuantizedModel {
  const layers = new Map(inv.layers.map((l) => [l.name, l]));
  checkAssignments(model, layers, assignments);
  // Layers that change: not unchanged, and not float16 already.
  const changed = [...assignments].flatMap(([name, a]) => {
    const layer = layers.get(name);
    return layer && a.bits !== 32 && !(a.bits === 16 && layer.dataType === DataType.FLOAT16) ? [{ name, layer, a }] : [];
  });

  const names = new NameAllocator(allValueNames(model.proto));
  const added: TensorProto[] = [];
  const replaced = new Set<string>();
  const prologue: NodeProto[] = [];
  /** Replacement nodes by the replaced node's stable id (its index in the model's node list). */
  const replacements = new Map<number, NodeProto[]>();
  let usesContrib = false;

  // One layer's float32 values in memory at a time. Non-finite weights are collected over every layer
  // (then reported together); once one is found the rest are only scanned.
  const nonFinite: string[] = [];
  for (const { name, layer, a } of changed) {
    const info = model.initializers.get(name);
    if (!info) throw new Error(`${model.path}: the inventory names initializer '${name}', which the model does not have`);
    const v = readTensorFloat32(info);
    const bad = countNonFinite(v);
    if (bad > 0) nonFinite.push(`'${name}' (${bad} value${bad > 1 ? 's' : ''})`);
    if (nonFinite.length > 0) continue;
    replaced.add(name);
    if (!isBlockQuant(a)) {
      const half = names.fresh(`${name}_fp16`);
      added.push({ name: half, dims: info.dims, dataType: DataType.FLOAT16, rawData: bytesOf(toFloat16Array(v)) });
      prologue.push({
        input: [half],
        output: [name],
        name: names.fresh(`${name}_cast`),
        opType: 'Cast',
        attribute: [intAttr('to', info.dataType)],
      });
      continue;
    }
    usesContrib = true;
    const { K, N } = matmulShape(layer);
    const packed = quantizeLayer(rowsByOutput(layer, v), N, K, a, scaleDataType(layer) === DataType.FLOAT16);
    const tensors = new PackedTensors(name, layer, packed, names, added, prologue);
    for (const use of layer.uses) {
      const nodes = rewriteUse(readerOf(model, use, name), use, layer, tensors, names);
      if (nodes) replacements.set(use.nodeId, nodes);
    }
  }

  if (nonFinite.length > 0) {
    throw new BadInputError(
      `${model.path}: NaN or Inf weights in ${nonFinite.length} layer${nonFinite.length > 1 ? 's' : ''}: ${nonFinite.join(', ')}`,
    );
  }

  // Rebuild the node list: replacements in place, Casts first.
  const nodes: NodeProto[] = [...prologue];
  model.graph.node.forEach((node, id) => nodes.push(...(replacements.get(id) ?? [node])));
  const kept = removeDeadReaders(nodes, replaced, new Set(model.graph.output.map((o) => o.name)));
  const read = new Set(kept.flatMap((n) => n.input));
  const castOutputs = new Set(prologue.map((c) => c.output[0]));
  // A replaced weight stays only if something still reads the original (and no Cast now produces its name).
  const keptOriginals = model.graph.initializer.filter((t) => !replaced.has(t.name) || (read.has(t.name) && !castOutputs.has(t.name)));
  const initializers = [...keptOriginals, ...added];
  const weightBytes = [...keptOriginals.filter((t) => assignments.has(t.name)), ...added].reduce(
    (sum, t) => sum + (model.initializers.get(t.name)?.byteLength ?? t.rawData?.length ?? 0),
    0,
  );
  const opsetImport = [...model.proto.opsetImport];
  if (usesContrib && !opsetImport.some((o) => o.domain === MS_DOMAIN)) opsetImport.push({ domain: MS_DOMAIN, version: 1 });
  const proto: ModelProto = {
    ...model.proto,
    opsetImport,
    graph: {
      ...model.graph,
      node: kept,
      initializer: initializers,
      input: model.graph.input.filter((i) => !replaced.has(i.name)),
    },
  };
  return { proto, weightBytes };
}

/**
 * GPTQ's cost grows as N·K² (K³ for the Hessian's factors, K² per calibration token to collect it, K²
 * floats to hold it): layers with more inputs fall back to `imatrix`.
 */
export const GPTQ_MAX_K = 2048;

/**
 * One layer's rows quantized by its scale method: `rtn` (MLAS's bytes); `search` (magnitude-weighted, as
 * llama.cpp's k-quants weigh values); `imatrix` (the same, each column also weighted by its activation's
 * mean square); `gptq` (GPTQ error compensation with block scales by the importance-weighted search).
 * A data-aware method without statistics for the layer (a Gather table, an input that was not observed)
 * quantizes as the next method down that has what it needs.
 */
export function quantizeLayer(rows: Float32Array, N: number, K: number, a: BlockQuantAssignment, float16Scales: boolean): PackedMatrix {
  const p: QuantParams = { bits: a.bits, blockSize: a.blockSize, symmetric: a.symmetric, float16Scales };
  const stats = a.activations;
  if (a.scale === 'gptq' && stats?.hessian && K <= GPTQ_MAX_K) return quantizeGptq(rows, N, K, stats.hessian, { ...p, search: true });
  if (a.scale === 'rtn') return quantizeRowsParallel(rows, N, K, p);
  const importance = a.scale !== 'search' && stats ? Float32Array.from(stats.meanSquare) : undefined;
  return quantizeRowsParallel(rows, N, K, { ...p, search: true, magnitudeWeights: true, importance });
}

/** The packed tensors of one layer, created on first use (a tied table needs both layouts). */
class PackedTensors {
  private codes?: string;
  private gatherCodes?: string;
  private scales?: string;
  private zeroPoints?: string | null;
  private readonly scaleType: number;
  private readonly matmul: PackedShapes;
  private readonly gather: PackedShapes;

  constructor(
    readonly name: string,
    private readonly layer: Layer,
    readonly packed: PackedMatrix,
    private readonly names: NameAllocator,
    private readonly out: TensorProto[],
    private readonly prologue: NodeProto[],
  ) {
    this.scaleType = scaleDataType(layer);
    const symmetric = packed.zeroPoints === null;
    this.matmul = matmulNBitsShapes(packed, symmetric);
    this.gather = gatherBlockQuantizedShapes(packed, symmetric);
  }

  private add(base: string, dims: number[], dataType: number, raw: Uint8Array): string {
    const name = this.names.fresh(base);
    this.out.push({ name, dims, dataType, rawData: raw });
    return name;
  }

  matmulCodes(): string {
    const m = this.packed;
    if (this.codes) return this.codes;
    const dims = this.matmul.codes;
    if (this.layer.tied && tiedCodesShared(m)) {
      // A tied table stores its codes once, in the Gather layout (the same bytes when K fills whole
      // blocks); MatMulNBits reads them through a Reshape that onnxruntime folds into a constant.
      const shape = this.add(
        `${this.name}_Q${m.bits}_shape`,
        TIED_RESHAPE_SHAPE_DIMS,
        DataType.INT64,
        bytesOf(BigInt64Array.from(dims.map(BigInt))),
      );
      this.codes = this.names.fresh(`${this.name}_Q${m.bits}`);
      this.prologue.push({
        input: [this.gatherData(), shape],
        output: [this.codes],
        name: this.names.fresh(`${this.name}_reshape`),
        opType: 'Reshape',
      });
      return this.codes;
    }
    this.codes = this.add(`${this.name}_Q${m.bits}`, dims, DataType.UINT8, m.codes);
    return this.codes;
  }

  gatherData(): string {
    const m = this.packed;
    this.gatherCodes ??= this.add(`${this.name}_Q${m.bits}_rows`, this.gather.codes, DataType.UINT8, gatherLayout(m));
    return this.gatherCodes;
  }

  scaleTensor(multiplier = 1): string {
    const m = this.packed;
    const values = multiplier === 1 ? m.scales : m.scales.map((s) => s * multiplier);
    const raw = this.scaleType === DataType.FLOAT16 ? bytesOf(toFloat16Array(values)) : bytesOf(values);
    if (multiplier !== 1) return this.add(`${this.name}_scales`, this.matmul.scales, this.scaleType, raw);
    this.scales ??= this.add(`${this.name}_scales`, this.matmul.scales, this.scaleType, raw);
    return this.scales;
  }

  zeroPointTensor(): string | null {
    const m = this.packed;
    if (this.zeroPoints === undefined) {
      this.zeroPoints =
        m.zeroPoints && this.matmul.zeroPoints ? this.add(`${this.name}_zp`, this.matmul.zeroPoints, DataType.UINT8, m.zeroPoints) : null;
    }
    return this.zeroPoints;
  }
}

function matmulNBits(a: string, t: PackedTensors, K: number, N: number, output: string, name: string, scaleMultiplier = 1): NodeProto {
  const zp = t.zeroPointTensor();
  const inputs = [a, t.matmulCodes(), t.scaleTensor(scaleMultiplier)];
  if (zp) inputs.push(zp);
  return {
    input: inputs,
    output: [output],
    name,
    opType: 'MatMulNBits',
    domain: MS_DOMAIN,
    attribute: [intAttr('K', K), intAttr('N', N), intAttr('bits', t.packed.bits), intAttr('block_size', t.packed.blockSize)],
  };
}

/** The node a use names, checked: an inventory of another model must not rewrite the wrong node. */
function readerOf(model: OnnxModel, use: WeightUse, layer: string): NodeProto {
  if (use.nodeId >= model.graph.node.length) {
    // Ids past the top-level list name nodes inside subgraphs (If branches, Loop bodies).
    throw new BadInputError(`${model.path}: layer '${layer}' is read inside a subgraph (If/Loop), which the rewrite does not handle yet`);
  }
  const node = model.graph.node[use.nodeId];
  if (!node || node.opType !== use.op || (node.name ?? '') !== use.nodeName) {
    throw new Error(`${model.path}: the inventory does not describe this model (node ${use.nodeId} is not ${use.op} '${use.nodeName}')`);
  }
  return node;
}

function rewriteUse(node: NodeProto, use: WeightUse, layer: Layer, t: PackedTensors, names: NameAllocator): NodeProto[] | null {
  const { K, N } = matmulShape(layer);
  const { bits, blockSize } = t.packed;
  const nodeName = node.name || names.fresh(`${t.name}_reader`);
  // The analysis gave these readers their role from these very inputs and outputs.
  const [a = '', indices = ''] = node.input;
  const [output = ''] = node.output;
  switch (use.role) {
    case 'matmul':
      return [matmulNBits(a, t, K, N, output, `${nodeName}_Q${bits}`)];
    case 'gemm': {
      const alpha = attr(node, 'alpha')?.f ?? 1;
      const beta = attr(node, 'beta')?.f ?? 1;
      const bias = node.input[2];
      if (!bias) return [matmulNBits(a, t, K, N, output, `${nodeName}_Q${bits}`, alpha)];
      const product = names.fresh(`${output}_matmul`);
      const out: NodeProto[] = [matmulNBits(a, t, K, N, product, `${nodeName}_Q${bits}`, alpha)];
      let c = bias;
      if (beta !== 1) {
        const betaName = names.fresh(`${nodeName}_beta`);
        c = names.fresh(`${bias}_scaled`);
        out.push({
          input: [],
          output: [betaName],
          name: betaName,
          opType: 'Constant',
          attribute: [{ name: 'value_float', type: AttributeType.FLOAT, f: beta }],
        });
        out.push({ input: [bias, betaName], output: [c], name: names.fresh(`${nodeName}_bias_scale`), opType: 'Mul' });
      }
      out.push({ input: [product, c], output: [output], name: names.fresh(`${nodeName}_bias`), opType: 'Add' });
      return out;
    }
    case 'gather': {
      const axis = int64ToNumber(attr(node, 'axis')?.i ?? 0);
      if (axis !== 0) throw new BadInputError(`layer '${t.name}': a Gather on axis ${axis} cannot be block-quantized`);
      const zp = t.zeroPointTensor();
      const inputs = [t.gatherData(), indices, t.scaleTensor()];
      if (zp) inputs.push(zp);
      return [
        {
          input: inputs,
          output: [output],
          name: `${nodeName}_Q${bits}`,
          opType: 'GatherBlockQuantized',
          domain: MS_DOMAIN,
          attribute: [intAttr('gather_axis', 0), intAttr('quantize_axis', 1), intAttr('block_size', blockSize), intAttr('bits', bits)],
        },
      ];
    }
    default:
      // Planned widths are checked against the op first: any other reader keeps the original tensor.
      return null;
  }
}

/** Drops Identity/Transpose/Cast nodes left reading a replaced weight with nobody reading their output. */
function removeDeadReaders(nodes: NodeProto[], replaced: Set<string>, graphOutputs: Set<string>): NodeProto[] {
  let current = nodes;
  const dead = new Set(replaced);
  for (;;) {
    const read = new Set(current.flatMap((n) => n.input));
    const next = current.filter((n) => {
      const removable =
        (n.opType === 'Identity' || n.opType === 'Transpose' || n.opType === 'Cast') &&
        n.input.some((i) => dead.has(i)) &&
        n.output.every((o) => !read.has(o) && !graphOutputs.has(o));
      if (removable) n.output.forEach((o) => dead.add(o));
      return !removable;
    });
    if (next.length === current.length) return next;
    current = next;
  }
}
