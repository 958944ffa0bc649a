/**
 * IEEE 754 binary16 and bfloat16 conversions.
 *
 * float32 → float16 rounds to nearest, ties to even (what numpy's `astype(np.float16)` and onnxruntime do),
 * produces subnormals below 2^-14, overflows to ±Inf above 65504 (after rounding), and keeps NaN a quiet NaN.
 * float16 → float32 is exact and uses a table of all 65,536 values, built once on first use.
 */

const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);

/** Converts one float32 value to float16 bits. */
export function float32ToFloat16Bits(value: number): number {
  f32[0] = value;
  const x = u32[0]!;
  const sign = (x >>> 16) & 0x8000;
  const exp = (x >>> 23) & 0xff;
  const mant = x & 0x7fffff;

  if (exp === 0xff) {
    // Inf stays Inf; NaN keeps its top mantissa bits and is forced quiet so it cannot become Inf.
    return mant === 0 ? sign | 0x7c00 : sign | 0x7e00 | (mant >>> 13);
  }
  // Unbiased exponent of the half result.
  const e = exp - 127 + 15;
  if (e >= 0x1f) return sign | 0x7c00; // overflow
  if (e <= 0) {
    // Subnormal half (or zero): shift the mantissa, with its implicit 1, right, rounding to nearest even.
    if (e < -10) return sign; // underflows to ±0 even after rounding
    const m = mant | 0x800000;
    const shift = 14 - e; // 14..24
    const half = m >>> shift;
    const rem = m & ((1 << shift) - 1);
    const mid = 1 << (shift - 1);
    const roundUp = rem > mid || (rem === mid && (half & 1) === 1);
    return sign | (half + (roundUp ? 1 : 0));
  }
  // Normal: keep 10 mantissa bits, round to nearest even; a carry correctly bumps the exponent (maybe to Inf).
  const half = (e << 10) | (mant >>> 13);
  const rem = mant & 0x1fff;
  const roundUp = rem > 0x1000 || (rem === 0x1000 && (half & 1) === 1);
  return sign | (half + (roundUp ? 1 : 0));
}

let halfTable: Float32Array | undefined;

function buildHalfTable(): Float32Array {
  const table = new Float32Array(65536);
  for (let h = 0; h < 65536; h++) {
    const sign = h & 0x8000 ? -1 : 1;
    const exp = (h >>> 10) & 0x1f;
    const mant = h & 0x3ff;
    if (exp === 0)
      table[h] = sign * mant * 2 ** -24; // zero and subnormals
    else if (exp === 0x1f) table[h] = mant === 0 ? sign * Infinity : NaN;
    else table[h] = sign * (1 + mant / 1024) * 2 ** (exp - 15);
  }
  return table;
}

/** Every float16 value as float32, indexed by its bits (built once). */
export function float16Table(): Float32Array {
  halfTable ??= buildHalfTable();
  return halfTable;
}

/** Converts float16 bits to a float32 value (exact). */
export function float16BitsToFloat32(bits: number): number {
  halfTable ??= buildHalfTable();
  return halfTable[bits & 0xffff]!;
}

/** Converts an array of float32 to float16 bits. */
export function toFloat16Array(values: Float32Array): Uint16Array {
  const out = new Uint16Array(values.length);
  for (let i = 0; i < values.length; i++) out[i] = float32ToFloat16Bits(values[i]!);
  return out;
}

/** Converts float16 bits to float32 values. */
export function fromFloat16Array(bits: Uint16Array): Float32Array {
  halfTable ??= buildHalfTable();
  const table = halfTable;
  const out = new Float32Array(bits.length);
  for (let i = 0; i < bits.length; i++) out[i] = table[bits[i]!]!;
  return out;
}

/** bfloat16 is the top half of a float32: widening is a shift. */
export function fromBfloat16Array(bits: Uint16Array): Float32Array {
  const out = new Float32Array(bits.length);
  const outBits = new Uint32Array(out.buffer);
  for (let i = 0; i < bits.length; i++) outBits[i] = bits[i]! << 16;
  return out;
}

/**
 * float32 → float16 bits for a whole array, the same rounding as `float32ToFloat16Bits` (tested equal on
 * every class of value) without a per-value function call or float write: it works on the float32 bit
 * patterns, so it runs at memory speed on large tensors. Returns how many inputs were NaN or infinite.
 */
export function float32ToFloat16Into(values: Float32Array, out: Uint16Array): number {
  // Signed 32-bit loads: V8 keeps them in registers (unsigned ones above 2^31 become doubles).
  const bits = new Int32Array(values.buffer, values.byteOffset, values.length);
  let nonFinite = 0;
  for (let i = 0; i < bits.length; i++) {
    const x = bits[i]!;
    const abs = x & 0x7fffffff;
    if (abs >= 0x38800000 && abs < 0x477ff000) {
      // Normal half results (2^-14 ≤ |x| < 65520): rebias the exponent, then round to nearest even without
      // a branch (add half an ulp minus one, plus the kept lowest bit); a carry bumps the exponent.
      const r = abs - 0x38000000;
      out[i] = ((x >>> 16) & 0x8000) | ((r + 0xfff + ((r >>> 13) & 1)) >>> 13);
    } else {
      if ((x & 0x7f800000) === 0x7f800000) nonFinite++;
      out[i] = float32BitsToFloat16Slow((x >>> 16) & 0x8000, (x >>> 23) & 0xff, x & 0x7fffff, ((x >>> 23) & 0xff) - 112);
    }
  }
  return nonFinite;
}

/** The rare classes: Inf/NaN, overflow (also by rounding: 65520 ≤ |x| < 65536), subnormal and zero results. */
function float32BitsToFloat16Slow(sign: number, exp: number, mant: number, e: number): number {
  if (exp === 0xff) return mant === 0 ? sign | 0x7c00 : sign | 0x7e00 | (mant >>> 13);
  if (e >= 0x1f) return sign | 0x7c00;
  if (e > 0) {
    const half = (e << 10) | (mant >>> 13);
    const rem = mant & 0x1fff;
    return sign | (half + (rem > 0x1000 || (rem === 0x1000 && (half & 1) === 1) ? 1 : 0));
  }
  if (e < -10) return sign;
  const m = mant | 0x800000;
  const shift = 14 - e;
  const half = m >>> shift;
  const rem = m & ((1 << shift) - 1);
  const mid = 1 << (shift - 1);
  return sign | (half + (rem > mid || (rem === mid && (half & 1) === 1) ? 1 : 0));
}

/** float32 → bfloat16 bits: round to nearest even on the low 16 bits; NaN stays a quiet NaN. */
export function float32ToBfloat16Into(values: Float32Array, out: Uint16Array): void {
  const bits = new Int32Array(values.buffer, values.byteOffset, values.length);
  for (let i = 0; i < bits.length; i++) {
    const x = bits[i]!;
    if ((x & 0x7f800000) === 0x7f800000 && (x & 0x7fffff) !== 0) {
      out[i] = (x >>> 16) | 0x40;
      continue;
    }
    out[i] = ((x >>> 0) + 0x7fff + ((x >>> 16) & 1)) >>> 16;
  }
}

/**
 * Widens `count` float16 or bfloat16 values (raw little-endian bytes at `bytes`) into `out` at `outOffset`,
 * and returns how many are NaN or infinite. One pass: the non-finite count is read from the bits.
 */
export function widenHalfInto(dataType: 'float16' | 'bfloat16', bytes: Uint8Array, out: Float32Array, outOffset = 0): number {
  const count = bytes.byteLength >>> 1;
  // Misaligned bytes are copied first: Uint8Array.from, because a Node Buffer's slice() is a view of its pool.
  const src =
    bytes.byteOffset % 2 === 0
      ? new Uint16Array(bytes.buffer, bytes.byteOffset, count)
      : new Uint16Array(Uint8Array.from(bytes).buffer, 0, count);
  let bad = 0;
  if (dataType === 'float16') {
    halfTable ??= buildHalfTable();
    const table = halfTable;
    for (let i = 0; i < count; i++) {
      const h = src[i]!;
      if ((h & 0x7c00) === 0x7c00) bad++;
      out[outOffset + i] = table[h]!;
    }
  } else {
    const outBits = new Uint32Array(out.buffer, out.byteOffset + outOffset * 4, count);
    for (let i = 0; i < count; i++) {
      const h = src[i]!;
      if ((h & 0x7f80) === 0x7f80) bad++;
      outBits[i] = h << 16;
    }
  }
  return bad;
}

/** Counts NaN and infinite values (all exponent bits set), on the bits. */
export function countNonFinite(values: Float32Array): number {
  const bits = new Int32Array(values.buffer, values.byteOffset, values.length);
  let bad = 0;
  for (let i = 0; i < bits.length; i++) if ((bits[i]! & 0x7f800000) === 0x7f800000) bad++;
  return bad;
}
