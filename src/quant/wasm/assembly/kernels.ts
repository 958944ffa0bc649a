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

/** Codes of one block of `blockSize` values (a multiple of 16), packed at `out`. */
function packBlock(src: usize, blockSize: i32, bits: i32, scale: f32, zeroPoint: i32, out: usize, peakMapped: bool): void {
  const rs = f32x4.splat(scale != 0 ? <f32>1 / scale : 0);
  const zp = f32x4.splat(<f32>zeroPoint);
  const top = f32x4.splat(<f32>((1 << bits) - 1));
  for (let i = 0; i < blockSize; i += 16) {
    const p = src + (<usize>i << 2);
    let c0: v128, c1: v128, c2: v128, c3: v128;
    if (peakMapped) {
      c0 = codes4Peak(v128.load(p), rs, zp, top);
      c1 = codes4Peak(v128.load(p, 16), rs, zp, top);
      c2 = codes4Peak(v128.load(p, 32), rs, zp, top);
      c3 = codes4Peak(v128.load(p, 48), rs, zp, top);
    } else {
      c0 = codes4(v128.load(p), rs, zp, top);
      c1 = codes4(v128.load(p, 16), rs, zp, top);
      c2 = codes4(v128.load(p, 32), rs, zp, top);
      c3 = codes4(v128.load(p, 48), rs, zp, top);
    }
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

let sumXL0: f32 = 0;
let sumLL0: f32 = 0;
let sumXL1: f32 = 0;
let sumLL1: f32 = 0;
let sumXL2: f32 = 0;
let sumLL2: f32 = 0;

// @ts-ignore: decorator
@inline
function lanes(v: v128): f32 {
  return f32x4.extract_lane(v, 0) + f32x4.extract_lane(v, 1) + f32x4.extract_lane(v, 2) + f32x4.extract_lane(v, 3);
}

/**
 * Σw·x·l and Σw·l² for l = clamp(nearest(x·inv), −z, L − z) (nearest: ties to even, one instruction),
 * for the zero points z0, z0+1, z0+2 at once (`count` of them, 1 to 3). Without weights (w = 1) the same
 * sums without the products by w, which are exact.
 */
function sums(blockSize: i32, inv: f32, z0: i32, count: i32, levels: i32, weighted: bool): void {
  const vinv = f32x4.splat(inv);
  const lo0 = f32x4.splat(<f32>-z0);
  const hi0 = f32x4.splat(<f32>(levels - z0));
  const lo1 = f32x4.splat(<f32>(-z0 - 1));
  const hi1 = f32x4.splat(<f32>(levels - z0 - 1));
  const lo2 = f32x4.splat(<f32>(-z0 - 2));
  const hi2 = f32x4.splat(<f32>(levels - z0 - 2));
  let xl0 = f32x4.splat(0);
  let ll0 = f32x4.splat(0);
  let xl1 = f32x4.splat(0);
  let ll1 = f32x4.splat(0);
  let xl2 = f32x4.splat(0);
  let ll2 = f32x4.splat(0);
  if (count == 1 && !weighted) {
    for (let i = 0; i < blockSize; i += 4) {
      const x = v128.load(xsPtr + (<usize>i << 2));
      const l0 = f32x4.pmin(hi0, f32x4.pmax(lo0, f32x4.nearest(f32x4.mul(x, vinv))));
      xl0 = f32x4.add(xl0, f32x4.mul(x, l0));
      ll0 = f32x4.add(ll0, f32x4.mul(l0, l0));
    }
  } else if (!weighted) {
    for (let i = 0; i < blockSize; i += 4) {
      const x = v128.load(xsPtr + (<usize>i << 2));
      const r = f32x4.nearest(f32x4.mul(x, vinv));
      const l0 = f32x4.pmin(hi0, f32x4.pmax(lo0, r));
      xl0 = f32x4.add(xl0, f32x4.mul(x, l0));
      ll0 = f32x4.add(ll0, f32x4.mul(l0, l0));
      const l1 = f32x4.pmin(hi1, f32x4.pmax(lo1, r));
      xl1 = f32x4.add(xl1, f32x4.mul(x, l1));
      ll1 = f32x4.add(ll1, f32x4.mul(l1, l1));
      const l2 = f32x4.pmin(hi2, f32x4.pmax(lo2, r));
      xl2 = f32x4.add(xl2, f32x4.mul(x, l2));
      ll2 = f32x4.add(ll2, f32x4.mul(l2, l2));
    }
  } else if (count == 1) {
    for (let i = 0; i < blockSize; i += 4) {
      const o = <usize>i << 2;
      const w = v128.load(wPtr + o);
      const l0 = f32x4.pmin(hi0, f32x4.pmax(lo0, f32x4.nearest(f32x4.mul(v128.load(xsPtr + o), vinv))));
      xl0 = f32x4.add(xl0, f32x4.mul(v128.load(wxPtr + o), l0));
      ll0 = f32x4.add(ll0, f32x4.mul(f32x4.mul(w, l0), l0));
    }
  } else {
    for (let i = 0; i < blockSize; i += 4) {
      const o = <usize>i << 2;
      const r = f32x4.nearest(f32x4.mul(v128.load(xsPtr + o), vinv));
      const w = v128.load(wPtr + o);
      const wx = v128.load(wxPtr + o);
      const l0 = f32x4.pmin(hi0, f32x4.pmax(lo0, r));
      xl0 = f32x4.add(xl0, f32x4.mul(wx, l0));
      ll0 = f32x4.add(ll0, f32x4.mul(f32x4.mul(w, l0), l0));
      const l1 = f32x4.pmin(hi1, f32x4.pmax(lo1, r));
      xl1 = f32x4.add(xl1, f32x4.mul(wx, l1));
      ll1 = f32x4.add(ll1, f32x4.mul(f32x4.mul(w, l1), l1));
      const l2 = f32x4.pmin(hi2, f32x4.pmax(lo2, r));
      xl2 = f32x4.add(xl2, f32x4.mul(wx, l2));
      ll2 = f32x4.add(ll2, f32x4.mul(f32x4.mul(w, l2), l2));
    }
  }
  sumXL0 = lanes(xl0);
  sumLL0 = lanes(ll0);
  sumXL1 = lanes(xl1);
  sumLL1 = lanes(ll1);
  sumXL2 = lanes(xl2);
  sumLL2 = lanes(ll2);
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
    // Magnitude weighting (llama.cpp's k-quants): each value also counts by sqrt(σ² + x²), σ² the
    // block's mean square, so the search does not trade the large weights for the small ones.
    const sigma2 = f32x4.splat(lanes(squares) * (<f32>1 / <f32>blockSize));
    for (let i = 0; i < blockSize; i += 4) {
      const o = <usize>i << 2;
      const xs = v128.load(xsPtr + o);
      let w = hasWeights ? v128.load(weights + o) : f32x4.splat(1);
      if (magnitude) w = f32x4.mul(w, f32x4.sqrt(f32x4.add(sigma2, f32x4.mul(xs, xs))));
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
  const two = bits == 2;
  const kMin = two ? -4 : -3;
  const kMax = 1;
  const step = two ? 0.12 : 0.08;
  found = false;
  bestScore = 0;
  for (let k = kMin; k <= kMax; k++) {
    const inv = inv0 * <f32>(1.0 + step * <f64>k);
    if (symmetric) {
      sums(blockSize, inv, mid, 1, levels, weighted);
      consider(sumXL0, sumLL0, mid);
    } else {
      let zc = <i32>Math.floor(<f64>(-lo * inv) + 0.5);
      zc = zc < 0 ? 0 : zc > levels ? levels : zc;
      const z0 = zc > 0 ? zc - 1 : 0;
      const count = min<i32>(zc + 1, levels) - z0 + 1;
      sums(blockSize, inv, z0, count, levels, weighted);
      consider(sumXL0, sumLL0, z0);
      if (count > 1) consider(sumXL1, sumLL1, z0 + 1);
      if (count > 2) consider(sumXL2, sumLL2, z0 + 2);
    }
  }
  if (!found) return false;
  const iterations = two ? 4 : 3;
  for (let it = 0; it < iterations; it++) {
    const inv: f32 = <f32>1 / bestScale;
    if (!isFinite<f32>(inv)) break;
    sums(blockSize, inv, bestZeroPoint, 1, levels, weighted);
    if (!(sumLL0 > 0)) break;
    const score = (sumXL0 * sumXL0) / sumLL0;
    if (!(score > bestScore)) break;
    bestScore = score;
    bestScale = sumXL0 / sumLL0;
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
 * the four scales computed in one vector (the same float32 operations as `rtnParams`, lane by lane).
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
  for (let j = 0; j < 4; j++) {
    // (AssemblyScript needs constant lane indices)
    const sj: f32 = j == 0 ? f32x4.extract_lane(scale, 0) : j == 1 ? f32x4.extract_lane(scale, 1) : j == 2 ? f32x4.extract_lane(scale, 2) : f32x4.extract_lane(scale, 3);
    let zp = 1 << (bits - 1);
    if (!symmetric) {
      const l: f32 = j == 0 ? f32x4.extract_lane(lo, 0) : j == 1 ? f32x4.extract_lane(lo, 1) : j == 2 ? f32x4.extract_lane(lo, 2) : f32x4.extract_lane(lo, 3);
      // The zero point comes from the unrounded scale, as MLAS computes it.
      const raw: f32 = j == 0 ? f32x4.extract_lane(span, 0) : j == 1 ? f32x4.extract_lane(span, 1) : j == 2 ? f32x4.extract_lane(span, 2) : f32x4.extract_lane(span, 3);
      const unrounded: f32 = raw / <f32>levels;
      let zf: f32 = l;
      if (unrounded != 0) zf = <f32>0 - l / unrounded;
      zp = zf < 0 ? 0 : zf > <f32>levels ? levels : <i32>Math.floor(<f64>zf + 0.5);
      store<i32>(zpSlots + (<usize>j << 2), zp);
    }
    packBlock(src + <usize>j * bytes, blockSize, bits, sj, zp, codes + <usize>j * blob, symmetric && (!float16 || peakKept(sj)));
  }
  return 0;
}

// ---- entry points ----

export function heapBase(): usize {
  return __heap_base;
}

/**
 * Quantizes `rows` rows of K float32 at `x` (blocks of `blockSize` along K), writing the packed codes,
 * the scales and (asymmetric) the packed zero points of those rows. `weights` (K float32, importance of
 * each column) or 0; `scratch` holds 5·blockSize float32. Returns the number of non-finite blocks (then
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
  const kBlocks = (K + blockSize - 1) / blockSize;
  const blob = (blockSize * bits) >> 3;
  const perByte = 8 / bits;
  const zpPerRow = (kBlocks * bits + 7) >> 3;
  const tail = scratch;
  const tailW = scratch + (<usize>blockSize << 2);
  xsPtr = scratch + (<usize>blockSize << 3);
  wPtr = xsPtr + (<usize>blockSize << 2);
  wxPtr = wPtr + (<usize>blockSize << 2);
  const ones = tailW; // without weights every weight is 1
  if (weights == 0) for (let i = 0; i < blockSize; i++) store<f32>(ones + (<usize>i << 2), 1);
  let bad = 0;
  for (let n = 0; n < rows; n++) {
    const row = x + ((<usize>n * <usize>K) << 2);
    const zpRow = zeroPoints + <usize>n * <usize>zpPerRow;
    if (!symmetric) {
      // Unused slots at the end of the row hold the default zero point, as onnxruntime pads them.
      const mid = 1 << (bits - 1);
      let fill = 0;
      for (let j = 0; j < perByte; j++) fill |= mid << (j * bits);
      for (let j = 0; j < zpPerRow; j++) store<u8>(zpRow + <usize>j, <u8>fill);
    }
    let b = 0;
    if (!search) {
      const whole = K / blockSize;
      for (; b + 4 <= whole; b += 4) {
        const index = <usize>n * <usize>kBlocks + <usize>b;
        const failed = rtnGroup(row + (<usize>(b * blockSize) << 2), blockSize, bits, symmetric, float16, scales + (index << 2), xsPtr, codes + index * <usize>blob);
        if (failed > 0) {
          bad += failed;
          continue;
        }
        if (!symmetric) {
          for (let j = 0; j < 4; j++) {
            const slot = zpRow + <usize>((b + j) / perByte);
            const shift = ((b + j) % perByte) * bits;
            const kept = <i32>load<u8>(slot) & ~(((1 << bits) - 1) << shift);
            store<u8>(slot, <u8>(kept | (load<i32>(xsPtr + (<usize>j << 2)) << shift)));
          }
        }
      }
    }
    for (; b < kBlocks; b++) {
      const start = b * blockSize;
      const len = min<i32>(blockSize, K - start);
      let src = row + (<usize>start << 2);
      let w = weights == 0 ? ones : weights + (<usize>start << 2);
      if (len < blockSize) {
        // A short last block: zero padding changes neither the range nor any sum, and codes 0.
        for (let i = 0; i < blockSize; i++) store<f32>(tail + (<usize>i << 2), i < len ? load<f32>(src + (<usize>i << 2)) : 0);
        if (weights != 0) for (let i = 0; i < blockSize; i++) store<f32>(tailW + (<usize>i << 2), i < len ? load<f32>(w + (<usize>i << 2)) : 0);
        src = tail;
        w = tailW;
      }
      rangeOf(src, blockSize);
      if (blockBad) {
        bad++;
        continue;
      }
      rtnParams(bits, symmetric, float16 && !search);
      let searched = false;
      if (search) {
        searched = searchParams(src, w, weights != 0, magnitude, blockSize, bits, symmetric, float16);
        if (!searched) rtnParams(bits, symmetric, float16);
      }
      const index = <usize>n * <usize>kBlocks + <usize>b;
      store<f32>(scales + (index << 2), fitScale);
      if (!symmetric) {
        const slot = zpRow + <usize>(b / perByte);
        const shift = (b % perByte) * bits;
        const kept = <i32>load<u8>(slot) & ~(((1 << bits) - 1) << shift);
        store<u8>(slot, <u8>(kept | (fitZeroPoint << shift)));
      }
      packBlock(src, blockSize, bits, fitScale, fitZeroPoint, codes + index * <usize>blob, symmetric && !searched && (!float16 || peakKept(fitScale)));
    }
  }
  return bad;
}
