/**
 * The kernels on more than one core, synchronously: the rows are split into contiguous ranges, the last
 * ones quantized by worker threads (each with its own WebAssembly instance, reading its rows from shared
 * memory) while this thread quantizes the first range; this thread then waits on an atomic counter. The
 * packed layout is row-major, so each range writes its own slice of the outputs.
 *
 * Worth it only for large layers: below `PARALLEL_MIN_WORK` the hand-off (copying the workers' rows into
 * shared memory, waking them) costs more than it saves (measured by `npm run bench`).
 */
import * as os from 'node:os';
import { Worker } from 'node:worker_threads';
import { blobSize, kBlocksOf, zeroPointRowBytes } from '../formats/layout.js';
import { kernelImplementation, kernelParams, quantizeRows, type PackedMatrix, type PackedOutput, type QuantParams } from './blockwise.js';
import type { JsKernelParams } from './kernels-js.js';
import { KERNELS_WASM_BASE64 } from './wasm/kernels-wasm.js';

/**
 * Work (values × the cost of the method, `workOf`) from which a layer is split across threads. The
 * bench measures the speed-up by size: round-to-nearest gains from about 2M values (an 1024×2048 layer),
 * the search from about 128K.
 */
export const PARALLEL_MIN_WORK = 2 * 1024 * 1024;

/** Relative cost per value of a method (round-to-nearest = 1), for the threshold. */
export function workOf(count: number, p: QuantParams): number {
  return count * (p.search ? (p.bits === 2 ? 40 : 16) : 1);
}

interface KernelJob {
  rows: SharedArrayBuffer;
  N: number;
  K: number;
  params: JsKernelParams;
  codes: SharedArrayBuffer;
  scales: SharedArrayBuffer;
  zeroPoints: SharedArrayBuffer | null;
  /** [0]: 0 while running, then 1 + the number of non-finite blocks (or −1 on a failure). */
  done: SharedArrayBuffer;
}

/**
 * The worker's whole program, self-contained (it runs from its source text, so it also runs from the
 * single-file bundles in dist/): instantiate the kernels, then for each job copy the rows into the
 * instance's memory in chunks, quantize, copy the outputs out, and signal.
 */
function kernelWorker(): void {
  type Exports = {
    memory: { buffer: ArrayBuffer; grow(pages: number): number };
    heapBase(): number;
    quantize(...args: number[]): number;
  };
  type Api = { Instance: new (m: object, i: object) => { exports: unknown }; Module: new (b: Uint8Array) => object };
  // Not `require`/`import`: bundlers would rewrite those, and this text runs on its own.
  const threads = process.getBuiltinModule('node:worker_threads');
  const data = threads.workerData as { wasm: Uint8Array };
  const api = (globalThis as unknown as { WebAssembly: Api }).WebAssembly;
  const e = new api.Instance(new api.Module(data.wasm), {}).exports as Exports;
  const align = (n: number) => (n + 15) & ~15;
  const scratch = align(e.heapBase());
  threads.parentPort!.on('message', (job: KernelJob) => {
    const done = new Int32Array(job.done);
    try {
      const { N, K, params: p } = job;
      const kBlocks = Math.ceil(K / p.blockSize);
      const rowCodes = (kBlocks * p.blockSize * p.bits) / 8;
      const zpPerRow = Math.ceil((kBlocks * p.bits) / 8);
      const chunkRows = Math.max(1, Math.min(N, Math.floor((256 * 1024) / (K * 4))));
      let at = align(scratch + 5 * 256 * 4);
      const weightsAt = p.importance ? at : 0;
      if (p.importance) at = align(at + K * 4);
      const xAt = at;
      const codesAt = align(xAt + chunkRows * K * 4);
      const scalesAt = align(codesAt + chunkRows * rowCodes);
      const zpAt = p.symmetric ? 0 : align(scalesAt + chunkRows * kBlocks * 4);
      const end = align(scalesAt + chunkRows * kBlocks * 4 + chunkRows * zpPerRow);
      if (e.memory.buffer.byteLength < end) e.memory.grow(Math.ceil((end - e.memory.buffer.byteLength) / 65536));
      const heap = e.memory.buffer;
      if (p.importance) new Float32Array(heap, weightsAt, K).set(p.importance);
      const rows = new Float32Array(job.rows, 0, N * K);
      const codes = new Uint8Array(job.codes);
      const scales = new Float32Array(job.scales);
      const zeroPoints = job.zeroPoints ? new Uint8Array(job.zeroPoints) : null;
      let bad = 0;
      for (let first = 0; first < N; first += chunkRows) {
        const n = Math.min(chunkRows, N - first);
        new Float32Array(heap, xAt, n * K).set(rows.subarray(first * K, (first + n) * K));
        bad += e.quantize(
          xAt,
          n,
          K,
          p.bits,
          p.blockSize,
          p.symmetric ? 1 : 0,
          p.search ? 1 : 0,
          p.float16Scales ? 1 : 0,
          p.magnitude ? 1 : 0,
          weightsAt,
          codesAt,
          scalesAt,
          zpAt,
          scratch,
        );
        codes.set(new Uint8Array(heap, codesAt, n * rowCodes), first * rowCodes);
        scales.set(new Float32Array(heap, scalesAt, n * kBlocks), first * kBlocks);
        if (zeroPoints) zeroPoints.set(new Uint8Array(heap, zpAt, n * zpPerRow), first * zpPerRow);
      }
      Atomics.store(done, 0, 1 + bad);
    } catch {
      Atomics.store(done, 0, -1);
    }
    Atomics.notify(done, 0);
  });
}

/** Shared buffers of one worker, kept and grown: fresh memory costs page faults on every use. */
class WorkerBuffers {
  rows = new SharedArrayBuffer(0);
  codes = new SharedArrayBuffer(0);
  scales = new SharedArrayBuffer(0);
  zeroPoints = new SharedArrayBuffer(0);
  readonly done = new SharedArrayBuffer(4);

  fit(rows: number, codes: number, scales: number, zeroPoints: number): void {
    if (this.rows.byteLength < rows) this.rows = new SharedArrayBuffer(rows);
    if (this.codes.byteLength < codes) this.codes = new SharedArrayBuffer(codes);
    if (this.scales.byteLength < scales) this.scales = new SharedArrayBuffer(scales);
    if (this.zeroPoints.byteLength < zeroPoints) this.zeroPoints = new SharedArrayBuffer(zeroPoints);
  }
}

export class KernelPool {
  private readonly workers: Worker[];
  private readonly buffers: WorkerBuffers[];

  /** `threads` in all, this one included. */
  constructor(readonly threads = os.availableParallelism()) {
    const wasm = Buffer.from(KERNELS_WASM_BASE64, 'base64');
    this.workers = Array.from({ length: Math.max(0, threads - 1) }, () => {
      const w = new Worker(`(${kernelWorker.toString()})()`, { eval: true, workerData: { wasm } });
      w.unref(); // an idle pool never keeps the process alive
      return w;
    });
    this.buffers = this.workers.map(() => new WorkerBuffers());
  }

  /** Quantizes like `quantizeRows`, the rows split evenly across the threads. */
  quantize(rows: Float32Array, N: number, K: number, p: QuantParams, into?: PackedOutput): PackedMatrix {
    const kBlocks = kBlocksOf(K, p.blockSize);
    const rowCodes = kBlocks * blobSize(p.bits, p.blockSize);
    const zpPerRow = zeroPointRowBytes(kBlocks, p.bits);
    const codes = into?.codes ?? new Uint8Array(N * rowCodes);
    const scales = into?.scales ?? new Float32Array(N * kBlocks);
    const zeroPoints = p.symmetric ? null : (into?.zeroPoints ?? new Uint8Array(N * zpPerRow));
    const per = Math.ceil(N / this.threads);
    const mine = Math.min(N, per);
    const params = kernelParams(p, K);
    const jobs: Array<{ first: number; n: number; b: WorkerBuffers }> = [];
    for (let i = 0; i < this.workers.length; i++) {
      const first = Math.min(N, mine + i * per);
      const n = Math.min(N, first + per) - first;
      if (n <= 0) break;
      const b = this.buffers[i]!;
      b.fit(n * K * 4, n * rowCodes, n * kBlocks * 4, zeroPoints ? n * zpPerRow : 0);
      new Float32Array(b.rows, 0, n * K).set(rows.subarray(first * K, (first + n) * K));
      Atomics.store(new Int32Array(b.done), 0, 0);
      const job: KernelJob = {
        rows: b.rows,
        N: n,
        K,
        params,
        codes: b.codes,
        scales: b.scales,
        zeroPoints: zeroPoints ? b.zeroPoints : null,
        done: b.done,
      };
      this.workers[i]!.postMessage(job);
      jobs.push({ first, n, b });
    }
    quantizeRows(rows.subarray(0, mine * K), mine, K, p, {
      codes: codes.subarray(0, mine * rowCodes),
      scales: scales.subarray(0, mine * kBlocks),
      zeroPoints: zeroPoints ? zeroPoints.subarray(0, mine * zpPerRow) : null,
    });
    let bad = 0;
    for (const { first, n, b } of jobs) {
      const done = new Int32Array(b.done);
      // A worker that died never signals: give up after a generous minute.
      if (Atomics.wait(done, 0, 0, 60_000) === 'timed-out') throw new Error('quantizeRows: a kernel worker did not answer');
      const state = Atomics.load(done, 0);
      if (state < 0) throw new Error('quantizeRows: a kernel worker failed');
      bad += state - 1;
      codes.set(new Uint8Array(b.codes, 0, n * rowCodes), first * rowCodes);
      scales.set(new Float32Array(b.scales, 0, n * kBlocks), first * kBlocks);
      if (zeroPoints) zeroPoints.set(new Uint8Array(b.zeroPoints, 0, n * zpPerRow), first * zpPerRow);
    }
    if (bad > 0) throw new Error(`quantizeRows: NaN or infinite values in ${bad} block${bad > 1 ? 's' : ''}`);
    return { N, K, bits: p.bits, blockSize: p.blockSize, kBlocks, codes, scales, zeroPoints };
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}

let shared: KernelPool | undefined;

/**
 * `quantizeRows` on more than one core for a large layer (from `PARALLEL_MIN_WORK`) when another core is
 * idle (load average below cores − 1: on a busy machine the workers only compete with this thread), on
 * this thread otherwise. The pool is created on first need and kept (idle workers do not keep the process
 * alive).
 */
export function quantizeRowsParallel(rows: Float32Array, N: number, K: number, p: QuantParams): PackedMatrix {
  const cores = os.availableParallelism();
  const threads = Math.min(cores, Math.floor(cores - os.loadavg()[0]!) + 1);
  if (threads < 2 || workOf(N * K, p) < PARALLEL_MIN_WORK || kernelImplementation() !== 'wasm') return quantizeRows(rows, N, K, p);
  if (!shared || shared.threads !== threads) {
    void shared?.close();
    shared = new KernelPool(threads);
  }
  return shared.quantize(rows, N, K, p);
}
