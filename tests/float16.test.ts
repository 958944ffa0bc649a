/** float16 conversion: exact widening, round-to-nearest-even narrowing, subnormals, overflow, NaN. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import test from 'ava';
import {
  float16BitsToFloat32,
  float32ToFloat16Bits,
  float32ToFloat16Into,
  fromBfloat16Array,
  fromFloat16Array,
  toFloat16Array,
  widenHalfInto,
} from '../src/onnx/float16.js';

test('every float16 value survives float16 → float32 → float16', (t) => {
  let failures = 0;
  for (let h = 0; h < 65536; h++) {
    const f = float16BitsToFloat32(h);
    const back = float32ToFloat16Bits(f);
    const isNaN16 = (h & 0x7c00) === 0x7c00 && (h & 0x3ff) !== 0;
    if (isNaN16 ? (back & 0x7c00) !== 0x7c00 || (back & 0x3ff) === 0 : back !== h) failures++;
  }
  t.is(failures, 0);
});

test('known values', (t) => {
  t.is(float32ToFloat16Bits(1), 0x3c00);
  t.is(float32ToFloat16Bits(-2), 0xc000);
  t.is(float32ToFloat16Bits(65504), 0x7bff);
  t.is(float32ToFloat16Bits(0.1), 0x2e66);
  t.is(float32ToFloat16Bits(2 ** -24), 0x0001); // smallest subnormal
  t.is(float32ToFloat16Bits(2 ** -14), 0x0400); // smallest normal
  t.is(float32ToFloat16Bits(-0), 0x8000);
  t.is(float32ToFloat16Bits(Infinity), 0x7c00);
  t.is(float32ToFloat16Bits(-Infinity), 0xfc00);
  t.is(float32ToFloat16Bits(1e6), 0x7c00); // overflow
  t.is(float32ToFloat16Bits(2 ** -26), 0x0000); // underflow
  t.true(Number.isNaN(float16BitsToFloat32(float32ToFloat16Bits(NaN))));
  t.is(float16BitsToFloat32(0x3555), 0.333251953125);
});

test('ties round to even, including into subnormals and up to Infinity', (t) => {
  // 1 + 2^-11 is halfway between 1 and 1 + 2^-10: even is 1.
  t.is(float32ToFloat16Bits(1 + 2 ** -11), 0x3c00);
  // 1 + 3·2^-11 is halfway between 1 + 2^-10 (odd) and 1 + 2^-9 (even).
  t.is(float32ToFloat16Bits(1 + 3 * 2 ** -11), 0x3c02);
  // Just above halfway rounds up.
  t.is(float32ToFloat16Bits(1 + 2 ** -11 + 2 ** -20), 0x3c01);
  // 2^-25 is halfway between 0 and the smallest subnormal: even is 0; 3·2^-25 goes to 2·2^-24.
  t.is(float32ToFloat16Bits(2 ** -25), 0x0000);
  t.is(float32ToFloat16Bits(3 * 2 ** -25), 0x0002);
  // 65520 is halfway between 65504 and 65536 (= Inf): even is Inf.
  t.is(float32ToFloat16Bits(65520), 0x7c00);
  t.is(float32ToFloat16Bits(65519), 0x7bff);
});

test('array conversions and bfloat16 widening', (t) => {
  const values = new Float32Array([0, 1, -1.5, 1024, 6.103515625e-5]);
  t.deepEqual(Array.from(fromFloat16Array(toFloat16Array(values))), Array.from(values));
  t.deepEqual(Array.from(fromBfloat16Array(new Uint16Array([0x3f80, 0xc000, 0x4049]))), [1, -2, 3.140625]);
});

test('float32 → float16 agrees with numpy on a recorded reference table (random bit patterns, exact ties, edges)', (t) => {
  const file = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../tests/fixtures/float16-reference.json');
  const ref = JSON.parse(fs.readFileSync(file, 'utf8')) as { float32_bits: number[]; float16_bits: number[] };
  const f = new Float32Array(1);
  const u = new Uint32Array(f.buffer);
  let mismatches = 0;
  ref.float32_bits.forEach((b, i) => {
    u[0] = b;
    if (float32ToFloat16Bits(f[0]!) !== ref.float16_bits[i]) mismatches++;
  });
  t.true(ref.float32_bits.length > 4000);
  t.is(mismatches, 0);
});

test('widening reads float16 bytes at an odd offset of a Node Buffer (a model file read whole) by value', (t) => {
  const halves = new Uint16Array([0x3c00, 0xc000, 0x3555, 0x7c00, 0x0001]);
  // A Buffer from a pool, the tensor's bytes at an odd offset of it: Buffer.slice would be a view.
  const file = Buffer.alloc(64, 0xff);
  Buffer.from(halves.buffer).copy(file, 11);
  const bytes = file.subarray(11, 11 + halves.byteLength);
  const out = new Float32Array(halves.length);
  t.is(widenHalfInto('float16', bytes, out), 1);
  t.deepEqual(Array.from(out), [1, -2, 0.333251953125, Infinity, 2 ** -24]);
});

test('the array converter float32ToFloat16Into gives the bytes of float32ToFloat16Bits on every class of value', (t) => {
  const file = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../tests/fixtures/float16-reference.json');
  const ref = JSON.parse(fs.readFileSync(file, 'utf8')) as { float32_bits: number[] };
  // The reference table's patterns, every float16 value widened and its neighbours one float32 ulp away
  // (ties and near-ties), and the edges: ±0, subnormals, overflow, ±Inf, NaN.
  const patterns: number[] = [...ref.float32_bits];
  const f = new Float32Array(1);
  const u = new Uint32Array(f.buffer);
  for (let h = 0; h < 65536; h += 7) {
    f[0] = float16BitsToFloat32(h);
    for (const d of [-1, 0, 1, 0x1000, -0x1000]) patterns.push((u[0]! + d) >>> 0);
  }
  patterns.push(
    0,
    0x80000000,
    1,
    0x00800000,
    0x33000000,
    0x33000001,
    0x477fefff,
    0x477ff000,
    0x7f7fffff,
    0x7f800000,
    0xff800000,
    0x7fc00000,
    0x7f800001,
  );
  const values = new Float32Array(Uint32Array.from(patterns).buffer);
  const out = new Uint16Array(values.length);
  const nonFinite = float32ToFloat16Into(values, out);
  let mismatches = 0;
  values.forEach((v, i) => {
    if (out[i] !== float32ToFloat16Bits(v)) mismatches++;
  });
  t.true(values.length > 40000);
  t.is(mismatches, 0);
  t.is(nonFinite, Array.from(values).filter((v) => !Number.isFinite(v)).length);
});
