/**
 * The lowest error the MatMulNBits format allows, by brute force, to judge the search against:
 *   node build/scripts/search-floor.js
 * On N(0,1) rows (the bench's matrix, first 256 rows × 4096), block 32, float16 scales, relative error
 * ‖x − x̂‖²/‖x‖²:
 * - integer zero point (the format): for 40 scales from 0.6 to 1.2 × round-to-nearest's and every zero
 *   point, the codes and then the least-squares scale refitted twice; the best per block;
 * - a free float offset per block (x̂ = s·q + m, what MatMulNBits' float zero points would allow at 16 more
 *   bits per block): 30 starting scales, each with 4 alternations of rounding and a least-squares fit of s and m;
 *   also in blocks of 64, which brings it to k-quants' bits per weight (4.5 at INT4; 2.5 at INT2, q2_K 2.625).
 */
import { normalSamples } from '../src/eval/random.js';
import { roundToFloat16 } from '../src/quant/kernels-js.js';

function integerZeroPoint(x: Float32Array, levels: number): number {
  let lo = 0;
  let hi = 0;
  for (const v of x) {
    lo = Math.min(lo, v);
    hi = Math.max(hi, v);
  }
  const base = (hi - lo) / levels;
  if (base === 0) return 0;
  let best = Infinity;
  for (let k = 0; k < 40; k++) {
    for (let z = 0; z <= levels; z++) {
      let s = base * (0.6 + (0.6 * k) / 40);
      for (let it = 0; it < 2; it++) {
        let xl = 0;
        let ll = 0;
        for (const v of x) {
          const l = Math.min(Math.max(Math.round(v / s) + z, 0), levels) - z;
          xl += v * l;
          ll += l * l;
        }
        if (ll === 0 || !(xl / ll > 0)) break;
        s = xl / ll;
      }
      const sh = roundToFloat16(s);
      if (!(sh > 0)) continue;
      let e = 0;
      for (const v of x) {
        const q = Math.min(Math.max(Math.round(v / sh) + z, 0), levels);
        e += (v - sh * (q - z)) ** 2;
      }
      best = Math.min(best, e);
    }
  }
  return best;
}

function freeOffset(x: Float32Array, levels: number): number {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of x) {
    lo = Math.min(lo, v);
    hi = Math.max(hi, v);
  }
  const base = (hi - lo) / levels;
  if (base === 0) return 0;
  const n = x.length;
  let best = Infinity;
  for (let k = 0; k < 30; k++) {
    let s = base * (0.5 + (0.7 * k) / 30);
    let m = (lo + hi) / 2 - (s * levels) / 2;
    for (let it = 0; it < 4; it++) {
      let sq = 0;
      let sqq = 0;
      let sx = 0;
      let sxq = 0;
      for (const v of x) {
        const q = Math.min(Math.max(Math.round((v - m) / s), 0), levels);
        sq += q;
        sqq += q * q;
        sx += v;
        sxq += v * q;
      }
      const det = n * sqq - sq * sq;
      if (det <= 0) break;
      s = (n * sxq - sq * sx) / det;
      m = (sx * sqq - sq * sxq) / det;
      if (!(s > 0)) break;
    }
    if (!(s > 0)) continue;
    const sh = roundToFloat16(s);
    const mh = roundToFloat16(m);
    let e = 0;
    for (const v of x) {
      const q = Math.min(Math.max(Math.round((v - mh) / sh), 0), levels);
      e += (v - sh * q - mh) ** 2;
    }
    best = Math.min(best, e);
  }
  return best;
}

const x = normalSamples(2048 * 4096, 42).subarray(0, 256 * 4096);
let norm = 0;
for (const v of x) norm += v * v;
for (const bits of [4, 2]) {
  const levels = (1 << bits) - 1;
  let fixed = 0;
  let free = 0;
  let free64 = 0;
  for (let i = 0; i < x.length; i += 32) {
    fixed += integerZeroPoint(x.subarray(i, i + 32), levels);
    free += freeOffset(x.subarray(i, i + 32), levels);
  }
  // Blocks of 64 with a float offset: the bits per weight of q4_K / below q2_K's (4.5, 2.5).
  for (let i = 0; i < x.length; i += 64) free64 += freeOffset(x.subarray(i, i + 64), levels);
  console.log(
    `INT${bits}, N(0,1): block 32, integer zero point (the format, ${bits + 0.5 + bits / 32} bits per weight) ${(fixed / norm).toExponential(2)}; free float offset (${bits + 1} bits per weight) ${(free / norm).toExponential(2)}; block 64, free float offset (${bits + 0.5} bits per weight) ${(free64 / norm).toExponential(2)}`,
  );
}
