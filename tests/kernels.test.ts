/**
 * Kernels: pack/unpack round trips for every width, symmetry and block size (K not a multiple of the
 * block included), the scale search never worse than round-to-nearest, and our packed tensors read by
 * onnxruntime's own MatMulNBits and GatherBlockQuantized giving exactly our dequantization.
 */
import test from 'ava';
import * as ort from 'onnxruntime-node';
import { DataType } from '../src/onnx/dtype.js';
import { AttributeType, encodeModel, type ModelProto, type TensorProto } from '../src/onnx/schema.js';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { blobSize, type IntBits } from '../src/formats/layout.js';
import {
  dequantize,
  gatherLayout,
  kernelImplementation,
  quantizeRows,
  reconstructionError,
  rowsBuffer,
  type PackedMatrix,
  type QuantParams,
} from '../src/quant/blockwise.js';
import { fromFloat16Array, toFloat16Array } from '../src/onnx/float16.js';
import { compileKernels, embeddedModule } from '../scripts/build-wasm.js';
import { normalSamples } from '../src/eval/random.js';
import {
  chunkRowsOf,
  KernelPool,
  othersBusyCores,
  PARALLEL_MIN_WORK,
  quantizeRowsParallel,
  takeChunk,
  threadsFor,
  workOf,
} from '../src/quant/pool.js';

const WIDTHS: IntBits[] = [2, 4, 8];
const BLOCKS = [16, 32, 64, 128, 256];

for (const bits of WIDTHS) {
  for (const symmetric of [true, false]) {
    test(`INT${bits} ${symmetric ? 'symmetric' : 'asymmetric'}: round trip within half a step, every block size, odd K`, (t) => {
      for (const blockSize of BLOCKS) {
        for (const K of [blockSize * 3, blockSize * 2 + 7, 5]) {
          const N = 6;
          const x = normalSamples(N * K, bits * 100 + K);
          const m = quantizeRows(x, N, K, { bits, blockSize, symmetric });
          const kBlocks = Math.ceil(K / blockSize);
          t.is(m.codes.length, N * kBlocks * blobSize(bits, blockSize));
          t.is(m.scales.length, N * kBlocks);
          t.is(m.zeroPoints?.length ?? 0, symmetric ? 0 : N * Math.ceil((kBlocks * bits) / 8));
          const back = dequantize(m);
          let worst = 0;
          for (let n = 0; n < N; n++) {
            for (let k = 0; k < K; k++) {
              const step = Math.abs(m.scales[n * kBlocks + Math.floor(k / blockSize)]!);
              // Symmetric codes reach −2^(b−1) but only 2^(b−1)−1: the far end of the range may be a full step off.
              const allowed = step * (symmetric ? 1 : 0.5) + 1e-6;
              worst = Math.max(worst, Math.abs(x[n * K + k]! - back[n * K + k]!) - allowed);
            }
          }
          t.true(worst <= 0, `block ${blockSize}, K ${K}: off by ${worst}`);
        }
      }
    });
  }
}

test('packing: codes low bits first along K, padding holds the zero point', (t) => {
  // One row, K = 5, block 16, symmetric 4-bit: peak −8 → scale 1, codes x + 8.
  const x = Float32Array.from([-8, -1, 0, 3, 7]);
  const m = quantizeRows(x, 1, 5, { bits: 4, blockSize: 16, symmetric: true });
  t.deepEqual(Array.from(m.scales), [1]);
  t.deepEqual(Array.from(m.codes), [0 | (7 << 4), 8 | (11 << 4), 15 | (8 << 4), 0x88, 0x88, 0x88, 0x88, 0x88]);
  const two = quantizeRows(Float32Array.from([-2, -1, 0, 1, 1]), 1, 5, { bits: 2, blockSize: 16, symmetric: true });
  t.deepEqual(Array.from(two.codes), [0 | (1 << 2) | (2 << 4) | (3 << 6), 3 | (2 << 2) | (2 << 4) | (2 << 6), 0xaa, 0xaa]);
  t.deepEqual(Array.from(dequantize(two)), [-2, -1, 0, 1, 1]);
  // Peaks of equal magnitude: MLAS keeps the negative one (scale 1 here, so 8 saturates at code 15).
  for (const pair of [
    [8, -8],
    [-8, 8],
  ]) {
    const m2 = quantizeRows(Float32Array.from(pair), 1, 2, { bits: 4, blockSize: 16, symmetric: true });
    t.deepEqual([m2.scales[0], m2.codes[0]], [1, pair[0] === 8 ? 15 | (0 << 4) : 0 | (15 << 4)]);
  }
});

test('asymmetric zero points are packed per row and dequantize exactly at the range ends', (t) => {
  const x = Float32Array.from([0, 1, 2, 3, 10, 11, 12, 13]); // two rows of 4, one block each
  const m = quantizeRows(x, 2, 4, { bits: 2, blockSize: 16, symmetric: false });
  t.is(m.zeroPoints!.length, 2);
  t.deepEqual(
    Array.from(dequantize(m)).map((v) => Math.round(v * 1000) / 1000),
    [0, 1, 2, 3, 8.667, 13, 13, 13],
  );
});

test('the scale search lowers reconstruction error at the same bits, and is never worse', (t) => {
  const x = normalSamples(64 * 512, 5);
  for (const bits of WIDTHS) {
    for (const symmetric of [true, false]) {
      const rtn = reconstructionError(x, 64, 512, { bits, blockSize: 32, symmetric });
      const search = reconstructionError(x, 64, 512, { bits, blockSize: 32, symmetric, search: true });
      t.true(search.error <= rtn.error * 1.000001, `INT${bits} ${symmetric}`);
      if (bits < 8) t.true(search.error < rtn.error * 0.97, `INT${bits} ${symmetric}: ${search.error / rtn.error}`);
    }
  }
});

test('gather layout: contiguous rows without block padding', (t) => {
  const x = normalSamples(3 * 40, 9);
  const m = quantizeRows(x, 3, 40, { bits: 4, blockSize: 32, symmetric: true });
  const rows = gatherLayout(m);
  t.is(rows.length, 3 * 20);
  for (let n = 0; n < 3; n++)
    t.deepEqual(Array.from(rows.subarray(n * 20, n * 20 + 20)), Array.from(m.codes.subarray(n * 32, n * 32 + 20)));
});

function tensor(name: string, dims: number[], dataType: number, data: ArrayBufferView): TensorProto {
  return { name, dims, dataType, rawData: new Uint8Array(data.buffer, data.byteOffset, data.byteLength) };
}

function oneNode(
  opType: string,
  inputs: Array<{ name: string; elemType: number; dims: number[] }>,
  initializers: TensorProto[],
  nodeInputs: string[],
  attrs: Record<string, number>,
  outDims: number[],
): Uint8Array {
  const vi = (name: string, elemType: number, dims: number[]) => ({
    name,
    type: { tensorType: { elemType, shape: { dim: dims.map((d) => ({ dimValue: d })) } } },
  });
  const model: ModelProto = {
    irVersion: 8,
    opsetImport: [
      { domain: '', version: 17 },
      { domain: 'com.microsoft', version: 1 },
    ],
    graph: {
      name: 'g',
      node: [
        {
          input: nodeInputs,
          output: ['y'],
          opType,
          domain: 'com.microsoft',
          name: 'n',
          attribute: Object.entries(attrs).map(([name, i]) => ({ name, type: AttributeType.INT, i })),
        },
      ],
      initializer: initializers,
      input: inputs.map((i) => vi(i.name, i.elemType, i.dims)),
      output: [vi('y', DataType.FLOAT, outDims)],
    },
  };
  return encodeModel(model);
}

function packedInitializers(m: PackedMatrix, codesDims: number[], codes: Uint8Array): TensorProto[] {
  const list = [tensor('B', codesDims, DataType.UINT8, codes), tensor('scales', [m.N, m.kBlocks], DataType.FLOAT, m.scales)];
  if (m.zeroPoints) list.push(tensor('zp', [m.N, Math.ceil((m.kBlocks * m.bits) / 8)], DataType.UINT8, m.zeroPoints));
  return list;
}

for (const bits of WIDTHS) {
  for (const symmetric of [true, false]) {
    test(`onnxruntime MatMulNBits reads our INT${bits} ${symmetric ? 'symmetric' : 'asymmetric'} packing as we dequantize it`, async (t) => {
      for (const [K, blockSize] of [
        [64, 32],
        [70, 16],
        [96, 64],
        [130, 128],
      ] as const) {
        const N = 12;
        const M = 3;
        const m = quantizeRows(normalSamples(N * K, K + bits), N, K, { bits, blockSize, symmetric });
        const w = dequantize(m); // [N, K]
        const a = normalSamples(M * K, 77);
        const expected = new Float32Array(M * N);
        for (let i = 0; i < M; i++)
          for (let n = 0; n < N; n++) {
            let s = 0;
            for (let k = 0; k < K; k++) s += a[i * K + k]! * w[n * K + k]!;
            expected[i * N + n] = s;
          }
        const inputs = ['A', 'B', 'scales', ...(m.zeroPoints ? ['zp'] : [])];
        const bytes = oneNode(
          'MatMulNBits',
          [{ name: 'A', elemType: DataType.FLOAT, dims: [M, K] }],
          packedInitializers(m, [N, m.kBlocks, blobSize(bits, blockSize)], m.codes),
          inputs,
          { K, N, bits, block_size: blockSize },
          [M, N],
        );
        const session = await ort.InferenceSession.create(bytes);
        const y = (await session.run({ A: new ort.Tensor('float32', a, [M, K]) })).y!.data as Float32Array;
        for (let i = 0; i < y.length; i++)
          t.true(
            Math.abs(y[i]! - expected[i]!) <= 1e-4 * (1 + Math.abs(expected[i]!)),
            `K ${K} block ${blockSize} at ${i}: ${y[i]} vs ${expected[i]}`,
          );
      }
    });
  }
}

for (const bits of [4, 8] as IntBits[]) {
  for (const symmetric of [true, false]) {
    test(`onnxruntime GatherBlockQuantized reads our INT${bits} ${symmetric ? 'symmetric' : 'asymmetric'} table rows as we dequantize them`, async (t) => {
      const V = 10;
      const H = 64;
      const m = quantizeRows(normalSamples(V * H, 3 + bits), V, H, { bits, blockSize: 32, symmetric });
      const table = dequantize(m);
      const ids = [3, 0, 9, 3];
      const inputs = ['B', 'ids', 'scales', ...(m.zeroPoints ? ['zp'] : [])];
      const bytes = oneNode(
        'GatherBlockQuantized',
        [{ name: 'ids', elemType: DataType.INT64, dims: [ids.length] }],
        packedInitializers(m, [V, (H * bits) / 8], gatherLayout(m)),
        inputs,
        { gather_axis: 0, quantize_axis: 1, block_size: 32, bits },
        [ids.length, H],
      );
      const session = await ort.InferenceSession.create(bytes);
      const y = (await session.run({ ids: new ort.Tensor('int64', BigInt64Array.from(ids.map(BigInt)), [ids.length]) })).y!
        .data as Float32Array;
      ids.forEach((row, i) => {
        for (let k = 0; k < H; k++) t.true(Math.abs(y[i * H + k]! - table[row * H + k]!) <= 1e-6, `row ${row} col ${k}`);
      });
    });
  }
}

test("the worker-thread pool packs exactly what one thread packs, and reports a NaN in a worker's rows", async (t) => {
  const pool = new KernelPool(3);
  try {
    const importance = Float32Array.from({ length: 200 }, (_, k) => 1 + (k % 7));
    for (const p of [
      { bits: 4, blockSize: 32, symmetric: true },
      { bits: 2, blockSize: 64, symmetric: false, search: true },
      { bits: 4, blockSize: 32, symmetric: false, search: true, float16Scales: true, importance },
    ] as QuantParams[]) {
      const x = normalSamples(37 * 200, 21);
      const one = quantizeRows(x, 37, 200, p);
      const many = pool.quantize(x, 37, 200, p);
      // On a difference, name the rows (chunks of whole fours, taken by whichever thread is free).
      const kBlocks = Math.ceil(200 / p.blockSize);
      const differing = Array.from({ length: 37 }, (_, n) => n).filter(
        (n) =>
          many.scales.subarray(n * kBlocks, (n + 1) * kBlocks).some((s, b) => !Object.is(s, one.scales[n * kBlocks + b])) ||
          many.codes
            .subarray(n * kBlocks * blobSize(p.bits, p.blockSize), (n + 1) * kBlocks * blobSize(p.bits, p.blockSize))
            .some((c, i) => c !== one.codes[n * kBlocks * blobSize(p.bits, p.blockSize) + i]),
      );
      t.true(sameBytes(many, one), `${JSON.stringify({ ...p, importance: !!p.importance })}: rows ${differing.join(', ')} differ`);
    }
    const x = normalSamples(37 * 200, 22);
    x[36 * 200 + 5] = NaN; // in the last thread's rows
    t.throws(() => pool.quantize(x, 37, 200, { bits: 4, blockSize: 32, symmetric: true }), {
      message: /NaN or infinite values in 1 block/,
    });
  } finally {
    await pool.close();
  }
});

test('the pool packs what one thread packs job after job, with wake-ups that are not about the job (late or spurious notifies), and after a failure', async (t) => {
  const pool = new KernelPool(3);
  // A thread that keeps waking whoever waits on the pool's synchronization words: a waiting thread that took
  // any wake-up for "done" would copy a worker's outputs before the worker wrote them.
  const stop = new Int32Array(new SharedArrayBuffer(8)); // [0]: stop, [1]: started
  const noise = new Worker(
    `const { workerData } = require('node:worker_threads');
     const words = new Int32Array(workerData.control);
     const stop = new Int32Array(workerData.stop);
     Atomics.store(stop, 1, 1);
     Atomics.notify(stop, 1);
     while (Atomics.load(stop, 0) === 0) for (let i = 0; i < words.length; i++) Atomics.notify(words, i);`,
    { eval: true, workerData: { control: pool.control, stop: stop.buffer } },
  );
  try {
    Atomics.wait(stop, 1, 0, 30_000);
    t.is(Atomics.load(stop, 1), 1, 'the waking thread runs');
    const importance = (K: number) => Float32Array.from({ length: K }, (_, k) => 1 + ((k * 5) % 11));
    const shapes: Array<[number, number]> = [
      [37, 200],
      [2, 33],
      [1, 64],
      [64, 96],
      [11, 1000],
      [3, 17],
      [40, 257],
    ];
    const settings: Array<(K: number) => QuantParams> = [
      () => ({ bits: 4, blockSize: 32, symmetric: true }),
      () => ({ bits: 2, blockSize: 64, symmetric: false, search: true }),
      () => ({ bits: 8, blockSize: 16, symmetric: false }),
      (K) => ({ bits: 4, blockSize: 32, symmetric: false, search: true, float16Scales: true, importance: importance(K) }),
      () => ({ bits: 4, blockSize: 128, symmetric: true, search: true, magnitudeWeights: true }),
      () => ({ bits: 2, blockSize: 16, symmetric: true, search: true, float16Scales: true }),
    ];
    let jobs = 0;
    for (let round = 0; round < 3; round++) {
      for (const [N, K] of shapes) {
        for (const setting of settings) {
          const p = setting(K);
          const x = normalSamples(N * K, 1000 * round + N * 7 + K);
          const label = `round ${round}, [${N}, ${K}], ${JSON.stringify({ ...p, importance: !!p.importance })}`;
          t.true(sameBytes(pool.quantize(x, N, K, p), quantizeRows(x, N, K, p)), label);
          jobs++;
        }
      }
      // A NaN in this thread's rows fails the call; the workers' jobs still finish, and the next call is exact.
      const x = normalSamples(37 * 200, 23 + round);
      x[3] = NaN;
      x[36 * 200] = Infinity;
      t.throws(() => pool.quantize(x, 37, 200, { bits: 4, blockSize: 32, symmetric: false, search: true }), {
        message: /NaN or infinite values in 2 blocks/,
      });
    }
    t.is(jobs, 3 * shapes.length * settings.length);
  } finally {
    Atomics.store(stop, 0, 1);
    await noise.terminate();
    await pool.close();
  }
  t.false(pool.usable);
  t.throws(() => pool.quantize(new Float32Array(64), 2, 32, { bits: 4, blockSize: 32, symmetric: true }), { message: /pool is closed/ });
});

test('chunks are taken once each, in order, and never by a thread that comes to a closed or later job', (t) => {
  const claim = new BigInt64Array(new SharedArrayBuffer(8));
  Atomics.store(claim, 0, 5n << 32n); // job 5 open, chunk 0 next
  t.deepEqual([takeChunk(claim, 5, 3), takeChunk(claim, 5, 3), takeChunk(claim, 5, 3), takeChunk(claim, 5, 3)], [0, 1, 2, -1]);
  t.is(takeChunk(claim, 4, 3), -1, 'a worker late for job 4 takes nothing of job 5');
  Atomics.store(claim, 0, (6n << 32n) + 7n); // job 6 closed at 7 chunks
  t.is(takeChunk(claim, 6, 7), -1);
  t.is(takeChunk(claim, 5, 100), -1, 'a worker late for job 5 takes nothing while job 6 is under way');
});

test('chunks are whole fours of rows, about 32 per thread, never below 64K values unless the layer is smaller', (t) => {
  for (const [N, K, threads] of [
    [8192, 2048, 2],
    [2048, 2048, 2],
    [4096, 4096, 4],
    [37, 200, 3],
    [1, 64, 2],
    [11, 1000, 2],
    [151936, 896, 2],
  ]) {
    const rows = chunkRowsOf(N!, K!, threads!);
    t.is(rows % 4, 0, `${N}×${K}`);
    t.true(rows * K! >= 65536 || rows >= N!, `${N}×${K}: ${rows} rows`);
    const chunks = Math.ceil(N! / rows);
    t.true(chunks <= threads! * 32 + threads!, `${N}×${K}: ${chunks} chunks`);
    if (N! * K! >= threads! * 32 * 65536 * 2) t.true(chunks >= threads! * 16, `${N}×${K}: ${chunks} chunks`);
  }
});

test("other processes' load is the machine's CPU time less this process's, and a layer takes the cores they leave free", (t) => {
  const from = { at: 1000, machine: 50_000, own: 7_000 };
  // 2 s: the machine spent 3.6 s of CPU, this process 3.0 of them (its own two threads): others 0.3 cores.
  t.is(othersBusyCores(from, { at: 3000, machine: 53_600, own: 10_000 }), 0.3);
  t.is(othersBusyCores(from, { at: 3000, machine: 51_000, own: 9_000 }), 0, 'never below zero (counters read apart)');
  t.is(othersBusyCores(from, { at: 1000, machine: 51_000, own: 7_000 }), 0, 'no interval, no estimate');
  t.is(threadsFor(2, 2, 0.3), 2);
  t.is(threadsFor(2, 2, 0.8), 1, 'another process holds most of the second core');
  t.is(threadsFor(2, 2, 2.5), 1, 'never fewer than this thread');
  t.is(threadsFor(4, 8, 1), 4, 'no more than the cores this process may use');
  t.is(threadsFor(8, 8, 5.2), 3);
});

test('the pool packs what one thread packs with fewer threads than it has, and with more chunks than its first control words hold', async (t) => {
  const pool = new KernelPool(3);
  try {
    const N = 1536;
    const K = 4096;
    t.true(Math.ceil(N / chunkRowsOf(N, K, 3)) > 64);
    const x = normalSamples(N * K, 41);
    const p: QuantParams = { bits: 4, blockSize: 32, symmetric: false };
    const one = quantizeRows(x, N, K, p);
    t.true(sameBytes(pool.quantize(x, N, K, p), one), 'three threads');
    t.true(sameBytes(pool.quantize(x, N, K, p, undefined, 2), one), 'two of three');
    t.true(sameBytes(pool.quantize(x, N, K, p, undefined, 1), one), 'this thread alone');
    const small = normalSamples(37 * 200, 42);
    const q: QuantParams = { bits: 2, blockSize: 64, symmetric: false, search: true };
    t.true(sameBytes(pool.quantize(small, 37, 200, q), quantizeRows(small, 37, 200, q)), 'a small job after a large one');
  } finally {
    await pool.close();
  }
});

test('quantizeRowsParallel (large layers, threads when a core is idle) packs exactly what one thread packs', (t) => {
  const N = 1024;
  const K = 2048; // 2M values: above the threshold
  const x = normalSamples(N * K, 5);
  for (const p of [
    { bits: 4, blockSize: 32, symmetric: true },
    { bits: 4, blockSize: 64, symmetric: false, search: true },
  ] as QuantParams[]) {
    t.true(workOf(N * K, p) >= PARALLEL_MIN_WORK);
    t.true(sameBytes(quantizeRowsParallel(x, N, K, p), quantizeRows(x, N, K, p)), JSON.stringify(p));
  }
});

test("the pool quantizes rows in the kernels' memory where they lie, also after other jobs grew that memory", async (t) => {
  const pool = new KernelPool(3);
  try {
    const N = 64;
    const K = 512;
    const values = normalSamples(N * K, 31);
    const rows = rowsBuffer(N * K); // as the rewrite reads a layer: straight into the kernels' memory
    rows.set(values);
    for (const p of [
      { bits: 4, blockSize: 32, symmetric: true },
      { bits: 4, blockSize: 32, symmetric: false, search: true, float16Scales: true },
    ] as QuantParams[]) {
      const expected = quantizeRows(values, N, K, p, undefined, 'js');
      t.true(sameBytes(pool.quantize(rows, N, K, p), expected), `in place ${JSON.stringify(p)}`);
      // A large job from an ordinary array is copied in after the resident rows, growing the memory.
      const big = normalSamples(1024 * 2048, 32);
      t.true(sameBytes(pool.quantize(big, 1024, 2048, p), quantizeRows(big, 1024, 2048, p)), `copied in ${JSON.stringify(p)}`);
      t.deepEqual(Array.from(rows.subarray(0, 8)), Array.from(values.subarray(0, 8)), 'the resident rows are untouched');
      t.true(sameBytes(pool.quantize(rows, N, K, p), expected), `in place after growing ${JSON.stringify(p)}`);
      t.true(sameBytes(quantizeRows(rows, N, K, p), expected), `one thread, in place after growing ${JSON.stringify(p)}`);
    }
    t.true(rows.buffer instanceof SharedArrayBuffer, 'the memory is shared');
  } finally {
    await pool.close();
  }
});

// ---- WebAssembly SIMD against the JavaScript kernels, byte for byte ----

function sameBytes(a: PackedMatrix, b: PackedMatrix): boolean {
  const eq = (x: ArrayBufferView, y: ArrayBufferView) =>
    Buffer.compare(Buffer.from(x.buffer, x.byteOffset, x.byteLength), Buffer.from(y.buffer, y.byteOffset, y.byteLength)) === 0;
  return (
    eq(a.codes, b.codes) && eq(a.scales, b.scales) && (a.zeroPoints === null ? b.zeroPoints === null : eq(a.zeroPoints, b.zeroPoints!))
  );
}

/** Blocks that trip rounding, range and overflow edges, each a row of 64 values (two blocks of 32, four of 16). */
function adversarialRows(): Float32Array[] {
  const rows: Float32Array[] = [];
  const row = (f: (i: number) => number) => Float32Array.from({ length: 64 }, (_, i) => f(i));
  rows.push(row(() => 0)); // all zero
  rows.push(row(() => -0)); // all negative zero
  rows.push(row(() => 1.25)); // all equal, positive
  rows.push(row(() => -3.5)); // all equal, negative
  rows.push(row((i) => (i === 5 ? 3e38 : 1))); // one huge value
  rows.push(row((i) => (i === 40 ? -1e30 : Math.sin(i)))); // one huge negative value
  rows.push(row((i) => (i % 3) * 1e-40)); // subnormal: the reciprocal of the scale overflows
  rows.push(row((i) => (i % 5) * 1e-39 - 2e-39)); // subnormal, both signs
  rows.push(row((i) => 1.1754944e-38 * (i - 30))); // around the smallest normal
  rows.push(row((i) => 3e-5 * Math.sin(i + 1))); // float16-subnormal scales
  rows.push(row((i) => 5e5 * Math.cos(i))); // float16 scales near the largest float16
  rows.push(row((i) => 6e5 * Math.cos(i))); // float16 scales clamped to 65504
  rows.push(row((i) => (i % 2 ? 8 : -8))); // ±peak ties: the negative one wins in MLAS
  rows.push(row((i) => (i % 2 ? -8 : 8)));
  // Ties at .5: with peak −8 the scale is 1, so x + 8 lands exactly on halves.
  rows.push(row((i) => (i === 0 ? -8 : -7.5 + (i % 16))));
  rows.push(row((i) => (i === 0 ? -8 : 0.5 - (i % 9))));
  rows.push(row((i) => (i === 0 ? 15 : i % 16) + 0.5 - 0.5 * (i % 2))); // asymmetric halves, scale 1
  rows.push(row((i) => Math.fround(0.49999997) * (i % 2 ? 1 : -1) + (i === 7 ? 8 : 0))); // just below a half
  // Asymmetric zero points −lo/scale on a half in every block of 16 (range [−2.5, 12.5]: INT4 2.5, INT2 0.5,
  // INT8 about 42.5), and one ulp off it either way.
  for (const lo of [-2.5, Math.fround(-2.5000002), Math.fround(-2.4999998)])
    rows.push(row((i) => (i % 16 === 0 ? lo : i % 16 === 1 ? 12.5 : (i % 16) - 2.25)));
  return rows;
}

const ALL_PARAMS: QuantParams[] = [];
for (const bits of WIDTHS)
  for (const symmetric of [true, false])
    for (const search of [false, true])
      for (const float16Scales of [false, true]) {
        ALL_PARAMS.push({ bits, blockSize: 32, symmetric, search, float16Scales });
        if (search) ALL_PARAMS.push({ bits, blockSize: 32, symmetric, search, float16Scales, magnitudeWeights: true });
      }

test('the WebAssembly kernels are in use and pack exactly the bytes of the JavaScript kernels on random blocks', (t) => {
  t.is(kernelImplementation(), 'wasm');
  let cases = 0;
  for (const p of ALL_PARAMS) {
    for (const [N, K, blockSize] of [
      [9, 256, 32],
      [5, 100, 16],
      [3, 300, 256],
      [4, 70, 64],
      [2, 1000, 128],
    ] as const) {
      const x = normalSamples(N * K, p.bits * 31 + K + (p.search ? 7 : 0));
      const q = { ...p, blockSize };
      const importance = Float32Array.from(normalSamples(K, K), (v) => v * v);
      for (const params of p.search
        ? [q, { ...q, importance }, { ...q, magnitudeWeights: true }, { ...q, importance, magnitudeWeights: true }]
        : [q]) {
        const wasm = quantizeRows(x, N, K, params, undefined, 'wasm');
        const js = quantizeRows(x, N, K, params, undefined, 'js');
        t.true(sameBytes(wasm, js), `${JSON.stringify({ ...params, importance: !!params.importance })} [${N}, ${K}]`);
        cases++;
      }
    }
  }
  t.true(cases > 100);
});

test('the WebAssembly and JavaScript kernels agree on adversarial blocks (zeros, equal values, huge, subnormal, ties at .5)', (t) => {
  for (const row of adversarialRows()) {
    // Blocks of 16: a row of four whole blocks takes round-to-nearest's four-block path.
    for (const p of ALL_PARAMS.flatMap((q) => [q, { ...q, blockSize: 16 }])) {
      for (const K of [64, 50]) {
        const x = row.subarray(0, K);
        const wasm = quantizeRows(x, 1, K, p, undefined, 'wasm');
        const js = quantizeRows(x, 1, K, p, undefined, 'js');
        t.true(sameBytes(wasm, js), `${JSON.stringify(p)} K ${K}: ${Array.from(x.subarray(0, 6)).join(', ')}…`);
        for (const s of wasm.scales) t.true(Number.isFinite(s), `finite scale for ${Array.from(x.subarray(0, 4)).join(', ')}`);
      }
    }
  }
});

test('the four-row search agrees with the JavaScript kernels when its rows mix adversarial and ordinary blocks', (t) => {
  // The WebAssembly search takes four rows at a time, one per lane: every adversarial row next to others
  // of other kinds (all of them stacked), and each alone among ordinary rows, in every lane position.
  const adversarial = adversarialRows();
  const ordinary = normalSamples(64 * 3, 77);
  const matrices: Float32Array[] = [Float32Array.from(adversarial.flatMap((r) => Array.from(r)))];
  for (const row of adversarial) {
    for (let lane = 0; lane < 4; lane++) {
      const m = new Float32Array(4 * 64);
      for (let n = 0, o = 0; n < 4; n++) m.set(n === lane ? row : ordinary.subarray(o * 64, ++o * 64), n * 64);
      matrices.push(m);
    }
  }
  const importance = Float32Array.from(normalSamples(64, 64), (v) => v * v);
  let cases = 0;
  for (const p of ALL_PARAMS.filter((q) => q.search)) {
    for (const K of [64, 50]) {
      for (const m of matrices) {
        const N = m.length / 64;
        const x = new Float32Array(N * K);
        for (let n = 0; n < N; n++) x.set(m.subarray(n * 64, n * 64 + K), n * K);
        for (const params of [p, { ...p, importance: importance.subarray(0, K) }]) {
          const wasm = quantizeRows(x, N, K, params, undefined, 'wasm');
          const js = quantizeRows(x, N, K, params, undefined, 'js');
          t.true(sameBytes(wasm, js), `${JSON.stringify({ ...params, importance: !!params.importance })} [${N}, ${K}]`);
          cases++;
        }
      }
    }
  }
  t.true(cases > 1000);
});

test('round-to-nearest rounds halves away from zero, as onnxruntime does', (t) => {
  // Symmetric, peak −8 → scale 1, zero point 8: x + 8 rounds half up for these non-negative sums.
  const x = Float32Array.from([-8, -7.5, -0.5, 0.5, 1.5, 6.5, 7, 0, ...new Array<number>(24).fill(0)]);
  for (const implementation of ['wasm', 'js'] as const) {
    const m = quantizeRows(x, 1, 32, { bits: 4, blockSize: 32, symmetric: true }, undefined, implementation);
    const codes = Array.from({ length: 8 }, (_, k) => (m.codes[k >> 1]! >> ((k & 1) * 4)) & 15);
    t.deepEqual(codes, [0, 1, 8, 9, 10, 15, 15, 8], implementation);
  }
});

test('NaN and infinite weights are rejected by both kernels', (t) => {
  for (const bad of [NaN, Infinity, -Infinity]) {
    const x = normalSamples(4 * 96, 3);
    x[130] = bad;
    for (const implementation of ['wasm', 'js'] as const) {
      for (const p of [
        { bits: 4, blockSize: 32, symmetric: true },
        { bits: 2, blockSize: 32, symmetric: false, search: true },
        { bits: 2, blockSize: 32, symmetric: true, search: true, magnitudeWeights: true },
      ] as const) {
        t.throws(
          () => quantizeRows(x, 4, 96, p, undefined, implementation),
          { message: /NaN or infinite values in 1 block/ },
          `${bad} ${implementation}`,
        );
      }
    }
  }
});

test('float16 scales: every scale survives float16 storage, and codes are computed with the rounded scale', (t) => {
  const x = normalSamples(16 * 256, 12);
  for (const p of ALL_PARAMS.filter((q) => q.float16Scales)) {
    const m = quantizeRows(x, 16, 256, p);
    const half = fromFloat16Array(toFloat16Array(m.scales));
    t.deepEqual(Array.from(half), Array.from(m.scales), JSON.stringify(p));
    // The codes are the round-to-nearest codes for the stored scale: re-rounding them changes nothing.
    const back = dequantize(m);
    const full = quantizeRows(x, 16, 256, { ...p, float16Scales: false });
    const e16 = back.reduce((s, v, i) => s + (v - x[i]!) ** 2, 0);
    const e32 = dequantize(full).reduce((s, v, i) => s + (v - x[i]!) ** 2, 0);
    t.true(e16 <= e32 * 1.01, `${JSON.stringify(p)}: ${e16} vs ${e32}`);
  }
});

test('importance-weighted search lowers the weighted error it is asked to lower', (t) => {
  const N = 64;
  const K = 256;
  const x = normalSamples(N * K, 8);
  // A few columns matter 100× more (like the outlier channels of real activations).
  const importance = Float32Array.from({ length: K }, (_, k) => (k % 37 === 0 ? 100 : 1));
  for (const bits of WIDTHS.filter((b) => b < 8)) {
    for (const symmetric of [true, false]) {
      const weighted = (m: PackedMatrix) => {
        const back = dequantize(m);
        let e = 0;
        for (let i = 0; i < x.length; i++) e += importance[i % K]! * (x[i]! - back[i]!) ** 2;
        return e;
      };
      const plain = weighted(quantizeRows(x, N, K, { bits, blockSize: 32, symmetric, search: true }));
      const aware = weighted(quantizeRows(x, N, K, { bits, blockSize: 32, symmetric, search: true, importance }));
      t.true(aware < plain * 0.97, `INT${bits} ${symmetric}: ${aware / plain}`);
    }
  }
});

test('the committed WebAssembly module is what its source compiles to', (t) => {
  const built = compileKernels();
  t.deepEqual(Buffer.from(built), fs.readFileSync(path.resolve('src/quant/wasm/kernels.wasm')));
  t.is(embeddedModule(built), fs.readFileSync(path.resolve('src/quant/wasm/kernels-wasm.ts'), 'utf8'));
});
