/**
 * Block-wise integer quantization, round-to-nearest, as onnxruntime's MLAS quantizer does it
 * (onnxruntime/core/mlas/lib/q4_dq.cpp, blockwise quant):
 *
 * - symmetric: the block's value of largest magnitude v maps to code 0 exactly: scale = v / −2^(bits−1),
 *   zero point 2^(bits−1), code = clamp(round(x / scale) + zp, 0, 2^bits − 1);
 * - asymmetric: the block's [min, max] (widened to include 0) spans the codes: scale = (max − min) / (2^bits − 1),
 *   zero point = clamp(round(−min / scale), 0, 2^bits − 1).
 *
 * Data layout: `rows` is row-major [N, K]; blocks run along K (one row = one output column of MatMulNBits).
 * A last, short block simply covers fewer values (padding codes are written by the packer).
 */
export interface BlockParams {
  bits: number;
  blockSize: number;
  symmetric: boolean;
}

/** Round half away from zero, as C's roundf. */
function roundHalfAway(x: number): number {
  return x < 0 ? -Math.round(-x) : Math.round(x);
}

/** Scale and zero point of one block by round-to-nearest. */
export function blockScale(values: Float32Array, start: number, end: number, p: BlockParams): { scale: number; zeroPoint: number } {
  const levels = (1 << p.bits) - 1;
  if (p.symmetric) {
    let peak = 0;
    let peakAbs = 0;
    for (let i = start; i < end; i++) {
      const v = values[i]!;
      const a = Math.abs(v);
      if (a > peakAbs) {
        peakAbs = a;
        peak = v;
      }
    }
    const mid = 1 << (p.bits - 1);
    return { scale: Math.fround(peak / -mid), zeroPoint: mid };
  }
  let lo = 0;
  let hi = 0;
  for (let i = start; i < end; i++) {
    const v = values[i]!;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  const scale = Math.fround((hi - lo) / levels);
  const zeroPoint = scale === 0 ? 0 : Math.min(levels, Math.max(0, roundHalfAway(-lo / scale)));
  return { scale, zeroPoint };
}

/** The code of one value in a block with this scale and zero point. */
export function quantizeValue(x: number, scale: number, zeroPoint: number, levels: number): number {
  const inv = scale === 0 ? 0 : 1 / scale;
  const q = roundHalfAway(x * inv) + zeroPoint;
  return q < 0 ? 0 : q > levels ? levels : q;
}

/**
 * Squared reconstruction error of quantize→dequantize over the whole [N, K] matrix, and the matrix's
 * squared norm: the weight-only error proxy the planner uses before measured errors exist.
 */
export function reconstructionError(rows: Float32Array, N: number, K: number, p: BlockParams): { error: number; norm: number } {
  const levels = (1 << p.bits) - 1;
  let error = 0;
  let norm = 0;
  for (let n = 0; n < N; n++) {
    const rowStart = n * K;
    for (let k0 = 0; k0 < K; k0 += p.blockSize) {
      const start = rowStart + k0;
      const end = rowStart + Math.min(K, k0 + p.blockSize);
      const { scale, zeroPoint } = blockScale(rows, start, end, p);
      for (let i = start; i < end; i++) {
        const x = rows[i]!;
        const q = quantizeValue(x, scale, zeroPoint, levels);
        const d = x - (q - zeroPoint) * scale;
        error += d * d;
        norm += x * x;
      }
    }
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
