/**
 * The kernel section of `npm run bench` (also alone: `node build/scripts/bench-kernels.js`).
 *
 * Throughput: one thread quantizing a 2048×4096 float32 matrix (32 MB), block 32, against a warm,
 * pre-allocated `Float32Array.set` of the same bytes, all timed in interleaved rounds (medians). The
 * kernels read rows from their own memory (where the rewrite transposes weights) or, marked "from an
 * array", copy them in by cache-sized chunks; outputs are pre-allocated.
 * Quality: relative reconstruction error ‖x − x̂‖² / ‖x‖² over the whole matrix (float64 sums), scales
 * rounded to float16 as a float16 model stores them, on N(0,1), Student-t(3) and N(0,1) with 1% of values
 * ×20; bits per weight as stored (codes + float16 scale + packed zero point, per block of 32).
 * Threads: the pool (all cores) against one thread by layer size, for the threshold in quant/pool.ts.
 */
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { normalSamples, seededRandom } from '../src/eval/random.js';
import { blobSize, type IntBits } from '../src/formats/layout.js';
import {
  dequantize,
  kernelImplementation,
  quantizeRows,
  rowsBuffer,
  stagingBytes,
  type PackedMatrix,
  type PackedOutput,
  type QuantParams,
} from '../src/quant/blockwise.js';
import { DataType } from '../src/onnx/dtype.js';
import { toFloat16Array } from '../src/onnx/float16.js';
import { transposeStored } from '../src/quant/rewrite.js';
import { KernelPool, PARALLEL_MIN_WORK, workOf } from '../src/quant/pool.js';
import { quantizeSuperBlocks, quantizeSuperBlocksJs, superBlockParams, type SuperBlockOptions } from '../src/quant/super-blocks.js';
import { superBlockBytes, superBlockFormat } from '../src/formats/layout.js';
import { kQuantsReference } from './kquants-reference.js';

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

function ms(fn: () => unknown): number {
  const t0 = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

/** Wall-clock and CPU milliseconds of one call (CPU time: this process's, all threads). */
function timed(fn: () => unknown): { wall: number; cpu: number } {
  const c0 = process.cpuUsage();
  const wall = ms(fn);
  const c = process.cpuUsage(c0);
  return { wall, cpu: (c.user + c.system) / 1000 };
}

const loadAverage = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' ');

/** Student-t with 3 degrees of freedom: z / sqrt(χ²₃ / 3). */
export function studentT3(count: number, seed: number): Float32Array {
  const z = normalSamples(count * 4, seed);
  return Float32Array.from({ length: count }, (_, i) => {
    const c = z[count + 3 * i]! ** 2 + z[count + 3 * i + 1]! ** 2 + z[count + 3 * i + 2]! ** 2;
    return z[i]! / Math.sqrt(c / 3);
  });
}

/** N(0,1) with 1% of the values (chosen at random) multiplied by 20. */
export function normalWithOutliers(count: number, seed: number): Float32Array {
  const x = normalSamples(count, seed);
  const rand = seededRandom(seed + 1);
  for (let i = 0; i < count; i++) if (rand() < 0.01) x[i] = x[i]! * 20;
  return x;
}

/** ‖x − x̂‖² / ‖x‖² of values and their reconstruction. */
export function reconstructionRatio(x: Float32Array, back: Float32Array): number {
  let e = 0;
  let n = 0;
  for (let i = 0; i < x.length; i++) {
    e += (x[i]! - back[i]!) ** 2;
    n += x[i]! ** 2;
  }
  return e / n;
}

/** ‖x − x̂‖² / ‖x‖² over the whole matrix. */
export function relativeError(x: Float32Array, N: number, K: number, p: QuantParams): number {
  return reconstructionRatio(x, dequantize(quantizeRows(x, N, K, p)));
}

/** Bits per weight as stored: codes, a float16 scale per block and, asymmetric, a packed zero point. */
export function bitsPerWeight(p: QuantParams): number {
  return p.bits + 16 / p.blockSize + (p.symmetric ? 0 : p.bits / p.blockSize);
}

/** Output arrays for [N, K], pre-allocated and faulted in. */
function outputsFor(N: number, K: number, p: QuantParams): PackedOutput {
  const kBlocks = Math.ceil(K / p.blockSize);
  return {
    codes: new Uint8Array(N * kBlocks * blobSize(p.bits, p.blockSize)).fill(1),
    scales: new Float32Array(N * kBlocks).fill(1),
    zeroPoints: p.symmetric ? null : new Uint8Array(N * Math.ceil((kBlocks * p.bits) / 8)).fill(1),
  };
}

interface Row {
  label: string;
  p: QuantParams;
  run: () => void;
  times: number[];
  cpuTimes: number[];
  error: boolean;
  /** One thread: its CPU time is comparable with the copy's. */
  single: boolean;
}

export function benchKernels(): void {
  const N = 2048;
  const K = 4096;
  const mb = (N * K * 4) / 1e6;
  const normal = normalSamples(N * K, 42);
  const matrices = [normal, studentT3(N * K, 43), normalWithOutliers(N * K, 44)];
  const heap = rowsBuffer(N * K);
  heap.set(normal);
  const copy = new Float32Array(N * K);
  copy.set(normal); // warm: pages faulted in before timing
  const pool = new KernelPool();
  const outputs = (p: QuantParams) => outputsFor(N, K, p);
  const rows: Row[] = [];
  const add = (label: string, p: QuantParams, how: 'heap' | 'array' | 'js' | 'pool', error: boolean) => {
    const out = outputs(p);
    const run =
      how === 'heap'
        ? () => quantizeRows(heap, N, K, p, out)
        : how === 'array'
          ? () => quantizeRows(normal, N, K, p, out)
          : how === 'js'
            ? () => quantizeRows(normal, N, K, p, out, 'js')
            : () => pool.quantize(heap, N, K, p, out);
    rows.push({ label, p, run, times: [], cpuTimes: [], error, single: how !== 'pool' });
  };
  const q = (bits: IntBits, symmetric: boolean, search: boolean): QuantParams => ({ bits, blockSize: 32, symmetric, search });
  add('INT4 sym rtn', q(4, true, false), 'heap', true);
  add('INT4 sym rtn, from an array', q(4, true, false), 'array', false);
  add('INT4 sym rtn, JavaScript fallback', q(4, true, false), 'js', false);
  add('INT4 asym rtn', q(4, false, false), 'heap', true);
  add('INT2 sym rtn', q(2, true, false), 'heap', true);
  add('INT2 asym rtn', q(2, false, false), 'heap', true);
  add('INT8 sym rtn', q(8, true, false), 'heap', true);
  add('INT4 sym search', q(4, true, true), 'heap', true);
  add('INT4 asym search', q(4, false, true), 'heap', true);
  add('INT2 sym search', q(2, true, true), 'heap', true);
  add('INT2 asym search', q(2, false, true), 'heap', true);
  add('INT8 sym search', q(8, true, true), 'heap', true);
  add('INT4 sym search, magnitude-weighted (`--scale search`)', { ...q(4, true, true), magnitudeWeights: true }, 'heap', true);
  add('INT2 sym search, magnitude-weighted', { ...q(2, true, true), magnitudeWeights: true }, 'heap', true);
  add('INT2 asym search, magnitude-weighted', { ...q(2, false, true), magnitudeWeights: true }, 'heap', true);
  // The pool reads the rows where they lie in the kernels' memory, as the one-thread rows above do (from an
  // array it would first copy them all in: 34 MB, about as long as quantizing them with two threads).
  add(`INT4 sym rtn, pool (${pool.threads} threads)`, q(4, true, false), 'pool', false);
  add(`INT4 sym search, pool (${pool.threads} threads)`, q(4, true, true), 'pool', false);
  add(`INT4 asym search, pool (${pool.threads} threads)`, q(4, false, true), 'pool', false);
  for (const r of rows) r.run(); // warm-up: compile, tier up, fault the outputs in
  const copyTimes: number[] = [];
  const copyCpu: number[] = [];
  const rounds = 11;
  const loadBefore = loadAverage();
  for (let round = 0; round < rounds; round++) {
    const c = timed(() => copy.set(normal));
    copyTimes.push(c.wall);
    copyCpu.push(c.cpu);
    for (const r of rows) {
      const t = timed(r.run);
      r.times.push(t.wall);
      r.cpuTimes.push(t.cpu);
    }
  }
  const base = median(copyTimes);
  const baseCpu = median(copyCpu);
  const mbs = (t: number) => (mb / (t / 1000)).toFixed(0).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  console.log(
    `kernels (${kernelImplementation()}), one thread unless said, ${N}×${K} float32 (${mb.toFixed(0)} MB), block 32, ${rounds} interleaved rounds, medians; load average ${loadBefore} before, ${loadAverage()} after, on ${os.availableParallelism()} cores`,
  );
  console.log(
    "(× copy: wall-clock time against the copy's; × copy, CPU: CPU time against the copy's, which a busy machine distorts less: a long run is interrupted where a 3 ms copy is not)",
  );
  console.log('| kernel | MB/s | × copy | × copy, CPU | rel. error N(0,1) / t3 / 1%×20 (float16 scales) | bits per weight |');
  console.log('| --- | --- | --- | --- | --- | --- |');
  console.log(`| warm, pre-allocated \`Float32Array.set\` (baseline) | ${mbs(base)} | 1.00 | 1.00 | | |`);
  for (const r of rows) {
    const t = median(r.times);
    const cpu = r.single ? (baseCpu / median(r.cpuTimes)).toFixed(3) : '';
    const errors = r.error ? matrices.map((x) => relativeError(x, N, K, { ...r.p, float16Scales: true }).toExponential(2)).join(' / ') : '';
    console.log(`| ${r.label} | ${mbs(t)} | ${(base / t).toFixed(3)} | ${cpu} | ${errors} | ${r.error ? bitsPerWeight(r.p) : ''} |`);
  }
  // The cost per value of each method against round-to-nearest (one thread, CPU time): `workOf`'s factors.
  const cpuOf = (label: string) => median(rows.find((r) => r.label === label)!.cpuTimes);
  const rtnCpu = cpuOf('INT4 sym rtn');
  console.log(
    `\ncost per value against INT4 sym rtn (CPU time, one thread; quant/pool.ts workOf): ${['INT4 sym search', 'INT4 asym search', 'INT2 sym search', 'INT2 asym search', 'INT8 sym search', 'INT4 sym search, magnitude-weighted (`--scale search`)', 'INT2 sym search, magnitude-weighted', 'INT2 asym search, magnitude-weighted'].map((l) => `${l.split(',')[0]}${l.includes('magnitude') ? ' magnitude-weighted' : ''} ${(cpuOf(l) / rtnCpu).toFixed(1)}×`).join(', ')}`,
  );
  benchSuperBlocks(matrices, N, K, copy, normal, pool);
  benchThreads(pool);
  void pool.close();
  benchTranspose();
}

/**
 * Super-blocks against llama.cpp's k-quants at their bits per weight: errors on the whole matrices (float16
 * factors, as both store them), k-quants by the reference port in kquants-reference.ts; speed on the first 256
 * rows (3 interleaved rounds with the copy of the same bytes: the search is too slow for the main table's 11), in
 * JavaScript (the fallback), WebAssembly on one thread and on the pool: the same bytes (tests/super-blocks-wasm.test.ts),
 * so the error columns are the JavaScript row's.
 */
export function benchSuperBlocks(
  matrices: Float32Array[],
  N: number,
  K: number,
  copy: Float32Array,
  normal: Float32Array,
  pool: KernelPool,
): void {
  const rowsTimed = 256;
  const part = normal.subarray(0, rowsTimed * K);
  const mb = (rowsTimed * K * 4) / 1e6;
  const error = (x: Float32Array, back: Float32Array) => reconstructionRatio(x, back).toExponential(2);
  console.log(
    `\nsuper-blocks (\`--super-blocks\`) against k-quants, ${N}×${K}; speed on ${rowsTimed} rows, 3 interleaved rounds; load average ${loadAverage()}`,
  );
  console.log('| kernel | MB/s | × copy | rel. error N(0,1) / t3 / 1%×20 | bits per weight |');
  console.log('| --- | --- | --- | --- | --- |');
  for (const bits of [4, 2] as const) {
    const ref = bits === 4 ? 'q4_K' : 'q2_K';
    const f = superBlockFormat(bits)!;
    const stored = (superBlockBytes(N, K, f) * 8) / (N * K);
    // As the rewrite chooses: plain squared error at INT4 (`rtn` and `search`), magnitude-weighted at INT2's `search`.
    const variants = (label: string, magnitudeWeights: boolean) => {
      const o: SuperBlockOptions = { float16: true, magnitudeWeights };
      return [
        {
          label: `${label}, JavaScript`,
          run: (x: Float32Array, n: number) => quantizeSuperBlocksJs(x, n, K, bits, o),
          bits: stored.toFixed(4),
        },
        { label: `${label}, WebAssembly`, run: (x: Float32Array, n: number) => quantizeSuperBlocks(x, n, K, bits, o, 'wasm') },
        {
          label: `${label}, WebAssembly, pool (${pool.threads} threads)`,
          run: (x: Float32Array, n: number) => pool.quantizeSuperBlocks(x, n, K, superBlockParams(K, bits, o)),
        },
      ];
    };
    // Timed: the quantization alone (k-quants' reference returns the values back).
    const runs: Array<{ label: string; run: (x: Float32Array, n: number) => PackedMatrix | Float32Array; bits?: string }> = [
      { label: `llama.cpp ${ref} (reference, ported)`, run: (x) => kQuantsReference(x, bits), bits: bits === 4 ? '4.5' : '2.625' },
      ...variants(`INT${bits} super-blocks (\`rtn\`${bits === 4 ? ', `search`' : ''})`, false),
      ...(bits === 2 ? variants('INT2 super-blocks, magnitude-weighted (`search`)', true) : []),
    ];
    const times = runs.map(() => [] as number[]);
    const copies: number[] = [];
    for (let round = 0; round < 3; round++) {
      copies.push(ms(() => copy.subarray(0, part.length).set(part)));
      runs.forEach((r, i) => times[i]!.push(ms(() => r.run(part, rowsTimed))));
    }
    const base = median(copies);
    for (const [i, r] of runs.entries()) {
      const t = median(times[i]!);
      // (The WebAssembly rows write the JavaScript row's bytes: their errors are its errors.)
      const back = (m: PackedMatrix | Float32Array) => (m instanceof Float32Array ? m : dequantize(m));
      const errors = r.bits ? matrices.map((x) => error(x, back(r.run(x, N)))).join(' / ') : 'same bytes';
      console.log(`| ${r.label} | ${(mb / (t / 1000)).toFixed(1)} | ${(base / t).toFixed(4)} | ${errors} | ${r.bits ?? ''} |`);
    }
  }
}

/**
 * The transpose of a stored [K, N] MatMul weight into [N, K] float32 rows (what `quantize` does before the
 * kernels for every such weight), by the WebAssembly kernels (stored bytes in their memory) and by the
 * JavaScript loop, against a warm copy of the same float32 bytes.
 */
export function benchTranspose(): void {
  console.log(
    `\ntranspose of a stored [K, N] weight into [N, K] float32 rows (one thread, 11 interleaved rounds, medians); load average ${loadAverage()}`,
  );
  console.log('| weight | stored as | kernels (WebAssembly) ms | JavaScript ms | warm copy ms | kernels × copy | JavaScript × copy |');
  console.log('| --- | --- | --- | --- | --- | --- | --- |');
  for (const [K, N] of [
    [896, 4864],
    [4864, 896],
  ] as Array<[number, number]>) {
    const values = normalSamples(K * N, K);
    const copy = new Float32Array(K * N);
    copy.set(values);
    for (const [name, dataType, stored] of [
      ['float32', DataType.FLOAT, new Uint8Array(values.buffer)],
      ['float16', DataType.FLOAT16, new Uint8Array(toFloat16Array(values).buffer)],
    ] as Array<[string, number, Uint8Array]>) {
      const plain = new Float32Array(K * N);
      const rows = rowsBuffer(K * N);
      const staged = stagingBytes(stored.byteLength)!;
      staged.set(stored); // in place, as `quantize` reads the tensor into them
      const inKernels = () => transposeStored(staged, dataType, K, N, rows);
      const inJs = () => transposeStored(stored, dataType, K, N, plain);
      inKernels();
      inJs();
      const tk: number[] = [];
      const tj: number[] = [];
      const tc: number[] = [];
      for (let r = 0; r < 11; r++) {
        tc.push(ms(() => copy.set(values)));
        tk.push(ms(inKernels));
        tj.push(ms(inJs));
      }
      const [k, j, c] = [median(tk), median(tj), median(tc)];
      console.log(
        `| [${K}, ${N}] | ${name} | ${k.toFixed(2)} | ${j.toFixed(2)} | ${c.toFixed(2)} | ${(c / k).toFixed(3)} | ${(c / j).toFixed(3)} |`,
      );
    }
  }
}

/**
 * The pool against one thread by layer size (K = 2048), rows in the kernels' memory as the rewrite puts
 * them, for the threshold. CPU time (all threads) shows what the hand-off costs even where a busy machine
 * hides the speed-up: on an idle machine the pool's wall time approaches half its CPU time.
 */
function benchThreads(pool: KernelPool): void {
  const K = 2048;
  console.log(
    `\nthreads: ${pool.threads}-thread pool against one thread by layer size (K ${K}, rows in the kernels' memory, 7 interleaved rounds, medians); split from work ${PARALLEL_MIN_WORK.toLocaleString('en-US')}; load average ${loadAverage()}`,
  );
  console.log('| kernel | rows × K | work | one thread ms | pool ms | pool × one thread | CPU ms, one thread / pool (all threads) |');
  console.log('| --- | --- | --- | --- | --- | --- | --- |');
  for (const p of [
    { bits: 4, blockSize: 32, symmetric: true },
    { bits: 4, blockSize: 32, symmetric: true, search: true },
    { bits: 4, blockSize: 32, symmetric: false, search: true },
  ] as QuantParams[]) {
    // Up to 16M values: a 4096×4096 projection, a 7B model's smallest (its MLP's are 2.7× that).
    for (const N of [32, 64, 128, 256, 512, 1024, 2048, 4096, 8192]) {
      const x = rowsBuffer(N * K);
      x.set(normalSamples(N * K, N));
      // Outputs allocated once: fresh memory costs page faults on every call (on this machine's VM, more
      // than the kernel itself for the largest layer).
      const out1 = outputsFor(N, K, p);
      const outN = outputsFor(N, K, p);
      quantizeRows(x, N, K, p, out1);
      pool.quantize(x, N, K, p, outN);
      const one: Array<{ wall: number; cpu: number }> = [];
      const many: Array<{ wall: number; cpu: number }> = [];
      for (let r = 0; r < 7; r++) {
        one.push(timed(() => quantizeRows(x, N, K, p, out1)));
        many.push(timed(() => pool.quantize(x, N, K, p, outN)));
      }
      const [w1, wn] = [median(one.map((t) => t.wall)), median(many.map((t) => t.wall))];
      const [c1, cn] = [median(one.map((t) => t.cpu)), median(many.map((t) => t.cpu))];
      console.log(
        `| INT4 ${p.symmetric ? 'sym' : 'asym'} ${p.search ? 'search' : 'rtn'} | ${N} × ${K} | ${workOf(N * K, p).toLocaleString('en-US')} | ${w1.toFixed(2)} | ${wn.toFixed(2)} | ${(w1 / wn).toFixed(2)} | ${c1.toFixed(2)} / ${cn.toFixed(2)} |`,
      );
    }
  }
  console.log(`load average after: ${loadAverage()}`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  if (process.argv[2] === '--threads') {
    const pool = new KernelPool();
    benchThreads(pool);
    void pool.close();
  } else if (process.argv[2] === '--super-blocks') {
    // The super-block table alone.
    const [N, K] = [2048, 4096];
    const normal = normalSamples(N * K, 42);
    const pool = new KernelPool();
    benchSuperBlocks([normal, studentT3(N * K, 43), normalWithOutliers(N * K, 44)], N, K, new Float32Array(N * K), normal, pool);
    void pool.close();
  } else benchKernels();
}
