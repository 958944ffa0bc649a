/**
 * The weight formats the quantizer writes, in one place: which widths each reader op can take, the shapes
 * of the tensors onnxruntime's com.microsoft contrib ops read, and the bytes they hold. The planner counts
 * bytes with these shapes and the rewrite writes tensors of these shapes, so the plan's bytes are the file's.
 *
 * - MatMulNBits: B uint8 [N, k_blocks, block_size·bits/8], scales [N, k_blocks], zero points (asymmetric
 *   only) uint8 [N, ceil(k_blocks·bits/8)]; N output columns of K inputs, blocks along K.
 * - GatherBlockQuantized (4 or 8 bits): data uint8 [rows, ceil(cols·bits/8)], scales [rows, k_blocks],
 *   zero points (asymmetric only) uint8 [rows, ceil(k_blocks·bits/8)].
 * - A tied table (read by Gather and, transposed, by a head) stores its codes once in the Gather layout when
 *   K fills whole blocks (the same bytes as the MatMulNBits layout), and MatMulNBits reads them through a
 *   Reshape to a constant 3-value int64 shape; otherwise it stores both layouts.
 * Scales are stored in the weight's own width: float16 for float16 weights; float16 too for bfloat16 weights
 * (onnxruntime's CPU MatMulNBits and GatherBlockQuantized take float or float16 scales, never bfloat16, and
 * the kernels compute codes for float16-rounded scales exactly; a Cast gives the op the type it computes in);
 * float32 for every other model.
 */
import type { Layer } from '../analyze/types.js';
import { DataType } from '../onnx/dtype.js';

/** Widths a plan can give a layer: 32 unchanged, 16 float16, 8/4/2 block-quantized integers. */
export type Bits = 32 | 16 | 8 | 4 | 2;
/** The block-quantized widths. */
export type IntBits = 8 | 4 | 2;
export const ALL_BITS: readonly Bits[] = [32, 16, 8, 4, 2];

export const isIntBits = (bits: number): bits is IntBits => bits === 8 || bits === 4 || bits === 2;

/** The contrib ops' domain. */
export const MS_DOMAIN = 'com.microsoft';

/** Block sizes the contrib ops take: a power of two from 16 to 256. */
export function isBlockSize(n: number): boolean {
  return Number.isInteger(n) && n >= 16 && n <= 256 && (n & (n - 1)) === 0;
}

/** The settings that change a block-quantized layout (the scale method changes values, not layout). */
export interface QuantSettings {
  blockSize: number;
  symmetric: boolean;
  /**
   * Super-blocks (k-quants' layout, see below) for the INT4 and INT2 layers that can take them; the others
   * take `blockSize` and `symmetric`.
   */
  superBlocks?: boolean;
}

/**
 * Whether the initializer is stored [N, K] (output-major): Gemm with transB, Gather tables, and tables read
 * through a Transpose (tied heads). MatMul B and plain Gemm B are [K, N].
 */
export function storedOutputMajor(layer: Layer): boolean {
  if (layer.tied || layer.role === 'gather') return true;
  const transposed = layer.uses[0]?.transposed ?? false;
  if (layer.role === 'gemm') return layer.transB !== transposed;
  return transposed;
}

/** The matrix a MatMulNBits would hold: N output columns of K inputs. */
export function matmulShape(layer: Layer): { K: number; N: number } {
  const [a = 1, b = 1] = layer.shape;
  return storedOutputMajor(layer) ? { K: b, N: a } : { K: a, N: b };
}

/** Bit widths the layer's op can take once rewritten. */
export function allowedBits(layer: Layer): readonly Bits[] {
  // Already quantized in the input: kept as it is (never quantized twice).
  if (layer.quantized) return [32];
  const twoD = layer.shape.length === 2;
  if (twoD && (layer.tied || layer.role === 'gather')) return [32, 16, 8, 4];
  if (twoD && (layer.role === 'matmul' || layer.role === 'gemm')) return ALL_BITS;
  return [32, 16];
}

/** The stored scales' data type: float16 for 16-bit float weights (float16, bfloat16), float32 otherwise. */
export function scaleDataType(layer: Layer): typeof DataType.FLOAT16 | typeof DataType.FLOAT {
  return layer.dataType === DataType.FLOAT16 || layer.dataType === DataType.BFLOAT16 ? DataType.FLOAT16 : DataType.FLOAT;
}

/** Whether the layer is stored in 16 bits already (float16 or bfloat16): width 16 keeps it as it is. */
export function isHalfWidth(layer: { dataType: number }): boolean {
  return layer.dataType === DataType.FLOAT16 || layer.dataType === DataType.BFLOAT16;
}

/** Bytes of one element of the types these formats store. */
const ELEMENT_BYTES = { uint8: 1, int64: 8, float16: 2, float32: 4 } as const;

/** Bytes of one scale. */
export function scaleBytes(layer: Layer): number {
  return scaleDataType(layer) === DataType.FLOAT16 ? ELEMENT_BYTES.float16 : ELEMENT_BYTES.float32;
}

/** One block-quantized matrix: N rows of K values, in blocks of `blockSize` along K. */
export interface BlockQuantShape {
  N: number;
  K: number;
  bits: IntBits;
  blockSize: number;
}

/** Blocks per row. */
export function kBlocksOf(K: number, blockSize: number): number {
  return Math.ceil(K / blockSize);
}

/**
 * Super-blocks: llama.cpp's q4_K / q2_K layout carried by MatMulNBits (quant/super-blocks.ts). Each block of
 * 32 (INT4) or 16 (INT2) values has a scale index and a minimum index of 6 (INT4) or 4 (INT2) bits, of two
 * float16 factors d and dmin per 256 values: scale = d·i_scale, offset = dmin·i_min, value = scale·q − offset.
 * Stored: the codes [N, k_blocks, blob] as MatMulNBits reads them; the indices uint8 [N, groups, groupBytes]
 * (per block the scale index then the minimum index, low bits first; 4 indices in 3 bytes at 6 bits, 2 in 1
 * at 4); d and dmin float16 [N, K/256, 1]; and the small constants of the nodes that compute MatMulNBits'
 * scales and a per-block correction from them (onnxruntime folds those nodes when it loads the model). 4.5 and 2.625
 * bits per weight, as q4_K and q2_K, plus the constants.
 */
export const SUPER_BLOCK = 256;

export interface SuperBlockFormat {
  bits: 4 | 2;
  /** Values per block (one scale index and one minimum index each). */
  blockSize: number;
  indexBits: 6 | 4;
  /** Indices are packed in groups of this many bytes, `indicesPerGroup` indices each. */
  groupBytes: number;
  indicesPerGroup: number;
}

/** q4_K's layout at INT4, q2_K's at INT2; INT8 has none. */
export function superBlockFormat(bits: IntBits): SuperBlockFormat | null {
  if (bits === 4) return { bits, blockSize: 32, indexBits: 6, groupBytes: 3, indicesPerGroup: 4 };
  if (bits === 2) return { bits, blockSize: 16, indexBits: 4, groupBytes: 1, indicesPerGroup: 2 };
  return null;
}

/**
 * Values per super-block in a row of K: 256 where K is a multiple of it, else the largest whole number of
 * index groups (INT4: block pairs, 64 values; INT2: blocks) that divides K (192 for K = 384: two factors per
 * 192 values, 0.17 bits per weight instead of 0.125; 128 for Qwen2's K = 896); 0 when K is not a whole
 * number of index groups. Each super-block's indices then start on a byte of the row's index stream.
 */
export function superBlockSpan(K: number, f: SuperBlockFormat): number {
  const pair = (f.groupBytes * 8) / (2 * f.indexBits); // blocks per index group
  if (K <= 0 || K % (f.blockSize * pair) !== 0) return 0;
  // A super-block's indices start on a byte: a whole number of index groups (INT4: block pairs).
  const step = f.blockSize * pair;
  for (let span = SUPER_BLOCK; span >= step; span -= step) if (K % span === 0) return span;
  return 0;
}

/** Whether a matrix of K inputs can take super-blocks at `bits`. */
export function takesSuperBlocks(K: number, bits: IntBits): boolean {
  const f = superBlockFormat(bits);
  return f !== null && superBlockSpan(K, f) > 0;
}

/** Bytes of one row's packed indices: two per block. */
export function indexRowBytes(K: number, f: SuperBlockFormat): number {
  return ((K / f.blockSize) * 2 * f.indexBits) / 8;
}

/**
 * The layer's super-block format at `bits` when the settings ask for super-blocks and the layer can take
 * them (read by MatMul or Gemm only, not a tied table, K a multiple of 64 at INT4 or of 16 at INT2: superBlockSpan); else null.
 */
export function superBlockLayout(layer: Layer, bits: Bits, q: QuantSettings): SuperBlockFormat | null {
  if (!q.superBlocks || !isIntBits(bits) || layer.quantized || layer.tied || layer.shape.length !== 2) return null;
  if (!layer.uses.every((u) => u.role === 'matmul' || u.role === 'gemm')) return null;
  return takesSuperBlocks(matmulShape(layer).K, bits) ? superBlockFormat(bits) : null;
}

/**
 * The constants of a super-block layer's nodes (quant/super-block-graph.ts): the byte weights int32
 * [groupBytes, 1] (a MatMul joins a group's bytes; none for one-byte groups), the divisors int32
 * [indicesPerGroup], the modulus int32, two Gather indices int64, the index pairs' shape int64 [4], the
 * scales' shape int64 [2], 2^(bits−1) float32, d's and dmin's unit float32, a Slice's bounds int64 [1] twice, the block shape int64 [2]
 * and ones float32 [blockSize].
 */
export function superBlockConstantShapes(f: SuperBlockFormat): { dims: number[]; bytes: number }[] {
  return [
    ...(f.groupBytes > 1 ? [{ dims: [f.groupBytes, 1], bytes: 4 }] : []),
    { dims: [f.indicesPerGroup], bytes: 4 },
    { dims: [], bytes: 4 },
    { dims: [], bytes: 8 },
    { dims: [], bytes: 8 },
    { dims: [4], bytes: 8 },
    { dims: [2], bytes: 8 },
    { dims: [], bytes: 4 },
    { dims: [], bytes: 4 },
    { dims: [1], bytes: 8 },
    { dims: [1], bytes: 8 },
    { dims: [2], bytes: 8 },
    { dims: [f.blockSize], bytes: 4 },
  ];
}

/** Bytes of a layer stored in super-blocks: codes, indices, d and dmin, and the constants. */
export function superBlockBytes(N: number, K: number, f: SuperBlockFormat): number {
  const constants = superBlockConstantShapes(f).reduce((sum, c) => sum + numel(c.dims) * c.bytes, 0);
  return (N * K * f.bits) / 8 + N * indexRowBytes(K, f) + 2 * N * (K / superBlockSpan(K, f)) * ELEMENT_BYTES.float16 + constants;
}

/** Bytes of one packed block. */
export function blobSize(bits: IntBits, blockSize: number): number {
  return (blockSize * bits) / 8;
}

/** Bytes of one row's packed zero points (one per block, packed like the codes). */
export function zeroPointRowBytes(kBlocks: number, bits: IntBits): number {
  return Math.ceil((kBlocks * bits) / 8);
}

/** Bytes of one row's codes in the Gather layout: packed contiguously, no block padding. */
export function gatherRowBytes(K: number, bits: IntBits): number {
  return Math.ceil((K * bits) / 8);
}

/** The stored shapes of one layer's tensors in one op's layout. */
export interface PackedShapes {
  codes: number[];
  scales: number[];
  /** null when symmetric (the op's default zero point, 2^(bits−1)). */
  zeroPoints: number[] | null;
}

export function matmulNBitsShapes(m: BlockQuantShape, symmetric: boolean): PackedShapes {
  const kBlocks = kBlocksOf(m.K, m.blockSize);
  return {
    codes: [m.N, kBlocks, blobSize(m.bits, m.blockSize)],
    scales: [m.N, kBlocks],
    zeroPoints: symmetric ? null : [m.N, zeroPointRowBytes(kBlocks, m.bits)],
  };
}

export function gatherBlockQuantizedShapes(m: BlockQuantShape, symmetric: boolean): PackedShapes {
  return { ...matmulNBitsShapes(m, symmetric), codes: [m.N, gatherRowBytes(m.K, m.bits)] };
}

/** Whether a tied table's Gather codes are also its MatMulNBits codes: K fills whole blocks. */
export function tiedCodesShared(m: BlockQuantShape): boolean {
  return m.K % m.blockSize === 0;
}

/** The Reshape target through which MatMulNBits reads a tied table's shared codes: a 3-value int64 tensor. */
export const TIED_RESHAPE_SHAPE_DIMS = [3];

const numel = (dims: readonly number[]) => dims.reduce((p, d) => p * d, 1);

/** Bytes of a tensor of this shape (none: 0) and element size. */
function tensorBytes(dims: readonly number[] | null, elementBytes: number): number {
  return dims ? numel(dims) * elementBytes : 0;
}

/** The block-quantized shape of `layer` at `bits`. */
export function blockQuantShape(layer: Layer, bits: IntBits, blockSize: number): BlockQuantShape {
  return { ...matmulShape(layer), bits, blockSize };
}

/**
 * Bytes of `layer` stored at `bits`: 32 unchanged, 16 a float16 copy, 8/4/2 the tensors of its readers'
 * layouts (see the top of this file).
 */
export function layerBytes(layer: Layer, bits: Bits, q: QuantSettings): number {
  if (bits === 32) return layer.bytes;
  if (bits === 16) return isHalfWidth(layer) ? layer.bytes : layer.params * ELEMENT_BYTES.float16;
  const superBlocks = superBlockLayout(layer, bits, q);
  if (superBlocks) {
    const { N, K } = matmulShape(layer);
    return superBlockBytes(N, K, superBlocks);
  }
  const m = blockQuantShape(layer, bits, q.blockSize);
  const matmul = matmulNBitsShapes(m, q.symmetric);
  const gather = gatherBlockQuantizedShapes(m, q.symmetric);
  const own = layer.tied || layer.role === 'gather' ? gather : matmul;
  let codes = tensorBytes(own.codes, ELEMENT_BYTES.uint8);
  if (layer.tied) {
    codes += tiedCodesShared(m)
      ? tensorBytes(TIED_RESHAPE_SHAPE_DIMS, ELEMENT_BYTES.int64)
      : tensorBytes(matmul.codes, ELEMENT_BYTES.uint8);
  }
  return codes + tensorBytes(own.scales, scaleBytes(layer)) + tensorBytes(own.zeroPoints, ELEMENT_BYTES.uint8);
}
