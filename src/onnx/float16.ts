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
