/**
 * llama.cpp's reference quantizers q4_K and q2_K (ggml `quantize_row_q4_K_ref` / `quantize_row_q2_K_ref`,
 * `make_qkx2_quants`; ggml d99724f), ported to measure super-blocks against k-quants in the same bench run:
 * the same arithmetic in float64 (ggml's is float32), returning the dequantized values. Not used by the tool.
 */
import { roundToFloat16 } from '../src/quant/kernels-js.js';

const QK_K = 256;

function makeQkx2(x: Float32Array, o: number, n: number, nmax: number, w: Float64Array, rmin: number, steps: number, mad: boolean) {
  let min = x[o]!;
  let max = x[o]!;
  let sw = 0;
  let sx = 0;
  for (let i = 0; i < n; i++) {
    min = Math.min(min, x[o + i]!);
    max = Math.max(max, x[o + i]!);
    sw += w[i]!;
    sx += w[i]! * x[o + i]!;
  }
  if (min > 0) min = 0;
  if (max === min) return { scale: 0, min: -min };
  const cost = (r: number) => (mad ? Math.abs(r) : r * r);
  let iscale = nmax / (max - min);
  let scale = 1 / iscale;
  let best = 0;
  for (let i = 0; i < n; i++) {
    const l = Math.max(0, Math.min(nmax, Math.round(iscale * (x[o + i]! - min))));
    best += w[i]! * cost(scale * l + min - x[o + i]!);
  }
  const laux = new Uint8Array(n);
  for (let is = 0; is <= steps; is++) {
    iscale = (rmin + 0.1 * is + nmax) / (max - min);
    let sl = 0;
    let sl2 = 0;
    let sxl = 0;
    for (let i = 0; i < n; i++) {
      const l = Math.max(0, Math.min(nmax, Math.round(iscale * (x[o + i]! - min))));
      laux[i] = l;
      sl += w[i]! * l;
      sl2 += w[i]! * l * l;
      sxl += w[i]! * l * x[o + i]!;
    }
    const D = sw * sl2 - sl * sl;
    if (D > 0) {
      let thisScale = (sw * sxl - sx * sl) / D;
      let thisMin = (sl2 * sx - sl * sxl) / D;
      if (thisMin > 0) {
        thisMin = 0;
        thisScale = sxl / sl2;
      }
      let e = 0;
      for (let i = 0; i < n; i++) e += w[i]! * cost(thisScale * laux[i]! + thisMin - x[o + i]!);
      if (e < best) {
        best = e;
        scale = thisScale;
        min = thisMin;
      }
    }
  }
  return { scale, min: -min };
}

/** q4_K (bits 4: blocks of 32, 6-bit indices) or q2_K (bits 2: blocks of 16, 4-bit indices), dequantized. */
export function kQuantsReference(x: Float32Array, bits: 4 | 2): Float32Array {
  const out = new Float32Array(x.length);
  const block = bits === 4 ? 32 : 16;
  const nmax = (1 << bits) - 1;
  const imax = bits === 4 ? 63 : 15;
  const per = QK_K / block;
  const w = new Float64Array(block);
  const scales = new Float64Array(per);
  const mins = new Float64Array(per);
  for (let o = 0; o < x.length; o += QK_K) {
    let maxScale = 0;
    let maxMin = 0;
    for (let j = 0; j < per; j++) {
      const b = o + j * block;
      if (bits === 4) {
        let s2 = 0;
        for (let l = 0; l < block; l++) s2 += x[b + l]! ** 2;
        const av = Math.sqrt(s2 / block);
        for (let l = 0; l < block; l++) w[l] = av + Math.abs(x[b + l]!);
      } else {
        for (let l = 0; l < block; l++) w[l] = Math.abs(x[b + l]!);
      }
      const fit = bits === 4 ? makeQkx2(x, b, block, nmax, w, -1, 20, false) : makeQkx2(x, b, block, nmax, w, -0.5, 15, true);
      scales[j] = fit.scale;
      mins[j] = fit.min;
      maxScale = Math.max(maxScale, fit.scale);
      maxMin = Math.max(maxMin, fit.min);
    }
    const d = roundToFloat16(maxScale / imax);
    const dmin = roundToFloat16(maxMin / imax);
    for (let j = 0; j < per; j++) {
      const ls = maxScale > 0 ? Math.min(imax, Math.round((imax / maxScale) * scales[j]!)) : 0;
      const lm = maxMin > 0 ? Math.min(imax, Math.round((imax / maxMin) * mins[j]!)) : 0;
      const sd = d * ls;
      const sm = dmin * lm;
      for (let i = 0; i < block; i++) {
        const v = x[o + j * block + i]!;
        const l = sd ? Math.max(0, Math.min(nmax, Math.round((v + sm) / sd))) : 0;
        out[o + j * block + i] = sd * l - sm;
      }
    }
  }
  return out;
}
