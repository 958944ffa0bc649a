/**
 * The graph rewrite: each assigned layer stored at its width (a plan's layers, or one layer for a
 * sensitivity probe). For each layer:
 * - 32: untouched;
 * - 16: kept as it is when it is float16 or bfloat16 already; otherwise stored as float16 with a Cast that
 *   restores its type where the graph reads it (a float32 model stays float32 at its inputs and outputs);
 * - 8/4/2: packed by the kernels, and every reader is rewritten:
 *   MatMul with a constant B → com.microsoft MatMulNBits; Gemm (transB 0/1, alpha, beta, bias) →
 *   MatMulNBits (+ Add for the bias); a tied table read through Transpose → MatMulNBits straight from the
 *   table (it is already [N, K]); a Gather table → com.microsoft GatherBlockQuantized (4 or 8 bits).
 *   The op computes in the type its reader computed in (the weight's type after any Cast on the way);
 *   onnxruntime's CPU ops take float or float16, so a bfloat16 or double reader gets Casts around the op.
 *   Scales are stored in the layout's type (`scaleDataType`) and cast to the op's type when they differ.
 * Everything else is left as it is. Nodes keep their order; a replaced node's outputs keep their names.
 *
 * Memory: the graph is rewritten first (names and shapes only), then the tensors are produced in the
 * input's initializer order and handed to a `TensorSink` one at a time; a layer's float values are read in
 * chunks of at most `CHUNK_VALUES` (straight into the kernels' memory), so the largest float array held is
 * a chunk, and the largest packed one a layer's.
 */
import { BadInputError } from '../errors.js';
import type { Inventory, Layer, WeightUse } from '../analyze/types.js';
import { DataType, dataTypeName } from '../onnx/dtype.js';
import { countNonFinite, float16Table, float32ToFloat16Into } from '../onnx/float16.js';
import { describeInitializer, FLOAT_BYTES, readFloat32Range, readTensorRange, type OnnxModel, type TensorInfo } from '../onnx/read.js';
import { allNodes, subgraphsOf } from '../analyze/graph.js';
import {
  AttributeType,
  int64ToNumber,
  type Attribute,
  type GraphProto,
  type ModelProto,
  type NodeProto,
  type TensorProto,
} from '../onnx/schema.js';
import { MemorySink, type TensorSink } from '../onnx/write.js';
import {
  allowedBits,
  blobSize,
  gatherBlockQuantizedShapes,
  isBlockSize,
  isHalfWidth,
  kBlocksOf,
  matmulNBitsShapes,
  matmulShape,
  MS_DOMAIN,
  scaleDataType,
  storedOutputMajor,
  indexRowBytes,
  superBlockLayout,
  superBlockSpan,
  type SuperBlockFormat,
  TIED_RESHAPE_SHAPE_DIMS,
  tiedCodesShared,
  zeroPointRowBytes,
  type IntBits,
  type PackedShapes,
  type QuantSettings,
} from '../formats/layout.js';
import type { LayerActivations } from './activations.js';
import {
  gatherLayout,
  rowsBuffer,
  stagingBytes,
  transposeInKernels,
  type PackedMatrix,
  type PackedOutput,
  type QuantParams,
} from './blockwise.js';
import { quantizeGptq } from './gptq.js';
import {
  planSuperBlockTensors,
  superBlockLayerNodes,
  superBlockUseNodes,
  type SuperBlockStored,
  type SuperBlockTensors,
} from './super-block-graph.js';
import { FactorRangeError, SUPER_BLOCK_MIN_OPSET, type SuperBlockOptions } from './super-blocks.js';
import { quantizeRowsParallel, quantizeSuperBlocksParallel } from './pool.js';

import type { ScaleMethod } from '../config/config.js';

/** A block-quantized layer: its width, block layout and how its scales are chosen. */
export interface BlockQuantAssignment extends QuantSettings {
  bits: IntBits;
  scale: ScaleMethod;
  /** Calibration statistics of the layer's input (`imatrix` and `gptq`; without them both fall back to `search`). */
  activations?: LayerActivations;
}

/** How one layer is stored: unchanged (32), a float16 copy (16), or block-quantized. */
export type LayerAssignment = { bits: 32 | 16; superBlocks?: boolean } | BlockQuantAssignment;

/** Layer name → how it is stored. Layers not named stay as they are. */
export type Assignments = ReadonlyMap<string, LayerAssignment>;

/** Float values read and quantized at once: a chunk of rows (or of a [K, N] weight's K) at most this large. */
export const CHUNK_VALUES = 8 * 1024 * 1024;

export interface RewriteOptions {
  /** Where tensors go as they are produced (default: kept in memory, in the returned proto). */
  sink?: TensorSink;
  /** Called after each changed layer: how many are done, of how many, its name, and the share of bytes done. */
  onLayer?: (done: number, total: number, name: string, fraction: number) => void;
}

export interface QuantizedModel {
  proto: ModelProto;
  /** Bytes the output holds for the assigned layers: their new tensors, and the originals still in place. */
  weightBytes: number;
}

function bytesOf(array: ArrayBufferView): Uint8Array {
  return new Uint8Array(array.buffer, array.byteOffset, array.byteLength);
}

const intAttr = (name: string, i: number): Attribute => ({ name, type: AttributeType.INT, i });
const attr = (node: NodeProto, name: string) => node.attribute?.find((a) => a.name === name);
const castTo = (input: string, output: string, name: string, to: number): NodeProto => ({
  input: [input],
  output: [output],
  name,
  opType: 'Cast',
  attribute: [intAttr('to', to)],
});

/** Checks assignments against the model: layers it has, widths each op can take, block sizes the ops take. */
function checkAssignments(model: OnnxModel, layers: Map<string, Layer>, assignments: Assignments): void {
  const where = model.path;
  for (const [name, a] of assignments) {
    const layer = layers.get(name);
    if (!layer) throw new BadInputError(`${where}: layer '${name}' is assigned a width, but the model has no such layer`);
    if (layer.quantized && a.bits !== 32) {
      throw new BadInputError(
        `${where}: layer '${name}' is already INT${layer.quantized.bits} (${layer.quantized.op}) and is kept as it is (bits 32), never quantized twice; the plan asks for ${a.bits} bits`,
      );
    }
    if (!allowedBits(layer).includes(a.bits)) {
      throw new BadInputError(
        `${where}: layer '${name}' (${layer.op}) cannot take ${a.bits} bits (it can take ${allowedBits(layer).join(', ')})`,
      );
    }
    if (isBlockQuant(a) && !isBlockSize(a.blockSize)) {
      throw new BadInputError(`${where}: layer '${name}' has block size ${a.blockSize}; it must be a power of two from 16 to 256`);
    }
    if (a.superBlocks) {
      // A plan may name super-blocks on any layer; only INT4 and INT2 MatMul or Gemm weights can take them.
      const format = isBlockQuant(a) ? superBlockLayout(layer, a.bits, a) : null;
      if (!isBlockQuant(a) || !format) {
        throw new BadInputError(
          `${where}: layer '${name}' cannot take super-blocks at ${a.bits} bits (they need INT4 or INT2, a MatMul or Gemm weight, not a tied table, and K a multiple of 64 at INT4, of 16 at INT2)`,
        );
      }
      if (a.blockSize !== format.blockSize || a.symmetric) {
        throw new BadInputError(
          `${where}: layer '${name}' in super-blocks at ${a.bits} bits has blocks of ${format.blockSize}, asymmetric (the plan says ${a.blockSize}, ${a.symmetric ? 'symmetric' : 'asymmetric'})`,
        );
      }
      const opset = int64ToNumber(model.proto.opsetImport.find((o) => !o.domain || o.domain === 'ai.onnx')?.version ?? 0);
      if (opset < SUPER_BLOCK_MIN_OPSET) {
        throw new BadInputError(
          `${where}: super-blocks need opset ${SUPER_BLOCK_MIN_OPSET} or later (their scale nodes use Mod); the model has opset ${opset}`,
        );
      }
    }
  }
}

const isBlockQuant = (a: LayerAssignment): a is BlockQuantAssignment => a.bits !== 32 && a.bits !== 16;

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

/** Every value and node name of the model, subgraphs included (new names must not shadow any). */
function allValueNames(model: ModelProto, every: NodeProto[]): string[] {
  const g = model.graph!;
  const names = [...g.initializer.map((t) => t.name), ...g.input.map((v) => v.name), ...g.output.map((v) => v.name)];
  for (const n of every) {
    names.push(...n.input, ...n.output, n.name ?? '');
    for (const sub of subgraphsOf(n)) names.push(...sub.initializer.map((t) => t.name), ...sub.input.map((v) => v.name));
  }
  return names;
}

/** Ops through which a weight reaches its reader (the analysis follows the same ones). */
const PASS_THROUGH = new Set(['Identity', 'Cast', 'Transpose', 'Expand', 'Tile', 'Slice', 'Reshape', 'Unsqueeze', 'Squeeze', 'Flatten']);

/** The type a reader computes in: the weight's type after the last Cast between it and the reader. */
function readTypeOf(producers: Map<string, NodeProto>, initializers: Map<string, TensorInfo>, value: string): number {
  let v = value;
  for (let depth = 0; depth < 16; depth++) {
    const init = initializers.get(v);
    if (init) return init.dataType;
    const p = producers.get(v);
    if (!p || !PASS_THROUGH.has(p.opType)) break;
    if (p.opType === 'Cast') return int64ToNumber(attr(p, 'to')?.i);
    v = p.input[0] ?? '';
  }
  return DataType.FLOAT;
}

/** What a changed layer produces. */
interface Change {
  name: string;
  layer: Layer;
  a: LayerAssignment;
  info: TensorInfo;
  /** Set for block-quantized layers: the tensors its readers use. */
  tensors?: PackedTensors;
  /** Set for float16 copies: the copy's name. */
  halfName?: string;
}

export function quantizeModel(model: OnnxModel, inv: Inventory, assignments: Assignments, options: RewriteOptions = {}): QuantizedModel {
  const sink = options.sink ?? new MemorySink();
  const layers = new Map(inv.layers.map((l) => [l.name, l]));
  checkAssignments(model, layers, assignments);

  // Nodes by stable id: the graph's own in file order, then those inside subgraphs (If branches, Loop
  // bodies), as the analysis numbers them.
  const every = allNodes(model.graph);
  const names = new NameAllocator(allValueNames(model.proto, every));
  const producers = new Map<string, NodeProto>();
  for (const node of every) for (const o of node.output) if (o) producers.set(o, node);
  const prologue: NodeProto[] = [];
  /** Replacement nodes by the replaced node's stable id. A weight read in several branches is packed once. */
  const replacements = new Map<number, NodeProto[]>();
  let usesContrib = false;

  // 1. The graph: names and shapes only, no weight is read yet. Layers that change: not unchanged, and
  // not a 16-bit float kept at 16.
  const changes = new Map<string, Change>();
  for (const [name, a] of assignments) {
    const layer = layers.get(name)!;
    if (a.bits === 32 || (a.bits === 16 && isHalfWidth(layer))) continue;
    const info = model.initializers.get(name);
    if (!info) throw new Error(`${model.path}: the inventory names initializer '${name}', which the model does not have`);
    const change: Change = { name, layer, a, info };
    changes.set(name, change);
    if (!isBlockQuant(a)) {
      change.halfName = names.fresh(`${name}_fp16`);
      prologue.push(castTo(change.halfName, name, names.fresh(`${name}_cast`), info.dataType));
      continue;
    }
    usesContrib = true;
    const tensors = new PackedTensors(name, layer, a, names, prologue);
    change.tensors = tensors;
    for (const use of layer.uses) {
      const node = readerOf(model, every, use);
      const readType = readTypeOf(producers, model.initializers, node.input[use.input] ?? '');
      const nodes = rewriteUse(node, use, layer, tensors, names, readType);
      if (nodes) replacements.set(use.nodeId, nodes);
    }
  }

  // Rebuild the node lists, subgraphs included: replacements in place, Casts first (at the top level, where
  // every branch sees them). Subgraph initializers stay in their graph, copied like the top level's.
  const ids = new Map(every.map((node, id) => [node, id]));
  const subInitializers: TensorInfo[] = [];
  const rebuildNodes = (list: NodeProto[]): NodeProto[] =>
    list.flatMap((node) => replacements.get(ids.get(node)!) ?? [withRebuiltSubgraphs(node)]);
  const rebuildGraph = (g: GraphProto): GraphProto => ({
    ...g,
    node: rebuildNodes(g.node),
    initializer: g.initializer.map((t) => {
      const info = describeInitializer(model, t);
      subInitializers.push(info);
      return sink.keep(info);
    }),
  });
  const withRebuiltSubgraphs = (node: NodeProto): NodeProto =>
    subgraphsOf(node).length === 0
      ? node
      : {
          ...node,
          attribute: node.attribute!.map((a) =>
            a.g ? { ...a, g: rebuildGraph(a.g) } : a.graphs?.length ? { ...a, graphs: a.graphs.map(rebuildGraph) } : a,
          ),
        };
  const top: GraphProto = { ...model.graph, node: [...prologue, ...rebuildNodes(model.graph.node)] };
  const replaced = new Set(changes.keys());
  removeDeadReaders(top, replaced);
  const read = new Set(graphsOf(top).flatMap((g) => g.node.flatMap((n) => n.input)));
  const castOutputs = new Set(prologue.filter((n) => n.opType === 'Cast').map((c) => c.output[0]));
  // A replaced weight stays only if something still reads the original (and no Cast now produces its name).
  const keepsOriginal = (name: string) => !replaced.has(name) || (read.has(name) && !castOutputs.has(name));

  // 2. The tensors, in the input's order: each layer read, converted or packed, and handed over.
  const initializers: TensorProto[] = [];
  // A kept layer's bytes as written: its tensor's; an already-quantized layer's codes come with their scales
  // and zero points (not layers of their own, kept with them), counted as the inventory counts them.
  const keptBytes = (info: TensorInfo) =>
    assignments.has(info.name) ? (layers.get(info.name)?.quantized ? layers.get(info.name)!.bytes : info.byteLength) : 0;
  let weightBytes = subInitializers.reduce((sum, info) => sum + keptBytes(info), 0);
  const scratch = newScratch();
  const nonFinite: string[] = [];
  let done = 0;
  let doneBytes = 0;
  const totalBytes = [...changes.values()].reduce((sum, c) => sum + c.info.byteLength, 0);
  for (const t of model.graph.initializer) {
    const info = model.initializers.get(t.name);
    if (keepsOriginal(t.name)) {
      initializers.push(info ? sink.keep(info) : t);
      if (info) weightBytes += keptBytes(info);
    }
    const change = changes.get(t.name);
    if (!change) continue;
    // Non-finite weights are collected over every layer and reported together; once one is found, the
    // rest are only scanned.
    let produced: ReturnType<typeof produceLayer>;
    try {
      produced = produceLayer(change, sink, scratch, nonFinite.length === 0);
    } catch (err) {
      if (err instanceof FactorRangeError) throw new BadInputError(`${model.path}: layer '${change.name}': ${err.message}`);
      throw err;
    }
    if (produced.bad > 0) nonFinite.push(`'${change.name}' (${produced.bad} value${produced.bad > 1 ? 's' : ''})`);
    for (const tensor of produced.tensors) {
      initializers.push(tensor.proto);
      weightBytes += tensor.bytes;
    }
    doneBytes += change.info.byteLength;
    options.onLayer?.(++done, changes.size, change.name, totalBytes > 0 ? doneBytes / totalBytes : 1);
  }
  if (nonFinite.length > 0) {
    throw new BadInputError(
      `${model.path}: NaN or Inf weights in ${nonFinite.length} layer${nonFinite.length > 1 ? 's' : ''}: ${nonFinite.join(', ')}`,
    );
  }

  const opsetImport = [...model.proto.opsetImport];
  if (usesContrib && !opsetImport.some((o) => o.domain === MS_DOMAIN)) opsetImport.push({ domain: MS_DOMAIN, version: 1 });
  const proto: ModelProto = {
    ...model.proto,
    opsetImport,
    graph: {
      ...top,
      initializer: initializers,
      input: model.graph.input.filter((i) => !replaced.has(i.name) || keepsOriginal(i.name)),
    },
  };
  return { proto, weightBytes };
}

/** Buffers reused across layers. */
export interface Scratch {
  bytes: { bytes: Uint8Array };
  values: Float32Array;
}

export function newScratch(): Scratch {
  return { bytes: { bytes: new Uint8Array(0) }, values: new Float32Array(0) };
}

function scratchBytes(scratch: Scratch, count: number): Uint8Array {
  if (scratch.bytes.bytes.byteLength < count) scratch.bytes.bytes = new Uint8Array(count);
  return scratch.bytes.bytes.subarray(0, count);
}

function scratchValues(scratch: Scratch, count: number): Float32Array {
  if (scratch.values.length < count) scratch.values = new Float32Array(count);
  return scratch.values.subarray(0, count);
}

/** One layer's new tensors (none when its weights are not finite), and its count of non-finite values. */
function produceLayer(
  change: Change,
  sink: TensorSink,
  scratch: Scratch,
  write: boolean,
): { tensors: Array<{ proto: TensorProto; bytes: number }>; bad: number } {
  const { info } = change;
  if (change.halfName) {
    // A float16 copy, converted a chunk at a time.
    const rowLength = info.dims.length > 1 ? info.dims[info.dims.length - 1]! : 1;
    const step = Math.max(rowLength, Math.floor(CHUNK_VALUES / rowLength) * rowLength);
    const stream = write ? sink.begin(change.halfName, info.dims, DataType.FLOAT16, info.numel * 2) : null;
    let bad = 0;
    let half = new Uint16Array(0);
    for (let first = 0; first < info.numel; first += step) {
      const count = Math.min(step, info.numel - first);
      const values = scratchValues(scratch, count);
      // float32 values are scanned by the conversion itself.
      bad += readFloat32Range(info, first, count, values, 0, scratch.bytes, false);
      if (half.length < count) half = new Uint16Array(count);
      bad += float32ToFloat16Into(values, half.subarray(0, count));
      if (stream && bad === 0) stream.write(bytesOf(half.subarray(0, count)));
    }
    if (!stream || bad > 0) return { tensors: [], bad };
    return { tensors: [{ proto: stream.end(), bytes: info.numel * 2 }], bad };
  }
  const a = change.a as BlockQuantAssignment;
  // Stored float16 scales: the codes are computed for the stored scale.
  const { packed, bad } = quantizeChunked(change.layer, info, a, scaleDataType(change.layer) === DataType.FLOAT16, scratch);
  if (bad > 0 || !write) return { tensors: [], bad };
  return { tensors: change.tensors!.emit(packed, sink), bad };
}

/**
 * GPTQ's cost grows as N·K² (K³ for the Hessian's factors, K² per calibration token to collect it, K²
 * floats to hold it): layers with more inputs fall back to `imatrix`.
 */
export const GPTQ_MAX_K = 2048;

const usesGptq = (a: BlockQuantAssignment, K: number) => a.scale === 'gptq' && Boolean(a.activations?.hessian) && K <= GPTQ_MAX_K;

/**
 * One layer's rows quantized by its scale method: `rtn` (MLAS's bytes); `search` (magnitude-weighted, as
 * llama.cpp's k-quants weigh values); `imatrix` (the same, each column also weighted by its activation's
 * mean square); `gptq` (GPTQ error compensation with block scales by the importance-weighted search).
 * A data-aware method without statistics for the layer (a Gather table, an input that was not observed)
 * quantizes as the next method down that has what it needs.
 */
export function quantizeLayer(
  rows: Float32Array,
  N: number,
  K: number,
  a: BlockQuantAssignment,
  float16Scales: boolean,
  into?: PackedOutput,
): PackedMatrix {
  const p: QuantParams = { bits: a.bits, blockSize: a.blockSize, symmetric: a.symmetric, float16Scales };
  const stats = a.activations;
  if (usesGptq(a, K)) return quantizeGptq(rows, N, K, stats!.hessian!, { ...p, search: true });
  if (a.scale === 'rtn') return quantizeRowsParallel(rows, N, K, p, into);
  const importance = a.scale !== 'search' && stats ? Float32Array.from(stats.meanSquare) : undefined;
  return quantizeRowsParallel(rows, N, K, { ...p, search: true, magnitudeWeights: true, importance }, into);
}

/**
 * `quantizeLayer` on a layer read a chunk at a time: rows of a weight stored [N, K]; for a weight stored
 * [K, N], tiles of every K for a range of outputs (one contiguous read when the whole matrix fits a chunk,
 * else a read per stored row), transposed into rows — or, when even one output's K does not fit a chunk
 * (and no statistics span K), bands of whole blocks along K. Rows and blocks are independent, so the codes
 * are the ones the whole matrix would get. GPTQ takes the layer whole (its inverse Hessian factor is
 * computed once per call). Non-finite values are counted (then nothing is packed) only when the kernels
 * refuse a chunk.
 */
export function quantizeChunked(
  layer: Layer,
  info: TensorInfo,
  a: BlockQuantAssignment,
  float16Scales: boolean,
  scratch: Scratch = newScratch(),
  chunkValues = CHUNK_VALUES,
): { packed: PackedMatrix; bad: number } {
  const p = { bits: a.bits, blockSize: a.blockSize, symmetric: a.symmetric };
  const { K, N } = matmulShape(layer);
  const { bits, blockSize } = p;
  const superBlocks = superBlockLayout(layer, a.bits, a);
  if (superBlocks) return quantizeSuperBlockChunked(layer, info, a, superBlocks, float16Scales, scratch, chunkValues);
  const chunk = usesGptq(a, K) ? Number.POSITIVE_INFINITY : chunkValues;
  const kBlocks = kBlocksOf(K, blockSize);
  const blob = blobSize(bits, blockSize);
  const zpRow = zeroPointRowBytes(kBlocks, bits);
  const packed: PackedMatrix = {
    N,
    K,
    bits,
    blockSize,
    kBlocks,
    codes: new Uint8Array(N * kBlocks * blob),
    scales: new Float32Array(N * kBlocks),
    zeroPoints: p.symmetric ? null : new Uint8Array(N * zpRow),
  };
  let bad = 0;
  /** Quantizes rows [n, kb] into place; a refused chunk is scanned for the non-finite values it holds. */
  const quantizeInto = (rows: Float32Array, n: number, kb: number, n0: number, b0: number) => {
    if (bad > 0) {
      bad += countNonFinite(rows);
      return;
    }
    try {
      // Statistics span K: a band of K (only when K alone overflows a chunk) quantizes without them.
      // Whole rows are packed straight into the layer's arrays (fresh outputs per chunk, then copied,
      // cost more in page faults than the kernels' own work).
      const into = kb === K ? rowsOf(packed, n0, n) : undefined;
      const tile = quantizeLayer(rows, n, kb, kb === K ? a : { ...a, activations: undefined }, float16Scales, into);
      if (tile.codes !== into?.codes) place(packed, tile, n0, b0);
    } catch (err) {
      const found = countNonFinite(rows);
      if (found === 0) throw err;
      bad += found;
    }
  };
  if (storedOutputMajor(layer)) {
    const rowsPer = Math.max(1, Math.floor(chunk / K));
    for (let n0 = 0; n0 < N; n0 += rowsPer) {
      const n = Math.min(rowsPer, N - n0);
      const rows = rowsBuffer(n * K);
      bad += readFloat32Range(info, n0 * K, n * K, rows, 0, scratch.bytes, false);
      quantizeInto(rows, n, K, n0, 0);
    }
    return { packed, bad };
  }
  // Stored [K, N]. Bands along K are a multiple of 4 blocks, so that packed zero points of any width fill
  // whole bytes.
  const unit = blockSize * 4;
  const size = FLOAT_BYTES[info.dataType];
  if (size === undefined) throw new BadInputError(`tensor '${info.name}' is ${dataTypeName(info.dataType)}, not a floating-point weight`);
  const band = a.activations !== undefined || K * Math.min(N, 64) <= chunk ? K : Math.max(unit, Math.floor(chunk / 64 / unit) * unit);
  const outputs = Math.min(N, Math.max(1, Math.floor(chunk / band)));
  for (let k0 = 0; k0 < K; k0 += band) {
    const kb = Math.min(band, K - k0);
    for (let n0 = 0; n0 < N; n0 += outputs) {
      const n = Math.min(outputs, N - n0);
      // The stored bytes of the tile (read into the kernels' memory where they run), then widened and
      // transposed into the rows in one pass.
      const rows = rowsBuffer(n * kb);
      const tile = stagingBytes(kb * n * size) ?? scratchBytes(scratch, kb * n * size);
      if (n === N) {
        readTensorRange(info, k0 * N * size, kb * N * size, tile);
      } else {
        for (let k = 0; k < kb; k++) readTensorRange(info, ((k0 + k) * N + n0) * size, n * size, tile.subarray(k * n * size));
      }
      quantizeInto(transposeStored(tile, info.dataType, kb, n, rows), n, kb, n0, k0 / blockSize);
    }
  }
  return { packed, bad };
}

/**
 * How a super-block layer's values are weighed: plain squared error for `rtn` and INT4 `search`, magnitude
 * weights for INT2 `search` (on llama-legacy they cost INT4 1.6 points of perplexity and gained INT2 5), and
 * for `imatrix` and `gptq` also the activations' mean squares.
 */
export function superBlockOptions(a: BlockQuantAssignment, float16: boolean): SuperBlockOptions {
  const importance = a.scale !== 'rtn' && a.scale !== 'search' && a.activations ? Float32Array.from(a.activations.meanSquare) : undefined;
  return { float16, magnitudeWeights: a.scale !== 'rtn' && a.bits === 2, importance };
}

/**
 * A super-block layer read a chunk of whole rows at a time (super-blocks span K): rows of a weight stored
 * [N, K], or columns of one stored [K, N] transposed into rows. Magnitude-weighted unless `rtn`; `imatrix`
 * and `gptq` also weigh each column by its activation's mean square (GPTQ's compensation is not applied:
 * its block updates assume the integer zero points of the plain layout).
 */
function quantizeSuperBlockChunked(
  layer: Layer,
  info: TensorInfo,
  a: BlockQuantAssignment,
  format: SuperBlockFormat,
  float16: boolean,
  scratch: Scratch,
  chunkValues: number,
): { packed: PackedMatrix; bad: number } {
  const { K, N } = matmulShape(layer);
  const { bits, blockSize } = format;
  const kBlocks = K / blockSize;
  const rowCodes = (K * bits) / 8;
  const rowIndices = indexRowBytes(K, format);
  const supers = K / superBlockSpan(K, format);
  const packed: PackedMatrix = {
    N,
    K,
    bits,
    blockSize,
    kBlocks,
    codes: new Uint8Array(N * rowCodes),
    scales: new Float32Array(N * kBlocks),
    zeroPoints: null,
    superBlocks: {
      format,
      indices: new Uint8Array(N * rowIndices),
      superScales: new Uint16Array(N * supers),
      superMins: new Uint16Array(N * supers),
      zeroPoints: new Float32Array(N * kBlocks),
    },
  };
  const options = superBlockOptions(a, float16);
  let bad = 0;
  const quantizeInto = (rows: Float32Array, n: number, n0: number) => {
    if (bad > 0) {
      bad += countNonFinite(rows);
      return;
    }
    try {
      const tile = quantizeSuperBlocksParallel(rows, n, K, format.bits, options);
      const into = packed.superBlocks!;
      packed.codes.set(tile.codes, n0 * rowCodes);
      packed.scales.set(tile.scales, n0 * kBlocks);
      into.zeroPoints.set(tile.superBlocks.zeroPoints, n0 * kBlocks);
      into.indices.set(tile.superBlocks.indices, n0 * rowIndices);
      into.superScales.set(tile.superBlocks.superScales, n0 * supers);
      into.superMins.set(tile.superBlocks.superMins, n0 * supers);
    } catch (err) {
      const found = countNonFinite(rows);
      if (found === 0) throw err;
      bad += found;
    }
  };
  const rowsPer = Math.max(1, Math.min(N, Math.floor(chunkValues / K)));
  const size = FLOAT_BYTES[info.dataType];
  if (size === undefined) throw new BadInputError(`tensor '${info.name}' is ${dataTypeName(info.dataType)}, not a floating-point weight`);
  for (let n0 = 0; n0 < N; n0 += rowsPer) {
    const n = Math.min(rowsPer, N - n0);
    const rows = rowsBuffer(n * K);
    if (storedOutputMajor(layer)) {
      bad += readFloat32Range(info, n0 * K, n * K, rows, 0, scratch.bytes, false);
      quantizeInto(rows, n, n0);
      continue;
    }
    const tile = stagingBytes(K * n * size) ?? scratchBytes(scratch, K * n * size);
    if (n === N) readTensorRange(info, 0, K * N * size, tile);
    else for (let k = 0; k < K; k++) readTensorRange(info, (k * N + n0) * size, n * size, tile.subarray(k * n * size));
    quantizeInto(transposeStored(tile, info.dataType, K, n, rows), n, n0);
  }
  return { packed, bad };
}

/**
 * Transposes a row-major [rows, cols] matrix of stored values (float32, float16, bfloat16 or float64 bytes)
 * into float32 `out`, widening on the way, tile by tile and writing each output row in order (a plain loop
 * misses the cache on every write). Non-finite values pass through: the kernels refuse them.
 */
export function transposeStored(bytes: Uint8Array, dataType: number, rows: number, cols: number, out: Float32Array): Float32Array {
  const count = rows * cols;
  // In the WebAssembly kernels' memory (`stagingBytes` into `rowsBuffer`): by their SIMD transpose.
  const kind = dataType === DataType.FLOAT ? 0 : dataType === DataType.FLOAT16 ? 1 : dataType === DataType.BFLOAT16 ? 2 : -1;
  if (kind >= 0 && transposeInKernels(bytes, kind as 0 | 1 | 2, rows, cols, out)) return out;
  if (dataType === DataType.FLOAT) return transposeTiles(new Float32Array(bytes.buffer, bytes.byteOffset, count), rows, cols, out);
  if (dataType === DataType.DOUBLE) return transposeTiles(new Float64Array(bytes.buffer, bytes.byteOffset, count), rows, cols, out);
  const half = new Uint16Array(bytes.buffer, bytes.byteOffset, count);
  if (dataType === DataType.FLOAT16) {
    // The same tiles, each value looked up in the table of all float16 values; written out rather than
    // through forTiles: V8 does not inline this closure, and the call per column cost 1.6× the loop.
    const table = float16Table();
    for (let r0 = 0; r0 < rows; r0 += TRANSPOSE_TILE) {
      const r1 = Math.min(rows, r0 + TRANSPOSE_TILE);
      for (let c0 = 0; c0 < cols; c0 += TRANSPOSE_TILE) {
        const c1 = Math.min(cols, c0 + TRANSPOSE_TILE);
        for (let c = c0; c < c1; c++) {
          const base = c * rows;
          for (let r = r0, i = r0 * cols + c; r < r1; r++, i += cols) out[base + r] = table[half[i]!]!;
        }
      }
    }
    return out;
  }
  // bfloat16 is the top half of a float32: shift the bits into an integer view of `out`.
  const bits = new Int32Array(out.buffer, out.byteOffset, count);
  forTiles(rows, cols, (r0, r1, c) => {
    const base = c * rows;
    for (let r = r0; r < r1; r++) bits[base + r] = half[r * cols + c]! << 16;
  });
  return out;
}

/** Side of the square tiles the transpose moves at a time. */
const TRANSPOSE_TILE = 64;

/** Calls `column(r0, r1, c)` for each column of each tile: rows r0..r1 of column c. */
function forTiles(rows: number, cols: number, column: (r0: number, r1: number, c: number) => void): void {
  for (let r0 = 0; r0 < rows; r0 += TRANSPOSE_TILE) {
    const r1 = Math.min(rows, r0 + TRANSPOSE_TILE);
    for (let c0 = 0; c0 < cols; c0 += TRANSPOSE_TILE) {
      const c1 = Math.min(cols, c0 + TRANSPOSE_TILE);
      for (let c = c0; c < c1; c++) column(r0, r1, c);
    }
  }
}

function transposeTiles(values: Float32Array | Float64Array, rows: number, cols: number, out: Float32Array): Float32Array {
  forTiles(rows, cols, (r0, r1, c) => {
    const base = c * rows;
    for (let r = r0; r < r1; r++) out[base + r] = values[r * cols + c]!;
  });
  return out;
}

/** The slices of a layer's packed arrays holding rows [n0, n0 + n). */
function rowsOf(m: PackedMatrix, n0: number, n: number): PackedOutput {
  const rowCodes = m.kBlocks * blobSize(m.bits, m.blockSize);
  const zpRow = zeroPointRowBytes(m.kBlocks, m.bits);
  return {
    codes: m.codes.subarray(n0 * rowCodes, (n0 + n) * rowCodes),
    scales: m.scales.subarray(n0 * m.kBlocks, (n0 + n) * m.kBlocks),
    zeroPoints: m.zeroPoints ? m.zeroPoints.subarray(n0 * zpRow, (n0 + n) * zpRow) : null,
  };
}

/** Copies a packed tile (rows n0.., blocks b0..) into the layer's packed matrix. */
function place(into: PackedMatrix, tile: PackedMatrix, n0: number, b0: number): void {
  const blob = blobSize(into.bits, into.blockSize);
  const zpRow = zeroPointRowBytes(into.kBlocks, into.bits);
  if (b0 === 0 && tile.kBlocks === into.kBlocks) {
    into.codes.set(tile.codes, n0 * into.kBlocks * blob);
    into.scales.set(tile.scales, n0 * into.kBlocks);
    if (into.zeroPoints && tile.zeroPoints) into.zeroPoints.set(tile.zeroPoints, n0 * zpRow);
    return;
  }
  const tileZpRow = zeroPointRowBytes(tile.kBlocks, tile.bits);
  const zpAt = (b0 * into.bits) / 8; // whole bytes: b0 is a multiple of 4 blocks
  for (let r = 0; r < tile.N; r++) {
    const n = n0 + r;
    into.codes.set(tile.codes.subarray(r * tile.kBlocks * blob, (r + 1) * tile.kBlocks * blob), (n * into.kBlocks + b0) * blob);
    into.scales.set(tile.scales.subarray(r * tile.kBlocks, (r + 1) * tile.kBlocks), n * into.kBlocks + b0);
    if (into.zeroPoints && tile.zeroPoints) {
      into.zeroPoints.set(tile.zeroPoints.subarray(r * tileZpRow, (r + 1) * tileZpRow), n * zpRow + zpAt);
    }
  }
}

/** One tensor a packed layer will produce, named now and filled once the layer is quantized. */
interface Planned {
  name: string;
  dims: number[];
  dataType: number;
  fill: (m: PackedMatrix) => Uint8Array;
}

/** The packed tensors of one layer, named on first use (a tied table needs both layouts). */
class PackedTensors {
  private codes?: string;
  private gatherCodes?: string;
  private scales?: string;
  private zeroPoints?: string | null;
  private readonly castScales = new Map<string, string>();
  /** Super-block layers: the computed scales and zero points, by the type the op computes in. */
  private superBlockStored?: SuperBlockStored;
  private readonly superBlockComputed = new Map<string, SuperBlockTensors>();
  private readonly superBlocks: SuperBlockFormat | null;
  private readonly planned: Planned[] = [];
  private readonly scaleType: number;
  private readonly matmul: PackedShapes;
  private readonly gather: PackedShapes;
  readonly bits: IntBits;
  readonly blockSize: number;

  constructor(
    readonly name: string,
    private readonly layer: Layer,
    a: BlockQuantAssignment,
    private readonly names: NameAllocator,
    private readonly prologue: NodeProto[],
  ) {
    this.scaleType = scaleDataType(layer);
    this.bits = a.bits;
    this.blockSize = a.blockSize;
    this.superBlocks = superBlockLayout(layer, a.bits, a);
    const shape = { ...matmulShape(layer), bits: a.bits, blockSize: a.blockSize };
    this.matmul = matmulNBitsShapes(shape, a.symmetric);
    this.gather = gatherBlockQuantizedShapes(shape, a.symmetric);
  }

  private plan(base: string, dims: number[], dataType: number, fill: (m: PackedMatrix) => Uint8Array): string {
    const name = this.names.fresh(base);
    this.planned.push({ name, dims, dataType, fill });
    return name;
  }

  /** The tensors, filled from the quantized layer and handed to the sink, in the order they were named. */
  emit(m: PackedMatrix, sink: TensorSink): Array<{ proto: TensorProto; bytes: number }> {
    return this.planned.map((p) => {
      const bytes = p.fill(m);
      return { proto: sink.add(p.name, p.dims, p.dataType, bytes), bytes: bytes.byteLength };
    });
  }

  /** A fresh value or node name in the graph being rewritten. */
  freshName(base: string): string {
    return this.names.fresh(base);
  }

  matmulCodes(): string {
    if (this.codes) return this.codes;
    const dims = this.matmul.codes;
    const shape = { ...matmulShape(this.layer), bits: this.bits, blockSize: this.blockSize };
    if (this.layer.tied && tiedCodesShared(shape)) {
      // A tied table stores its codes once, in the Gather layout (the same bytes when K fills whole
      // blocks); MatMulNBits reads them through a Reshape that onnxruntime folds into a constant.
      const target = this.plan(`${this.name}_Q${this.bits}_shape`, TIED_RESHAPE_SHAPE_DIMS, DataType.INT64, () =>
        bytesOf(BigInt64Array.from(dims.map(BigInt))),
      );
      this.codes = this.names.fresh(`${this.name}_Q${this.bits}`);
      this.prologue.push({
        input: [this.gatherData(), target],
        output: [this.codes],
        name: this.names.fresh(`${this.name}_reshape`),
        opType: 'Reshape',
      });
      return this.codes;
    }
    this.codes = this.plan(`${this.name}_Q${this.bits}`, dims, DataType.UINT8, (m) => m.codes);
    return this.codes;
  }

  gatherData(): string {
    this.gatherCodes ??= this.plan(`${this.name}_Q${this.bits}_rows`, this.gather.codes, DataType.UINT8, (m) => gatherLayout(m));
    return this.gatherCodes;
  }

  private storedScales(multiplier: number): string {
    const raw = (m: PackedMatrix) => {
      const values = multiplier === 1 ? m.scales : m.scales.map((s) => s * multiplier);
      if (this.scaleType !== DataType.FLOAT16) return bytesOf(values);
      const half = new Uint16Array(values.length);
      float32ToFloat16Into(values, half);
      return bytesOf(half);
    };
    if (multiplier !== 1) return this.plan(`${this.name}_scales`, this.matmul.scales, this.scaleType, raw);
    this.scales ??= this.plan(`${this.name}_scales`, this.matmul.scales, this.scaleType, raw);
    return this.scales;
  }

  /**
   * A super-block layer's computed scales and correction matrix for an op computing in `opType` (see
   * quant/super-block-graph.ts); null for other layers. Its stored tensors are planned once.
   */
  superBlockTensors(opType: number, multiplier = 1): SuperBlockTensors | null {
    if (!this.superBlocks) return null;
    const key = `${opType}:${multiplier}`;
    let found = this.superBlockComputed.get(key);
    if (!found) {
      const { K, N } = matmulShape(this.layer);
      this.superBlockStored ??= planSuperBlockTensors(this.name, N, K, this.superBlocks, (base, dims, dataType, fill) =>
        this.plan(base, dims, dataType, fill),
      );
      const made = superBlockLayerNodes(this.name, this.superBlockStored, opType, multiplier, (base) => this.names.fresh(base));
      this.prologue.push(...made.nodes);
      found = made.tensors;
      this.superBlockComputed.set(key, found);
    }
    return found;
  }

  /** The scales as an op computing in `opType` reads them: cast (once, constant-folded) when stored otherwise. */
  scaleTensor(opType: number, multiplier = 1): string {
    const superBlocks = this.superBlockTensors(opType, multiplier);
    if (superBlocks) return superBlocks.scales;
    const stored = this.storedScales(multiplier);
    if (opType === this.scaleType) return stored;
    const key = `${stored}:${opType}`;
    let cast = this.castScales.get(key);
    if (!cast) {
      cast = this.names.fresh(`${stored}_${dataTypeName(opType)}`);
      this.prologue.push(castTo(stored, cast, this.names.fresh(`${stored}_cast`), opType));
      this.castScales.set(key, cast);
    }
    return cast;
  }

  zeroPointTensor(): string | null {
    if (this.superBlocks) return null; // symmetric MatMulNBits plus a correction by block
    if (this.zeroPoints === undefined) {
      const dims = this.matmul.zeroPoints;
      this.zeroPoints = dims ? this.plan(`${this.name}_zp`, dims, DataType.UINT8, (m) => m.zeroPoints!) : null;
    }
    return this.zeroPoints;
  }
}

/** The type a contrib op computes in for a reader computing in `readType`: float16 stays, all else float. */
function opTypeFor(readType: number): number {
  return readType === DataType.FLOAT16 ? DataType.FLOAT16 : DataType.FLOAT;
}

function matmulNBits(
  a: string,
  t: PackedTensors,
  K: number,
  N: number,
  output: string,
  name: string,
  opType: number,
  scaleMultiplier = 1,
): NodeProto[] {
  const zp = t.zeroPointTensor();
  const inputs = [a, t.matmulCodes(), t.scaleTensor(opType, scaleMultiplier)];
  if (zp) inputs.push(zp);
  const superBlocks = t.superBlockTensors(opType, scaleMultiplier);
  const main = superBlocks ? t.freshName(`${output}_main`) : output;
  const op: NodeProto = {
    input: inputs,
    output: [main],
    name,
    opType: 'MatMulNBits',
    domain: MS_DOMAIN,
    attribute: [intAttr('K', K), intAttr('N', N), intAttr('bits', t.bits), intAttr('block_size', t.blockSize)],
  };
  if (!superBlocks) return [op];
  return [op, ...superBlockUseNodes(t.name, a, main, output, superBlocks, opType, (base) => t.freshName(base))];
}

/** The node a use names, checked: an inventory of another model must not rewrite the wrong node. */
function readerOf(model: OnnxModel, every: NodeProto[], use: WeightUse): NodeProto {
  const node = every[use.nodeId];
  if (!node || node.opType !== use.op || (node.name ?? '') !== use.nodeName) {
    throw new Error(`${model.path}: the inventory does not describe this model (node ${use.nodeId} is not ${use.op} '${use.nodeName}')`);
  }
  return node;
}

/**
 * The replacement of one reader. The op computes in `opTypeFor(readType)`; when the reader computed in
 * another type (bfloat16, double), its activation input is cast to the op's type and its output back.
 */
function rewriteUse(
  node: NodeProto,
  use: WeightUse,
  layer: Layer,
  t: PackedTensors,
  names: NameAllocator,
  readType: number,
): NodeProto[] | null {
  const { K, N } = matmulShape(layer);
  const { bits, blockSize } = t;
  const nodeName = node.name || names.fresh(`${t.name}_reader`);
  // The analysis gave these readers their role from these very inputs and outputs.
  const [input = '', indices = ''] = node.input;
  const [output = ''] = node.output;
  const opType = opTypeFor(readType);
  const wrapped = opType !== readType;
  const before: NodeProto[] = [];
  const activation = (input: string) => {
    if (!wrapped) return input;
    const cast = names.fresh(`${input}_${dataTypeName(opType)}`);
    before.push(castTo(input, cast, names.fresh(`${nodeName}_in_cast`), opType));
    return cast;
  };
  /** The op's output: the reader's own name, or a temporary cast back to the reader's type. */
  const result = (output: string): { name: string; after: NodeProto[] } => {
    if (!wrapped) return { name: output, after: [] };
    const tmp = names.fresh(`${output}_${dataTypeName(opType)}`);
    return { name: tmp, after: [castTo(tmp, output, names.fresh(`${nodeName}_out_cast`), readType)] };
  };
  switch (use.role) {
    case 'matmul': {
      const out = result(output);
      return [...before, ...matmulNBits(activation(input), t, K, N, out.name, `${nodeName}_Q${bits}`, opType), ...out.after];
    }
    case 'gemm': {
      const alpha = attr(node, 'alpha')?.f ?? 1;
      const beta = attr(node, 'beta')?.f ?? 1;
      const bias = node.input[2];
      const a = activation(input);
      if (!bias) {
        const out = result(output);
        return [...before, ...matmulNBits(a, t, K, N, out.name, `${nodeName}_Q${bits}`, opType, alpha), ...out.after];
      }
      // The bias is added in the reader's own type, after the product is cast back.
      const product = names.fresh(`${output}_matmul`);
      const productOut = result(product);
      const out: NodeProto[] = [
        ...before,
        ...matmulNBits(a, t, K, N, productOut.name, `${nodeName}_Q${bits}`, opType, alpha),
        ...productOut.after,
      ];
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
        if (readType !== DataType.FLOAT) {
          const typed = names.fresh(`${betaName}_${dataTypeName(readType)}`);
          out.push(castTo(betaName, typed, names.fresh(`${nodeName}_beta_cast`), readType));
          out.push({ input: [bias, typed], output: [c], name: names.fresh(`${nodeName}_bias_scale`), opType: 'Mul' });
        } else {
          out.push({ input: [bias, betaName], output: [c], name: names.fresh(`${nodeName}_bias_scale`), opType: 'Mul' });
        }
      }
      out.push({ input: [product, c], output: [output], name: names.fresh(`${nodeName}_bias`), opType: 'Add' });
      return out;
    }
    case 'gather': {
      const axis = int64ToNumber(attr(node, 'axis')?.i ?? 0);
      if (axis !== 0) throw new BadInputError(`layer '${t.name}': a Gather on axis ${axis} cannot be block-quantized`);
      const zp = t.zeroPointTensor();
      const inputs = [t.gatherData(), indices, t.scaleTensor(opType)];
      if (zp) inputs.push(zp);
      const out = result(output);
      return [
        {
          input: inputs,
          output: [out.name],
          name: `${nodeName}_Q${bits}`,
          opType: 'GatherBlockQuantized',
          domain: MS_DOMAIN,
          attribute: [intAttr('gather_axis', 0), intAttr('quantize_axis', 1), intAttr('block_size', blockSize), intAttr('bits', bits)],
        },
        ...out.after,
      ];
    }
    default:
      // Planned widths are checked against the op first: any other reader keeps the original tensor.
      return null;
  }
}

/** The graph and every subgraph in it. */
function graphsOf(graph: GraphProto): GraphProto[] {
  const out = [graph];
  for (let i = 0; i < out.length; i++) for (const node of out[i]!.node) out.push(...subgraphsOf(node));
  return out;
}

/**
 * Drops Identity/Transpose/Cast nodes left reading a replaced weight with nobody reading their output, in
 * the graph and its subgraphs (whose node lists are this rewrite's own copies).
 */
function removeDeadReaders(top: GraphProto, replaced: Set<string>): void {
  const dead = new Set(replaced);
  for (;;) {
    const graphs = graphsOf(top);
    const read = new Set(graphs.flatMap((g) => g.node.flatMap((n) => n.input)));
    const outputs = new Set(graphs.flatMap((g) => g.output.map((o) => o.name)));
    let removed = 0;
    for (const g of graphs) {
      const before = g.node.length;
      g.node = g.node.filter((n) => {
        const removable =
          (n.opType === 'Identity' || n.opType === 'Transpose' || n.opType === 'Cast') &&
          n.input.some((i) => dead.has(i)) &&
          n.output.every((o) => !read.has(o) && !outputs.has(o));
        if (removable) n.output.forEach((o) => dead.add(o));
        return !removable;
      });
      removed += before - g.node.length;
    }
    if (removed === 0) return;
  }
}
