/**
 * Block-wise integer quantization kernels (INT8/INT4/INT2, symmetric or asymmetric, block 16..256),
 * packed in onnxruntime's `com.microsoft::MatMulNBits` layout.
 *
 * Input: `rows`, row-major [N, K] float32 (one row = one output column of MatMulNBits); blocks run along K.
 * Output (see `PackedMatrix`):
 * - codes    uint8 [N, kBlocks, blockSize·bits/8]: codes packed low bits first along K (two 4-bit codes per
 *            byte, four 2-bit codes, or one 8-bit code); a short last block is padded with the zero point,
 *            so padding dequantizes to 0, as onnxruntime's own quantizer writes it;
 * - scales   float32 [N · kBlocks];
 * - zero points (asymmetric only) uint8 [N · ceil(kBlocks·bits/8)], packed the same way per row.
 * Dequantization: x ≈ (code − zeroPoint) · scale, with zeroPoint = 2^(bits−1) when none is stored.
 *
 * Scale choice:
 * - round-to-nearest (`search: false`), exactly MLAS's quantizer (onnxruntime/core/mlas/lib/q4_dq.cpp):
 *   symmetric maps the block's value of largest magnitude v to code 0, scale = v / −2^(bits−1);
 *   asymmetric spans [min(x, 0), max(x, 0)] with scale = range / (2^bits − 1), zeroPoint = round(−min / scale).
 *   Codes are round-half-away-from-zero of x / scale (float32 arithmetic), plus the zero point, clamped.
 * - error-minimizing search (`search: true`), in the spirit of llama.cpp's k-quants (make_qx_quants):
 *   several candidate inverse scales are tried per block; for each, the codes are fixed and the scale that
 *   minimizes Σ(x − s·(q − zp))² is solved in closed form, s = Σx(q−zp) / Σ(q−zp)²; the candidate with the
 *   least squared error wins. Never worse than round-to-nearest, which is one of the candidates.
 */
import { blobSize, type IntBits } from '../formats/layout.js';

export interface QuantParams {
  bits: IntBits;
  blockSize: number;
  symmetric: boolean;
  /** Error-minimizing scale search instead of round-to-nearest. */
  search?: boolean;
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
}

/** Candidate inverse-scale multipliers tried by the search, relative to round-to-nearest's (1 = RTN). */
const SEARCH_FACTORS = [1, 0.95, 0.9, 0.85, 0.8, 0.75, 1.05];

const f32 = Math.fround;

/** Output arrays to fill instead of allocating (the worker pool writes straight into shared memory). */
export interface PackedOutput {
  codes: Uint8Array;
  scales: Float32Array;
  zeroPoints: Uint8Array | null;
}

/** Quantizes and packs a [N, K] matrix. */
export function quantizeRows(rows: Float32Array, N: number, K: number, p: QuantParams, into?: PackedOutput): PackedMatrix {
  if (rows.length !== N * K) throw new Error(`quantizeRows: ${rows.length} values for [${N}, ${K}]`);
  const { bits, blockSize } = p;
  const kBlocks = Math.ceil(K / blockSize);
  const blob = blobSize(bits, blockSize);
  const zpPerRow = Math.ceil((kBlocks * bits) / 8);
  const codes = into?.codes ?? new Uint8Array(N * kBlocks * blob);
  const scales = into?.scales ?? new Float32Array(N * kBlocks);
  const zeroPoints = p.symmetric ? null : (into?.zeroPoints?.fill(0) ?? new Uint8Array(N * zpPerRow));
  const block = new Uint8Array(blockSize); // unpacked codes of one block
  const mid = 1 << (bits - 1);
  const perByte = 8 / bits;
  if (p.symmetric && !p.search && K % blockSize === 0) {
    rtnSymmetricPacked(rows, N, K, bits, blockSize, codes, scales);
    return { N, K, bits, blockSize, kBlocks, codes, scales, zeroPoints };
  }
  const fit = p.symmetric ? (p.search ? searchSymmetric : rtnSymmetric) : p.search ? searchAsymmetric : rtnAsymmetric;
  const result = { scale: 0, zeroPoint: 0 };
  const xi = bitsOf(rows);

  for (let n = 0; n < N; n++) {
    const rowBase = n * K;
    for (let b = 0; b < kBlocks; b++) {
      const start = rowBase + b * blockSize;
      const len = Math.min(blockSize, K - b * blockSize);
      fit(rows, xi, start, len, bits, block, result);
      if (zeroPoints) {
        const zi = n * zpPerRow * perByte + b; // index in units of codes
        zeroPoints[(zi / perByte) | 0]! |= result.zeroPoint << ((zi % perByte) * bits);
      }
      for (let i = len; i < blockSize; i++) block[i] = result.zeroPoint; // padding dequantizes to 0
      scales[n * kBlocks + b] = result.scale;
      packBlock(block, codes, (n * kBlocks + b) * blob, bits, blockSize);
    }
  }
  // Unused zero-point slots at the end of each row hold the default, as onnxruntime pads them.
  if (zeroPoints && (kBlocks * bits) % 8 !== 0) {
    for (let n = 0; n < N; n++) {
      for (let b = kBlocks; b < zpPerRow * perByte; b++) {
        const zi = n * zpPerRow * perByte + b;
        zeroPoints[(zi / perByte) | 0]! |= mid << ((zi % perByte) * bits);
      }
    }
  }
  return { N, K, bits, blockSize, kBlocks, codes, scales, zeroPoints };
}

function packBlock(block: Uint8Array, out: Uint8Array, offset: number, bits: IntBits, blockSize: number): void {
  if (bits === 8) {
    out.set(block, offset);
  } else if (bits === 4) {
    for (let i = 0, o = offset; i < blockSize; i += 2, o++) out[o] = block[i]! | (block[i + 1]! << 4);
  } else {
    for (let i = 0, o = offset; i < blockSize; i += 4, o++) {
      out[o] = block[i]! | (block[i + 1]! << 2) | (block[i + 2]! << 4) | (block[i + 3]! << 6);
    }
  }
}

type BlockFit = (
  x: Float32Array,
  xi: Int32Array,
  start: number,
  len: number,
  bits: IntBits,
  out: Uint8Array,
  result: { scale: number; zeroPoint: number },
) => void;

/*
 * Rounding: codes are ⌊y + zp + ½⌋ on the float32 product y = x·(1/scale), which equals C's
 * roundf(y) + zp except on exact ties below zero (roundf rounds those away from zero). Before clamping,
 * y + zp + ½ ≥ 0 whenever the scale covers the block, so truncation (`| 0`) is the floor.
 */

/**
 * The first value of largest magnitude in x[start, end), the peak MLAS's symmetric quantizer maps to code 0.
 * Branch-free over the float bits (|x| orders like its bit pattern with the sign cleared): a data-dependent
 * branch per value mispredicts often in short blocks and costs more than the rest of the kernel.
 */
function peakOf(x: Float32Array, bitsView: Int32Array, start: number, end: number): number {
  // Four independent running maxima shorten the dependency chain.
  let m = 0;
  let m1 = 0;
  let m2 = 0;
  let m3 = 0;
  let i = start;
  for (; i + 3 < end; i += 4) {
    const d0 = m - (bitsView[i]! & 0x7fffffff);
    const d1 = m1 - (bitsView[i + 1]! & 0x7fffffff);
    const d2 = m2 - (bitsView[i + 2]! & 0x7fffffff);
    const d3 = m3 - (bitsView[i + 3]! & 0x7fffffff);
    m -= d0 & (d0 >> 31);
    m1 -= d1 & (d1 >> 31);
    m2 -= d2 & (d2 >> 31);
    m3 -= d3 & (d3 >> 31);
  }
  for (; i < end; i++) {
    const d = m - (bitsView[i]! & 0x7fffffff);
    m -= d & (d >> 31);
  }
  let d = m - m1;
  m -= d & (d >> 31);
  d = m2 - m3;
  m2 -= d & (d >> 31);
  d = m - m2;
  m -= d & (d >> 31);
  i = start;
  while (i < end && (bitsView[i]! & 0x7fffffff) !== m) i++;
  return i < end ? x[i]! : 0;
}

/** An Int32 view of a Float32Array's bits. */
function bitsOf(x: Float32Array): Int32Array {
  return new Int32Array(x.buffer, x.byteOffset, x.length);
}

/**
 * The hot path (round-to-nearest symmetric, K a multiple of the block): codes go straight into the
 * packed output, one specialized loop per width.
 */
function rtnSymmetricPacked(
  x: Float32Array,
  N: number,
  K: number,
  bits: IntBits,
  blockSize: number,
  codes: Uint8Array,
  scales: Float32Array,
): void {
  const mid = 1 << (bits - 1);
  const levels = (1 << bits) - 1;
  const offset = mid + 0.5;
  const total = N * K;
  const xi = bitsOf(x);
  let o = 0;
  let s = 0;
  for (let start = 0; start < total; start += blockSize) {
    const end = start + blockSize;
    const peak = peakOf(x, xi, start, end);
    const scale = f32(peak / -mid);
    const inv = scale === 0 ? 0 : f32(1 / scale);
    scales[s++] = scale;
    if (bits === 4) {
      for (let i = start; i < end; i += 4) {
        let q0 = (f32(x[i]! * inv) + offset) | 0;
        let q1 = (f32(x[i + 1]! * inv) + offset) | 0;
        let q2 = (f32(x[i + 2]! * inv) + offset) | 0;
        let q3 = (f32(x[i + 3]! * inv) + offset) | 0;
        if (q0 > 15) q0 = 15;
        if (q1 > 15) q1 = 15;
        if (q2 > 15) q2 = 15;
        if (q3 > 15) q3 = 15;
        codes[o] = q0 | (q1 << 4);
        codes[o + 1] = q2 | (q3 << 4);
        o += 2;
      }
    } else if (bits === 2) {
      for (let i = start; i < end; i += 4) {
        let q0 = (f32(x[i]! * inv) + offset) | 0;
        let q1 = (f32(x[i + 1]! * inv) + offset) | 0;
        let q2 = (f32(x[i + 2]! * inv) + offset) | 0;
        let q3 = (f32(x[i + 3]! * inv) + offset) | 0;
        if (q0 > 3) q0 = 3;
        if (q1 > 3) q1 = 3;
        if (q2 > 3) q2 = 3;
        if (q3 > 3) q3 = 3;
        codes[o++] = q0 | (q1 << 2) | (q2 << 4) | (q3 << 6);
      }
    } else {
      for (let i = start; i < end; i++) {
        const q = (f32(x[i]! * inv) + offset) | 0;
        codes[o++] = q > levels ? levels : q;
      }
    }
  }
}

/** Round-to-nearest symmetric (MLAS): the value of largest magnitude maps to code 0. */
const rtnSymmetric: BlockFit = (x, xi, start, len, bits, out, result) => {
  const mid = 1 << (bits - 1);
  const levels = (1 << bits) - 1;
  const end = start + len;
  const peak = peakOf(x, xi, start, end);
  const scale = f32(peak / -mid);
  const inv = scale === 0 ? 0 : f32(1 / scale);
  const offset = mid + 0.5;
  for (let i = start, o = 0; i < end; i++, o++) {
    const q = (f32(x[i]! * inv) + offset) | 0;
    out[o] = q > levels ? levels : q;
  }
  result.scale = scale;
  result.zeroPoint = mid;
};

/** Round-to-nearest asymmetric (MLAS): [min(x, 0), max(x, 0)] spans the codes. */
const rtnAsymmetric: BlockFit = (x, _xi, start, len, bits, out, result) => {
  const levels = (1 << bits) - 1;
  let lo = 0;
  let hi = 0;
  const end = start + len;
  for (let i = start; i < end; i++) {
    const v = x[i]!;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  const scale = f32((hi - lo) / levels);
  const inv = scale === 0 ? 0 : f32(1 / scale);
  let zp = scale === 0 ? 0 : Math.round(-lo * inv);
  zp = zp < 0 ? 0 : zp > levels ? levels : zp;
  const offset = zp + 0.5;
  for (let i = start, o = 0; i < end; i++, o++) {
    const q = (f32(x[i]! * inv) + offset) | 0;
    out[o] = q < 0 ? 0 : q > levels ? levels : q;
  }
  result.scale = scale;
  result.zeroPoint = zp;
};

/**
 * The scale search shared by both symmetries. For each candidate inverse scale (RTN's times a factor) the
 * codes are fixed, and the error after the least-squares scale s = Σx·l / Σl² (l = code − zero point) is
 * Σx² − (Σx·l)² / Σl²: the best candidate maximizes (Σx·l)² / Σl². `zeroPointFor` gives each candidate's
 * zero point (fixed at 2^(bits−1) when symmetric, centring the range when not).
 */
function searchBlock(
  x: Float32Array,
  start: number,
  end: number,
  levels: number,
  inv0: number,
  zeroPointFor: (inv: number) => number,
  out: Uint8Array,
  result: { scale: number; zeroPoint: number },
): void {
  let bestScore = -1;
  let bestInv = inv0;
  let bestZp = zeroPointFor(inv0);
  let bestScale = 0;
  for (let c = 0; c < SEARCH_FACTORS.length; c++) {
    const inv = inv0 * SEARCH_FACTORS[c]!;
    const zp = zeroPointFor(inv);
    const offset = zp + 0.5;
    let sxl = 0;
    let sll = 0;
    for (let i = start; i < end; i++) {
      const v = x[i]!;
      let q = (v * inv + offset) | 0;
      q = q < 0 ? 0 : q > levels ? levels : q;
      const l = q - zp;
      sxl += v * l;
      sll += l * l;
    }
    const score = sll > 0 ? (sxl * sxl) / sll : 0;
    if (score > bestScore) {
      bestScore = score;
      bestInv = inv;
      bestZp = zp;
      bestScale = sxl / sll;
    }
  }
  const offset = bestZp + 0.5;
  for (let i = start, o = 0; i < end; i++, o++) {
    const q = (x[i]! * bestInv + offset) | 0;
    out[o] = q < 0 ? 0 : q > levels ? levels : q;
  }
  result.scale = f32(bestScale);
  result.zeroPoint = bestZp;
}

/** Symmetric search around RTN's scale (the block's peak maps near code 0). */
const searchSymmetric: BlockFit = (x, xi, start, len, bits, out, result) => {
  const mid = 1 << (bits - 1);
  const end = start + len;
  const peak = peakOf(x, xi, start, end);
  if (peak === 0) {
    out.fill(mid, 0, len);
    result.scale = 0;
    result.zeroPoint = mid;
    return;
  }
  searchBlock(x, start, end, (1 << bits) - 1, -mid / peak, () => mid, out, result);
};

/** Asymmetric search: candidate scales shrinking the range around its centre. */
const searchAsymmetric: BlockFit = (x, _xi, start, len, bits, out, result) => {
  const levels = (1 << bits) - 1;
  const end = start + len;
  let lo = 0;
  let hi = 0;
  for (let i = start; i < end; i++) {
    const v = x[i]!;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  if (hi === lo) {
    out.fill(0, 0, len);
    result.scale = 0;
    result.zeroPoint = 0;
    return;
  }
  const centre = (lo + hi) / 2;
  searchBlock(
    x,
    start,
    end,
    levels,
    levels / (hi - lo),
    (inv) => {
      const zp = Math.round(-centre * inv + levels / 2);
      return zp < 0 ? 0 : zp > levels ? levels : zp;
    },
    out,
    result,
  );
};

/** The code at position k of row n. */
function codeAt(m: PackedMatrix, n: number, k: number): number {
  const b = (k / m.blockSize) | 0;
  const within = k - b * m.blockSize;
  const perByte = 8 / m.bits;
  const byte = m.codes[(n * m.kBlocks + b) * blobSize(m.bits, m.blockSize) + ((within / perByte) | 0)]!;
  return (byte >> ((within % perByte) * m.bits)) & ((1 << m.bits) - 1);
}

export function zeroPointAt(m: PackedMatrix, n: number, b: number): number {
  if (!m.zeroPoints) return 1 << (m.bits - 1);
  const perByte = 8 / m.bits;
  const zpPerRow = Math.ceil((m.kBlocks * m.bits) / 8);
  const byte = m.zeroPoints[n * zpPerRow + ((b / perByte) | 0)]!;
  return (byte >> ((b % perByte) * m.bits)) & ((1 << m.bits) - 1);
}

/** Dequantizes back to [N, K] float32: (code − zeroPoint) · scale. */
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
  const back = dequantize(m);
  let error = 0;
  let norm = 0;
  for (let i = 0; i < rows.length; i++) {
    const d = rows[i]! - back[i]!;
    error += d * d;
    norm += rows[i]! * rows[i]!;
  }
  return { error, norm };
}

/** Transposes a row-major [rows, cols] matrix. */
export function transpose(values: Float32Array, rows: number, cols: number): Float32Array {
  const out = new Float32Array(values.length);
  for (let r = 0; r < rows; r++) {
    const base = r * cols;
    for (let c = 0; c < cols; c++) out[c * rows + r] = values[base + c]!;
  }
  return out;
}
