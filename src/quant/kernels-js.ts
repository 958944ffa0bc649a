/**
 * The kernels in plain JavaScript: the fallback where WebAssembly SIMD is missing, and the reference the
 * WebAssembly build (`wasm/assembly/kernels.ts`) is tested against byte for byte. Every float operation is
 * float32 (Math.fround after each one, exact for +, −, ×, ÷ of float32 operands) in the same order as the
 * four SIMD lanes there.
 *
 * Definitions shared by both:
 * - A block is `blockSize` values; a short last block is padded with zeros (which change neither the
 *   range nor any sum, and take the code of 0, the zero point).
 * - Range: lo = min(x, 0), hi = max(x, 0), a zero range end being +0 (a block of −0 values has a −0 scale where
 *   MLAS writes +0: the only difference from onnxruntime's bytes).
 * - Round-to-nearest, exactly MLAS's `BlockwiseQuantizer` (onnxruntime's MatMulNBits quantizer):
 *   symmetric scale = −peak / 2^(bits−1) with peak = hi if |hi| > |lo| else lo, zero point 2^(bits−1);
 *   asymmetric scale = (hi − lo) / (2^bits − 1), zero point = roundf(0 − lo / scale) clamped to [0, L].
 *   With `float16Scales` the scale is then rounded to float16 (as onnxruntime stores it for float16
 *   models, computing the codes with the stored scale).
 * - Codes: clamp(roundf(x · rs + zp), 0, L) with rs = 1/scale (0 for a zero scale), float32 arithmetic,
 *   roundf rounding halves away from zero; NaN (0 · ∞ in a subnormal block) gives 0. Searched blocks round
 *   as the search's sums do: clamp(nearest(x · rs), −zp, L − zp) + zp (`searchedCodeOf`).
 * - Search (see `searchParams`).
 */
import type { IntBits } from '../formats/layout.js';

const f32 = Math.fround;

/** Rounds a scale to the nearest float16 (ties to even), magnitude clamped to 65504. */
export function roundToFloat16(v: number): number {
  let a = Math.abs(v);
  if (a > 65504) a = 65504;
  bitsView[0] = a;
  const bits = wordView[0]!;
  const exponent = (bits >>> 23) - 127 + 15;
  let r: number;
  if (exponent <= 0) {
    r = f32(roundHalfEven(a * 16777216) / 16777216);
  } else {
    let u = bits & ~0x1fff;
    const rem = bits & 0x1fff;
    if (rem > 0x1000 || (rem === 0x1000 && (u & 0x2000) !== 0)) u += 0x2000;
    wordView[0] = u >>> 0;
    r = bitsView[0]!;
  }
  return v < 0 ? -r : r;
}

const bitsView = new Float32Array(1);
const wordView = new Uint32Array(bitsView.buffer);

function roundHalfEven(v: number): number {
  const r = Math.round(v);
  return r - v === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

function floatBits(v: number): number {
  bitsView[0] = v;
  return wordView[0]!;
}

function fromBits(u: number): number {
  wordView[0] = u >>> 0;
  return bitsView[0]!;
}

/** The code of one value: clamp(roundf(x·rs + zp), 0, L). */
export function codeOf(v: number, rs: number, zp: number, levels: number): number {
  const y = f32(f32(v * rs) + zp);
  if (y !== y) return 0;
  const t = Math.trunc(y);
  const r = f32(y - t) >= 0.5 ? t + 1 : t;
  return r > 0 ? (r < levels ? r : levels) : 0;
}

/**
 * The code of one value of a searched block: clamp(nearest(x·rs), −z, L − z) + z, the rounding of the
 * search's sums (ties to even); a NaN gives 0.
 */
function searchedCodeOf(v: number, rs: number, zp: number, levels: number): number {
  const r = nearest(f32(v * rs));
  const lo = 0 - zp;
  const hi = levels - zp;
  return (r > lo ? (r < hi ? r : hi) : lo) + zp;
}

interface Fit {
  scale: number;
  zeroPoint: number;
}

function rtnParams(lo: number, hi: number, bits: IntBits, symmetric: boolean, float16: boolean, fit: Fit): void {
  const levels = (1 << bits) - 1;
  if (symmetric) {
    const peak = Math.abs(hi) > Math.abs(lo) ? hi : lo;
    fit.scale = f32(-peak / (1 << (bits - 1)));
    fit.zeroPoint = 1 << (bits - 1);
  } else {
    const scale = f32(f32(hi - lo) / levels);
    let zp = lo;
    if (scale !== 0) zp = f32(0 - f32(lo / scale));
    // roundf of a non-negative value: half away from zero is half up.
    fit.zeroPoint = zp < 0 ? 0 : zp > levels ? levels : Math.floor(zp + 0.5);
    fit.scale = scale;
  }
  if (float16) fit.scale = roundToFloat16(fit.scale);
}

/** Round half to even of a float32 value (f32x4.nearest). */
function nearest(y: number): number {
  const r = Math.round(y);
  return r - y === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/**
 * Σw·x·l and Σw·l² for l = clamp(nearest(xs·inv), −z, L − z), in four lanes summed as ((l0 + l1) + l2) + l3.
 * (Without weights, w = 1 makes every product by w exact: the same sums as the unweighted SIMD loops.)
 */
function sums(
  xs: Float32Array,
  w: Float32Array,
  wx: Float32Array,
  blockSize: number,
  inv: number,
  z: number,
  levels: number,
): [number, number] {
  const xl = [0, 0, 0, 0];
  const ll = [0, 0, 0, 0];
  const lo = 0 - z;
  const hi = levels - z;
  for (let i = 0; i < blockSize; i++) {
    const r = nearest(f32(xs[i]! * inv));
    const l = r > lo ? (r < hi ? r : hi) : lo;
    const lane = i & 3;
    xl[lane] = f32(xl[lane]! + f32(wx[i]! * l));
    ll[lane] = f32(ll[lane]! + f32(f32(w[i]! * l) * l));
  }
  return [f32(f32(f32(xl[0]! + xl[1]!) + xl[2]!) + xl[3]!), f32(f32(f32(ll[0]! + ll[1]!) + ll[2]!) + ll[3]!)];
}

/**
 * The search's candidates: factors of round-to-nearest's inverse scale (float32), and the rounds of
 * re-rounding and re-fitting after them, placed by measurement on the bench's three matrices
 * (`node build/scripts/bench-kernels.js` prints their errors). Each candidate is one pass over the block,
 * and the final codes are re-rounded with the stored scale anyway, so four candidates and no refit lose at
 * most 0.2% of error against five passes (INT4), and INT2/INT8 do better than the earlier 5–6 candidates
 * with 3–4 refits. INT4 symmetric candidates reach further up (the peak maps to −8, the positive side ends
 * at 7). Weighted INT2 searches (magnitude or importance) were placed on llama-legacy's INT2 layers: of
 * the earlier six candidates 0.52–1.12 the three lowest won 5% of blocks, and a fourth refit improved
 * 0.8%, so they keep the top three and three refits, within the perplexity table's noise of the ten
 * passes (README); the three candidates placed on plain error lost 0.7–1.5 points.
 */
export function candidateFactors(bits: IntBits, symmetric: boolean, weighted: boolean): { factors: number[]; refits: number } {
  return (CANDIDATES[`${bits}${symmetric ? 's' : 'a'}${weighted ? 'w' : ''}`] ??= candidatesOf(bits, symmetric, weighted));
}

const CANDIDATES: Record<string, { factors: number[]; refits: number }> = {};

function candidatesOf(bits: IntBits, symmetric: boolean, weighted: boolean): { factors: number[]; refits: number } {
  const table =
    bits === 4
      ? !symmetric
        ? { factors: [0.9, 0.96, 1.02, 1.06], refits: 0 }
        : weighted
          ? { factors: [0.9, 0.98, 1.04, 1.08], refits: 0 }
          : { factors: [0.89, 0.98, 1.03, 1.09], refits: 0 }
      : bits === 2
        ? weighted
          ? { factors: [0.88, 1.0, 1.12], refits: 3 }
          : symmetric
            ? { factors: [0.72, 1.04, 1.4], refits: 1 }
            : { factors: [0.84, 1.08, 1.28, 1.52], refits: 0 }
        : { factors: [0.92, 0.96, 1.0], refits: 0 };
  return { factors: table.factors.map(f32), refits: table.refits };
}

/**
 * The zero point of an asymmetric candidate: the grid [−z, L − z]·s centred on the block's range [lo, hi]
 * (in units of the candidate's step 1/inv), so that both ends overshoot it equally; clamped to [0, L].
 * One zero point per candidate: trying z ± 1 as well cost two more passes' worth and gained under 0.2%
 * (0.4–0.6% for weighted INT2 searches).
 */
function balancedZeroPoint(lo: number, hi: number, inv: number, levels: number): number {
  const centre = f32(f32(levels - f32(f32(hi + lo) * inv)) * 0.5);
  const z = Math.floor(centre + 0.5);
  return !(z > 0) ? 0 : z > levels ? levels : z;
}

/**
 * The scale search. The block is first multiplied by a power of two (exact) bringing its peak near 1, so
 * no sum can overflow. Candidates: inverse scales inv0·factor (`candidateFactors`; inv0 is
 * round-to-nearest's: −2^(bits−1)/peak symmetric, L/(hi − lo) asymmetric); an asymmetric candidate takes
 * `balancedZeroPoint`. Each candidate's codes l are fixed and its least-squares
 * scale s = Σw·x·l / Σw·l² scored by (Σw·x·l)² / Σw·l² (the reduction of the weighted squared error);
 * the first best wins. Then `refits` rounds of re-rounding with 1/s and re-fitting, kept while
 * they improve. Returns false where the block gives nothing to fit (zero, subnormal, zero weight).
 */
function searchParams(
  src: Float32Array,
  weights: Float32Array,
  lo0: number,
  hi0: number,
  blockSize: number,
  bits: IntBits,
  symmetric: boolean,
  float16: boolean,
  magnitude: boolean,
  /** Magnitude or importance weights (the candidates differ). */
  weighted: boolean,
  scratch: { xs: Float32Array; w: Float32Array; wx: Float32Array },
  fit: Fit,
): boolean {
  const levels = (1 << bits) - 1;
  const mid = 1 << (bits - 1);
  const amax = Math.max(Math.abs(lo0), Math.abs(hi0));
  const exponent = floatBits(amax) >>> 23;
  if (exponent === 0) return false;
  const field = Math.min(Math.max(254 - exponent, 1), 253);
  const pscale = fromBits(field << 23);
  const unscale = fromBits((254 - field) << 23);
  const { xs, w, wx } = scratch;
  const squares = [0, 0, 0, 0];
  for (let i = 0; i < blockSize; i++) {
    xs[i] = f32(src[i]! * pscale);
    squares[i & 3] = f32(squares[i & 3]! + f32(xs[i]! * xs[i]!));
  }
  // Magnitude weighting: each value also counts by σ + |x|, σ² the block's mean square.
  const sigma = f32(Math.sqrt(f32(f32(f32(f32(squares[0]! + squares[1]!) + squares[2]!) + squares[3]!) * f32(1 / blockSize))));
  for (let i = 0; i < blockSize; i++) {
    w[i] = magnitude ? f32(weights[i]! * f32(sigma + Math.abs(xs[i]!))) : weights[i]!;
    wx[i] = f32(w[i]! * xs[i]!);
  }
  const lo = f32(lo0 * pscale);
  const hi = f32(hi0 * pscale);
  let inv0: number;
  if (symmetric) {
    const peak = Math.abs(hi) > Math.abs(lo) ? hi : lo;
    inv0 = f32(-mid / peak);
  } else {
    inv0 = f32(levels / f32(hi - lo));
  }
  const { factors, refits } = candidateFactors(bits, symmetric, weighted);
  let found = false;
  let bestScore = 0;
  let bestScale = 0;
  let bestZ = 0;
  const consider = (xl: number, ll: number, z: number) => {
    if (ll > 0) {
      const score = f32(f32(xl * xl) / ll);
      if (score > bestScore || !found) {
        bestScore = score;
        bestScale = f32(xl / ll);
        bestZ = z;
        found = true;
      }
    }
  };
  for (const factor of factors) {
    const inv = f32(inv0 * factor);
    if (symmetric) {
      const [xl, ll] = sums(xs, w, wx, blockSize, inv, mid, levels);
      consider(xl, ll, mid);
    } else {
      const z = balancedZeroPoint(lo, hi, inv, levels);
      const [xl, ll] = sums(xs, w, wx, blockSize, inv, z, levels);
      consider(xl, ll, z);
    }
  }
  if (!found) return false;
  for (let it = 0; it < refits; it++) {
    const inv = f32(1 / bestScale);
    if (!Number.isFinite(inv)) break;
    const [xl, ll] = sums(xs, w, wx, blockSize, inv, bestZ, levels);
    if (!(ll > 0)) break;
    const score = f32(f32(xl * xl) / ll);
    if (!(score > bestScore)) break;
    bestScore = score;
    bestScale = f32(xl / ll);
  }
  let scale = f32(bestScale * unscale);
  if (float16) scale = roundToFloat16(scale);
  fit.scale = scale;
  fit.zeroPoint = bestZ;
  return true;
}

export interface JsKernelParams {
  bits: IntBits;
  blockSize: number;
  symmetric: boolean;
  search: boolean;
  float16Scales: boolean;
  /** Search: weigh each value also by σ + |x| (σ² the block's mean square), as llama.cpp's q4_K does. */
  magnitude: boolean;
  importance: Float32Array | null;
}

/** Quantizes `rows` rows of K values into the given outputs; returns the number of non-finite blocks. */
export function quantizeRowsJs(
  x: Float32Array,
  rows: number,
  K: number,
  p: JsKernelParams,
  codes: Uint8Array,
  scales: Float32Array,
  zeroPoints: Uint8Array | null,
): number {
  const { bits, blockSize, symmetric, search } = p;
  const kBlocks = Math.ceil(K / blockSize);
  const blob = (blockSize * bits) / 8;
  const perByte = 8 / bits;
  const zpPerRow = Math.ceil((kBlocks * bits) / 8);
  const levels = (1 << bits) - 1;
  const mid = 1 << (bits - 1);
  const block = new Float32Array(blockSize);
  const blockW = new Float32Array(blockSize).fill(1);
  const scratch = { xs: new Float32Array(blockSize), w: new Float32Array(blockSize), wx: new Float32Array(blockSize) };
  const fit: Fit = { scale: 0, zeroPoint: 0 };
  let fill = 0;
  for (let j = 0; j < perByte; j++) fill |= mid << (j * bits);
  let bad = 0;
  for (let n = 0; n < rows; n++) {
    if (zeroPoints) zeroPoints.fill(fill, n * zpPerRow, (n + 1) * zpPerRow);
    for (let b = 0; b < kBlocks; b++) {
      const start = n * K + b * blockSize;
      const len = Math.min(blockSize, K - b * blockSize);
      block.fill(0);
      block.set(x.subarray(start, start + len));
      if (p.importance) {
        blockW.fill(0);
        blockW.set(p.importance.subarray(b * blockSize, b * blockSize + len));
      }
      // A value replaces the minimum (maximum) only when strictly smaller (larger): zeros stay +0.
      let lo = 0;
      let hi = 0;
      let nan = false;
      for (let i = 0; i < blockSize; i++) {
        const v = block[i]!;
        if (v < lo) lo = v;
        if (v > hi) hi = v;
        if (v !== v) nan = true;
      }
      if (nan || !Number.isFinite(lo) || !Number.isFinite(hi)) {
        bad++;
        continue;
      }
      rtnParams(lo, hi, bits, symmetric, p.float16Scales && !search, fit);
      const searched =
        search &&
        searchParams(
          block,
          blockW,
          lo,
          hi,
          blockSize,
          bits,
          symmetric,
          p.float16Scales,
          p.magnitude,
          p.magnitude || p.importance !== null,
          scratch,
          fit,
        );
      if (search && !searched) rtnParams(lo, hi, bits, symmetric, p.float16Scales, fit);
      const index = n * kBlocks + b;
      scales[index] = fit.scale;
      if (zeroPoints) {
        const slot = n * zpPerRow + Math.floor(b / perByte);
        const shift = (b % perByte) * bits;
        zeroPoints[slot] = (zeroPoints[slot]! & ~(levels << shift)) | (fit.zeroPoint << shift);
      }
      const rs = fit.scale !== 0 ? f32(1 / fit.scale) : 0;
      const code = searched ? searchedCodeOf : codeOf;
      const out = index * blob;
      for (let i = 0; i < blockSize; i += perByte) {
        let byte = 0;
        for (let j = 0; j < perByte; j++) byte |= code(block[i + j]!, rs, fit.zeroPoint, levels) << (j * bits);
        codes[out + i / perByte] = byte;
      }
    }
  }
  return bad;
}
