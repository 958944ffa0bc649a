/**
 * Super-block quantization: llama.cpp's k-quants layout (q4_K, q2_K) carried by MatMulNBits.
 *
 * Each block of 32 (INT4) or 16 (INT2) values has its own scale and minimum, as in an asymmetric block, but
 * they are stored as small integer indices (6 bits at INT4, 4 bits at INT2) of two float16 factors shared
 * by the 256 values of a super-block: scale = d · i_scale, offset = dmin · i_min, and a value is
 * scale · code − offset. That is q4_K's 4.5 and q2_K's 2.625 bits per weight, where MatMulNBits' own
 * asymmetric layout needs 4.625 (INT4, block 32, float16 scales) and gets a higher error: its zero point is
 * an integer, so the offset can only be a whole number of steps.
 *
 * In the file: the codes in MatMulNBits' layout, the packed indices, and d and dmin; constant nodes
 * (quant/super-block-graph.ts, folded by onnxruntime at load) turn them into the scales of a symmetric
 * MatMulNBits and a per-block correction, so that each value is scale · (code − zero), zero = offset / scale.
 * The codes here are computed for exactly the scales and zero points those nodes compute (`effectiveScale`).
 *
 * The search, per super-block: each block's scale and minimum by llama.cpp's `make_qkx2_quants` (candidate
 * scales, each followed by a weighted least-squares fit of scale and minimum), without its absolute-error
 * option; the indices from d and dmin; then one refinement that fits d and dmin to the codes by least
 * squares and tries each block's indices ±1. Measured in `npm run bench` (error columns) against k-quants'
 * own numbers from the same matrices.
 */
import {
  indexRowBytes,
  SUPER_BLOCK,
  type SuperBlockFormat,
  superBlockFormat,
  superBlockSpan,
  takesSuperBlocks,
} from '../formats/layout.js';
import { float32ToFloat16Bits } from '../onnx/float16.js';
import { kernelImplementation, wasmKernels, type PackedMatrix, type SuperBlockData } from './blockwise.js';
import { roundToFloat16 } from './kernels-js.js';
import type { SuperBlockOutput, SuperBlockParams } from './wasm-kernels.js';

const f32 = Math.fround;

export type SuperBlockBits = 4 | 2;

/** The default-domain opset the scale nodes need (Mod). */
export const SUPER_BLOCK_MIN_OPSET = 10;

/**
 * The scale and zero point MatMulNBits reads for a block, as the constant nodes compute them: the scale
 * f32(d · i_scale), rounded to float16 for a float16 model; the zero point f32(f32(dmin · i_min) / scale),
 * also rounded for a float16 model. The graph's arithmetic in the same order, so these are bit-exact.
 */
export function effectiveScale(d: number, dmin: number, iScale: number, iMin: number, float16: boolean): { scale: number; zero: number } {
  const scale = blockScale(d, iScale, float16);
  return { scale, zero: blockZero(dmin, iMin, scale, float16) };
}

/** effectiveScale's scale (the hot loops call the two halves: no object, and the scale serves three zero points). */
function blockScale(d: number, iScale: number, float16: boolean): number {
  const scale = f32(iScale * d);
  return float16 ? toHalf(scale) : scale;
}

/** effectiveScale's zero point for a block of that scale. */
function blockZero(dmin: number, iMin: number, scale: number, float16: boolean): number {
  const zero = f32(f32(iMin * dmin) / scale);
  return float16 ? toHalf(zero) : zero;
}

/**
 * d and dmin are stored as float16 multiples of this unit (the scale nodes multiply by it, exactly: a power
 * of two), which moves float16's range [6.1e-5, 65504] to [6.0e-8, 64]: full precision for layers whose
 * values have a standard deviation from about 1.4e-5 to 1.5e4 (d is about σ/230). Unscaled, float16's
 * subnormals would cost precision from σ ≈ 0.014 down, and zero layers below σ ≈ 1e-7.
 */
export const FACTOR_UNIT = 2 ** -10;

/** d or dmin rounded to what is stored: a float16 multiple of FACTOR_UNIT. */
const roundFactor = (v: number): number => roundToFloat16(v / FACTOR_UNIT) * FACTOR_UNIT;

/** Below this (in units, 1/8 of float16's smallest normal: about 1% steps) d is refused rather than coarse. */
const SMALLEST_FACTOR = 2 ** -17;

/** A layer whose values are too small for the float16 factors (the rewrite names it: exit 2). */
export class FactorRangeError extends RangeError {}

/** A float32 cast to float16 as onnxruntime's Cast does it: beyond float16's range, infinite. */
const toHalf = (v: number): number => (Math.abs(v) >= 65520 ? v * Infinity : roundToFloat16(v));

/**
 * Math.max(0, Math.min(nmax, Math.round(v))) for an integer nmax ≥ 1, the same number for every v (NaN stays
 * NaN, never −0), without the three calls' NaN and −0 handling in the hot loops. From 0.5 up, v + 0.5 is
 * exact or cannot round across an integer, so its floor is Math.round(v); below 0.5 the clamp gives 0.
 */
function level(v: number, nmax: number): number {
  return v >= 0.5 ? (v >= nmax ? nmax : Math.floor(v + 0.5)) : v === v ? 0 : NaN;
}

/**
 * level(v, nmax) for |v| < 2³⁰, without branches (their mispredictions cost more than the arithmetic): in int32,
 * floor(v + 0.49999999999999994) is Math.round(v) from 0 up (v + 0.5 is not, at v = 0.5 − 2⁻⁵⁴), and
 * truncating instead of flooring differs only below 0, where the clamp gives 0 either way.
 */
function levelInt(v: number, nmax: number): number {
  const t = (v + 0.49999999999999994) | 0;
  const c = t & ~(t >> 31);
  const d = nmax - c;
  return c + (d & (d >> 31));
}

/** Whether levelInt takes v1 and v2, and so (the operations being monotonic) any value computed between them. */
const levelsFit = (v1: number, v2: number): boolean => Math.abs(v1) < 2 ** 30 && Math.abs(v2) < 2 ** 30;

export interface SuperBlockOptions {
  /** Scales and zero points as a float16 model stores them (MatMulNBits' T1 is float16). */
  float16: boolean;
  /** Weigh each value by sqrt(σ² + x²), σ² its block's mean square (the block search weighs by σ + |x|). */
  magnitudeWeights: boolean;
  /** Per-column importance (activation mean squares): multiplies the weights. */
  importance?: Float32Array;
}

/** Thrown for NaN or infinite weights (the rewrite counts and reports them). */
export class NonFiniteWeights extends RangeError {}

/**
 * make_qkx2_quants' search for the block of n values at x[o], weights w[o]: a scale ≥ 0 and a minimum ≥ 0 (the
 * value is scale · l − min), written to fit[0] and fit[1], the block's smallest and largest value to fit[2] and
 * fit[3]. `l` holds the codes of the candidate last tried; `unit`: all weights are 1.
 */
function fitBlock(
  x: Float64Array,
  o: number,
  n: number,
  nmax: number,
  w: Float64Array,
  rmin: number,
  steps: number,
  l: Uint8Array,
  back: Float64Array,
  fit: Float64Array,
  unit: boolean,
): void {
  let lo = x[o]!;
  let hi = lo;
  let sw = 0;
  let sx = 0;
  for (let i = o; i < o + n; i++) {
    const v = x[i]!;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
    sw += w[i]!;
    sx += w[i]! * v;
  }
  const low = lo;
  fit[2] = low;
  fit[3] = hi;
  if (lo > 0) lo = 0;
  if (hi === lo) {
    fit[0] = 0;
    fit[1] = -lo;
    return;
  }
  let bestScale = (hi - lo) / nmax;
  let bestMin = lo;
  let best = 0;
  const inv0 = nmax / (hi - lo);
  const fast0 = levelsFit(inv0 * (low - lo), inv0 * (hi - lo));
  for (let i = o; i < o + n; i++) {
    const v = x[i]!;
    const y = inv0 * (v - lo);
    const e = bestScale * (fast0 ? levelInt(y, nmax) : level(y, nmax)) + lo - v;
    best += w[i]! * e * e;
  }
  // As in llama.cpp, each candidate grid starts at the best minimum so far (not at the block's minimum).
  // A candidate whose codes equal the previous one's has its fit and error, so it cannot be better: skipped.
  // (A grid of infinite step gives NaN codes, seen and stored as 0; NaN sums skip it anyway, the next one counts.)
  let fresh = true;
  for (let step = 0; step <= steps; step++) {
    const inv = (rmin + 0.1 * step + nmax) / (hi - bestMin);
    const changed = fresh;
    fresh = !Number.isFinite(inv);
    const fast = levelsFit(inv * (low - bestMin), inv * (hi - bestMin));
    let diff = 0;
    let sl = 0;
    let sl2 = 0;
    let sxl = 0;
    if (fast && unit) {
      // Weights of 1: w · q is q, and the integer sums are exact in any order.
      let ql = 0;
      let ql2 = 0;
      for (let i = 0; i < n; i++) {
        const v = x[o + i]!;
        const q = levelInt(inv * (v - bestMin), nmax);
        diff |= q ^ l[i]!;
        l[i] = q;
        ql += q;
        ql2 += q * q;
        sxl += q * v;
      }
      sl = ql;
      sl2 = ql2;
    } else if (fast) {
      for (let i = 0; i < n; i++) {
        const v = x[o + i]!;
        const q = levelInt(inv * (v - bestMin), nmax);
        diff |= q ^ l[i]!;
        l[i] = q;
        const wq = w[o + i]! * q;
        sl += wq;
        sl2 += wq * q;
        sxl += wq * v;
      }
    } else {
      for (let i = 0; i < n; i++) {
        const v = x[o + i]!;
        const q = level(inv * (v - bestMin), nmax);
        diff |= q ^ l[i]!;
        l[i] = q;
        const wq = w[o + i]! * q;
        sl += wq;
        sl2 += wq * q;
        sxl += wq * v;
      }
    }
    if (!changed && diff === 0) continue;
    const det = sw * sl2 - sl * sl;
    if (!(det > 0)) continue;
    let scale = (sw * sxl - sx * sl) / det;
    let min = (sl2 * sx - sl * sxl) / det;
    if (min > 0) {
      min = 0;
      scale = sxl / sl2;
    }
    // The value each code stands for, scale · l + min, once per code instead of once per value.
    for (let k = 0; k <= nmax; k++) back[k] = scale * k + min;
    const e = unit ? squaredError(x, o, n, l, back) : weightedError(x, o, n, w, l, back);
    if (e < best) {
      best = e;
      bestScale = scale;
      bestMin = min;
    }
  }
  fit[0] = bestScale;
  fit[1] = -bestMin;
}

/** Σ w·r·r over the block for r = back[l[i]] − x[o + i], in order. */
function weightedError(x: Float64Array, o: number, n: number, w: Float64Array, l: Uint8Array, back: Float64Array): number {
  let e = 0;
  for (let i = 0; i < n; i++) {
    const r = back[l[i]!]! - x[o + i]!;
    e += w[o + i]! * r * r;
  }
  return e;
}

/** weightedError for weights of 1 (1 · r is r). */
function squaredError(x: Float64Array, o: number, n: number, l: Uint8Array, back: Float64Array): number {
  let e = 0;
  for (let i = 0; i < n; i++) {
    const r = back[l[i]!]! - x[o + i]!;
    e += r * r;
  }
  return e;
}

/**
 * Σ w·r·r over the block for r = back[q] − x[o + i], q the code of scaled[i] + zero: the error of one pair of
 * indices in the refinement (`fast`: the codes fit levelInt; `unit`: weights of 1).
 */
function indexError(
  x: Float64Array,
  o: number,
  n: number,
  w: Float64Array,
  scaled: Float64Array,
  zero: number,
  nmax: number,
  back: Float64Array,
  fast: boolean,
  unit: boolean,
): number {
  let e = 0;
  if (fast && unit) {
    for (let i = 0; i < n; i++) {
      const r = back[levelInt(scaled[i]! + zero, nmax)]! - x[o + i]!;
      e += r * r;
    }
  } else if (fast) {
    for (let i = 0; i < n; i++) {
      const r = back[levelInt(scaled[i]! + zero, nmax)]! - x[o + i]!;
      e += w[o + i]! * r * r;
    }
  } else {
    for (let i = 0; i < n; i++) {
      const r = back[level(scaled[i]! + zero, nmax)]! - x[o + i]!;
      e += w[o + i]! * r * r;
    }
  }
  return e;
}

/** Codes for the values x[0, perSuper · blockSize) at each block's indices (the op's scale and zero point). */
function codesOf(scratch: Scratch, perSuper: number, blockSize: number, nmax: number, d: number, dmin: number, float16: boolean): void {
  const { x, q, iScale, iMin, blockLo, blockHi } = scratch;
  for (let j = 0; j < perSuper; j++) {
    const scale = blockScale(d, iScale[j]!, float16);
    const zero = blockZero(dmin, iMin[j]!, scale, float16);
    const b = j * blockSize;
    const lo = blockLo[j]!;
    const hi = blockHi[j]!;
    if (levelsFit(lo / scale + zero, hi / scale + zero)) {
      for (let i = b; i < b + blockSize; i++) q[i] = levelInt(x[i]! / scale + zero, nmax);
    } else {
      for (let i = b; i < b + blockSize; i++) q[i] = level(x[i]! / scale + zero, nmax);
    }
  }
}

/** Scratch arrays of one call, allocated once (a class: one stable shape for the optimized search). */
class Scratch {
  /** The super-block's values as float64, and their weights. */
  readonly x = new Float64Array(SUPER_BLOCK);
  readonly w = new Float64Array(SUPER_BLOCK);
  /** Codes of the super-block. */
  readonly q = new Uint8Array(SUPER_BLOCK);
  /** Codes of a block's last candidate. */
  readonly l: Uint8Array;
  /** A block's values divided by one scale. */
  readonly scaled: Float64Array;
  /** The value each code stands for. */
  readonly back: Float64Array;
  /** fitBlock's results. */
  readonly fit = new Float64Array(4);
  /** The super-block's d and dmin (an array, not an object: d can be the integer 1, whose field would deoptimize). */
  readonly factors = new Float64Array(2);
  readonly fitScale: Float64Array;
  readonly fitMin: Float64Array;
  /** Each block's smallest and largest value. */
  readonly blockLo: Float64Array;
  readonly blockHi: Float64Array;
  readonly iScale: Int32Array;
  readonly iMin: Int32Array;

  constructor(blockSize: number, perSuper: number, nmax: number) {
    this.l = new Uint8Array(blockSize);
    this.scaled = new Float64Array(blockSize);
    this.back = new Float64Array(nmax + 1);
    this.fitScale = new Float64Array(perSuper);
    this.fitMin = new Float64Array(perSuper);
    this.blockLo = new Float64Array(perSuper);
    this.blockHi = new Float64Array(perSuper);
    this.iScale = new Int32Array(perSuper);
    this.iMin = new Int32Array(perSuper);
  }
}

/**
 * One super-block's search, on scratch.x (its values) starting at column `column` of the row: the weights, each
 * block's scale and minimum, the indices of two shared factors d and dmin, one refinement. Leaves the indices
 * in scratch.iScale / iMin, the codes in scratch.q, d and dmin in scratch.factors.
 */
function searchSuperBlock(
  scratch: Scratch,
  column: number,
  format: SuperBlockFormat,
  perSuper: number,
  bits: SuperBlockBits,
  options: SuperBlockOptions,
): void {
  const { x, w, q, l, scaled, back, fit, fitScale, fitMin, blockLo, blockHi, iScale, iMin } = scratch;
  const { blockSize, indexBits } = format;
  const { float16, magnitudeWeights, importance } = options;
  const nmax = (1 << bits) - 1;
  const imax = (1 << indexBits) - 1;
  // make_qkx2_quants' candidate grids: q4_K's (rmin −1, 21 steps) and q2_K's (rmin −0.5, 16 steps).
  const rmin = bits === 4 ? -1 : -0.5;
  const steps = bits === 4 ? 20 : 15;
  // Weights.
  for (let j = 0; j < perSuper; j++) {
    const b = j * blockSize;
    let sigma2 = 0;
    if (magnitudeWeights) {
      for (let i = b; i < b + blockSize; i++) sigma2 += x[i]! * x[i]!;
      sigma2 /= blockSize;
    }
    for (let i = b; i < b + blockSize; i++) {
      const v = x[i]!;
      let weight = magnitudeWeights ? Math.sqrt(sigma2 + v * v) : 1;
      if (importance) weight *= importance[column + i]!;
      w[i] = weight;
    }
  }
  // Each block's scale and minimum, then the indices of two shared factors.
  const unit = !magnitudeWeights && !importance;
  let maxScale = 0;
  let maxMin = 0;
  for (let j = 0; j < perSuper; j++) {
    fitBlock(x, j * blockSize, blockSize, nmax, w, rmin, steps, l, back, fit, unit);
    fitScale[j] = fit[0]!;
    blockLo[j] = fit[2]!;
    blockHi[j] = fit[3]!;
    fitMin[j] = fit[1]!;
    maxScale = Math.max(maxScale, fit[0]!);
    maxMin = Math.max(maxMin, fit[1]!);
  }
  let dmin = roundFactor(maxMin / imax);
  // d > 0 always: the zero point divides by the scale. A super-block of constant blocks takes dmin's step.
  let d = roundFactor(maxScale / imax);
  if (!(d > 0)) d = dmin > 0 ? dmin : 1;
  for (let j = 0; j < perSuper; j++) {
    iScale[j] = Math.max(1, Math.min(imax, Math.round(fitScale[j]! / d)));
    iMin[j] = dmin > 0 ? Math.max(0, Math.min(imax, Math.round(fitMin[j]! / dmin))) : 0;
  }
  // One refinement: d and dmin by weighted least squares on the codes (value ≈ d·(i_scale·q) − dmin·i_min),
  // then each block's indices ±1 around their current pair.
  codesOf(scratch, perSuper, blockSize, nmax, d, dmin, float16);
  let aa = 0;
  let ab = 0;
  let bb = 0;
  let ax = 0;
  let bx = 0;
  for (let j = 0; j < perSuper; j++) {
    for (let i = 0; i < blockSize; i++) {
      const k = j * blockSize + i;
      const a = iScale[j]! * q[k]!;
      const b = -iMin[j]!;
      const v = x[k]!;
      const wk = w[k]!;
      aa += wk * a * a;
      ab += wk * a * b;
      bb += wk * b * b;
      ax += wk * a * v;
      bx += wk * b * v;
    }
  }
  const det = aa * bb - ab * ab;
  if (det > 0) {
    const nd = roundFactor((ax * bb - ab * bx) / det);
    const ndmin = roundFactor((aa * bx - ab * ax) / det);
    if (nd > 0 && ndmin >= 0) {
      d = nd;
      dmin = ndmin;
    }
  }
  for (let j = 0; j < perSuper; j++) {
    const b = j * blockSize;
    const lo = blockLo[j]!;
    const hi = blockHi[j]!;
    let best = Infinity;
    let bestScale = iScale[j]!;
    let bestMin = iMin[j]!;
    for (let is = Math.max(1, iScale[j]! - 1); is <= Math.min(imax, iScale[j]! + 1); is++) {
      // The block divided by this scale once, for its three zero points.
      const scale = blockScale(d, is, float16);
      for (let i = 0; i < blockSize; i++) scaled[i] = x[b + i]! / scale;
      for (let im = Math.max(0, iMin[j]! - 1); im <= Math.min(imax, iMin[j]! + 1); im++) {
        const zero = blockZero(dmin, im, scale, float16);
        if (!Number.isFinite(zero)) continue;
        // Weighted squared error of the block at this pair of indices.
        for (let k = 0; k <= nmax; k++) back[k] = f32((k - zero) * scale);
        const fast = levelsFit(lo / scale + zero, hi / scale + zero);
        const e = indexError(x, b, blockSize, w, scaled, zero, nmax, back, fast, unit);
        if (e < best) {
          best = e;
          bestScale = is;
          bestMin = im;
        }
      }
    }
    iScale[j] = bestScale;
    iMin[j] = bestMin;
  }
  // A float16 zero point must stay finite: a block whose minimum is far beyond its scale takes a larger scale.
  for (let j = 0; j < perSuper; j++) {
    while (iScale[j]! < imax && !Number.isFinite(blockZero(dmin, iMin[j]!, blockScale(d, iScale[j]!, float16), float16))) iScale[j]!++;
  }
  codesOf(scratch, perSuper, blockSize, nmax, d, dmin, float16);
  scratch.factors[0] = d;
  scratch.factors[1] = dmin;
}

/** A super-block quantization's outputs and what `quantizeSuperBlocks` returns. */
export type SuperBlockMatrix = PackedMatrix & { superBlocks: SuperBlockData };

/** The kernels' parameters of a super-block quantization of rows of K (checked: K must split into super-blocks). */
export function superBlockParams(K: number, bits: SuperBlockBits, options: SuperBlockOptions): SuperBlockParams {
  const format = superBlockFormat(bits)!;
  if (!takesSuperBlocks(K, bits)) throw new RangeError(`super-blocks at INT${bits} cannot split K = ${K} into whole blocks`);
  return {
    K,
    bits,
    span: superBlockSpan(K, format),
    blockSize: format.blockSize,
    rowIndices: indexRowBytes(K, format),
    float16: options.float16,
    magnitude: options.magnitudeWeights,
    importance: options.importance,
  };
}

/** Fresh outputs of a super-block quantization of N rows. */
export function superBlockOutputs(N: number, p: SuperBlockParams): SuperBlockOutput {
  const kBlocks = p.K / p.blockSize;
  const supers = p.K / p.span;
  return {
    codes: new Uint8Array((N * p.K * p.bits) / 8),
    scales: new Float32Array(N * kBlocks),
    zeroPoints: new Float32Array(N * kBlocks),
    indices: new Uint8Array(N * p.rowIndices),
    superScales: new Uint16Array(N * supers),
    superMins: new Uint16Array(N * supers),
  };
}

/** The matrix of filled outputs. */
export function superBlockMatrix(N: number, p: SuperBlockParams, out: SuperBlockOutput): SuperBlockMatrix {
  const format = superBlockFormat(p.bits)!;
  const { codes, scales, zeroPoints, indices, superScales, superMins } = out;
  return {
    N,
    K: p.K,
    bits: p.bits,
    blockSize: p.blockSize,
    kBlocks: p.K / p.blockSize,
    codes,
    scales,
    zeroPoints: null,
    superBlocks: { format, indices, superScales, superMins, zeroPoints },
  };
}

/** The error for a super-block whose step d is below the float16 factors' range. */
function factorRangeError(d: number): FactorRangeError {
  return new FactorRangeError(
    `its weights are too small for super-blocks' float16 factors (a step of ${d.toExponential(2)} in a super-block, below ${(SMALLEST_FACTOR * FACTOR_UNIT).toExponential(2)}): plan it without super-blocks`,
  );
}

/**
 * Throws what the JavaScript quantizer throws for the first super-block (in row order) whose d is below the
 * factors' range: the WebAssembly one stores every d and leaves the check to this. d is positive and stored
 * exactly (a float16 multiple of FACTOR_UNIT), so its bits say it: below 2⁻¹⁷ units is a float16 subnormal under 128.
 */
export function checkFactors(superScales: Uint16Array): void {
  const smallest = SMALLEST_FACTOR * 2 ** 24; // the float16 bits of SMALLEST_FACTOR (a subnormal)
  for (let i = 0; i < superScales.length; i++) {
    const bits = superScales[i]!;
    if (bits < smallest) throw factorRangeError(bits * 2 ** -24 * FACTOR_UNIT);
  }
}

/** The error for rows holding a NaN or infinite value: the first one's index. */
export function nonFiniteWeights(rows: Float32Array): NonFiniteWeights | null {
  for (let i = 0; i < rows.length; i++) {
    if (!Number.isFinite(rows[i]!)) return new NonFiniteWeights(`non-finite weight at ${i}`);
  }
  return null;
}

/**
 * Quantizes rows [N, K] (K as formats/layout.ts `superBlockSpan` allows) to super-blocks: the WebAssembly
 * kernels where they run (`implementation`), else `quantizeSuperBlocksJs`; the same bytes either way. The
 * result's `scales` are the scales MatMulNBits reads, its `superBlocks.zeroPoints` the float zero points;
 * `zeroPoints` (the integer ones) is null. Throws NonFiniteWeights, or FactorRangeError for a layer too small.
 */
export function quantizeSuperBlocks(
  rows: Float32Array,
  N: number,
  K: number,
  bits: SuperBlockBits,
  options: SuperBlockOptions,
  implementation: 'wasm' | 'js' = kernelImplementation(),
): SuperBlockMatrix {
  const kernels = implementation === 'wasm' ? wasmKernels() : null;
  if (!kernels) return quantizeSuperBlocksJs(rows, N, K, bits, options);
  const p = superBlockParams(K, bits, options);
  const out = superBlockOutputs(N, p);
  if (kernels.quantizeSuperBlocks(rows, N, K, p, out) > 0) throw nonFiniteWeights(rows.subarray(0, N * K))!;
  checkFactors(out.superScales);
  return superBlockMatrix(N, p, out);
}

/** quantizeSuperBlocks in JavaScript (float64 arithmetic): the fallback, and the reference of the WebAssembly twin. */
export function quantizeSuperBlocksJs(
  rows: Float32Array,
  N: number,
  K: number,
  bits: SuperBlockBits,
  options: SuperBlockOptions,
): SuperBlockMatrix {
  const p = superBlockParams(K, bits, options);
  const format = superBlockFormat(bits)!;
  const { span } = p;
  const { blockSize, indexBits } = format;
  const nmax = (1 << bits) - 1;
  const kBlocks = K / blockSize;
  const perSuper = span / blockSize;
  const supers = K / span;
  const rowIndexBytes = p.rowIndices;
  const out = superBlockOutputs(N, p);
  const { codes, scales, zeroPoints, indices, superScales, superMins } = out;
  const bad = nonFiniteWeights(rows.subarray(0, N * K));
  if (bad) throw bad;
  const scratch = new Scratch(blockSize, perSuper, nmax);

  for (let n = 0; n < N; n++) {
    for (let s = 0; s < supers; s++) {
      const o = n * K + s * span;
      const { x, iScale, iMin, q } = scratch;
      for (let k = 0; k < span; k++) x[k] = rows[o + k]!;
      searchSuperBlock(scratch, s * span, format, perSuper, bits, options);
      const d = scratch.factors[0]!;
      const dmin = scratch.factors[1]!;
      // Store: codes in MatMulNBits' layout (low bits first), the op's scales and zero points, the indices.
      const perByte = 8 / bits;
      const codeBase = (n * K + s * span) / perByte;
      for (let k = 0; k < span; k += perByte) {
        let byte = 0;
        for (let t = 0; t < perByte; t++) byte |= q[k + t]! << (t * bits);
        codes[codeBase + k / perByte] = byte;
      }
      for (let j = 0; j < perSuper; j++) {
        const scale = blockScale(d, iScale[j]!, options.float16);
        scales[n * kBlocks + s * perSuper + j] = scale;
        zeroPoints[n * kBlocks + s * perSuper + j] = blockZero(dmin, iMin[j]!, scale, options.float16);
      }
      packIndices(indices, n * rowIndexBytes + (s * perSuper * 2 * indexBits) / 8, iScale, iMin, perSuper, indexBits);
      if (d / FACTOR_UNIT < SMALLEST_FACTOR) throw factorRangeError(d);
      superScales[n * supers + s] = float32ToFloat16Bits(d / FACTOR_UNIT);
      superMins[n * supers + s] = float32ToFloat16Bits(dmin / FACTOR_UNIT);
    }
  }
  return superBlockMatrix(N, p, out);
}
/** Writes the (scale, minimum) index pairs of one super-block as a little-endian stream of `indexBits` values. */
function packIndices(out: Uint8Array, at: number, iScale: Int32Array, iMin: Int32Array, count: number, indexBits: number): void {
  let acc = 0;
  let held = 0;
  let pos = at;
  for (let t = 0; t < 2 * count; t++) {
    acc |= (t % 2 === 0 ? iScale[t >> 1]! : iMin[t >> 1]!) << held;
    held += indexBits;
    while (held >= 8) {
      out[pos++] = acc & 0xff;
      acc >>>= 8;
      held -= 8;
    }
  }
}

/** The index pairs of a row back from their packed bytes (what the constant nodes compute). */
export function unpackIndices(bytes: Uint8Array, count: number, indexBits: number): Int32Array {
  const out = new Int32Array(count);
  const mask = (1 << indexBits) - 1;
  for (let i = 0; i < count; i++) {
    const bit = i * indexBits;
    const byte = bit >> 3;
    const word = bytes[byte]! | ((bytes[byte + 1] ?? 0) << 8);
    out[i] = (word >> (bit & 7)) & mask;
  }
  return out;
}
