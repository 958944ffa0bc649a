/**
 * GPTQ (Frantar et al., 2022): quantizes a layer's input columns one at a time and spreads each column's
 * rounding error over the columns not yet quantized, weighted by the inverse Hessian of the layer's output
 * error, H = E[a aᵀ] over calibration activations. One pass, block by block: at the start of each
 * quantization block the block's scales (and zero points) are chosen by the kernels' search on the weights
 * as updated so far, weighted by E[a_k²]; its columns are then rounded with those scales and their errors
 * compensated. Output: the same packed layout as `quantizeRows`.
 *
 * Cost O(N·K²) (float64): meant for layers up to a few thousand inputs.
 */
import { blobSize, kBlocksOf, zeroPointRowBytes } from '../formats/layout.js';
import { quantizeRows, type PackedMatrix, type QuantParams } from './blockwise.js';
import { codeOf } from './kernels-js.js';

/** Dampening added to H's diagonal, relative to its mean (GPTQ's default). */
const DAMP = 0.01;

/** Cholesky factor L (lower, row-major) of a symmetric positive definite K×K matrix; throws if not SPD. */
function cholesky(a: Float64Array, K: number): Float64Array {
  const l = new Float64Array(K * K);
  for (let i = 0; i < K; i++) {
    for (let j = 0; j <= i; j++) {
      let s = a[i * K + j]!;
      for (let k = 0; k < j; k++) s -= l[i * K + k]! * l[j * K + k]!;
      if (i === j) {
        if (!(s > 0)) throw new Error('gptq: the Hessian is not positive definite');
        l[i * K + i] = Math.sqrt(s);
      } else {
        l[i * K + j] = s / l[j * K + j]!;
      }
    }
  }
  return l;
}

/** The inverse of an SPD matrix from its Cholesky factor: H⁻¹ = L⁻ᵀ L⁻¹. */
function inverseFromCholesky(l: Float64Array, K: number): Float64Array {
  // Linv = L⁻¹ (lower triangular), by forward substitution column by column.
  const linv = new Float64Array(K * K);
  for (let c = 0; c < K; c++) {
    linv[c * K + c] = 1 / l[c * K + c]!;
    for (let i = c + 1; i < K; i++) {
      let s = 0;
      for (let k = c; k < i; k++) s -= l[i * K + k]! * linv[k * K + c]!;
      linv[i * K + c] = s / l[i * K + i]!;
    }
  }
  const inv = new Float64Array(K * K);
  for (let i = 0; i < K; i++) {
    for (let j = 0; j <= i; j++) {
      let s = 0;
      for (let k = i; k < K; k++) s += linv[k * K + i]! * linv[k * K + j]!;
      inv[i * K + j] = s;
      inv[j * K + i] = s;
    }
  }
  return inv;
}

/** U with H⁻¹ = Uᵀ U (upper, row-major): GPTQ's update rows. */
function inverseUpperFactor(hessian: Float64Array, K: number): Float64Array {
  const h = Float64Array.from(hessian);
  let mean = 0;
  for (let k = 0; k < K; k++) mean += h[k * K + k]!;
  mean /= K;
  for (let k = 0; k < K; k++) {
    // A channel never active in calibration carries no information: unit curvature keeps H invertible.
    if (h[k * K + k] === 0) h[k * K + k] = mean > 0 ? mean : 1;
    h[k * K + k]! += DAMP * (mean > 0 ? mean : 1);
  }
  const inv = inverseFromCholesky(cholesky(h, K), K);
  const lower = cholesky(inv, K);
  const upper = new Float64Array(K * K);
  for (let i = 0; i < K; i++) for (let j = i; j < K; j++) upper[i * K + j] = lower[j * K + i]!;
  return upper;
}

/** Quantizes [N, K] rows with GPTQ error compensation; `p.importance` (if any) is ignored for diag(H). */
export function quantizeGptq(rows: Float32Array, N: number, K: number, hessian: Float64Array, p: QuantParams): PackedMatrix {
  if (hessian.length !== K * K) throw new Error(`gptq: a ${Math.sqrt(hessian.length)}² Hessian for K = ${K}`);
  const { bits, blockSize } = p;
  const kBlocks = kBlocksOf(K, blockSize);
  const blob = blobSize(bits, blockSize);
  const zpPerRow = zeroPointRowBytes(kBlocks, bits);
  const levels = (1 << bits) - 1;
  const perByte = 8 / bits;
  const u = inverseUpperFactor(hessian, K);
  const w = Float64Array.from(rows);
  const importance = Float32Array.from({ length: K }, (_, k) => hessian[k * K + k]!);
  const codes = new Uint8Array(N * kBlocks * blob);
  const scales = new Float32Array(N * kBlocks);
  const zeroPoints = p.symmetric ? null : new Uint8Array(N * zpPerRow);
  const block = new Float32Array(N * blockSize);
  const errors = new Float64Array(N * blockSize);
  const unpacked = new Uint8Array(N * kBlocks * blockSize);
  for (let b = 0; b < kBlocks; b++) {
    const c0 = b * blockSize;
    const len = Math.min(blockSize, K - c0);
    const c1 = c0 + len;
    // The block's scales from the weights as compensated so far.
    for (let n = 0; n < N; n++) for (let j = 0; j < len; j++) block[n * len + j] = w[n * K + c0 + j]!;
    const fit = quantizeRows(block.subarray(0, N * len), N, len, {
      ...p,
      blockSize,
      search: p.search ?? true,
      importance: p.search === false ? undefined : importance.subarray(c0, c1),
    });
    const zps = new Int32Array(N);
    const rs = new Float32Array(N);
    for (let n = 0; n < N; n++) {
      const s = fit.scales[n]!;
      scales[n * kBlocks + b] = s;
      rs[n] = s !== 0 ? Math.fround(1 / s) : 0;
      zps[n] = fit.zeroPoints ? fit.zeroPoints[n]! & levels : 1 << (bits - 1);
      if (zeroPoints) {
        const slot = n * zpPerRow + Math.floor(b / perByte);
        const shift = (b % perByte) * bits;
        if (b === 0) zeroPoints.fill(0, n * zpPerRow, (n + 1) * zpPerRow);
        zeroPoints[slot] = zeroPoints[slot]! | (zps[n]! << shift);
      }
    }
    for (let k = c0; k < c1; k++) {
      const d = u[k * K + k]!;
      for (let n = 0; n < N; n++) {
        const s = scales[n * kBlocks + b]!;
        const value = w[n * K + k]!;
        const code = codeOf(Math.fround(value), rs[n]!, zps[n]!, levels);
        unpacked[(n * kBlocks + b) * blockSize + (k - c0)] = code;
        const err = (value - Math.fround((code - zps[n]!) * s)) / d;
        errors[n * blockSize + (k - c0)] = err;
        const row = n * K;
        for (let j = k + 1; j < c1; j++) w[row + j]! -= err * u[k * K + j]!;
      }
    }
    // The block's errors, once, on every later column.
    if (c1 < K) {
      for (let n = 0; n < N; n++) {
        const row = n * K;
        for (let k = c0; k < c1; k++) {
          const err = errors[n * blockSize + (k - c0)]!;
          if (err === 0) continue;
          const ur = k * K;
          for (let j = c1; j < K; j++) w[row + j]! -= err * u[ur + j]!;
        }
      }
    }
    // Padding of a short last block: the zero point (dequantizes to 0).
    for (let n = 0; n < N; n++) for (let j = len; j < blockSize; j++) unpacked[(n * kBlocks + b) * blockSize + j] = zps[n]!;
  }
  // Unused zero-point slots at the end of each row hold the default, as onnxruntime pads them.
  if (zeroPoints && (kBlocks * bits) % 8 !== 0) {
    const mid = 1 << (bits - 1);
    for (let n = 0; n < N; n++)
      for (let b = kBlocks; b < zpPerRow * perByte; b++) {
        const slot = n * zpPerRow + Math.floor(b / perByte);
        zeroPoints[slot] = zeroPoints[slot]! | (mid << ((b % perByte) * bits));
      }
  }
  for (let i = 0, o = 0; i < unpacked.length; i += perByte, o++) {
    let byte = 0;
    for (let j = 0; j < perByte; j++) byte |= unpacked[i + j]! << (j * bits);
    codes[o] = byte;
  }
  return { N, K, bits, blockSize, kBlocks, codes, scales, zeroPoints };
}
