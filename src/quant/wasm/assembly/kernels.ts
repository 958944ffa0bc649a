/**
 * The block quantization kernels in AssemblyScript, compiled to WebAssembly SIMD (`npm run build:wasm`).
 * Every operation here has a twin in `../../kernels-js.ts` doing the same float32 arithmetic in the same
 * order, so both produce the same bytes; the definitions (rounding, search candidates, lane order of sums)
 * are documented there. Memory is managed by the caller: every pointer is a byte offset in this module's
 * memory, blocks are read from `x` (rows of K float32) and written to `codes`, `scales`, `zeroPoints`.
 */

// ---- float16 rounding of a scale (round to nearest even, magnitude clamped to 65504) ----

function roundToFloat16(v: f32): f32 {
  let a = abs<f32>(v);
  if (a > 65504) a = 65504;
  const bits = reinterpret<u32>(a);
  const exponent = <i32>(bits >>> 23) - 127 + 15;
  let r: f32;
  if (exponent <= 0) {
    // float16 subnormals are multiples of 2^-24.
    r = <f32>(nearest<f64>(<f64>a * 16777216.0) / 16777216.0);
  } else {
    let u = bits & ~0x1fff;
    const rem = bits & 0x1fff;
    if (rem > 0x1000 || (rem == 0x1000 && (u & 0x2000) != 0)) u += 0x2000;
    r = reinterpret<f32>(u);
  }
  return v < 0 ? -r : r;
}

// ---- codes: clamp(roundf(x·rs + zp), 0, L), roundf = half away from zero, NaN → 0 ----

// @ts-ignore: decorator
@inline
function codes4(v: v128, rs: v128, zp: v128, top: v128): v128 {
  const y = f32x4.add(f32x4.mul(v, rs), zp);
  const t = f32x4.trunc(y);
  const up = v128.and(f32x4.ge(f32x4.sub(y, t), f32x4.splat(0.5)), f32x4.splat(1.0));
  const r = f32x4.add(t, up);
  // r is now an integer in [0, L]: adding 2^23 puts it in the low mantissa bits (cheaper than a conversion).
  return v128.and(f32x4.add(f32x4.pmin(top, f32x4.pmax(f32x4.splat(0), r)), f32x4.splat(8388608.0)), i32x4.splat(0xff));
}

/**
 * The same codes for round-to-nearest symmetric blocks, where |x·rs| ≤ zp (the peak maps to code 0, up to
 * rounding): y = x·rs + zp ≥ −½ and y + ½ is exact (Sterbenz), so roundf(y) = ⌊y + ½⌋ and no lower clamp
 * is needed. pmin(r, top) keeps a NaN (a subnormal block's 0·∞), which then gives code 0 as above.
 */
// @ts-ignore: decorator
@inline
function codes4Peak(v: v128, rs: v128, zp: v128, top: v128): v128 {
  const r = f32x4.floor(f32x4.add(f32x4.add(f32x4.mul(v, rs), zp), f32x4.splat(0.5)));
  return v128.and(f32x4.add(f32x4.pmin(r, top), f32x4.splat(8388608.0)), i32x4.splat(0xff));
}

/**
 * Whether a float16-rounded scale still maps the peak within rounding of code 0: a normal float16 value
 * (relative error ≤ 2^-11), not one clamped to 65504 or a subnormal.
 */
function peakKept(scale: f32): bool {
  const a = abs<f32>(scale);
  return a == 0 || (a >= <f32>6.103515625e-5 && a < <f32>65504);
}

/**
 * The codes of a searched block: clamp(nearest(x·rs), −z, L − z) + z, the rounding of the search's sums
 * (ties to even). l + (z + 2^23) is exact and puts the code in the low mantissa bits. A NaN (0·∞) gives −z.
 */
// @ts-ignore: decorator
@inline
function codes4Searched(v: v128, rs: v128, lo: v128, hi: v128, magic: v128): v128 {
  const l = f32x4.pmin(hi, f32x4.pmax(lo, f32x4.nearest(f32x4.mul(v, rs))));
  return i32x4.sub(f32x4.add(l, magic), i32x4.splat(0x4b000000));
}

/** How `packBlock` rounds: `codes4`, `codes4Peak`, or `codes4Searched`. */
const ROUND_NEAREST_AWAY = 0;
const ROUND_PEAK = 1;
const ROUND_SEARCHED = 2;

/** Codes of one block of `blockSize` values (a multiple of 16), packed at `out`. */
function packBlock(src: usize, blockSize: i32, bits: i32, scale: f32, zeroPoint: i32, out: usize, rounding: i32): void {
  const rs = f32x4.splat(scale != 0 ? <f32>1 / scale : 0);
  const zp = f32x4.splat(<f32>zeroPoint);
  const top = f32x4.splat(<f32>((1 << bits) - 1));
  const lo = f32x4.neg(zp);
  const hi = f32x4.sub(top, zp);
  const magic = f32x4.add(zp, f32x4.splat(8388608.0));
  for (let i = 0; i < blockSize; i += 16) {
    const p = src + (<usize>i << 2);
    let c0: v128, c1: v128, c2: v128, c3: v128;
    if (rounding == ROUND_PEAK) {
      c0 = codes4Peak(v128.load(p), rs, zp, top);
      c1 = codes4Peak(v128.load(p, 16), rs, zp, top);
      c2 = codes4Peak(v128.load(p, 32), rs, zp, top);
      c3 = codes4Peak(v128.load(p, 48), rs, zp, top);
    } else if (rounding == ROUND_SEARCHED) {
      c0 = codes4Searched(v128.load(p), rs, lo, hi, magic);
      c1 = codes4Searched(v128.load(p, 16), rs, lo, hi, magic);
      c2 = codes4Searched(v128.load(p, 32), rs, lo, hi, magic);
      c3 = codes4Searched(v128.load(p, 48), rs, lo, hi, magic);
    } else {
      c0 = codes4(v128.load(p), rs, zp, top);
      c1 = codes4(v128.load(p, 16), rs, zp, top);
      c2 = codes4(v128.load(p, 32), rs, zp, top);
      c3 = codes4(v128.load(p, 48), rs, zp, top);
    }
    storeCodes(c0, c1, c2, c3, bits, out, i);
  }
}

/** Packs the 16 codes of c0..c3 (one per 32-bit lane), codes i..i+15 of a block, at `out`. */
// @ts-ignore: decorator
@inline
function storeCodes(c0: v128, c1: v128, c2: v128, c3: v128, bits: i32, out: usize, i: i32): void {
  const bytes = i8x16.narrow_i16x8_u(i16x8.narrow_i32x4_u(c0, c1), i16x8.narrow_i32x4_u(c2, c3));
  if (bits == 8) {
    v128.store(out + <usize>i, bytes);
  } else if (bits == 4) {
    // 16-bit lanes c0 | c1<<8 → c0 | c1<<4
    const pairs = v128.and(v128.or(bytes, i16x8.shr_u(bytes, 4)), i16x8.splat(0xff));
    v128.store64_lane(out + <usize>(i >> 1), i8x16.narrow_i16x8_u(pairs, pairs), 0);
  } else {
    // 32-bit lanes c0 | c1<<8 | c2<<16 | c3<<24 → c0 | c1<<2 | c2<<4 | c3<<6
    let t = v128.or(bytes, i32x4.shr_u(bytes, 6));
    t = v128.and(v128.or(t, i32x4.shr_u(t, 12)), i32x4.splat(0xff));
    const narrow = i16x8.narrow_i32x4_u(t, t);
    v128.store32_lane(out + <usize>(i >> 2), i8x16.narrow_i16x8_u(narrow, narrow), 0);
  }
}

// ---- block statistics ----

let blockLo: f32 = 0;
let blockHi: f32 = 0;

/**
 * min(x, 0) and max(x, 0) over the block, by pmin/pmax (one instruction each, where IEEE min/max cost
 * several): a lane is replaced only by a strictly smaller (larger) value, so zeros stay +0 and a NaN is
 * skipped; NaNs are caught by x ≠ x, infinities show in the range. `blockBad` is set for either.
 */
function rangeOf(src: usize, blockSize: i32): void {
  blockRange(src, blockSize);
  const lo = groupLo;
  const hi = groupHi;
  blockLo = min<f32>(min<f32>(f32x4.extract_lane(lo, 0), f32x4.extract_lane(lo, 1)), min<f32>(f32x4.extract_lane(lo, 2), f32x4.extract_lane(lo, 3)));
  blockHi = max<f32>(max<f32>(f32x4.extract_lane(hi, 0), f32x4.extract_lane(hi, 1)), max<f32>(f32x4.extract_lane(hi, 2), f32x4.extract_lane(hi, 3)));
  blockBad = v128.any_true(groupNaN) || !isFinite<f32>(blockLo) || !isFinite<f32>(blockHi);
}

let blockBad = false;

// ---- round-to-nearest parameters (MLAS) ----

let fitScale: f32 = 0;
let fitZeroPoint: i32 = 0;

function rtnParams(bits: i32, symmetric: bool, float16: bool): void {
  const levels = (1 << bits) - 1;
  if (symmetric) {
    const peak = abs<f32>(blockHi) > abs<f32>(blockLo) ? blockHi : blockLo;
    fitScale = -peak / <f32>(1 << (bits - 1));
    fitZeroPoint = 1 << (bits - 1);
  } else {
    const scale: f32 = (blockHi - blockLo) / <f32>levels;
    let zp: f32 = blockLo;
    if (scale != 0) zp = <f32>0 - blockLo / scale;
    // roundf of a non-negative value (half away from zero = half up), in float64 so that + ½ is exact.
    fitZeroPoint = zp < 0 ? 0 : zp > <f32>levels ? levels : <i32>Math.floor(<f64>zp + 0.5);
    fitScale = scale;
  }
  if (float16) fitScale = roundToFloat16(fitScale);
}

// ---- scale search ----

/** Scratch: the block scaled by a power of two (xs), its weights (w) and their product (wx). */
let xsPtr: usize = 0;
let wPtr: usize = 0;
let wxPtr: usize = 0;

let sumXL: f32 = 0;
let sumLL: f32 = 0;

// @ts-ignore: decorator
@inline
function lanes(v: v128): f32 {
  return f32x4.extract_lane(v, 0) + f32x4.extract_lane(v, 1) + f32x4.extract_lane(v, 2) + f32x4.extract_lane(v, 3);
}

/**
 * Σw·x·l and Σw·l² for l = clamp(nearest(x·inv), −z, L − z) (nearest: ties to even, one instruction).
 * Without weights (w = 1) the same sums without the products by w, which are exact.
 */
function sums(blockSize: i32, inv: f32, z: i32, levels: i32, weighted: bool): void {
  const vinv = f32x4.splat(inv);
  const lo = f32x4.splat(<f32>-z);
  const hi = f32x4.splat(<f32>(levels - z));
  let xl = f32x4.splat(0);
  let ll = f32x4.splat(0);
  if (!weighted) {
    for (let i = 0; i < blockSize; i += 4) {
      const x = v128.load(xsPtr + (<usize>i << 2));
      const l = f32x4.pmin(hi, f32x4.pmax(lo, f32x4.nearest(f32x4.mul(x, vinv))));
      xl = f32x4.add(xl, f32x4.mul(x, l));
      ll = f32x4.add(ll, f32x4.mul(l, l));
    }
  } else {
    for (let i = 0; i < blockSize; i += 4) {
      const o = <usize>i << 2;
      const w = v128.load(wPtr + o);
      const l = f32x4.pmin(hi, f32x4.pmax(lo, f32x4.nearest(f32x4.mul(v128.load(xsPtr + o), vinv))));
      xl = f32x4.add(xl, f32x4.mul(v128.load(wxPtr + o), l));
      ll = f32x4.add(ll, f32x4.mul(f32x4.mul(w, l), l));
    }
  }
  sumXL = lanes(xl);
  sumLL = lanes(ll);
}

/**
 * The search's candidate inverse scales, as factors of round-to-nearest's, and its rounds of re-fitting
 * (the definitions are in the JavaScript twin's `candidateFactors`).
 */
function candidateCount(bits: i32, symmetric: bool, weighted: bool): i32 {
  return bits == 8 || (bits == 2 && (symmetric || weighted)) ? 3 : 4;
}

// @ts-ignore: decorator
@inline
function candidateFactor(bits: i32, symmetric: bool, weighted: bool, k: i32): f32 {
  if (bits == 4) {
    if (!symmetric) return k == 0 ? <f32>0.9 : k == 1 ? <f32>0.96 : k == 2 ? <f32>1.02 : <f32>1.06;
    if (weighted) return k == 0 ? <f32>0.9 : k == 1 ? <f32>0.98 : k == 2 ? <f32>1.04 : <f32>1.08;
    return k == 0 ? <f32>0.89 : k == 1 ? <f32>0.98 : k == 2 ? <f32>1.03 : <f32>1.09;
  }
  if (bits == 2) {
    if (weighted) return k == 0 ? <f32>0.88 : k == 1 ? <f32>1.0 : <f32>1.12;
    if (symmetric) return k == 0 ? <f32>0.72 : k == 1 ? <f32>1.04 : <f32>1.4;
    return k == 0 ? <f32>0.84 : k == 1 ? <f32>1.08 : k == 2 ? <f32>1.28 : <f32>1.52;
  }
  return k == 0 ? <f32>0.92 : k == 1 ? <f32>0.96 : <f32>1.0;
}

function refits(bits: i32, symmetric: bool, weighted: bool): i32 {
  return bits == 2 ? (weighted ? 3 : symmetric ? 1 : 0) : 0;
}

/** `balancedZeroPoint` of the JavaScript twin: ⌊centre + ½⌋ (in float64, where + ½ is exact) clamped to [0, L]. */
function balancedZeroPoint(lo: f32, hi: f32, inv: f32, levels: i32): i32 {
  const centre = (<f32>levels - (hi + lo) * inv) * <f32>0.5;
  const z = <i32>Math.floor(<f64>centre + 0.5);
  return z < 0 ? 0 : z > levels ? levels : z;
}

let bestScore: f32 = 0;
let bestScale: f32 = 0;
let bestZeroPoint: i32 = 0;
let found = false;

// @ts-ignore: decorator
@inline
function consider(xl: f32, ll: f32, z: i32): void {
  if (ll > 0) {
    const score = (xl * xl) / ll;
    if (score > bestScore || !found) {
      bestScore = score;
      bestScale = xl / ll;
      bestZeroPoint = z;
      found = true;
    }
  }
}

/**
 * The search: candidate inverse scales around round-to-nearest's, each with its codes fixed and the
 * least-squares scale Σw·x·l / Σw·l²; then a few alternations of re-rounding and re-fitting. Returns false
 * (keep round-to-nearest's parameters) for a block it cannot improve on: all zero, subnormal, or zero weight.
 */
function searchParams(
  src: usize,
  weights: usize,
  hasWeights: bool,
  magnitude: bool,
  blockSize: i32,
  bits: i32,
  symmetric: bool,
  float16: bool,
): bool {
  const levels = (1 << bits) - 1;
  const mid = 1 << (bits - 1);
  const amax = max<f32>(abs<f32>(blockLo), abs<f32>(blockHi));
  const exponent = <i32>(reinterpret<u32>(amax) >>> 23);
  if (exponent == 0) return false; // zero or subnormal block
  // Work on the block times 2^k (exact) so that sums of squares cannot overflow.
  const field = min<i32>(max<i32>(254 - exponent, 1), 253);
  const pscale = reinterpret<f32>(<u32>field << 23);
  const unscale = reinterpret<f32>(<u32>(254 - field) << 23);
  const vp = f32x4.splat(pscale);
  let squares = f32x4.splat(0);
  for (let i = 0; i < blockSize; i += 4) {
    const o = <usize>i << 2;
    const xs = f32x4.mul(v128.load(src + o), vp);
    v128.store(xsPtr + o, xs);
    squares = f32x4.add(squares, f32x4.mul(xs, xs));
  }
  const weighted = hasWeights || magnitude;
  if (weighted) {
    // Magnitude weighting (llama.cpp's k-quants): each value also counts by σ + |x|, σ² the block's
    // mean square, so the search does not trade the large weights for the small ones.
    const sigma = f32x4.splat(sqrt<f32>(lanes(squares) * (<f32>1 / <f32>blockSize)));
    for (let i = 0; i < blockSize; i += 4) {
      const o = <usize>i << 2;
      const xs = v128.load(xsPtr + o);
      let w = hasWeights ? v128.load(weights + o) : f32x4.splat(1);
      if (magnitude) w = f32x4.mul(w, f32x4.add(sigma, f32x4.abs(xs)));
      v128.store(wPtr + o, w);
      v128.store(wxPtr + o, f32x4.mul(w, xs));
    }
  }
  const lo = blockLo * pscale;
  const hi = blockHi * pscale;
  let inv0: f32;
  if (symmetric) {
    const peak = abs<f32>(hi) > abs<f32>(lo) ? hi : lo;
    inv0 = <f32>-mid / peak;
  } else {
    inv0 = <f32>levels / (hi - lo);
  }
  const candidates = candidateCount(bits, symmetric, weighted);
  found = false;
  bestScore = 0;
  for (let k = 0; k < candidates; k++) {
    const inv = inv0 * candidateFactor(bits, symmetric, weighted, k);
    const z = symmetric ? mid : balancedZeroPoint(lo, hi, inv, levels);
    sums(blockSize, inv, z, levels, weighted);
    consider(sumXL, sumLL, z);
  }
  if (!found) return false;
  const iterations = refits(bits, symmetric, weighted);
  for (let it = 0; it < iterations; it++) {
    const inv: f32 = <f32>1 / bestScale;
    if (!isFinite<f32>(inv)) break;
    sums(blockSize, inv, bestZeroPoint, levels, weighted);
    if (!(sumLL > 0)) break;
    const score = (sumXL * sumXL) / sumLL;
    if (!(score > bestScore)) break;
    bestScore = score;
    bestScale = sumXL / sumLL;
  }
  let scale = bestScale * unscale;
  if (float16) scale = roundToFloat16(scale);
  fitScale = scale;
  fitZeroPoint = bestZeroPoint;
  return true;
}

// ---- round-to-nearest, four blocks at a time ----

// @ts-ignore: decorator
@inline
function minLanes4(a: v128, b: v128, c: v128, d: v128): v128 {
  // [min a, min b, min c, min d] over the lanes of each input.
  const ab = f32x4.pmin(v128.shuffle<f32>(a, b, 0, 4, 1, 5), v128.shuffle<f32>(a, b, 2, 6, 3, 7));
  const cd = f32x4.pmin(v128.shuffle<f32>(c, d, 0, 4, 1, 5), v128.shuffle<f32>(c, d, 2, 6, 3, 7));
  return f32x4.pmin(v128.shuffle<f32>(ab, cd, 0, 1, 4, 5), v128.shuffle<f32>(ab, cd, 2, 3, 6, 7));
}

// @ts-ignore: decorator
@inline
function maxLanes4(a: v128, b: v128, c: v128, d: v128): v128 {
  const ab = f32x4.pmax(v128.shuffle<f32>(a, b, 0, 4, 1, 5), v128.shuffle<f32>(a, b, 2, 6, 3, 7));
  const cd = f32x4.pmax(v128.shuffle<f32>(c, d, 0, 4, 1, 5), v128.shuffle<f32>(c, d, 2, 6, 3, 7));
  return f32x4.pmax(v128.shuffle<f32>(ab, cd, 0, 1, 4, 5), v128.shuffle<f32>(ab, cd, 2, 3, 6, 7));
}

/** The range without the NaN scan: a running sum is NaN or infinite if any value is (or if it overflows). */
// @ts-ignore: decorator
@inline
function blockRangeSum(src: usize, blockSize: i32): void {
  let lo = f32x4.splat(0);
  let hi = f32x4.splat(0);
  let sum = f32x4.splat(0);
  for (let i = 0; i < blockSize; i += 4) {
    const v = v128.load(src + (<usize>i << 2));
    lo = f32x4.pmin(lo, v);
    hi = f32x4.pmax(hi, v);
    sum = f32x4.add(sum, v);
  }
  groupLo = lo;
  groupHi = hi;
  groupNaN = sum;
}

// @ts-ignore: decorator
@inline
function blockRange(src: usize, blockSize: i32): void {
  let lo = f32x4.splat(0);
  let hi = f32x4.splat(0);
  let nan = i32x4.splat(0);
  for (let i = 0; i < blockSize; i += 4) {
    const v = v128.load(src + (<usize>i << 2));
    lo = f32x4.pmin(lo, v);
    hi = f32x4.pmax(hi, v);
    nan = v128.or(nan, f32x4.ne(v, v));
  }
  groupLo = lo;
  groupHi = hi;
  groupNaN = nan;
}

let groupNaN: v128 = i32x4.splat(0);
let groupLo: v128 = f32x4.splat(0);
let groupHi: v128 = f32x4.splat(0);

/**
 * Round-to-nearest of four whole consecutive blocks of a row: the four ranges are reduced together and
 * the four scales (and asymmetric, the four zero points) computed in one vector (the same float32
 * operations as `rtnParams`, lane by lane), the codes packed by a loop specialized for the width.
 * Returns the number of non-finite blocks among them.
 */
function rtnGroup(src: usize, blockSize: i32, bits: i32, symmetric: bool, float16: bool, scales: usize, zpSlots: usize, codes: usize): i32 {
  const bytes = <usize>blockSize << 2;
  blockRangeSum(src, blockSize);
  const lo0 = groupLo;
  const hi0 = groupHi;
  let sums = groupNaN;
  blockRangeSum(src + bytes, blockSize);
  const lo1 = groupLo;
  const hi1 = groupHi;
  sums = f32x4.add(sums, groupNaN);
  blockRangeSum(src + 2 * bytes, blockSize);
  const lo2 = groupLo;
  const hi2 = groupHi;
  sums = f32x4.add(sums, groupNaN);
  blockRangeSum(src + 3 * bytes, blockSize);
  sums = f32x4.add(sums, groupNaN);
  const lo = minLanes4(lo0, lo1, lo2, groupLo);
  const hi = maxLanes4(hi0, hi1, hi2, groupHi);
  const span = f32x4.sub(hi, lo);
  // A NaN or infinite value makes the sums non-finite (as may a mere overflow): then look block by block.
  const finite = f32x4.lt(f32x4.abs(sums), f32x4.splat(Infinity));
  if (!i32x4.all_true(v128.and(finite, f32x4.lt(f32x4.abs(span), f32x4.splat(Infinity))))) {
    let bad = 0;
    for (let j = 0; j < 4; j++) {
      rangeOf(src + <usize>j * bytes, blockSize);
      if (blockBad) bad++;
    }
    if (bad > 0) return bad;
  }
  const levels = (1 << bits) - 1;
  let scale: v128;
  if (symmetric) {
    const peak = v128.bitselect(hi, lo, f32x4.gt(f32x4.abs(hi), f32x4.abs(lo)));
    scale = f32x4.div(f32x4.neg(peak), f32x4.splat(<f32>(1 << (bits - 1))));
  } else {
    scale = f32x4.div(span, f32x4.splat(<f32>levels));
  }
  if (float16) {
    scale = f32x4.replace_lane(scale, 0, roundToFloat16(f32x4.extract_lane(scale, 0)));
    scale = f32x4.replace_lane(scale, 1, roundToFloat16(f32x4.extract_lane(scale, 1)));
    scale = f32x4.replace_lane(scale, 2, roundToFloat16(f32x4.extract_lane(scale, 2)));
    scale = f32x4.replace_lane(scale, 3, roundToFloat16(f32x4.extract_lane(scale, 3)));
  }
  v128.store(scales, scale);
  const blob = <usize>((blockSize * bits) >> 3);
  if (symmetric && (!float16 || peakKept4(scale))) {
    // The common case: every block's peak maps to code 0. One vector division for the four reciprocals,
    // and a packing loop specialized for the width.
    const rs = v128.bitselect(f32x4.div(f32x4.splat(1), scale), f32x4.splat(0), f32x4.ne(scale, f32x4.splat(0)));
    if (bits == 4) packPeakGroup4(src, bytes, blockSize, rs, codes, blob);
    else if (bits == 2) packPeakGroup2(src, bytes, blockSize, rs, codes, blob);
    else packPeakGroup8(src, bytes, blockSize, rs, codes, blob);
    return 0;
  }
  if (!symmetric) {
    // Each block's zero point from its unrounded scale (as MLAS computes it): −lo/s, or lo where s = 0, then
    // roundf (half up: ⌊z⌋ + (z − ⌊z⌋ ≥ ½), exact in float32, as ⌊z + ½⌋ in float64 is) clamped to [0, L].
    const flevels = f32x4.splat(<f32>levels);
    const unrounded = f32x4.div(span, flevels);
    const zero = f32x4.splat(0);
    const zf = v128.bitselect(f32x4.sub(zero, f32x4.div(lo, unrounded)), lo, f32x4.ne(unrounded, zero));
    const t = f32x4.floor(zf);
    const zr = f32x4.pmin(flevels, f32x4.pmax(zero, f32x4.add(t, v128.and(f32x4.ge(f32x4.sub(zf, t), f32x4.splat(0.5)), f32x4.splat(1.0)))));
    v128.store(zpSlots, i32x4.trunc_sat_f32x4_s(zr));
    const rs = v128.bitselect(f32x4.div(f32x4.splat(1), scale), zero, f32x4.ne(scale, zero));
    if (bits == 4) packNearestGroup4(src, bytes, blockSize, rs, zr, codes, blob);
    else if (bits == 2) packNearestGroup2(src, bytes, blockSize, rs, zr, codes, blob);
    else packNearestGroup8(src, bytes, blockSize, rs, zr, codes, blob);
    return 0;
  }
  // Symmetric float16 scales whose peak may not map to code 0 (a scale clamped to 65504 or subnormal): block by block.
  for (let j = 0; j < 4; j++) {
    // (AssemblyScript needs constant lane indices)
    const sj: f32 = j == 0 ? f32x4.extract_lane(scale, 0) : j == 1 ? f32x4.extract_lane(scale, 1) : j == 2 ? f32x4.extract_lane(scale, 2) : f32x4.extract_lane(scale, 3);
    packBlock(src + <usize>j * bytes, blockSize, bits, sj, 1 << (bits - 1), codes + <usize>j * blob, peakKept(sj) ? ROUND_PEAK : ROUND_NEAREST_AWAY);
  }
  return 0;
}

/** `peakKept` of all four lanes. */
function peakKept4(scale: v128): bool {
  const a = f32x4.abs(scale);
  const normal = v128.and(f32x4.ge(a, f32x4.splat(<f32>6.103515625e-5)), f32x4.lt(a, f32x4.splat(<f32>65504)));
  return i32x4.all_true(v128.or(normal, f32x4.eq(a, f32x4.splat(0))));
}

/** Lane j of v in all four lanes (AssemblyScript needs constant lane indices). */
// @ts-ignore: decorator
@inline
function splatLane(v: v128, j: i32): v128 {
  return j == 0 ? i32x4.shuffle(v, v, 0, 0, 0, 0) : j == 1 ? i32x4.shuffle(v, v, 1, 1, 1, 1) : j == 2 ? i32x4.shuffle(v, v, 2, 2, 2, 2) : i32x4.shuffle(v, v, 3, 3, 3, 3);
}

/**
 * `packBlock` of four consecutive blocks (`bytes` apart), reciprocal scales in the lanes of `rs`, for a
 * constant width and rounding: `ROUND_PEAK` (zero point 2^(bits−1)) when `peak`, else `ROUND_NEAREST_AWAY`
 * with the zero points in the lanes of `zps`. The same operations per value, without the per-call and
 * per-step branches. One function per width and rounding (below): inlined as three arms of one `if`, the
 * optimizer folded their common tail back into one loop with the width a variable (11% slower).
 */
// @ts-ignore: decorator
@inline
function packGroupOfFour(src: usize, bytes: usize, blockSize: i32, bits: i32, peak: bool, rs: v128, zps: v128, codes: usize, blob: usize): void {
  const top = f32x4.splat(<f32>((1 << bits) - 1));
  for (let j = 0; j < 4; j++) {
    const r = splatLane(rs, j);
    const zp = peak ? f32x4.splat(<f32>(1 << (bits - 1))) : splatLane(zps, j);
    const block = src + <usize>j * bytes;
    const out = codes + <usize>j * blob;
    for (let i = 0; i < blockSize; i += 16) {
      const p = block + (<usize>i << 2);
      const c0 = peak ? codes4Peak(v128.load(p), r, zp, top) : codes4(v128.load(p), r, zp, top);
      const c1 = peak ? codes4Peak(v128.load(p, 16), r, zp, top) : codes4(v128.load(p, 16), r, zp, top);
      const c2 = peak ? codes4Peak(v128.load(p, 32), r, zp, top) : codes4(v128.load(p, 32), r, zp, top);
      const c3 = peak ? codes4Peak(v128.load(p, 48), r, zp, top) : codes4(v128.load(p, 48), r, zp, top);
      storeCodes(c0, c1, c2, c3, bits, out, i);
    }
  }
}

function packPeakGroup4(src: usize, bytes: usize, blockSize: i32, rs: v128, codes: usize, blob: usize): void {
  packGroupOfFour(src, bytes, blockSize, 4, true, rs, rs, codes, blob);
}

function packPeakGroup2(src: usize, bytes: usize, blockSize: i32, rs: v128, codes: usize, blob: usize): void {
  packGroupOfFour(src, bytes, blockSize, 2, true, rs, rs, codes, blob);
}

function packPeakGroup8(src: usize, bytes: usize, blockSize: i32, rs: v128, codes: usize, blob: usize): void {
  packGroupOfFour(src, bytes, blockSize, 8, true, rs, rs, codes, blob);
}

function packNearestGroup4(src: usize, bytes: usize, blockSize: i32, rs: v128, zps: v128, codes: usize, blob: usize): void {
  packGroupOfFour(src, bytes, blockSize, 4, false, rs, zps, codes, blob);
}

function packNearestGroup2(src: usize, bytes: usize, blockSize: i32, rs: v128, zps: v128, codes: usize, blob: usize): void {
  packGroupOfFour(src, bytes, blockSize, 2, false, rs, zps, codes, blob);
}

function packNearestGroup8(src: usize, bytes: usize, blockSize: i32, rs: v128, zps: v128, codes: usize, blob: usize): void {
  packGroupOfFour(src, bytes, blockSize, 8, false, rs, zps, codes, blob);
}

// ---- the search, four rows at a time ----

/**
 * The search is a chain of short dependent steps per block (a pass over 32 values, a reduction across
 * lanes, a division, a comparison), so one block at a time leaves the core mostly waiting. Here the same
 * block column of four rows is searched at once, lane j holding row j: the block is transposed so that
 * vector i holds value i of each row, each lane's Σ(w·)x·l is kept in four accumulators by i mod 4 (the
 * lanes of the one-block loops) and added as `lanes` adds them, and every scalar step of `searchParams`
 * runs on four lanes with masks where it branches. Each lane computes the same floats as `searchParams`:
 * operation for operation, except that the unweighted Σl² takes one accumulator (a sum of integers below
 * 2^24, exact in any order) and the codes come from the scaled values, xs·(rs·2^−k), the same real number
 * as x·rs (where xs underflowed, x·rs rounds to 0 either way). So the bytes are the same.
 */

/**
 * In the caller's scratch (see `scratchBytes`; threads sharing one memory each pass their own): the
 * transposed block (xs), its weights (w), their product (wx), up to 256 vectors each; per-lane results,
 * read back one lane at a time.
 */
let groupX: usize = 0;
let groupW: usize = 0;
let groupWX: usize = 0;
let laneOut: usize = 0;

let gxl: v128 = f32x4.splat(0);
let gll: v128 = f32x4.splat(0);

/**
 * `sums` for four blocks at once, unweighted: Σx·l and Σl² per lane for l = clamp(r, zlo, zhi),
 * r = nearest(x·inv), with Σx·l in four accumulators by i mod 4 (the lanes of the one-block loop).
 * A clamp is left out where the caller knows it cannot bind (then it would return r unchanged).
 */
// @ts-ignore: decorator
@inline
function sumsLoop(blockSize: i32, inv: v128, zlo: v128, zhi: v128, clampLo: bool, clampHi: bool): void {
  let xl0 = f32x4.splat(0);
  let xl1 = f32x4.splat(0);
  let xl2 = f32x4.splat(0);
  let xl3 = f32x4.splat(0);
  let ll0 = f32x4.splat(0);
  const end = groupX + (<usize>blockSize << 4);
  for (let p = groupX; p < end; p += 64) {
    let r0 = f32x4.nearest(f32x4.mul(v128.load(p), inv));
    let r1 = f32x4.nearest(f32x4.mul(v128.load(p, 16), inv));
    let r2 = f32x4.nearest(f32x4.mul(v128.load(p, 32), inv));
    let r3 = f32x4.nearest(f32x4.mul(v128.load(p, 48), inv));
    if (clampLo) {
      r0 = f32x4.pmax(zlo, r0);
      r1 = f32x4.pmax(zlo, r1);
      r2 = f32x4.pmax(zlo, r2);
      r3 = f32x4.pmax(zlo, r3);
    }
    if (clampHi) {
      r0 = f32x4.pmin(zhi, r0);
      r1 = f32x4.pmin(zhi, r1);
      r2 = f32x4.pmin(zhi, r2);
      r3 = f32x4.pmin(zhi, r3);
    }
    xl0 = f32x4.add(xl0, f32x4.mul(v128.load(p), r0));
    xl1 = f32x4.add(xl1, f32x4.mul(v128.load(p, 16), r1));
    xl2 = f32x4.add(xl2, f32x4.mul(v128.load(p, 32), r2));
    xl3 = f32x4.add(xl3, f32x4.mul(v128.load(p, 48), r3));
    // Σl² of integer codes is exact in any order (below 2^24): one accumulator, fewer registers.
    ll0 = f32x4.add(ll0, f32x4.add(f32x4.add(f32x4.mul(r0, r0), f32x4.mul(r1, r1)), f32x4.add(f32x4.mul(r2, r2), f32x4.mul(r3, r3))));
  }
  gxl = f32x4.add(f32x4.add(f32x4.add(xl0, xl1), xl2), xl3);
  gll = ll0;
}

/**
 * The weighted `sumsLoop` over half of its accumulators (vectors i ≡ 2·half, 2·half + 1 mod 4) at a time:
 * eight accumulators and their operands do not fit x64's vector registers (V8 spilled them). The halves
 * add up in `sumsLoop`'s order, so the sums are the same floats. With `fuse` (magnitude weights without
 * importance weights, the first candidate), the pass also computes the weights w = σ + |xs| and w·xs and
 * stores them for the later passes, instead of a pass of their own.
 */
// @ts-ignore: decorator
@inline
function weightedSumsHalf(half: i32, blockSize: i32, inv: v128, zlo: v128, zhi: v128, clampLo: bool, clampHi: bool, fuse: bool): void {
  const sigma = gSigma;
  let xlA = f32x4.splat(0);
  let xlB = f32x4.splat(0);
  let llA = f32x4.splat(0);
  let llB = f32x4.splat(0);
  const end = groupX + (<usize>blockSize << 4);
  for (let p = groupX + (<usize>half << 5); p < end; p += 64) {
    let r0 = f32x4.nearest(f32x4.mul(v128.load(p), inv));
    let r1 = f32x4.nearest(f32x4.mul(v128.load(p, 16), inv));
    if (clampLo) {
      r0 = f32x4.pmax(zlo, r0);
      r1 = f32x4.pmax(zlo, r1);
    }
    if (clampHi) {
      r0 = f32x4.pmin(zhi, r0);
      r1 = f32x4.pmin(zhi, r1);
    }
    if (fuse) {
      const x0 = v128.load(p);
      const x1 = v128.load(p, 16);
      const w0 = f32x4.add(sigma, f32x4.abs(x0));
      const w1 = f32x4.add(sigma, f32x4.abs(x1));
      const wx0 = f32x4.mul(w0, x0);
      const wx1 = f32x4.mul(w1, x1);
      v128.store(p, w0, W_OFFSET);
      v128.store(p, w1, W_OFFSET + 16);
      v128.store(p, wx0, WX_OFFSET);
      v128.store(p, wx1, WX_OFFSET + 16);
      xlA = f32x4.add(xlA, f32x4.mul(wx0, r0));
      llA = f32x4.add(llA, f32x4.mul(f32x4.mul(w0, r0), r0));
      xlB = f32x4.add(xlB, f32x4.mul(wx1, r1));
      llB = f32x4.add(llB, f32x4.mul(f32x4.mul(w1, r1), r1));
    } else {
      xlA = f32x4.add(xlA, f32x4.mul(v128.load(p, WX_OFFSET), r0));
      llA = f32x4.add(llA, f32x4.mul(f32x4.mul(v128.load(p, W_OFFSET), r0), r0));
      xlB = f32x4.add(xlB, f32x4.mul(v128.load(p, WX_OFFSET + 16), r1));
      llB = f32x4.add(llB, f32x4.mul(f32x4.mul(v128.load(p, W_OFFSET + 16), r1), r1));
    }
  }
  if (half == 0) {
    gxl = f32x4.add(xlA, xlB);
    gll = f32x4.add(llA, llB);
  } else {
    gxl = f32x4.add(f32x4.add(gxl, xlA), xlB);
    gll = f32x4.add(f32x4.add(gll, llA), llB);
  }
}

// @ts-ignore: decorator
@inline
function weightedSums(blockSize: i32, inv: v128, zlo: v128, zhi: v128, clampLo: bool, clampHi: bool, fuse: bool): void {
  weightedSumsHalf(0, blockSize, inv, zlo, zhi, clampLo, clampHi, fuse);
  weightedSumsHalf(1, blockSize, inv, zlo, zhi, clampLo, clampHi, fuse);
}

/** Clamps: 0 none, 1 the upper one only, 2 both. */
function groupSums(blockSize: i32, inv: v128, zlo: v128, zhi: v128, weighted: bool, clamps: i32): void {
  if (weighted) {
    if (clamps == 2) weightedSums(blockSize, inv, zlo, zhi, true, true, false);
    else if (clamps == 1) weightedSums(blockSize, inv, zlo, zhi, false, true, false);
    else weightedSums(blockSize, inv, zlo, zhi, false, false, false);
  } else {
    if (clamps == 2) sumsLoop(blockSize, inv, zlo, zhi, true, true);
    else if (clamps == 1) sumsLoop(blockSize, inv, zlo, zhi, false, true);
    else sumsLoop(blockSize, inv, zlo, zhi, false, false);
  }
}

/**
 * The first candidate's `groupSums` with magnitude weights alone, computing the weights on the way (see
 * `weightedSumsHalf`; σ in `gSigma`). A function of its own: as more arms of `groupSums`, it slowed the
 * unweighted search by 10%.
 */
function firstWeightedSums(blockSize: i32, inv: v128, zlo: v128, zhi: v128, clamps: i32): void {
  if (clamps == 2) weightedSums(blockSize, inv, zlo, zhi, true, true, true);
  else if (clamps == 1) weightedSums(blockSize, inv, zlo, zhi, false, true, true);
  else weightedSums(blockSize, inv, zlo, zhi, false, false, true);
}

/**
 * The weighted candidates' passes after the first (clamps 1 or 2, see `groupSums`), without `groupSums`'
 * dispatch; a function of its own: inlined into `searchCandidates`, the unweighted INT4 asymmetric search
 * was 3% slower.
 */
function laterWeightedSums(blockSize: i32, inv: v128, zlo: v128, zhi: v128, clamps: i32): void {
  if (clamps == 2) weightedSums(blockSize, inv, zlo, zhi, true, true, false);
  else weightedSums(blockSize, inv, zlo, zhi, false, true, false);
}

let gSigma: v128 = f32x4.splat(0);
let gFound: v128 = i32x4.splat(0);
let gBestScore: v128 = f32x4.splat(0);
/** The best candidate's Σw·x·l and Σw·l²: its scale is their quotient, divided once it is needed. */
let gBestXL: v128 = f32x4.splat(0);
let gBestLL: v128 = f32x4.splat(1);
let gBestZ: v128 = i32x4.splat(0);

/** `consider` of sums `xl`, `ll` (of a pass with zero points `z`) on the lanes of `mask`. */
// @ts-ignore: decorator
@inline
function groupConsider(xl: v128, ll: v128, z: v128, mask: v128): void {
  const score = f32x4.div(f32x4.mul(xl, xl), ll);
  const take = v128.and(v128.and(mask, f32x4.gt(ll, f32x4.splat(0))), v128.or(f32x4.gt(score, gBestScore), v128.not(gFound)));
  gBestScore = v128.bitselect(score, gBestScore, take);
  gBestXL = v128.bitselect(xl, gBestXL, take);
  gBestLL = v128.bitselect(ll, gBestLL, take);
  gBestZ = v128.bitselect(z, gBestZ, take);
  gFound = v128.or(gFound, take);
}

/** The four code vectors (positions p .. p+3 of rows 0–3, i32 lanes) narrowed to bytes and regrouped: lane j = row j's 4 codes. */
// @ts-ignore: decorator
@inline
function rowBytes4(c0: v128, c1: v128, c2: v128, c3: v128): v128 {
  const b = i8x16.narrow_i16x8_u(i16x8.narrow_i32x4_u(c0, c1), i16x8.narrow_i32x4_u(c2, c3));
  return i8x16.shuffle(b, b, 0, 4, 8, 12, 1, 5, 9, 13, 2, 6, 10, 14, 3, 7, 11, 15);
}

/** Codes of positions p .. p+3 of the group (transposed, scaled values at `at`). */
// @ts-ignore: decorator
@inline
function groupCodes4(at: usize, rs: v128, lo: v128, hi: v128, magic: v128): v128 {
  return rowBytes4(
    codes4Searched(v128.load(at), rs, lo, hi, magic),
    codes4Searched(v128.load(at, 16), rs, lo, hi, magic),
    codes4Searched(v128.load(at, 32), rs, lo, hi, magic),
    codes4Searched(v128.load(at, 48), rs, lo, hi, magic),
  );
}

/**
 * One byte of INT2 codes per lane, positions p .. p+3 of the group (vectors at `at`), as a float32:
 * Σ 4^k·l_k + 85·z = Σ 4^k·(l_k + z), with l_k as `codes4Searched` clamps them.
 */
// @ts-ignore: decorator
@inline
function codeByte2(at: usize, rs: v128, lo: v128, hi: v128, z85: v128): v128 {
  const l0 = f32x4.pmin(hi, f32x4.pmax(lo, f32x4.nearest(f32x4.mul(v128.load(at), rs))));
  const l1 = f32x4.pmin(hi, f32x4.pmax(lo, f32x4.nearest(f32x4.mul(v128.load(at, 16), rs))));
  const l2 = f32x4.pmin(hi, f32x4.pmax(lo, f32x4.nearest(f32x4.mul(v128.load(at, 32), rs))));
  const l3 = f32x4.pmin(hi, f32x4.pmax(lo, f32x4.nearest(f32x4.mul(v128.load(at, 48), rs))));
  const four = f32x4.splat(4);
  return f32x4.add(f32x4.add(f32x4.mul(f32x4.add(f32x4.mul(f32x4.add(f32x4.mul(l3, four), l2), four), l1), four), l0), z85);
}

/**
 * The searched codes of the group's four rows (lane j: row j's rs·2^−k and zero point), packed straight
 * into each row's blob (`codeStride` apart): 16 positions at a time, as `storeCodes` packs them.
 */
function packGroup(blockSize: i32, bits: i32, rs: v128, fz: v128, flevels: v128, codes: usize, codeStride: usize): void {
  const lo = f32x4.neg(fz);
  const hi = f32x4.sub(flevels, fz);
  const magic = f32x4.add(fz, f32x4.splat(8388608.0));
  if (bits == 2) {
    // Lane-wise, without narrowing and shuffling: each byte of codes is Σ 4^k·(l_k + z) over four
    // consecutive positions (vectors), computed in float32 (integers below 256, exact), and four bytes a
    // 32-bit word: lane j holds row j's word for positions i .. i+15.
    const z85 = f32x4.mul(fz, f32x4.splat(85));
    const h = f32x4.splat(256);
    for (let i = 0; i < blockSize; i += 16) {
      const at = groupX + (<usize>i << 4);
      const h0 = f32x4.add(codeByte2(at, rs, lo, hi, z85), f32x4.mul(codeByte2(at + 64, rs, lo, hi, z85), h));
      const h1 = f32x4.add(codeByte2(at + 128, rs, lo, hi, z85), f32x4.mul(codeByte2(at + 192, rs, lo, hi, z85), h));
      const word = v128.or(i32x4.trunc_sat_f32x4_u(h0), i32x4.shl(i32x4.trunc_sat_f32x4_u(h1), 16));
      const out = codes + <usize>(i >> 2);
      v128.store32_lane(out, word, 0);
      v128.store32_lane(out + codeStride, word, 1);
      v128.store32_lane(out + 2 * codeStride, word, 2);
      v128.store32_lane(out + 3 * codeStride, word, 3);
    }
    return;
  }
  for (let i = 0; i < blockSize; i += 16) {
    const at = groupX + (<usize>i << 4);
    // q_g, lane j: row j's codes at positions i + 4g .. i + 4g + 3, one byte each
    const q0 = groupCodes4(at, rs, lo, hi, magic);
    const q1 = groupCodes4(at + 64, rs, lo, hi, magic);
    const q2 = groupCodes4(at + 128, rs, lo, hi, magic);
    const q3 = groupCodes4(at + 192, rs, lo, hi, magic);
    if (bits == 8) {
      // a 4×4 transpose of 32-bit lanes: row j's 16 bytes
      const a0 = v128.shuffle<i32>(q0, q1, 0, 4, 1, 5);
      const a1 = v128.shuffle<i32>(q0, q1, 2, 6, 3, 7);
      const b0 = v128.shuffle<i32>(q2, q3, 0, 4, 1, 5);
      const b1 = v128.shuffle<i32>(q2, q3, 2, 6, 3, 7);
      const out = codes + <usize>i;
      v128.store(out, v128.shuffle<i32>(a0, b0, 0, 1, 4, 5));
      v128.store(out + codeStride, v128.shuffle<i32>(a0, b0, 2, 3, 6, 7));
      v128.store(out + 2 * codeStride, v128.shuffle<i32>(a1, b1, 0, 1, 4, 5));
      v128.store(out + 3 * codeStride, v128.shuffle<i32>(a1, b1, 2, 3, 6, 7));
    } else if (bits == 4) {
      // 16-bit lanes c0 | c1<<8 → one byte c0 | c1<<4: lane j of n01 (n23) holds row j's bytes for positions i .. i+7 (i+8 .. i+15) as 2 + 2
      const m = i16x8.splat(0xff);
      const n01 = i8x16.narrow_i16x8_u(v128.and(v128.or(q0, i16x8.shr_u(q0, 4)), m), v128.and(v128.or(q1, i16x8.shr_u(q1, 4)), m));
      const n23 = i8x16.narrow_i16x8_u(v128.and(v128.or(q2, i16x8.shr_u(q2, 4)), m), v128.and(v128.or(q3, i16x8.shr_u(q3, 4)), m));
      const r01 = i8x16.shuffle(n01, n23, 0, 1, 8, 9, 16, 17, 24, 25, 2, 3, 10, 11, 18, 19, 26, 27);
      const r23 = i8x16.shuffle(n01, n23, 4, 5, 12, 13, 20, 21, 28, 29, 6, 7, 14, 15, 22, 23, 30, 31);
      const out = codes + <usize>(i >> 1);
      v128.store64_lane(out, r01, 0);
      v128.store64_lane(out + codeStride, r01, 1);
      v128.store64_lane(out + 2 * codeStride, r23, 0);
      v128.store64_lane(out + 3 * codeStride, r23, 1);
    } else {
      // 32-bit lanes c0 | c1<<8 | c2<<16 | c3<<24 → one byte c0 | c1<<2 | c2<<4 | c3<<6 per row and g
      const m = i32x4.splat(0xff);
      let t0 = v128.or(q0, i32x4.shr_u(q0, 6));
      let t1 = v128.or(q1, i32x4.shr_u(q1, 6));
      let t2 = v128.or(q2, i32x4.shr_u(q2, 6));
      let t3 = v128.or(q3, i32x4.shr_u(q3, 6));
      t0 = v128.and(v128.or(t0, i32x4.shr_u(t0, 12)), m);
      t1 = v128.and(v128.or(t1, i32x4.shr_u(t1, 12)), m);
      t2 = v128.and(v128.or(t2, i32x4.shr_u(t2, 12)), m);
      t3 = v128.and(v128.or(t3, i32x4.shr_u(t3, 12)), m);
      const r = rowBytes4(t0, t1, t2, t3);
      const out = codes + <usize>(i >> 2);
      v128.store32_lane(out, r, 0);
      v128.store32_lane(out + codeStride, r, 1);
      v128.store32_lane(out + 2 * codeStride, r, 2);
      v128.store32_lane(out + 3 * codeStride, r, 3);
    }
  }
}

/**
 * What a group's search carries from its candidates through its re-fits to its packing (in the caller's
 * scratch, one per group in flight), besides its transposed block, weights and products at `x`, `x` + 4096
 * and `x` + 8192 (see `useGroup`).
 */
@unmanaged
class Group {
  x: usize;
  /** The group's first row (in the rows being quantized) and σ of its rows (magnitude weights). */
  src: usize;
  sigma: v128;
  /** The rows' ranges, their powers of two (2^−k) and which rows are searched (not zero or subnormal). */
  lo: v128;
  hi: v128;
  unscale: v128;
  searchable: v128;
  /** The best fit so far, as in `gFound` … `gBestZ`. */
  found: v128;
  bestScore: v128;
  bestXL: v128;
  bestLL: v128;
  bestZ: v128;
  /** The re-fits: the rows still improving, their next 1/s and their clamps. */
  active: v128;
  inv: v128;
  zlo: v128;
  zhi: v128;
}

/** Bytes of a `Group` in scratch (its size rounded up to 16). */
const GROUP_BYTES: i32 = (offsetof<Group>() + 15) & ~15;

/** Makes `g`'s transposed block, weights and products the ones `groupSums` and `packGroup` read. */
function useGroup(g: Group): void {
  groupX = g.x;
  groupW = g.x + W_OFFSET;
  groupWX = g.x + WX_OFFSET;
}

/**
 * Where a group's weights and products lie from its transposed block: constant offsets, which the passes
 * use as the loads' immediate offsets (a pointer per array cost V8 three integer instructions each per
 * step, in loops limited by the instructions they issue).
 */
const W_OFFSET = 4096;
const WX_OFFSET = 8192;

/**
 * The first part of the search of block column `src` of four rows (rows `rowBytes` apart) into `g`: the
 * ranges, the transposed and scaled block, the weights and the candidates. Returns false, having written
 * nothing but scratch, if a block holds a NaN or an infinity (the caller then takes the blocks one by one,
 * which counts them).
 */
function searchCandidates(
  g: Group,
  src: usize,
  rowBytes: usize,
  blockSize: i32,
  bits: i32,
  symmetric: bool,
  magnitude: bool,
  weights: usize,
): bool {
  useGroup(g);
  g.src = src;
  // The ranges first, row by row (pmin/pmax as in `blockRange`: the same values, in any order), so that
  // the transpose can scale as it goes (one pass over the transposed block fewer).
  const r1 = src + rowBytes;
  const r2 = r1 + rowBytes;
  const r3 = r2 + rowBytes;
  let lo0 = f32x4.splat(0);
  let lo1 = f32x4.splat(0);
  let lo2 = f32x4.splat(0);
  let lo3 = f32x4.splat(0);
  let hi0 = f32x4.splat(0);
  let hi1 = f32x4.splat(0);
  let hi2 = f32x4.splat(0);
  let hi3 = f32x4.splat(0);
  const bytes = <usize>blockSize << 2;
  for (let o: usize = 0; o < bytes; o += 16) {
    const a = v128.load(src + o);
    const b = v128.load(r1 + o);
    const c = v128.load(r2 + o);
    const d = v128.load(r3 + o);
    lo0 = f32x4.pmin(lo0, a);
    hi0 = f32x4.pmax(hi0, a);
    lo1 = f32x4.pmin(lo1, b);
    hi1 = f32x4.pmax(hi1, b);
    lo2 = f32x4.pmin(lo2, c);
    hi2 = f32x4.pmax(hi2, c);
    lo3 = f32x4.pmin(lo3, d);
    hi3 = f32x4.pmax(hi3, d);
  }
  const lo = minLanes4(lo0, lo1, lo2, lo3);
  const hi = maxLanes4(hi0, hi1, hi2, hi3);
  const inf = f32x4.splat(Infinity);
  if (!i32x4.all_true(v128.and(f32x4.lt(f32x4.abs(lo), inf), f32x4.lt(f32x4.abs(hi), inf)))) return false;

  const levels = (1 << bits) - 1;
  const mid = 1 << (bits - 1);
  // The power of two bringing each block's peak near 1 (zero or subnormal blocks are not searched).
  const amax = f32x4.max(f32x4.abs(lo), f32x4.abs(hi));
  const exponent = i32x4.shr_u(amax, 23);
  const searchable = v128.not(i32x4.eq(exponent, i32x4.splat(0)));
  const field = i32x4.min_s(i32x4.max_s(i32x4.sub(i32x4.splat(254), exponent), i32x4.splat(1)), i32x4.splat(253));
  const pscale = i32x4.shl(field, 23);
  const unscale = i32x4.shl(i32x4.sub(i32x4.splat(254), field), 23);
  // Transposed (vector i: value i of each row) and scaled, with the sums of squares by i mod 4.
  let sq0 = f32x4.splat(0);
  let sq1 = f32x4.splat(0);
  let sq2 = f32x4.splat(0);
  let sq3 = f32x4.splat(0);
  for (let i = 0; i < blockSize; i += 4) {
    const o = <usize>i << 2;
    const a = v128.load(src + o);
    const b = v128.load(r1 + o);
    const c = v128.load(r2 + o);
    const d = v128.load(r3 + o);
    const ab0 = v128.shuffle<f32>(a, b, 0, 4, 1, 5);
    const ab1 = v128.shuffle<f32>(a, b, 2, 6, 3, 7);
    const cd0 = v128.shuffle<f32>(c, d, 0, 4, 1, 5);
    const cd1 = v128.shuffle<f32>(c, d, 2, 6, 3, 7);
    const x0 = f32x4.mul(v128.shuffle<f32>(ab0, cd0, 0, 1, 4, 5), pscale);
    const x1 = f32x4.mul(v128.shuffle<f32>(ab0, cd0, 2, 3, 6, 7), pscale);
    const x2 = f32x4.mul(v128.shuffle<f32>(ab1, cd1, 0, 1, 4, 5), pscale);
    const x3 = f32x4.mul(v128.shuffle<f32>(ab1, cd1, 2, 3, 6, 7), pscale);
    const t = groupX + (<usize>i << 4);
    v128.store(t, x0);
    v128.store(t, x1, 16);
    v128.store(t, x2, 32);
    v128.store(t, x3, 48);
    sq0 = f32x4.add(sq0, f32x4.mul(x0, x0));
    sq1 = f32x4.add(sq1, f32x4.mul(x1, x1));
    sq2 = f32x4.add(sq2, f32x4.mul(x2, x2));
    sq3 = f32x4.add(sq3, f32x4.mul(x3, x3));
  }
  // NaNs, which the range skips: a NaN makes its lane's sum of squares NaN, while finite values, scaled
  // below 4 in magnitude, cannot overflow it.
  const squares = f32x4.add(f32x4.add(f32x4.add(sq0, sq1), sq2), sq3);
  if (v128.any_true(f32x4.ne(squares, squares))) return false;
  const hasWeights = weights != 0;
  const weighted = hasWeights || magnitude;
  const fused = magnitude && !hasWeights;
  if (weighted) {
    // Through a global: the optimizer would otherwise sink this single-use value (a division included)
    // into the loop below.
    gSigma = f32x4.sqrt(f32x4.mul(squares, f32x4.splat(<f32>1 / <f32>blockSize)));
    const sigma = gSigma;
    g.sigma = sigma;
    // (Magnitude weights alone: computed by the first candidate's pass, `firstWeightedSums`.) σ + |x|
    // rather than sqrt(σ² + x²): one square root a block instead of one a value, 3–4% faster INT2 weighted
    // search, and lower error on all three bench matrices and perplexity as good (README).
    if (!fused) for (let i = 0; i < blockSize; i++) {
      const t = groupX + (<usize>i << 4);
      const xs = v128.load(t);
      let w = hasWeights ? v128.load32_splat(weights + (<usize>i << 2)) : f32x4.splat(1);
      if (magnitude) w = f32x4.mul(w, f32x4.add(sigma, f32x4.abs(xs)));
      v128.store(groupW + (<usize>i << 4), w);
      v128.store(groupWX + (<usize>i << 4), f32x4.mul(w, xs));
    }
  }
  const slo = f32x4.mul(lo, pscale);
  const shi = f32x4.mul(hi, pscale);
  let inv0: v128;
  if (symmetric) {
    const peak = v128.bitselect(shi, slo, f32x4.gt(f32x4.abs(shi), f32x4.abs(slo)));
    inv0 = f32x4.div(f32x4.splat(<f32>-mid), peak);
  } else {
    inv0 = f32x4.div(f32x4.splat(<f32>levels), f32x4.sub(shi, slo));
  }
  const candidates = candidateCount(bits, symmetric, weighted);
  gFound = i32x4.splat(0);
  gBestScore = f32x4.splat(0);
  gBestXL = f32x4.splat(0);
  gBestLL = f32x4.splat(1);
  gBestZ = i32x4.splat(0);
  const all = i32x4.splat(-1);
  const flevels = f32x4.splat(<f32>levels);
  // Each candidate's sums are considered after the next candidate's pass (in the same order): the pass
  // then need not wait behind the comparison's division (INT2 weighted search 2–5% faster, INT4 4–9%).
  let lastXL = f32x4.splat(0);
  let lastLL = f32x4.splat(0);
  let lastZ = i32x4.splat(0);
  for (let k = 0; k < candidates; k++) {
    const f = candidateFactor(bits, symmetric, weighted, k);
    const inv = f32x4.mul(inv0, f32x4.splat(f));
    if (symmetric) {
      // |x·inv| ≤ mid·f (up to a few roundings): below mid − ½ no clamp can bind, below mid + ½ the lower
      // one cannot (the peak maps to −mid·f).
      const reach = <f32>mid * f * <f32>1.001;
      const clamps = reach < <f32>mid - <f32>0.5 ? 0 : reach < <f32>mid + <f32>0.5 ? 1 : 2;
      // The weighted passes of the candidates after the first: not through `groupSums`'s dispatch.
      if (k == 0 && fused) firstWeightedSums(blockSize, inv, f32x4.splat(<f32>-mid), f32x4.splat(<f32>(levels - mid)), clamps);
      else if (weighted && clamps == 1) laterWeightedSums(blockSize, inv, f32x4.splat(<f32>-mid), f32x4.splat(<f32>(levels - mid)), 1);
      else groupSums(blockSize, inv, f32x4.splat(<f32>-mid), f32x4.splat(<f32>(levels - mid)), weighted, clamps);
      if (k > 0) groupConsider(lastXL, lastLL, lastZ, all);
      lastZ = i32x4.splat(mid);
    } else {
      // `balancedZeroPoint` per lane: ⌊centre + ½⌋ as ⌊c⌋ + (c − ⌊c⌋ ≥ ½), exact for c ≥ 0 (centre + ½ can
      // round up to 1 in float32); a negative centre clamps to 0 either way, and so does a NaN (a lane that
      // is not searched).
      const centre = f32x4.mul(f32x4.sub(flevels, f32x4.mul(f32x4.add(shi, slo), inv)), f32x4.splat(0.5));
      const t = f32x4.floor(centre);
      const zr = f32x4.add(t, v128.and(f32x4.ge(f32x4.sub(centre, t), f32x4.splat(0.5)), f32x4.splat(1.0)));
      const zf = f32x4.pmin(flevels, f32x4.pmax(f32x4.splat(0), zr));
      // The range [lo, hi] (0 in it) spans L·f steps, centred on the grid to within ½: below f = 1 (here
      // f ≤ 0.96, a margin of L·(1 − f)/2 ≥ 0.06 steps) no code can leave [0, L], so no clamp can bind.
      const clamps = f <= <f32>0.96 ? 0 : 2;
      if (k == 0 && fused) firstWeightedSums(blockSize, inv, f32x4.neg(zf), f32x4.sub(flevels, zf), clamps);
      else if (weighted && clamps == 2) laterWeightedSums(blockSize, inv, f32x4.neg(zf), f32x4.sub(flevels, zf), 2);
      else groupSums(blockSize, inv, f32x4.neg(zf), f32x4.sub(flevels, zf), weighted, clamps);
      if (k > 0) groupConsider(lastXL, lastLL, lastZ, all);
      lastZ = i32x4.trunc_sat_f32x4_s(zf);
    }
    lastXL = gxl;
    lastLL = gll;
  }
  groupConsider(lastXL, lastLL, lastZ, all);
  // Re-rounding and re-fitting (`refitStep`), lane by lane until a lane stops improving.
  g.lo = lo;
  g.hi = hi;
  g.unscale = unscale;
  g.searchable = searchable;
  g.found = gFound;
  g.bestScore = gBestScore;
  g.bestXL = gBestXL;
  g.bestLL = gBestLL;
  g.bestZ = gBestZ;
  g.active = v128.and(gFound, searchable);
  // 1/s of the best fit; after a refit, from its own sums, so that the divisions need not wait for the
  // comparison (the same value on the lanes that take the refit; the others are no longer active).
  g.inv = f32x4.div(f32x4.splat(1), f32x4.div(gBestXL, gBestLL));
  const fz = f32x4.convert_i32x4_s(gBestZ);
  g.zlo = f32x4.neg(fz);
  g.zhi = f32x4.sub(flevels, fz);
  return true;
}

/**
 * One re-rounding and re-fitting of the group's rows still improving; false (nothing done) once none is.
 */
function refitStep(g: Group, blockSize: i32, weighted: bool): bool {
  let active = v128.and(g.active, f32x4.lt(f32x4.abs(g.inv), f32x4.splat(Infinity)));
  if (!v128.any_true(active)) return false;
  if (weighted && qWeights == 0 && popcnt<i32>(i32x4.bitmask(active)) == 1) {
    // One row left (four groups in ten at the second re-fit and the third): its pass over its own row,
    // four positions a vector, a quarter of the group's pass (INT2 weighted search 2–3% faster; two rows
    // so, one after the other, were slower than the group's pass).
    oneRowRefit(g, active, ctz<i32>(i32x4.bitmask(active)), blockSize);
    return true;
  }
  useGroup(g);
  // The pass inlined here rather than called through `groupSums` (INT2 weighted search 2–3% faster).
  if (weighted) weightedSums(blockSize, g.inv, g.zlo, g.zhi, true, true, false);
  else sumsLoop(blockSize, g.inv, g.zlo, g.zhi, true, true);
  const score = f32x4.div(f32x4.mul(gxl, gxl), gll);
  const next = f32x4.div(f32x4.splat(1), f32x4.div(gxl, gll));
  active = v128.and(active, v128.and(f32x4.gt(gll, f32x4.splat(0)), f32x4.gt(score, g.bestScore)));
  g.bestScore = v128.bitselect(score, g.bestScore, active);
  g.bestXL = v128.bitselect(gxl, g.bestXL, active);
  g.bestLL = v128.bitselect(gll, g.bestLL, active);
  g.inv = v128.bitselect(next, g.inv, active);
  g.active = active;
  return true;
}

/**
 * `refitStep` of the one row `j` of `g` still improving (`active`: that lane alone), magnitude weights
 * alone, from the row itself: the same scaled values, weights and products as the group's pass computes
 * (xs = x·2^k, w = σ + |xs|, w·xs), and the same sums, lane i of the vectors holding positions ≡ i mod 4
 * and added as the group's four accumulators are. So the floats are the group pass's for that lane.
 */
function oneRowRefit(g: Group, active: v128, j: i32, blockSize: i32): void {
  const lane = laneOut + (<usize>j << 2);
  v128.store(laneOut, i32x4.sub(i32x4.splat(254 << 23), g.unscale));
  const pscale = v128.load32_splat(lane);
  v128.store(laneOut, g.sigma);
  const sigma = v128.load32_splat(lane);
  v128.store(laneOut, g.inv);
  const inv = v128.load32_splat(lane);
  v128.store(laneOut, g.zlo);
  const zlo = v128.load32_splat(lane);
  v128.store(laneOut, g.zhi);
  const zhi = v128.load32_splat(lane);
  const row = g.src + <usize>j * ((<usize>qK) << 2);
  let xl = f32x4.splat(0);
  let ll = f32x4.splat(0);
  const bytes = <usize>blockSize << 2;
  for (let o: usize = 0; o < bytes; o += 16) {
    const xs = f32x4.mul(v128.load(row + o), pscale);
    const w = f32x4.add(sigma, f32x4.abs(xs));
    const r = f32x4.pmin(zhi, f32x4.pmax(zlo, f32x4.nearest(f32x4.mul(xs, inv))));
    xl = f32x4.add(xl, f32x4.mul(f32x4.mul(w, xs), r));
    ll = f32x4.add(ll, f32x4.mul(f32x4.mul(w, r), r));
  }
  const sxl = f32x4.splat(lanes(xl));
  const sll = f32x4.splat(lanes(ll));
  const score = f32x4.div(f32x4.mul(sxl, sxl), sll);
  const next = f32x4.div(f32x4.splat(1), f32x4.div(sxl, sll));
  const take = v128.and(active, v128.and(f32x4.gt(sll, f32x4.splat(0)), f32x4.gt(score, g.bestScore)));
  g.bestScore = v128.bitselect(score, g.bestScore, take);
  g.bestXL = v128.bitselect(sxl, g.bestXL, take);
  g.bestLL = v128.bitselect(sll, g.bestLL, take);
  g.inv = v128.bitselect(next, g.inv, take);
  g.active = take;
}

/**
 * The last part of a group's search: each row's scale, zero point (to `zpSlots`, four i32) and codes, from
 * the best fits (`src`, `rowBytes`: the rows, for those not searched).
 */
function finishGroup(
  g: Group,
  src: usize,
  rowBytes: usize,
  blockSize: i32,
  bits: i32,
  symmetric: bool,
  float16: bool,
  scales: usize,
  scaleStride: usize,
  codes: usize,
  codeStride: usize,
  zpSlots: usize,
): void {
  useGroup(g);
  const searched = v128.and(g.found, g.searchable);
  const bestZ = g.bestZ;
  // The scales (float16-rounded one lane at a time), then every lane's codes from the group's scaled
  // values: xs·(rs·2^−k) is the real number x·rs, so it rounds to the same float as in `packBlock`.
  let scale = f32x4.mul(f32x4.div(g.bestXL, g.bestLL), g.unscale);
  if (float16) {
    v128.store(laneOut, scale);
    for (let j = 0; j < 4; j++) {
      const lane = laneOut + (<usize>j << 2);
      store<f32>(lane, roundToFloat16(load<f32>(lane)));
    }
    scale = v128.load(laneOut);
  }
  const zero = f32x4.splat(0);
  const rs = v128.bitselect(zero, f32x4.div(f32x4.splat(1), scale), f32x4.eq(scale, zero));
  packGroup(blockSize, bits, f32x4.mul(rs, g.unscale), f32x4.convert_i32x4_s(bestZ), f32x4.splat(<f32>((1 << bits) - 1)), codes, codeStride);
  v128.store(laneOut, scale);
  v128.store(laneOut, bestZ, 16);
  v128.store(laneOut, searched, 32);
  v128.store(laneOut, g.lo, 48);
  const hiLanes = g.hi;
  for (let j = 0; j < 4; j++) {
    const lane = laneOut + (<usize>j << 2);
    if (load<i32>(lane, 32) != 0) {
      fitScale = load<f32>(lane);
      fitZeroPoint = load<i32>(lane, 16);
    } else {
      // Not searched (zero or subnormal block): round-to-nearest's parameters and codes, over the lane's.
      blockLo = load<f32>(lane, 48);
      blockHi = j == 0 ? f32x4.extract_lane(hiLanes, 0) : j == 1 ? f32x4.extract_lane(hiLanes, 1) : j == 2 ? f32x4.extract_lane(hiLanes, 2) : f32x4.extract_lane(hiLanes, 3);
      rtnParams(bits, symmetric, float16);
      packBlock(src + <usize>j * rowBytes, blockSize, bits, fitScale, fitZeroPoint, codes + <usize>j * codeStride, symmetric && (!float16 || peakKept(fitScale)) ? ROUND_PEAK : ROUND_NEAREST_AWAY);
    }
    store<f32>(scales + <usize>j * scaleStride, fitScale);
    store<i32>(zpSlots + (<usize>j << 2), fitZeroPoint);
  }
}

// ---- stored weights [K, N] → rows [N, K] (float32, float16 or bfloat16 bytes → float32) ----

/** Float32 values of four 16-bit patterns (in the low halves of the lanes): float16 (`kind` 1, exact) or bfloat16 (2). */
// @ts-ignore: decorator
@inline
function widen(h: v128, kind: i32): v128 {
  if (kind == 2) return i32x4.shl(h, 16);
  // Exponent and mantissa shifted into place, then scaled by 2^112 (the difference of the biases): exact
  // for normal and subnormal values alike; all-ones exponents (infinities, NaNs) are set directly.
  const em = v128.and(h, i32x4.splat(0x7fff));
  const shifted = i32x4.shl(em, 13);
  const scaled = f32x4.mul(shifted, f32x4.splat(<f32>5.192296858534828e33));
  const special = i32x4.gt_s(em, i32x4.splat(0x7bff));
  const value = v128.bitselect(v128.or(shifted, i32x4.splat(0x7f800000)), scaled, special);
  return v128.or(value, i32x4.shl(v128.and(h, i32x4.splat(0x8000)), 16));
}

/** Stores the transpose of the 4×4 block with rows a, b, c, d: column j at `out + j·stride`. */
// @ts-ignore: decorator
@inline
function store4x4(out: usize, stride: usize, a: v128, b: v128, c: v128, d: v128): void {
  const ab0 = v128.shuffle<f32>(a, b, 0, 4, 1, 5);
  const ab1 = v128.shuffle<f32>(a, b, 2, 6, 3, 7);
  const cd0 = v128.shuffle<f32>(c, d, 0, 4, 1, 5);
  const cd1 = v128.shuffle<f32>(c, d, 2, 6, 3, 7);
  v128.store(out, v128.shuffle<f32>(ab0, cd0, 0, 1, 4, 5));
  v128.store(out + stride, v128.shuffle<f32>(ab0, cd0, 2, 3, 6, 7));
  v128.store(out + 2 * stride, v128.shuffle<f32>(ab1, cd1, 0, 1, 4, 5));
  v128.store(out + 3 * stride, v128.shuffle<f32>(ab1, cd1, 2, 3, 6, 7));
}

/** One value of a stored matrix, as float32 bits. */
function storedBits(src: usize, index: usize, kind: i32): u32 {
  if (kind == 0) return load<u32>(src + (index << 2));
  return i32x4.extract_lane(widen(i32x4.splat(<i32>load<u16>(src + (index << 1))), kind), 0);
}

const TRANSPOSE_ROWS = 128;

// @ts-ignore: decorator
@inline
function transposeKind(src: usize, kind: i32, rows: i32, cols: i32, dst: usize): void {
  const size: usize = kind == 0 ? 4 : 2;
  const step = kind == 0 ? 4 : 8;
  const rowBytes = <usize>cols * size;
  const outRow = <usize>rows << 2;
  const rows4 = rows & ~3;
  const colsV = cols - (cols % step);
  // Strips of TRANSPOSE_ROWS stored rows: each output row then receives whole cache lines per strip.
  for (let r0 = 0; r0 < rows4; r0 += TRANSPOSE_ROWS) {
    const r1 = min<i32>(r0 + TRANSPOSE_ROWS, rows4);
    for (let c = 0; c < colsV; c += step) {
      for (let r = r0; r < r1; r += 4) {
        const p = src + <usize>r * rowBytes + <usize>c * size;
        const o = dst + <usize>c * outRow + (<usize>r << 2);
        const a = v128.load(p);
        const b = v128.load(p + rowBytes);
        const cc = v128.load(p + 2 * rowBytes);
        const d = v128.load(p + 3 * rowBytes);
        if (kind == 0) {
          store4x4(o, outRow, a, b, cc, d);
        } else {
          store4x4(o, outRow, widen(i32x4.extend_low_i16x8_u(a), kind), widen(i32x4.extend_low_i16x8_u(b), kind), widen(i32x4.extend_low_i16x8_u(cc), kind), widen(i32x4.extend_low_i16x8_u(d), kind));
          store4x4(o + 4 * outRow, outRow, widen(i32x4.extend_high_i16x8_u(a), kind), widen(i32x4.extend_high_i16x8_u(b), kind), widen(i32x4.extend_high_i16x8_u(cc), kind), widen(i32x4.extend_high_i16x8_u(d), kind));
        }
      }
    }
  }
  // The columns and rows left over, one value at a time.
  for (let c = colsV; c < cols; c++) for (let r = 0; r < rows; r++) store<u32>(dst + <usize>c * outRow + (<usize>r << 2), storedBits(src, <usize>r * <usize>cols + <usize>c, kind));
  for (let r = rows4; r < rows; r++) for (let c = 0; c < colsV; c++) store<u32>(dst + <usize>c * outRow + (<usize>r << 2), storedBits(src, <usize>r * <usize>cols + <usize>c, kind));
}

/**
 * Transposes a row-major [rows, cols] matrix of stored values at `src` (`kind` 0 float32, 1 float16,
 * 2 bfloat16) into float32 [cols, rows] at `dst`, widening on the way (the same values as
 * `quant/rewrite.ts`'s `transposeStored`; non-finite values pass through).
 */
export function transpose(src: usize, kind: i32, rows: i32, cols: i32, dst: usize): void {
  if (kind == 0) transposeKind(src, 0, rows, cols, dst);
  else if (kind == 1) transposeKind(src, 1, rows, cols, dst);
  else transposeKind(src, 2, rows, cols, dst);
}

// ---- entry points ----

export function heapBase(): usize {
  return __heap_base;
}

/**
 * Bytes of the scratch area a `quantize` call needs (16-byte aligned): a padded last block and its weights,
 * the one-block search's xs, w and wx (256 float32 each), for each of the four-row search's two groups in
 * flight three areas of 256 vectors and its `Group`, and the per-lane results.
 */
const SCRATCH_BYTES: i32 = 5 * 1024 + 2 * 3 * 4096 + 128 + 2 * GROUP_BYTES;

export function scratchBytes(): i32 {
  return SCRATCH_BYTES;
}

/**
 * Quantizes `rows` rows of K float32 at `x` (blocks of `blockSize` along K), writing the packed codes,
 * the scales and (asymmetric) the packed zero points of those rows. `weights` (K float32, importance of
 * each column) or 0; `scratch` holds `scratchBytes()`, 16-byte aligned. Returns the number of non-finite blocks (then
 * the outputs are unspecified).
 */
export function quantize(
  x: usize,
  rows: i32,
  K: i32,
  bits: i32,
  blockSize: i32,
  symmetric: bool,
  search: bool,
  float16: bool,
  magnitude: bool,
  weights: usize,
  codes: usize,
  scales: usize,
  zeroPoints: usize,
  scratch: usize,
): i32 {
  qK = K;
  qBits = bits;
  qBlockSize = blockSize;
  qSymmetric = symmetric;
  qSearch = search;
  qFloat16 = float16;
  qMagnitude = magnitude;
  qWeights = weights;
  qCodes = codes;
  qScales = scales;
  qZeroPoints = zeroPoints;
  qKBlocks = (K + blockSize - 1) / blockSize;
  qBlob = (blockSize * bits) >> 3;
  qPerByte = 8 / bits;
  qPerByteLog = bits == 2 ? 2 : bits == 4 ? 1 : 0;
  qZpPerRow = (qKBlocks * bits + 7) >> 3;
  qTail = scratch;
  qTailW = scratch + 1024;
  xsPtr = scratch + 2048;
  wPtr = scratch + 3072;
  wxPtr = scratch + 4096;
  laneOut = scratch + 5120 + 2 * 3 * 4096;
  laneZeroPoints = laneOut + 64;
  const groupA = changetype<Group>(laneOut + 128);
  const groupB = changetype<Group>(laneOut + 128 + GROUP_BYTES);
  groupA.x = scratch + 5120;
  groupB.x = scratch + 5120 + 3 * 4096;
  if (weights == 0) for (let i = 0; i < blockSize; i++) store<f32>(qTailW + (<usize>i << 2), 1); // without weights every weight is 1
  const whole = K / blockSize;
  const rowBytes = (<usize>K) << 2;
  let bad = 0;
  let n = 0;
  if (search && whole > 0) {
    // Four rows at a time through the four-lane search; their short last blocks and the rows left over
    // one block at a time.
    // Two block columns at a time, their re-fits alternating: one group's divisions and comparisons then
    // overlap the other's pass, where alone the pass would wait for them (INT2 weighted search 6% faster;
    // the searches without re-fits gain too, from the overlap of one group's last steps with the other's).
    const weighted = weights != 0 || magnitude;
    const iterations = refits(bits, symmetric, weighted);
    zpMask = 0;
    zpGathered = i32x4.splat(0);
    for (; n + 4 <= rows; n += 4) {
      for (let j = 0; j < 4; j++) fillZeroPoints(n + j);
      for (let b = 0; b < whole; b += 2) {
        const pair = b + 1 < whole;
        const doneA = startColumn(groupA, x, n, b);
        const doneB = pair && startColumn(groupB, x, n, b + 1);
        let refitA = doneA;
        let refitB = doneB;
        for (let it = 0; it < iterations && (refitA || refitB); it++) {
          if (refitA) refitA = refitStep(groupA, blockSize, weighted);
          if (refitB) refitB = refitStep(groupB, blockSize, weighted);
        }
        bad += finishColumn(groupA, doneA, x, n, b);
        if (pair) bad += finishColumn(groupB, doneB, x, n, b + 1);
      }
      flushZeroPoints(n);
      for (let j = 0; j < 4; j++) for (let b = whole; b < qKBlocks; b++) bad += oneBlock(x, n + j, b);
    }
  }
  for (; n < rows; n++) {
    fillZeroPoints(n);
    const row = x + <usize>n * rowBytes;
    let b = 0;
    if (!search) {
      for (; b + 4 <= whole; b += 4) {
        const index = <usize>n * <usize>qKBlocks + <usize>b;
        const failed = rtnGroup(row + (<usize>(b * blockSize) << 2), blockSize, bits, symmetric, float16, scales + (index << 2), xsPtr, codes + index * <usize>qBlob);
        if (failed > 0) {
          bad += failed;
          continue;
        }
        if (!symmetric) for (let j = 0; j < 4; j++) setZeroPoint(n, b + j, load<i32>(xsPtr + (<usize>j << 2)));
      }
    }
    for (; b < qKBlocks; b++) bad += oneBlock(x, n, b);
  }
  return bad;
}

// The parameters of the current `quantize` call, for the per-block helpers.
let qK: i32 = 0;
let qBits: i32 = 0;
let qBlockSize: i32 = 0;
let qSymmetric = false;
let qSearch = false;
let qFloat16 = false;
let qMagnitude = false;
let qWeights: usize = 0;
let qCodes: usize = 0;
let qScales: usize = 0;
let qZeroPoints: usize = 0;
let qKBlocks: i32 = 0;
let qBlob: i32 = 0;
let qPerByte: i32 = 0;
/** log2(qPerByte): a zero point's byte and shift by shifts, not divisions (per block, four times a group). */
let qPerByteLog: i32 = 0;
let qZpPerRow: i32 = 0;
let qTail: usize = 0;
let qTailW: usize = 0;
let laneZeroPoints: usize = 0;

/** Unused slots at the end of an asymmetric row hold the default zero point, as onnxruntime pads them. */
function fillZeroPoints(n: i32): void {
  if (qSymmetric) return;
  const mid = 1 << (qBits - 1);
  let fill = 0;
  for (let j = 0; j < qPerByte; j++) fill |= mid << (j * qBits);
  const zpRow = qZeroPoints + <usize>n * <usize>qZpPerRow;
  for (let j = 0; j < qZpPerRow; j++) store<u8>(zpRow + <usize>j, <u8>fill);
}

function setZeroPoint(n: i32, b: i32, zp: i32): void {
  const slot = qZeroPoints + <usize>n * <usize>qZpPerRow + <usize>(b >> qPerByteLog);
  const shift = (b & (qPerByte - 1)) * qBits;
  const kept = <i32>load<u8>(slot) & ~(((1 << qBits) - 1) << shift);
  store<u8>(slot, <u8>(kept | (zp << shift)));
}

/** `searchCandidates` of block column `b` of rows n … n + 3 into `g`. */
function startColumn(g: Group, x: usize, n: i32, b: i32): bool {
  const start = b * qBlockSize;
  const rowBytes = (<usize>qK) << 2;
  return searchCandidates(g, x + <usize>n * rowBytes + (<usize>start << 2), rowBytes, qBlockSize, qBits, qSymmetric, qMagnitude, qWeights == 0 ? 0 : qWeights + (<usize>start << 2));
}

/**
 * Block column `b` of rows n … n + 3 after its re-fits: `finishGroup` where `searchCandidates` took it
 * (`done`), else the blocks one by one. Returns the number of non-finite blocks.
 */
function finishColumn(g: Group, done: bool, x: usize, n: i32, b: i32): i32 {
  if (!done) {
    let bad = 0;
    for (let j = 0; j < 4; j++) bad += oneBlock(x, n + j, b);
    return bad;
  }
  const start = b * qBlockSize;
  const rowBytes = (<usize>qK) << 2;
  const index = <usize>n * <usize>qKBlocks + <usize>b;
  const zpSlots = laneZeroPoints;
  finishGroup(g, x + <usize>n * rowBytes + (<usize>start << 2), rowBytes, qBlockSize, qBits, qSymmetric, qFloat16, qScales + (index << 2), <usize>qKBlocks << 2, qCodes + index * <usize>qBlob, <usize>qKBlocks * <usize>qBlob, zpSlots);
  if (!qSymmetric) {
    // Into the zero-point bytes being gathered (`flushZeroPoints`): one read-modify-write per byte and row.
    const at = b >> qPerByteLog;
    if (at != zpAt) {
      flushZeroPoints(n);
      zpAt = at;
    }
    const shift = (b & (qPerByte - 1)) * qBits;
    zpGathered = v128.or(zpGathered, i32x4.shl(v128.load(zpSlots), shift));
    zpMask |= ((1 << qBits) - 1) << shift;
  }
  return 0;
}

/** Zero points of rows n … n + 3 gathered for their byte `zpAt` (lane j: row n + j), under `zpMask`. */
let zpGathered: v128 = i32x4.splat(0);
let zpMask = 0;
let zpAt = 0;

/** Writes the gathered zero points into their bytes (keeping the bits of others, such as `oneBlock`'s). */
function flushZeroPoints(n: i32): void {
  if (zpMask == 0) return;
  v128.store(laneOut, zpGathered);
  for (let j = 0; j < 4; j++) {
    const slot = qZeroPoints + <usize>(n + j) * <usize>qZpPerRow + <usize>zpAt;
    store<u8>(slot, <u8>((<i32>load<u8>(slot) & ~zpMask) | load<i32>(laneOut + (<usize>j << 2))));
  }
  zpGathered = i32x4.splat(0);
  zpMask = 0;
}

/** Block `b` of row `n` on its own; returns 1 if it holds a NaN or an infinity (nothing written), else 0. */
function oneBlock(x: usize, n: i32, b: i32): i32 {
  const blockSize = qBlockSize;
  const start = b * blockSize;
  const len = min<i32>(blockSize, qK - start);
  let src = x + ((<usize>n * <usize>qK + <usize>start) << 2);
  let w = qWeights == 0 ? qTailW : qWeights + (<usize>start << 2);
  if (len < blockSize) {
    // A short last block: zero padding changes neither the range nor any sum, and codes 0.
    for (let i = 0; i < blockSize; i++) store<f32>(qTail + (<usize>i << 2), i < len ? load<f32>(src + (<usize>i << 2)) : 0);
    if (qWeights != 0) for (let i = 0; i < blockSize; i++) store<f32>(qTailW + (<usize>i << 2), i < len ? load<f32>(w + (<usize>i << 2)) : 0);
    src = qTail;
    w = qTailW;
  }
  rangeOf(src, blockSize);
  if (blockBad) return 1;
  rtnParams(qBits, qSymmetric, qFloat16 && !qSearch);
  let searched = false;
  if (qSearch) {
    searched = searchParams(src, w, qWeights != 0, qMagnitude, blockSize, qBits, qSymmetric, qFloat16);
    if (!searched) rtnParams(qBits, qSymmetric, qFloat16);
  }
  const index = <usize>n * <usize>qKBlocks + <usize>b;
  store<f32>(qScales + (index << 2), fitScale);
  if (!qSymmetric) setZeroPoint(n, b, fitZeroPoint);
  packBlock(src, blockSize, qBits, fitScale, fitZeroPoint, qCodes + index * <usize>qBlob, searched ? ROUND_SEARCHED : qSymmetric && (!qFloat16 || peakKept(fitScale)) ? ROUND_PEAK : ROUND_NEAREST_AWAY);
  return 0;
}

// ---- the super-block (k-quants) quantizer, in its own file ----

export { superBlockScratchBytes, quantizeSuperBlocks } from './super-blocks';
