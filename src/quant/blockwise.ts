/**
 * Block-wise integer quantization (INT8/INT4/INT2, symmetric or asymmetric, block 16..256), packed in
 * onnxruntime's `com.microsoft::MatMulNBits` layout. The kernels run as WebAssembly SIMD
 * (`wasm/assembly/kernels.ts`) with a byte-identical JavaScript fallback (`kernels-js.ts`, where the
 * arithmetic is defined exactly).
 *
 * Input: `rows`, row-major [N, K] float32 (one row = one output column of MatMulNBits); blocks run along K.
 * Output (see `PackedMatrix`):
 * - codes    uint8 [N, kBlocks, blockSize·bits/8]: codes packed low bits first along K (two 4-bit codes per
 *            byte, four 2-bit codes, or one 8-bit code); a short last block is padded with the zero point,
 *            so padding dequantizes to 0;
 * - scales   float32 [N · kBlocks] (float16-representable values with `float16Scales`);
 * - zero points (asymmetric only) uint8 [N · ceil(kBlocks·bits/8)], packed the same way per row.
 * Dequantization: x ≈ (code − zeroPoint) · scale, with zeroPoint = 2^(bits−1) when none is stored.
 *
 * Scale choice:
 * - round-to-nearest (`search: false`): exactly MLAS's quantizer (onnxruntime's MatMulNBits quantizer):
 *   symmetric maps the block's value of largest magnitude to code 0; asymmetric spans [min(x, 0), max(x, 0)].
 * - search (`search: true`): per block, three or four candidate scales around round-to-nearest's (an
 *   asymmetric one with the zero point that centres the grid on the block's range), each with the
 *   least-squares scale for its codes (INT2: one round of re-rounding and re-fitting symmetric; weighted,
 *   three candidates and up to three rounds), and the codes rounded again with the stored scale; minimizes Σ w_k (x_k − q_k)² with w the optional
 *   per-column `importance` (1 without). Lower error than round-to-nearest in practice.
 */
import { blobSize, type IntBits, type SuperBlockFormat } from '../formats/layout.js';
import { quantizeRowsJs, type JsKernelParams } from './kernels-js.js';
import { WasmKernels } from './wasm-kernels.js';

export interface QuantParams {
  bits: IntBits;
  blockSize: number;
  symmetric: boolean;
  /** Error-minimizing scale search instead of round-to-nearest. */
  search?: boolean;
  /**
   * Round every scale to float16 before the codes are computed (the model stores its scales as float16):
   * what is stored is what was optimized, and the output scales convert to float16 without loss.
   */
  float16Scales?: boolean;
  /**
   * Search: weigh each value also by σ + |x|, σ² its block's mean square (llama.cpp's q4_K does):
   * minimizing plain squared error clips the largest weights, which a model's output misses more than the
   * error suggests (measured on llama-legacy's perplexity).
   */
  magnitudeWeights?: boolean;
  /**
   * Importance of each of the K columns (e.g. the mean square of the activation that multiplies it): the
   * search minimizes Σ importance_k · (x_k − q_k)². Round-to-nearest ignores it.
   */
  importance?: Float32Array;
}

/** A super-block layer's stored tensors beside its codes (quant/super-blocks.ts). */
export interface SuperBlockData {
  format: SuperBlockFormat;
  /** Per row, per block: the scale index then the minimum index, `indexBits` each, packed low bits first. */
  indices: Uint8Array;
  /** float16 bits of d, [N, K / span]. */
  superScales: Uint16Array;
  /** float16 bits of dmin, [N, K / span]. */
  superMins: Uint16Array;
  /** The float zero points MatMulNBits reads, [N, k_blocks] (the `scales` of the matrix are its scales). */
  zeroPoints: Float32Array;
}

export interface PackedMatrix {
  N: number;
  K: number;
  bits: IntBits;
  blockSize: number;
  kBlocks: number;
  codes: Uint8Array;
  scales: Float32Array;
  zeroPoints: Uint8Array | null;
  /** Super-block quantization (quant/super-blocks.ts): its stored tensors and the float zero points. */
  superBlocks?: SuperBlockData;
}

/** Output arrays to fill instead of allocating. */
export interface PackedOutput {
  codes: Uint8Array;
  scales: Float32Array;
  zeroPoints: Uint8Array | null;
}

const f32 = Math.fround;

let wasm: WasmKernels | null | undefined;

/** Which implementation runs: WebAssembly SIMD where the runtime has it, else JavaScript. */
export function kernelImplementation(): 'wasm' | 'js' {
  wasm ??= WasmKernels.load();
  return wasm ? 'wasm' : 'js';
}

/** The WebAssembly kernels of this thread, or null where they are missing (the worker pool shares their memory). */
export function wasmKernels(): WasmKernels | null {
  return kernelImplementation() === 'wasm' ? wasm! : null;
}

/**
 * A float32 array of `count` values in the WebAssembly kernels' memory for the caller to fill (read or
 * transpose a tensor straight into it): `quantizeRows` then reads it in place, without copying the weights
 * again. A plain array where WebAssembly is missing. Valid until the next call.
 */
export function rowsBuffer(count: number): Float32Array {
  return kernelImplementation() === 'wasm' ? wasm!.rowsInHeap(count) : new Float32Array(count);
}

/**
 * `count` bytes in the WebAssembly kernels' memory after the last `rowsBuffer`, to read stored weights into
 * for `transposeInKernels` (null where WebAssembly is missing). Valid until the next call.
 */
export function stagingBytes(count: number): Uint8Array | null {
  return kernelImplementation() === 'wasm' ? wasm!.stagingBytes(count) : null;
}

/**
 * Transposes [rows, cols] stored float32 / float16 / bfloat16 values (`stagingBytes`) into the last
 * `rowsBuffer`, float32 [cols, rows], by the WebAssembly kernels; false where they cannot (then the caller
 * transposes).
 */
export function transposeInKernels(stored: Uint8Array, kind: 0 | 1 | 2, rows: number, cols: number, out: Float32Array): boolean {
  return kernelImplementation() === 'wasm' && wasm!.transposeInto(stored, kind, rows, cols, out);
}

/** Quantizes and packs a [N, K] matrix. Throws on a NaN or infinite value. */
export function quantizeRows(
  rows: Float32Array,
  N: number,
  K: number,
  p: QuantParams,
  into?: PackedOutput,
  implementation: 'wasm' | 'js' = kernelImplementation(),
): PackedMatrix {
  if (rows.length !== N * K) throw new Error(`quantizeRows: ${rows.length} values for [${N}, ${K}]`);
  const { bits, blockSize } = p;
  const kBlocks = Math.ceil(K / blockSize);
  const zpPerRow = Math.ceil((kBlocks * bits) / 8);
  const out: PackedOutput = {
    codes: into?.codes ?? new Uint8Array(N * kBlocks * blobSize(bits, blockSize)),
    scales: into?.scales ?? new Float32Array(N * kBlocks),
    zeroPoints: p.symmetric ? null : (into?.zeroPoints ?? new Uint8Array(N * zpPerRow)),
  };
  const bad = packRows(rows, N, K, kernelParams(p, K), out, implementation);
  if (bad > 0) throw nonFiniteError(bad);
  return { N, K, bits, blockSize, kBlocks, ...out };
}

/**
 * The kernels on [N, K] rows into `out` (sized for them): returns the number of blocks holding a NaN or
 * infinite value (the outputs are then unspecified).
 */
export function packRows(
  rows: Float32Array,
  N: number,
  K: number,
  params: JsKernelParams,
  out: PackedOutput,
  implementation: 'wasm' | 'js' = kernelImplementation(),
): number {
  return implementation === 'wasm' && kernelImplementation() === 'wasm'
    ? wasm!.quantize(rows, N, K, params, out.codes, out.scales, out.zeroPoints)
    : quantizeRowsJs(rows, N, K, params, out.codes, out.scales, out.zeroPoints);
}

/** The error for `bad` blocks holding a NaN or infinite value. */
export function nonFiniteError(bad: number): Error {
  return new Error(`quantizeRows: NaN or infinite values in ${bad} block${bad > 1 ? 's' : ''}`);
}

/** The kernels' parameters (checked, importance normalized). */
export function kernelParams(p: QuantParams, K: number): JsKernelParams {
  if (!(p.blockSize >= 16 && p.blockSize <= 256 && (p.blockSize & (p.blockSize - 1)) === 0)) {
    throw new Error(`quantizeRows: block size ${p.blockSize} is not a power of two from 16 to 256`);
  }
  if (p.importance && p.importance.length !== K) throw new Error(`quantizeRows: ${p.importance.length} importance weights for K = ${K}`);
  return {
    bits: p.bits,
    blockSize: p.blockSize,
    symmetric: p.symmetric,
    search: p.search ?? false,
    float16Scales: p.float16Scales ?? false,
    magnitude: p.magnitudeWeights ?? false,
    importance: p.importance ? normalizedImportance(p.importance) : null,
  };
}

/**
 * Importance weights divided by their largest value (a common factor changes no choice, and keeps every
 * weighted sum in range); negative or non-finite weights are a caller's error.
 */
function normalizedImportance(w: Float32Array): Float32Array {
  let top = 0;
  for (let i = 0; i < w.length; i++) {
    const v = w[i]!;
    if (!(v >= 0) || !Number.isFinite(v)) throw new Error(`quantizeRows: importance weight ${v} at column ${i}`);
    if (v > top) top = v;
  }
  if (top === 0) return new Float32Array(w.length).fill(1);
  return w.map((v) => f32(v / top));
}

/** The code at position k of row n. */
function codeAt(m: PackedMatrix, n: number, k: number): number {
  const b = (k / m.blockSize) | 0;
  const within = k - b * m.blockSize;
  const perByte = 8 / m.bits;
  const byte = m.codes[(n * m.kBlocks + b) * blobSize(m.bits, m.blockSize) + ((within / perByte) | 0)]!;
  return (byte >> ((within % perByte) * m.bits)) & ((1 << m.bits) - 1);
}

export function zeroPointAt(m: PackedMatrix, n: number, b: number): number {
  if (m.superBlocks) return m.superBlocks.zeroPoints[n * m.kBlocks + b]!;
  if (!m.zeroPoints) return 1 << (m.bits - 1);
  const perByte = 8 / m.bits;
  const zpPerRow = Math.ceil((m.kBlocks * m.bits) / 8);
  const byte = m.zeroPoints[n * zpPerRow + ((b / perByte) | 0)]!;
  return (byte >> ((b % perByte) * m.bits)) & ((1 << m.bits) - 1);
}

/**
 * `dequantize`, fast, into `out`: [N, K] (`kMajor` false), or transposed to [K, N] (written a tile of rows
 * at a time, so the transposed writes stay in cache). The same values as `dequantize`, which stays the
 * plain reference.
 */
export function dequantizeInto(m: PackedMatrix, out: Float32Array, kMajor: boolean): Float32Array {
  const { N, K, bits, blockSize, kBlocks, codes } = m;
  const shift = bits === 8 ? 0 : bits === 4 ? 1 : 2; // log2(codes per byte)
  const mask = (1 << bits) - 1;
  const lanes = (1 << shift) - 1;
  const blob = blobSize(bits, blockSize);
  const TILE = 16;
  for (let n0 = 0; n0 < N; n0 += TILE) {
    const n1 = Math.min(N, n0 + TILE);
    for (let b = 0; b < kBlocks; b++) {
      const start = b * blockSize;
      const count = Math.min(blockSize, K - start);
      for (let n = n0; n < n1; n++) {
        const scale = m.scales[n * kBlocks + b]!;
        const zero = zeroPointAt(m, n, b);
        const base = (n * kBlocks + b) * blob;
        // Float32Array stores round the product to float32, as the kernels compute it.
        if (kMajor) {
          for (let j = 0; j < count; j++)
            out[(start + j) * N + n] = (((codes[base + (j >> shift)]! >> ((j & lanes) * bits)) & mask) - zero) * scale;
        } else {
          const row = n * K + start;
          for (let j = 0; j < count; j++) out[row + j] = (((codes[base + (j >> shift)]! >> ((j & lanes) * bits)) & mask) - zero) * scale;
        }
      }
    }
  }
  return out;
}

/** Dequantizes back to [N, K] float32: (code − zeroPoint) · scale (the reference: one code at a time). */
export function dequantize(m: PackedMatrix): Float32Array {
  const out = new Float32Array(m.N * m.K);
  for (let n = 0; n < m.N; n++) {
    for (let k = 0; k < m.K; k++) {
      const b = (k / m.blockSize) | 0;
      out[n * m.K + k] = f32((codeAt(m, n, k) - zeroPointAt(m, n, b)) * m.scales[n * m.kBlocks + b]!);
    }
  }
  return out;
}

/**
 * The codes as `GatherBlockQuantized` reads them: uint8 [N, ceil(K·bits/8)], each row's codes packed
 * contiguously (no block padding). Same bytes as the MatMulNBits layout when K is a multiple of the block.
 */
export function gatherLayout(m: PackedMatrix): Uint8Array {
  const rowBytes = Math.ceil((m.K * m.bits) / 8);
  const blockRowBytes = m.kBlocks * blobSize(m.bits, m.blockSize);
  if (rowBytes === blockRowBytes) return m.codes;
  const out = new Uint8Array(m.N * rowBytes);
  for (let n = 0; n < m.N; n++) out.set(m.codes.subarray(n * blockRowBytes, n * blockRowBytes + rowBytes), n * rowBytes);
  return out;
}

/** Squared reconstruction error and squared norm of a matrix at these settings. */
export function reconstructionError(rows: Float32Array, N: number, K: number, p: QuantParams): { error: number; norm: number } {
  const m = quantizeRows(rows, N, K, p);
  const { kBlocks, bits, blockSize, codes } = m;
  const shift = bits === 8 ? 0 : bits === 4 ? 1 : 2;
  const mask = (1 << bits) - 1;
  const lanes = (1 << shift) - 1;
  const blob = blobSize(bits, blockSize);
  let error = 0;
  let norm = 0;
  // Dequantized on the fly (no [N, K] copy: a large model's layers would each cost one).
  for (let n = 0; n < N; n++) {
    for (let b = 0; b < kBlocks; b++) {
      const scale = m.scales[n * kBlocks + b]!;
      const zero = zeroPointAt(m, n, b);
      const base = (n * kBlocks + b) * blob;
      const start = n * K + b * blockSize;
      const count = Math.min(blockSize, K - b * blockSize);
      for (let j = 0; j < count; j++) {
        const x = rows[start + j]!;
        const d = x - f32((((codes[base + (j >> shift)]! >> ((j & lanes) * bits)) & mask) - zero) * scale);
        error += d * d;
        norm += x * x;
      }
    }
  }
  return { error, norm };
}

/** Transposes a row-major [rows, cols] matrix (into `out` when given, e.g. a `rowsBuffer`). */
export function transpose(
  values: Float32Array,
  rows: number,
  cols: number,
  out: Float32Array = new Float32Array(values.length),
): Float32Array {
  for (let r = 0; r < rows; r++) {
    const base = r * cols;
    for (let c = 0; c < cols; c++) out[c * rows + r] = values[base + c]!;
  }
  return out;
}
