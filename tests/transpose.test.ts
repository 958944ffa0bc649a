/**
 * The WebAssembly transpose of stored [K, N] weights into [N, K] float32 rows (float32, float16 and
 * bfloat16 bytes) gives exactly the JavaScript transpose's values: every float16 and bfloat16 bit pattern
 * (NaNs stay NaN), shapes that are not multiples of the SIMD tiles, and large-ish matrices.
 */
import test from 'ava';
import { DataType } from '../src/onnx/dtype.js';
import { kernelImplementation, rowsBuffer, stagingBytes, transposeInKernels } from '../src/quant/blockwise.js';
import { transposeStored } from '../src/quant/rewrite.js';
import { rowsByOutput } from '../src/quant/rows.js';
import { normalSamples, seededRandom } from '../src/eval/random.js';
import type { Layer } from '../src/analyze/types.js';

const KINDS = [
  { name: 'float32', dataType: DataType.FLOAT, size: 4 },
  { name: 'float16', dataType: DataType.FLOAT16, size: 2 },
  { name: 'bfloat16', dataType: DataType.BFLOAT16, size: 2 },
];

/** Random bytes of `count` values; for the 16-bit types every bit pattern appears (cycled) among them. */
function storedValues(count: number, size: number, seed: number): Uint8Array {
  const rand = seededRandom(seed);
  if (size === 4) {
    const values = normalSamples(count, seed);
    // Some specials and subnormals among ordinary values.
    const specials = [0, -0, Infinity, -Infinity, NaN, 1e-42, -3e-39, 3.4e38];
    for (let i = 0; i < count; i += 97) values[i] = specials[(i / 97) % specials.length]!;
    return new Uint8Array(values.buffer);
  }
  const bits = new Uint16Array(count);
  const offset = Math.floor(rand() * 65536);
  for (let i = 0; i < count; i++) bits[i] = (offset + i * 40503) & 0xffff; // an odd stride: all 65536 patterns cycle
  return new Uint8Array(bits.buffer);
}

/** Equal as float32 bit patterns, except that any NaN matches any NaN. */
function sameValues(a: Float32Array, b: Float32Array): string | null {
  if (a.length !== b.length) return `lengths ${a.length} and ${b.length}`;
  const ai = new Uint32Array(a.buffer, a.byteOffset, a.length);
  const bi = new Uint32Array(b.buffer, b.byteOffset, b.length);
  for (let i = 0; i < a.length; i++) {
    if (Number.isNaN(a[i]) && Number.isNaN(b[i])) continue;
    if (ai[i] !== bi[i]) return `value ${i}: ${a[i]} (0x${ai[i]!.toString(16)}) and ${b[i]} (0x${bi[i]!.toString(16)})`;
  }
  return null;
}

for (const kind of KINDS) {
  test(`the WebAssembly transpose of stored ${kind.name} weights gives the JavaScript transpose's values`, (t) => {
    t.is(kernelImplementation(), 'wasm');
    for (const [rows, cols] of [
      [1, 1],
      [3, 5],
      [4, 8],
      [17, 9],
      [64, 64],
      [33, 130],
      [257, 71],
      [512, 384],
    ] as Array<[number, number]>) {
      const stored = storedValues(rows * cols, kind.size, rows * 1000 + cols);
      const expected = transposeStored(stored, kind.dataType, rows, cols, new Float32Array(rows * cols));
      const out = rowsBuffer(rows * cols);
      out.fill(7); // stale values must all be overwritten
      const staged = stagingBytes(stored.byteLength)!;
      staged.set(stored);
      t.true(transposeInKernels(staged, KINDS.indexOf(kind) as 0 | 1 | 2, rows, cols, out), 'transposed by the kernels');
      t.is(sameValues(out, expected), null, `[${rows}, ${cols}]`);
    }
  });
}

test('every float16 bit pattern widens in the kernels to the value the JavaScript table holds', (t) => {
  const bits = new Uint16Array(65536).map((_, i) => i);
  const stored = new Uint8Array(bits.buffer);
  const expected = transposeStored(stored, DataType.FLOAT16, 256, 256, new Float32Array(65536));
  const out = rowsBuffer(65536);
  const staged = stagingBytes(stored.byteLength)!;
  staged.set(stored);
  t.true(transposeInKernels(staged, 1, 256, 256, out));
  t.is(sameValues(out, expected), null);
});

test('a plain array is not transposed by the kernels (the caller transposes it)', (t) => {
  const out = rowsBuffer(16);
  t.false(transposeInKernels(new Uint8Array(64), 0, 4, 4, out));
});

test('rowsByOutput transposes a [K, N] MatMul weight into [N, K] rows', (t) => {
  const [K, N] = [37, 22];
  const values = normalSamples(K * N, 5);
  const layer = { role: 'matmul', shape: [K, N], uses: [] } as unknown as Layer;
  const expected = Float32Array.from({ length: N * K }, (_, i) => values[(i % K) * N + Math.floor(i / K)]!);
  t.deepEqual(Array.from(rowsByOutput(layer, values)), Array.from(expected));
});
