/**
 * The super-block quantizer (llama.cpp's k-quants layout) in AssemblyScript: the twin of `../../super-blocks.ts`,
 * which documents the method. Every operation is the float64 (or float32, where that rounds with Math.fround)
 * operation of the JavaScript in the same order, and every rounding and clamp has JavaScript's semantics
 * (Math.round rounding halves up, NaN through Math.min/max, a typed array's store of NaN as 0), so both write
 * the same bytes; a test compares them. Pointers are byte offsets in the shared memory; the caller's scratch
 * area (`superBlockScratchBytes`) holds the per-super-block arrays, so that the worker pool's threads, each
 * with its own area, can run it at once.
 */

// ---- scratch layout (byte offsets from the scratch pointer) ----

const SB_X = 0; // f64[256]: the super-block's values
const SB_W = 2048; // f64[256]: their weights
const SB_SCALED = 4096; // f64[32]: a block divided by one scale
const SB_BACK = 4352; // f64[16]: the value each code stands for
const SB_FIT_SCALE = 4480; // f64[16] each: blocks' fitted scale, minimum, smallest and largest value
const SB_FIT_MIN = 4608;
const SB_LO = 4736;
const SB_HI = 4864;
const SB_I_SCALE = 4992; // i32[16] each: blocks' indices
const SB_I_MIN = 5056;
const SB_Q = 5120; // u8[256]: codes of the super-block
const SB_L = 5376; // u8[32]: codes of a block's last candidate
const SB_PAIR_X = 5504; // f64x2[32] each: two blocks' values, weights and codes, interleaved (`fitBlockPair`)
const SB_PAIR_W = 6016;
const SB_PAIR_Q = 6528;
const SB_BYTES: i32 = 7040;

/** Bytes of the scratch area `quantizeSuperBlocks` needs. */
export function superBlockScratchBytes(): i32 {
  return SB_BYTES;
}

const FACTOR_UNIT: f64 = 0.0009765625; // 2^-10, as in super-blocks.ts

// Per-call pointers (globals are per instance: each thread has its own).
let sx: usize = 0;
let sw: usize = 0;
let sScaled: usize = 0;
let sBack: usize = 0;
let sFitScale: usize = 0;
let sFitMin: usize = 0;
let sLo: usize = 0;
let sHi: usize = 0;
let sIScale: usize = 0;
let sIMin: usize = 0;
let sQ: usize = 0;
let sL: usize = 0;
let sPairX: usize = 0;
let sPairW: usize = 0;
let sPairQ: usize = 0;
/** fitBlock's results. */
let fit0: f64 = 0;
let fit1: f64 = 0;
let fit2: f64 = 0;
let fit3: f64 = 0;
/** A super-block's d and dmin. */
let factorD: f64 = 0;
let factorDmin: f64 = 0;

// @ts-ignore: decorator
@inline
function ld(base: usize, i: i32): f64 {
  return load<f64>(base + (<usize>i << 3));
}

// @ts-ignore: decorator
@inline
function st(base: usize, i: i32, v: f64): void {
  store<f64>(base + (<usize>i << 3), v);
}

// @ts-ignore: decorator
@inline
function ldi(base: usize, i: i32): i32 {
  return load<i32>(base + (<usize>i << 2));
}

// @ts-ignore: decorator
@inline
function sti(base: usize, i: i32, v: i32): void {
  store<i32>(base + (<usize>i << 2), v);
}

/** Math.fround. */
// @ts-ignore: decorator
@inline
function fr(v: f64): f64 {
  return <f64>(<f32>v);
}

/** JavaScript's Math.round (halves up) for a finite or NaN value. */
function jsRound(v: f64): f64 {
  const f = Math.floor(v);
  return v - f >= 0.5 ? f + 1 : f;
}

/** JavaScript's ToInt32 of a value that is NaN or an integer in int32's range (a typed array's store). */
// @ts-ignore: decorator
@inline
function toInt(v: f64): i32 {
  return v == v ? <i32>v : 0;
}

function isFiniteF64(v: f64): bool {
  return v - v == 0;
}

/** kernels-js.ts `roundToFloat16` of a float64 (its float32 store rounds first, as the JavaScript's does). */
// @ts-ignore: decorator
@inline
function roundToFloat16(v: f64): f64 {
  let a = Math.abs(v);
  if (a > 65504) a = 65504;
  const bits = reinterpret<u32>(<f32>a);
  const exponent = <i32>(bits >>> 23) - 127 + 15;
  let r: f64;
  if (exponent <= 0) {
    const y = a * 16777216;
    let h = jsRound(y);
    if (h - y == 0.5 && (<i64>h & 1) != 0) h -= 1;
    r = fr(h / 16777216);
  } else {
    let u = bits & ~0x1fff;
    const rem = bits & 0x1fff;
    if (rem > 0x1000 || (rem == 0x1000 && (u & 0x2000) != 0)) u += 0x2000;
    r = <f64>reinterpret<f32>(u);
  }
  return v < 0 ? -r : r;
}

/** A float32 cast to float16 as onnxruntime's Cast does it: beyond float16's range, infinite. */
// @ts-ignore: decorator
@inline
function toHalf(v: f64): f64 {
  return Math.abs(v) >= 65520 ? v * Infinity : roundToFloat16(v);
}

/** d or dmin rounded to what is stored: a float16 multiple of FACTOR_UNIT. */
function roundFactor(v: f64): f64 {
  return roundToFloat16(v / FACTOR_UNIT) * FACTOR_UNIT;
}

/** onnx/float16.ts `float32ToFloat16Bits` (the value stored as float32 first). */
function float16Bits(value: f64): u32 {
  const x = reinterpret<u32>(<f32>value);
  const sign = (x >>> 16) & 0x8000;
  const exp = <i32>((x >>> 23) & 0xff);
  const mant = x & 0x7fffff;
  if (exp == 0xff) return mant == 0 ? sign | 0x7c00 : sign | 0x7e00 | (mant >>> 13);
  const e = exp - 127 + 15;
  if (e >= 0x1f) return sign | 0x7c00;
  if (e <= 0) {
    if (e < -10) return sign;
    const m = mant | 0x800000;
    const shift = <u32>(14 - e);
    const half = m >>> shift;
    const rem = m & ((<u32>1 << shift) - 1);
    const mid = <u32>1 << (shift - 1);
    const roundUp = rem > mid || (rem == mid && (half & 1) == 1);
    return sign | (half + (roundUp ? 1 : 0));
  }
  const half = (<u32>e << 10) | (mant >>> 13);
  const rem = mant & 0x1fff;
  const roundUp = rem > 0x1000 || (rem == 0x1000 && (half & 1) == 1);
  return sign | (half + (roundUp ? 1 : 0));
}

// @ts-ignore: decorator
@inline
function blockScale(d: f64, iScale: i32, float16: bool): f64 {
  const scale = fr(<f64>iScale * d);
  return float16 ? toHalf(scale) : scale;
}

// @ts-ignore: decorator
@inline
function blockZero(dmin: f64, iMin: i32, scale: f64, float16: bool): f64 {
  const zero = fr(fr(<f64>iMin * dmin) / scale);
  return float16 ? toHalf(zero) : zero;
}

/** super-blocks.ts `level`: clamp(Math.round(v), 0, nmax), NaN kept. */
// @ts-ignore: decorator
@inline
function level(v: f64, nmax: i32): f64 {
  return v >= 0.5 ? (v >= <f64>nmax ? <f64>nmax : Math.floor(v + 0.5)) : v == v ? 0 : NaN;
}

/** super-blocks.ts `levelInt` (|v| < 2^30). */
// @ts-ignore: decorator
@inline
function levelInt(v: f64, nmax: i32): i32 {
  const t = <i32>(v + 0.49999999999999994);
  const c = t & ~(t >> 31);
  const d = nmax - c;
  return c + (d & (d >> 31));
}

// @ts-ignore: decorator
@inline
function levelsFit(v1: f64, v2: f64): bool {
  return Math.abs(v1) < 1073741824 && Math.abs(v2) < 1073741824;
}

/** super-blocks.ts `fitBlock` on the block of n values at index o of the scratch's x and w. */
function fitBlock(o: i32, n: i32, nmax: i32, rmin: f64, steps: i32, unit: bool): void {
  const x = sx + (<usize>o << 3);
  const w = sw + (<usize>o << 3);
  const l = sL;
  const back = sBack;
  let lo = ld(x, 0);
  let hi = lo;
  let sumW: f64 = 0;
  let sumX: f64 = 0;
  for (let i = 0; i < n; i++) {
    const v = ld(x, i);
    if (v < lo) lo = v;
    if (v > hi) hi = v;
    sumW += ld(w, i);
    sumX += ld(w, i) * v;
  }
  const low = lo;
  fit2 = low;
  fit3 = hi;
  if (lo > 0) lo = 0;
  if (hi == lo) {
    fit0 = 0;
    fit1 = -lo;
    return;
  }
  const fnmax = <f64>nmax;
  let bestScale = (hi - lo) / fnmax;
  let bestMin = lo;
  let best: f64 = 0;
  const inv0 = fnmax / (hi - lo);
  const fast0 = levelsFit(inv0 * (low - lo), inv0 * (hi - lo));
  for (let i = 0; i < n; i++) {
    const v = ld(x, i);
    const y = inv0 * (v - lo);
    const e = bestScale * (fast0 ? <f64>levelInt(y, nmax) : level(y, nmax)) + lo - v;
    best += ld(w, i) * e * e;
  }
  let fresh = true;
  for (let step = 0; step <= steps; step++) {
    const inv = (rmin + 0.1 * <f64>step + fnmax) / (hi - bestMin);
    const changed = fresh;
    fresh = !isFiniteF64(inv);
    const fast = levelsFit(inv * (low - bestMin), inv * (hi - bestMin));
    let diff = 0;
    let sl: f64 = 0;
    let sl2: f64 = 0;
    let sxl: f64 = 0;
    if (fast && unit) {
      let ql = 0;
      let ql2 = 0;
      for (let i = 0; i < n; i++) {
        const v = ld(x, i);
        const q = levelInt(inv * (v - bestMin), nmax);
        diff |= q ^ <i32>load<u8>(l + <usize>i);
        store<u8>(l + <usize>i, <u8>q);
        ql += q;
        ql2 += q * q;
        sxl += <f64>q * v;
      }
      sl = <f64>ql;
      sl2 = <f64>ql2;
    } else if (fast) {
      for (let i = 0; i < n; i++) {
        const v = ld(x, i);
        const q = levelInt(inv * (v - bestMin), nmax);
        diff |= q ^ <i32>load<u8>(l + <usize>i);
        store<u8>(l + <usize>i, <u8>q);
        const wq = ld(w, i) * <f64>q;
        sl += wq;
        sl2 += wq * <f64>q;
        sxl += wq * v;
      }
    } else {
      for (let i = 0; i < n; i++) {
        const v = ld(x, i);
        const q = level(inv * (v - bestMin), nmax);
        const qi = toInt(q);
        diff |= qi ^ <i32>load<u8>(l + <usize>i);
        store<u8>(l + <usize>i, <u8>qi);
        const wq = ld(w, i) * q;
        sl += wq;
        sl2 += wq * q;
        sxl += wq * v;
      }
    }
    if (!changed && diff == 0) continue;
    const det = sumW * sl2 - sl * sl;
    if (!(det > 0)) continue;
    let scale = (sumW * sxl - sumX * sl) / det;
    let min = (sl2 * sumX - sl * sxl) / det;
    if (min > 0) {
      min = 0;
      scale = sxl / sl2;
    }
    for (let k = 0; k <= nmax; k++) st(back, k, scale * <f64>k + min);
    let e: f64 = 0;
    if (unit) {
      for (let i = 0; i < n; i++) {
        const r = ld(back, <i32>load<u8>(l + <usize>i)) - ld(x, i);
        e += r * r;
      }
    } else {
      for (let i = 0; i < n; i++) {
        const r = ld(back, <i32>load<u8>(l + <usize>i)) - ld(x, i);
        e += ld(w, i) * r * r;
      }
    }
    if (e < best) {
      best = e;
      bestScale = scale;
      bestMin = min;
    }
  }
  fit0 = bestScale;
  fit1 = -bestMin;
}

/** `level` in two lanes: floor(v + 0.5) from 0.5 up, else 0, at most nmax; NaN kept. */
// @ts-ignore: decorator
@inline
function level2(v: v128, top: v128): v128 {
  const half = f64x2.splat(0.5);
  const r = f64x2.pmin(v128.and(f64x2.floor(f64x2.add(v, half)), f64x2.ge(v, half)), top);
  return v128.bitselect(f64x2.splat(NaN), r, f64x2.ne(v, v));
}

/**
 * `levelInt` in two lanes, for values within ±2^30: trunc(v + 0.49999999999999994) clamped to [0, nmax] (the
 * clamp from +0: a truncated −0.3 is −0, and pmax(+0, −0) is +0).
 */
// @ts-ignore: decorator
@inline
function levelInt2(v: v128, top: v128): v128 {
  const t = f64x2.trunc(f64x2.add(v, f64x2.splat(0.49999999999999994)));
  return f64x2.pmin(top, f64x2.pmax(f64x2.splat(0), t));
}

/** Whether both lanes of a and b are within ±2^30 (`levelsFit` in each lane). */
// @ts-ignore: decorator
@inline
function levelsFit2(a: v128, b: v128): bool {
  const limit = f64x2.splat(1073741824);
  return i64x2.all_true(v128.and(f64x2.lt(f64x2.abs(a), limit), f64x2.lt(f64x2.abs(b), limit)));
}

/**
 * `fitBlock` on blocks j and j + 1 of n values at once, one in each float64 lane: every lane does its block's
 * operations in the JavaScript's order. A candidate is skipped when both lanes' codes equal their previous
 * candidate's (a NaN code never does); otherwise both lanes are computed, where the JavaScript skips a lane
 * whose codes did not change: that candidate's fit and error are the previous one's, which is never better, so
 * computing it changes nothing (a grid of infinite step makes NaN sums, which no comparison takes, as the
 * JavaScript's). With weights of 1, w · q is q and the sums of the JavaScript's integer codes are the same
 * float64 sums. Results in the scratch's per-block fits.
 */
function fitBlockPair(j: i32, n: i32, nmax: i32, rmin: f64, steps: i32): void {
  const x0 = sx + (<usize>(j * n) << 3);
  const x1 = x0 + (<usize>n << 3);
  const w0 = sw + (<usize>(j * n) << 3);
  const w1 = w0 + (<usize>n << 3);
  const px = sPairX;
  const pw = sPairW;
  const pq = sPairQ;
  for (let i = 0; i < n; i++) {
    const at = <usize>i << 4;
    v128.store(px + at, f64x2.replace_lane(f64x2.splat(ld(x0, i)), 1, ld(x1, i)));
    v128.store(pw + at, f64x2.replace_lane(f64x2.splat(ld(w0, i)), 1, ld(w1, i)));
  }
  const zero = f64x2.splat(0);
  let lo = v128.load(px);
  let hi = lo;
  let sumW = zero;
  let sumX = zero;
  for (let i = 0; i < n; i++) {
    const at = <usize>i << 4;
    const v = v128.load(px + at);
    const w = v128.load(pw + at);
    lo = f64x2.pmin(lo, v); // v < lo ? v : lo
    hi = f64x2.pmax(hi, v); // hi < v ? v : hi
    sumW = f64x2.add(sumW, w);
    sumX = f64x2.add(sumX, f64x2.mul(w, v));
  }
  const low = lo;
  lo = f64x2.pmin(lo, zero); // lo > 0 ? 0 : lo
  const constant = f64x2.eq(hi, lo);
  const top = f64x2.splat(<f64>nmax);
  let bestScale = f64x2.div(f64x2.sub(hi, lo), top);
  let bestMin = lo;
  let best = zero;
  const inv0 = f64x2.div(top, f64x2.sub(hi, lo));
  for (let i = 0; i < n; i++) {
    const at = <usize>i << 4;
    const v = v128.load(px + at);
    const q = level2(f64x2.mul(inv0, f64x2.sub(v, lo)), top);
    const e = f64x2.sub(f64x2.add(f64x2.mul(bestScale, q), lo), v);
    best = f64x2.add(best, f64x2.mul(f64x2.mul(v128.load(pw + at), e), e));
  }
  for (let step = 0; step <= steps; step++) {
    const inv = f64x2.div(f64x2.splat(rmin + 0.1 * <f64>step + <f64>nmax), f64x2.sub(hi, bestMin));
    let sl = zero;
    let sl2 = zero;
    let sxl = zero;
    let changed = f64x2.ne(zero, zero);
    if (levelsFit2(f64x2.mul(inv, f64x2.sub(low, bestMin)), f64x2.mul(inv, f64x2.sub(hi, bestMin)))) {
      for (let i = 0; i < n; i++) {
        const at = <usize>i << 4;
        const v = v128.load(px + at);
        const q = levelInt2(f64x2.mul(inv, f64x2.sub(v, bestMin)), top);
        changed = v128.or(changed, f64x2.ne(q, v128.load(pq + at)));
        v128.store(pq + at, q);
        const wq = f64x2.mul(v128.load(pw + at), q);
        sl = f64x2.add(sl, wq);
        sl2 = f64x2.add(sl2, f64x2.mul(wq, q));
        sxl = f64x2.add(sxl, f64x2.mul(wq, v));
      }
    } else {
      for (let i = 0; i < n; i++) {
        const at = <usize>i << 4;
        const v = v128.load(px + at);
        const q = level2(f64x2.mul(inv, f64x2.sub(v, bestMin)), top);
        changed = v128.or(changed, f64x2.ne(q, v128.load(pq + at)));
        v128.store(pq + at, q);
        const wq = f64x2.mul(v128.load(pw + at), q);
        sl = f64x2.add(sl, wq);
        sl2 = f64x2.add(sl2, f64x2.mul(wq, q));
        sxl = f64x2.add(sxl, f64x2.mul(wq, v));
      }
    }
    if (step > 0 && !v128.any_true(changed)) continue;
    const det = f64x2.sub(f64x2.mul(sumW, sl2), f64x2.mul(sl, sl));
    let scale = f64x2.div(f64x2.sub(f64x2.mul(sumW, sxl), f64x2.mul(sumX, sl)), det);
    let min = f64x2.div(f64x2.sub(f64x2.mul(sl2, sumX), f64x2.mul(sl, sxl)), det);
    const positive = f64x2.gt(min, zero);
    min = v128.bitselect(zero, min, positive);
    scale = v128.bitselect(f64x2.div(sxl, sl2), scale, positive);
    // The error at scale · q + min, the value `back` holds for code q.
    let e = zero;
    for (let i = 0; i < n; i++) {
      const at = <usize>i << 4;
      const r = f64x2.sub(f64x2.add(f64x2.mul(scale, v128.load(pq + at)), min), v128.load(px + at));
      e = f64x2.add(e, f64x2.mul(f64x2.mul(v128.load(pw + at), r), r));
    }
    const better = v128.and(f64x2.gt(det, zero), f64x2.lt(e, best));
    best = v128.bitselect(e, best, better);
    bestScale = v128.bitselect(scale, bestScale, better);
    bestMin = v128.bitselect(min, bestMin, better);
  }
  const fitScale = v128.bitselect(zero, bestScale, constant);
  const fitMin = f64x2.neg(v128.bitselect(lo, bestMin, constant));
  st(sFitScale, j, f64x2.extract_lane(fitScale, 0));
  st(sFitScale, j + 1, f64x2.extract_lane(fitScale, 1));
  st(sFitMin, j, f64x2.extract_lane(fitMin, 0));
  st(sFitMin, j + 1, f64x2.extract_lane(fitMin, 1));
  st(sLo, j, f64x2.extract_lane(low, 0));
  st(sLo, j + 1, f64x2.extract_lane(low, 1));
  st(sHi, j, f64x2.extract_lane(hi, 0));
  st(sHi, j + 1, f64x2.extract_lane(hi, 1));
}

/** super-blocks.ts `indexError` for the block at index o. */
function indexError(o: i32, n: i32, zero: f64, nmax: i32, fast: bool, unit: bool): f64 {
  const x = sx + (<usize>o << 3);
  const w = sw + (<usize>o << 3);
  const scaled = sScaled;
  const back = sBack;
  let e: f64 = 0;
  if (fast && unit) {
    for (let i = 0; i < n; i++) {
      const r = ld(back, levelInt(ld(scaled, i) + zero, nmax)) - ld(x, i);
      e += r * r;
    }
  } else if (fast) {
    for (let i = 0; i < n; i++) {
      const r = ld(back, levelInt(ld(scaled, i) + zero, nmax)) - ld(x, i);
      e += ld(w, i) * r * r;
    }
  } else {
    for (let i = 0; i < n; i++) {
      const q = level(ld(scaled, i) + zero, nmax);
      // (A NaN code reads no value: the JavaScript's back[NaN] is undefined, its difference NaN.)
      const r = q == q ? ld(back, <i32>q) - ld(x, i) : NaN;
      e += ld(w, i) * r * r;
    }
  }
  return e;
}

/**
 * The refinement's index search (searchSuperBlock's ±1 around each block's pair of indices) for blocks j and
 * j + 1, one in each float64 lane: the pairs in the JavaScript's order (scale index, then minimum index,
 * ascending), a lane's pair left out where the JavaScript's loops do not reach it or its zero point is not
 * finite. `back[q]`, f32((q − zero) · scale), is computed from the code instead of looked up: the same
 * operations. Writes both blocks' indices.
 */
function indexSearchPair(j: i32, blockSize: i32, nmax: i32, imax: i32, d: f64, dmin: f64, float16: bool): void {
  const x0 = sx + (<usize>(j * blockSize) << 3);
  const x1 = x0 + (<usize>blockSize << 3);
  const w0 = sw + (<usize>(j * blockSize) << 3);
  const w1 = w0 + (<usize>blockSize << 3);
  const px = sPairX;
  const pw = sPairW;
  const ps = sPairQ; // the values divided by one scale
  for (let i = 0; i < blockSize; i++) {
    const at = <usize>i << 4;
    v128.store(px + at, f64x2.replace_lane(f64x2.splat(ld(x0, i)), 1, ld(x1, i)));
    v128.store(pw + at, f64x2.replace_lane(f64x2.splat(ld(w0, i)), 1, ld(w1, i)));
  }
  const lo0 = ld(sLo, j);
  const lo1 = ld(sLo, j + 1);
  const hi0 = ld(sHi, j);
  const hi1 = ld(sHi, j + 1);
  const iScale0 = ldi(sIScale, j);
  const iScale1 = ldi(sIScale, j + 1);
  const iMin0 = ldi(sIMin, j);
  const iMin1 = ldi(sIMin, j + 1);
  const top = f64x2.splat(<f64>nmax);
  let best = f64x2.splat(Infinity);
  let bestScale0 = iScale0;
  let bestScale1 = iScale1;
  let bestMin0 = iMin0;
  let bestMin1 = iMin1;
  for (let ds = -1; ds <= 1; ds++) {
    const is0 = iScale0 + ds;
    const is1 = iScale1 + ds;
    const scaleIn0 = is0 >= 1 && is0 <= imax;
    const scaleIn1 = is1 >= 1 && is1 <= imax;
    if (!scaleIn0 && !scaleIn1) continue;
    const scale0: f64 = scaleIn0 ? blockScale(d, is0, float16) : 1;
    const scale1: f64 = scaleIn1 ? blockScale(d, is1, float16) : 1;
    const scale = f64x2.replace_lane(f64x2.splat(scale0), 1, scale1);
    for (let i = 0; i < blockSize; i++) {
      const at = <usize>i << 4;
      v128.store(ps + at, f64x2.div(v128.load(px + at), scale));
    }
    for (let dm = -1; dm <= 1; dm++) {
      const im0 = iMin0 + dm;
      const im1 = iMin1 + dm;
      let zero0: f64 = scaleIn0 && im0 >= 0 && im0 <= imax ? blockZero(dmin, im0, scale0, float16) : NaN;
      let zero1: f64 = scaleIn1 && im1 >= 0 && im1 <= imax ? blockZero(dmin, im1, scale1, float16) : NaN;
      const take0 = isFiniteF64(zero0);
      const take1 = isFiniteF64(zero1);
      if (!take0 && !take1) continue;
      // A lane left out computes on a zero point of 0, and its error is not taken.
      if (!take0) zero0 = 0;
      if (!take1) zero1 = 0;
      const zero = f64x2.replace_lane(f64x2.splat(zero0), 1, zero1);
      const fast = (!take0 || levelsFit(lo0 / scale0 + zero0, hi0 / scale0 + zero0)) && (!take1 || levelsFit(lo1 / scale1 + zero1, hi1 / scale1 + zero1));
      let e = f64x2.splat(0);
      if (fast) {
        for (let i = 0; i < blockSize; i++) {
          const at = <usize>i << 4;
          const q = levelInt2(f64x2.add(v128.load(ps + at), zero), top);
          const back = f64x2.promote_low_f32x4(f32x4.demote_f64x2_zero(f64x2.mul(f64x2.sub(q, zero), scale)));
          const r = f64x2.sub(back, v128.load(px + at));
          e = f64x2.add(e, f64x2.mul(f64x2.mul(v128.load(pw + at), r), r));
        }
      } else {
        for (let i = 0; i < blockSize; i++) {
          const at = <usize>i << 4;
          const q = level2(f64x2.add(v128.load(ps + at), zero), top);
          const back = f64x2.promote_low_f32x4(f32x4.demote_f64x2_zero(f64x2.mul(f64x2.sub(q, zero), scale)));
          const r = f64x2.sub(back, v128.load(px + at));
          e = f64x2.add(e, f64x2.mul(f64x2.mul(v128.load(pw + at), r), r));
        }
      }
      const e0 = f64x2.extract_lane(e, 0);
      const e1 = f64x2.extract_lane(e, 1);
      if (take0 && e0 < f64x2.extract_lane(best, 0)) {
        best = f64x2.replace_lane(best, 0, e0);
        bestScale0 = is0;
        bestMin0 = im0;
      }
      if (take1 && e1 < f64x2.extract_lane(best, 1)) {
        best = f64x2.replace_lane(best, 1, e1);
        bestScale1 = is1;
        bestMin1 = im1;
      }
    }
  }
  sti(sIScale, j, bestScale0);
  sti(sIScale, j + 1, bestScale1);
  sti(sIMin, j, bestMin0);
  sti(sIMin, j + 1, bestMin1);
}

/** super-blocks.ts `codesOf`. */
function codesOf(perSuper: i32, blockSize: i32, nmax: i32, d: f64, dmin: f64, float16: bool): void {
  for (let j = 0; j < perSuper; j++) {
    const scale = blockScale(d, ldi(sIScale, j), float16);
    const zero = blockZero(dmin, ldi(sIMin, j), scale, float16);
    const b = j * blockSize;
    const lo = ld(sLo, j);
    const hi = ld(sHi, j);
    if (levelsFit(lo / scale + zero, hi / scale + zero)) {
      for (let i = b; i < b + blockSize; i++) store<u8>(sQ + <usize>i, <u8>levelInt(ld(sx, i) / scale + zero, nmax));
    } else {
      for (let i = b; i < b + blockSize; i++) store<u8>(sQ + <usize>i, <u8>toInt(level(ld(sx, i) / scale + zero, nmax)));
    }
  }
}

/** super-blocks.ts `searchSuperBlock` on the scratch's x, column `column` of the row; importance: 0 or K float32. */
function searchSuperBlock(
  column: i32,
  blockSize: i32,
  indexBits: i32,
  perSuper: i32,
  bits: i32,
  float16: bool,
  magnitude: bool,
  importance: usize,
): void {
  const nmax = (1 << bits) - 1;
  const imax = (1 << indexBits) - 1;
  const fimax = <f64>imax;
  const rmin: f64 = bits == 4 ? -1 : -0.5;
  const steps = bits == 4 ? 20 : 15;
  for (let j = 0; j < perSuper; j++) {
    const b = j * blockSize;
    let sigma2: f64 = 0;
    if (magnitude) {
      for (let i = b; i < b + blockSize; i++) sigma2 += ld(sx, i) * ld(sx, i);
      sigma2 /= <f64>blockSize;
    }
    for (let i = b; i < b + blockSize; i++) {
      const v = ld(sx, i);
      let weight: f64 = magnitude ? Math.sqrt(sigma2 + v * v) : 1;
      if (importance != 0) weight *= <f64>load<f32>(importance + (<usize>(column + i) << 2));
      st(sw, i, weight);
    }
  }
  const unit = !magnitude && importance == 0;
  let maxScale: f64 = 0;
  let maxMin: f64 = 0;
  // Blocks two at a time, a last odd one alone (INT2 spans can have an odd number of blocks).
  let j = 0;
  for (; j + 1 < perSuper; j += 2) fitBlockPair(j, blockSize, nmax, rmin, steps);
  if (j < perSuper) {
    fitBlock(j * blockSize, blockSize, nmax, rmin, steps, unit);
    st(sFitScale, j, fit0);
    st(sLo, j, fit2);
    st(sHi, j, fit3);
    st(sFitMin, j, fit1);
  }
  for (let j = 0; j < perSuper; j++) {
    maxScale = max<f64>(maxScale, ld(sFitScale, j));
    maxMin = max<f64>(maxMin, ld(sFitMin, j));
  }
  let dmin = roundFactor(maxMin / fimax);
  let d = roundFactor(maxScale / fimax);
  if (!(d > 0)) d = dmin > 0 ? dmin : 1;
  for (let j = 0; j < perSuper; j++) {
    sti(sIScale, j, toInt(max<f64>(1, min<f64>(fimax, jsRound(ld(sFitScale, j) / d)))));
    sti(sIMin, j, dmin > 0 ? toInt(max<f64>(0, min<f64>(fimax, jsRound(ld(sFitMin, j) / dmin)))) : 0);
  }
  codesOf(perSuper, blockSize, nmax, d, dmin, float16);
  let aa: f64 = 0;
  let ab: f64 = 0;
  let bb: f64 = 0;
  let ax: f64 = 0;
  let bx: f64 = 0;
  for (let j = 0; j < perSuper; j++) {
    const is = ldi(sIScale, j);
    const b = -<f64>ldi(sIMin, j);
    for (let i = 0; i < blockSize; i++) {
      const k = j * blockSize + i;
      const a = <f64>(is * <i32>load<u8>(sQ + <usize>k));
      const v = ld(sx, k);
      const wk = ld(sw, k);
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
  // Blocks two at a time, a last odd one alone.
  let jj = 0;
  for (; jj + 1 < perSuper; jj += 2) indexSearchPair(jj, blockSize, nmax, imax, d, dmin, float16);
  for (let j = jj; j < perSuper; j++) {
    const b = j * blockSize;
    const lo = ld(sLo, j);
    const hi = ld(sHi, j);
    let best: f64 = Infinity;
    const iScale = ldi(sIScale, j);
    const iMin = ldi(sIMin, j);
    let bestScale = iScale;
    let bestMin = iMin;
    const isTop = min<i32>(imax, iScale + 1);
    for (let is = max<i32>(1, iScale - 1); is <= isTop; is++) {
      const scale = blockScale(d, is, float16);
      for (let i = 0; i < blockSize; i++) st(sScaled, i, ld(sx, b + i) / scale);
      const imTop = min<i32>(imax, iMin + 1);
      for (let im = max<i32>(0, iMin - 1); im <= imTop; im++) {
        const zero = blockZero(dmin, im, scale, float16);
        if (!isFiniteF64(zero)) continue;
        for (let k = 0; k <= nmax; k++) st(sBack, k, fr((<f64>k - zero) * scale));
        const fast = levelsFit(lo / scale + zero, hi / scale + zero);
        const e = indexError(b, blockSize, zero, nmax, fast, unit);
        if (e < best) {
          best = e;
          bestScale = is;
          bestMin = im;
        }
      }
    }
    sti(sIScale, j, bestScale);
    sti(sIMin, j, bestMin);
  }
  for (let j = 0; j < perSuper; j++) {
    while (ldi(sIScale, j) < imax && !isFiniteF64(blockZero(dmin, ldi(sIMin, j), blockScale(d, ldi(sIScale, j), float16), float16))) {
      sti(sIScale, j, ldi(sIScale, j) + 1);
    }
  }
  codesOf(perSuper, blockSize, nmax, d, dmin, float16);
  factorD = d;
  factorDmin = dmin;
}

/**
 * Quantizes `rows` rows of K float32 at `x` to super-blocks of `span` values (super-blocks.ts
 * `quantizeSuperBlocks`): per row, the packed codes (K·bits/8 bytes) at `codes`, the op's scales and zero
 * points (K/blockSize float32 each) at `scales` and `zeroPoints`, the packed indices (`indexRowBytes`) at
 * `indices`, d and dmin as float16 bits (K/span each) at `superScales` and `superMins`. `importance`: K
 * float32 or 0. Returns the number of non-finite values (then nothing is written); a d below the factors'
 * range is written like any other (the caller reads it from `superScales` and refuses the layer).
 */
export function quantizeSuperBlocks(
  x: usize,
  rows: i32,
  K: i32,
  bits: i32,
  span: i32,
  float16: bool,
  magnitude: bool,
  importance: usize,
  codes: usize,
  scales: usize,
  zeroPoints: usize,
  indices: usize,
  superScales: usize,
  superMins: usize,
  scratch: usize,
): i32 {
  const total = <usize>rows * <usize>K;
  let bad = 0;
  for (let i: usize = 0; i < total; i++) {
    const v = load<f32>(x + (i << 2));
    if (v - v != 0) bad++;
  }
  if (bad > 0) return bad;
  sx = scratch + SB_X;
  sw = scratch + SB_W;
  sScaled = scratch + SB_SCALED;
  sBack = scratch + SB_BACK;
  sFitScale = scratch + SB_FIT_SCALE;
  sFitMin = scratch + SB_FIT_MIN;
  sLo = scratch + SB_LO;
  sHi = scratch + SB_HI;
  sIScale = scratch + SB_I_SCALE;
  sIMin = scratch + SB_I_MIN;
  sQ = scratch + SB_Q;
  sL = scratch + SB_L;
  sPairX = scratch + SB_PAIR_X;
  sPairW = scratch + SB_PAIR_W;
  sPairQ = scratch + SB_PAIR_Q;
  // The codes of a block's last candidate start as zeros (as the JavaScript's fresh array).
  memory.fill(sL, 0, 32);
  const blockSize = bits == 4 ? 32 : 16;
  const indexBits = bits == 4 ? 6 : 4;
  const kBlocks = K / blockSize;
  const perSuper = span / blockSize;
  const supers = K / span;
  const rowIndexBytes = (kBlocks * 2 * indexBits) >> 3;
  const perByte = 8 / bits;
  for (let n = 0; n < rows; n++) {
    for (let s = 0; s < supers; s++) {
      const o = <usize>n * <usize>K + <usize>(s * span);
      for (let k = 0; k < span; k++) st(sx, k, <f64>load<f32>(x + ((o + <usize>k) << 2)));
      searchSuperBlock(s * span, blockSize, indexBits, perSuper, bits, float16, magnitude, importance);
      const d = factorD;
      const dmin = factorDmin;
      const codeBase = codes + o / <usize>perByte;
      for (let k = 0; k < span; k += perByte) {
        let byte = 0;
        for (let t = 0; t < perByte; t++) byte |= <i32>load<u8>(sQ + <usize>(k + t)) << (t * bits);
        store<u8>(codeBase + <usize>(k / perByte), <u8>byte);
      }
      for (let j = 0; j < perSuper; j++) {
        const scale = blockScale(d, ldi(sIScale, j), float16);
        const at = (<usize>n * <usize>kBlocks + <usize>(s * perSuper + j)) << 2;
        store<f32>(scales + at, <f32>scale);
        store<f32>(zeroPoints + at, <f32>blockZero(dmin, ldi(sIMin, j), scale, float16));
      }
      // The (scale, minimum) index pairs as a little-endian stream of indexBits values.
      let acc: u32 = 0;
      let held = 0;
      let pos = indices + <usize>n * <usize>rowIndexBytes + <usize>((s * perSuper * 2 * indexBits) >> 3);
      for (let t = 0; t < 2 * perSuper; t++) {
        acc |= <u32>((t & 1) == 0 ? ldi(sIScale, t >> 1) : ldi(sIMin, t >> 1)) << held;
        held += indexBits;
        while (held >= 8) {
          store<u8>(pos++, <u8>(acc & 0xff));
          acc >>>= 8;
          held -= 8;
        }
      }
      const f = (<usize>n * <usize>supers + <usize>s) << 1;
      store<u16>(superScales + f, <u16>float16Bits(d / FACTOR_UNIT));
      store<u16>(superMins + f, <u16>float16Bits(dmin / FACTOR_UNIT));
    }
  }
  return 0;
}
