/**
 * The kernels on more than one core, synchronously: the rows are split into contiguous ranges, the last
 * ones quantized by worker threads (each with its own WebAssembly instance, reading its rows from shared
 * memory) while this thread quantizes the first range; this thread then waits until each worker reports
 * the number of the job it was given as finished (see `FINISHED`), and only then reads its outputs. The
 * packed layout is row-major, so each range writes its own slice of the outputs.
 *
 * Worth it only for large layers: below `PARALLEL_MIN_WORK` the hand-off (copying the workers' rows into
 * shared memory, waking them) costs more than it saves (measured by `npm run bench`).
 */
import * as os from 'node:os';
import { Worker } from 'node:worker_threads';
import { blobSize, kBlocksOf, zeroPointRowBytes } from '../formats/layout.js';
import {
  kernelImplementation,
  kernelParams,
  nonFiniteError,
  packRows,
  quantizeRows,
  type PackedMatrix,
  type PackedOutput,
  type QuantParams,
} from './blockwise.js';
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

/**
 * The words each worker and this thread synchronize on, `WORDS` int32 per worker in one shared buffer:
 * - `FINISHED`: the number of the last job the worker finished. This thread waits until it equals the number
 *   of the job it posted, so a wake-up that is not about that job (a late notify from an earlier job, a
 *   spurious one) only leads to another look: results are never read before their job is done.
 * - `RESULT`: that job's result, 1 + the number of non-finite blocks, or −1 on a failure (written before
 *   `FINISHED`).
 * - `PROGRESS`: chunks done so far (only ever grows): a worker that stopped advancing is given up on.
 */
const FINISHED = 0;
const RESULT = 1;
const PROGRESS = 2;
const WORDS = 4;

/** A worker making no progress for this long is taken as dead (it is never given up on while it advances). */
const STALL_MS = 120_000;

interface KernelJob {
  /** The job's number, ≥ 1, stored into `FINISHED` when done. */
  number: number;
  control: SharedArrayBuffer;
  /** The worker's words in `control` start at `slot · WORDS`. */
  slot: number;
  rows: SharedArrayBuffer;
  N: number;
  K: number;
  params: JsKernelParams;
  codes: SharedArrayBuffer;
  scales: SharedArrayBuffer;
  zeroPoints: SharedArrayBuffer | null;
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
  // Word indexes repeated here: this function runs from its text, without the module around it.
  const [finished, result, progress, words] = [0, 1, 2, 4];
  threads.parentPort!.on('message', (job: KernelJob) => {
    const control = new Int32Array(job.control, job.slot * words * 4, words);
    let outcome: number;
    try {
      const { N, K, params: p } = job;
      const kBlocks = Math.ceil(K / p.blockSize);
      const rowCodes = (kBlocks * p.blockSize * p.bits) / 8;
      const zpPerRow = Math.ceil((kBlocks * p.bits) / 8);
      // Whole fours of rows where there are four (the search takes four rows at a time).
      const chunkRows = Math.min(N, Math.max(4, Math.floor((256 * 1024) / (K * 4 * 4)) * 4));
      // Layout: scratch (5 blocks of 256) | weights | x chunk | codes | scales | zero points
      let at = align(scratch + 5 * 256 * 4);
      const weightsAt = p.importance ? at : 0;
      if (p.importance) at = align(at + K * 4);
      const xAt = at;
      at = align(at + chunkRows * K * 4);
      const codesAt = at;
      at = align(at + chunkRows * rowCodes);
      const scalesAt = at;
      at = align(at + chunkRows * kBlocks * 4);
      const zpAt = p.symmetric ? 0 : at;
      at = align(at + chunkRows * zpPerRow);
      if (e.memory.buffer.byteLength < at) e.memory.grow(Math.ceil((at - e.memory.buffer.byteLength) / 65536));
      // Taken after growing (growing detaches the previous buffer); the kernels never grow it.
      const heap = e.memory.buffer;
      if (p.importance) new Float32Array(heap, weightsAt, K).set(p.importance);
      const rows = new Float32Array(job.rows, 0, N * K);
      const codes = new Uint8Array(job.codes, 0, N * rowCodes);
      const scales = new Float32Array(job.scales, 0, N * kBlocks);
      const zeroPoints = job.zeroPoints ? new Uint8Array(job.zeroPoints, 0, N * zpPerRow) : null;
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
        Atomics.add(control, progress, 1);
      }
      outcome = 1 + bad;
    } catch {
      outcome = -1;
    }
    Atomics.store(control, result, outcome);
    Atomics.store(control, finished, job.number);
    Atomics.notify(control, finished);
  });
}

/**
 * Shared buffers of one worker, kept and grown: fresh memory costs page faults on every use. A worker's
 * buffers serve one job at a time: `quantize` returns (or throws) only once every job it posted is
 * finished, and a pool whose worker stalled is closed, its buffers never used again.
 */
class WorkerBuffers {
  rows = new SharedArrayBuffer(0);
  codes = new SharedArrayBuffer(0);
  scales = new SharedArrayBuffer(0);
  zeroPoints = new SharedArrayBuffer(0);

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
  /** The synchronization words (`FINISHED`, `RESULT`, `PROGRESS`), `WORDS` per worker. */
  readonly control: SharedArrayBuffer;
  private lastJob = 0;
  private closed = false;

  /** `threads` in all, this one included. */
  constructor(readonly threads = os.availableParallelism()) {
    const wasm = Buffer.from(KERNELS_WASM_BASE64, 'base64');
    this.workers = Array.from({ length: Math.max(0, threads - 1) }, () => {
      const w = new Worker(`(${kernelWorker.toString()})()`, { eval: true, workerData: { wasm } });
      w.unref(); // an idle pool never keeps the process alive
      return w;
    });
    this.buffers = this.workers.map(() => new WorkerBuffers());
    this.control = new SharedArrayBuffer(Math.max(1, this.workers.length) * WORDS * 4);
  }

  /** Whether the pool can still be used (not closed, no worker given up on). */
  get usable(): boolean {
    return !this.closed;
  }

  /** Quantizes like `quantizeRows`, the rows split evenly across the threads. */
  quantize(rows: Float32Array, N: number, K: number, p: QuantParams, into?: PackedOutput): PackedMatrix {
    if (this.closed) throw new Error('quantizeRows: the kernel pool is closed');
    if (rows.length !== N * K) throw new Error(`quantizeRows: ${rows.length} values for [${N}, ${K}]`);
    const kBlocks = kBlocksOf(K, p.blockSize);
    const rowCodes = kBlocks * blobSize(p.bits, p.blockSize);
    const zpPerRow = zeroPointRowBytes(kBlocks, p.bits);
    const codes = into?.codes ?? new Uint8Array(N * rowCodes);
    const scales = into?.scales ?? new Float32Array(N * kBlocks);
    const zeroPoints = p.symmetric ? null : (into?.zeroPoints ?? new Uint8Array(N * zpPerRow));
    // Ranges of whole fours of rows (the search takes four rows at a time).
    const per = Math.ceil(N / this.threads / 4) * 4;
    const mine = Math.min(N, per);
    const params = kernelParams(p, K);
    const jobs: Array<{ slot: number; number: number; first: number; n: number }> = [];
    for (let slot = 0; slot < this.workers.length; slot++) {
      const first = Math.min(N, mine + slot * per);
      const n = Math.min(N, first + per) - first;
      if (n <= 0) break;
      const b = this.buffers[slot]!;
      b.fit(n * K * 4, n * rowCodes, n * kBlocks * 4, zeroPoints ? n * zpPerRow : 0);
      new Float32Array(b.rows, 0, n * K).set(rows.subarray(first * K, (first + n) * K));
      this.lastJob = this.lastJob >= 0x7fffffff ? 1 : this.lastJob + 1;
      const job: KernelJob = {
        number: this.lastJob,
        control: this.control,
        slot,
        rows: b.rows,
        N: n,
        K,
        params,
        codes: b.codes,
        scales: b.scales,
        zeroPoints: zeroPoints ? b.zeroPoints : null,
      };
      this.workers[slot]!.postMessage(job);
      jobs.push({ slot, number: job.number, first, n });
    }
    // This thread's range. Whatever happens here, the workers' jobs are waited for before returning or
    // throwing: their buffers serve the next call.
    let bad = 0;
    let workerFailed = false;
    try {
      bad += packRows(rows.subarray(0, mine * K), mine, K, params, {
        codes: codes.subarray(0, mine * rowCodes),
        scales: scales.subarray(0, mine * kBlocks),
        zeroPoints: zeroPoints ? zeroPoints.subarray(0, mine * zpPerRow) : null,
      });
    } finally {
      for (const { slot, number } of jobs) {
        const outcome = this.finish(slot, number);
        if (outcome < 0) workerFailed = true;
        else bad += outcome - 1;
      }
    }
    if (workerFailed) throw new Error('quantizeRows: a kernel worker failed');
    if (bad > 0) throw nonFiniteError(bad);
    for (const { slot, first, n } of jobs) {
      const b = this.buffers[slot]!;
      codes.set(new Uint8Array(b.codes, 0, n * rowCodes), first * rowCodes);
      scales.set(new Float32Array(b.scales, 0, n * kBlocks), first * kBlocks);
      if (zeroPoints) zeroPoints.set(new Uint8Array(b.zeroPoints, 0, n * zpPerRow), first * zpPerRow);
    }
    return { N, K, bits: p.bits, blockSize: p.blockSize, kBlocks, codes, scales, zeroPoints };
  }

  /**
   * Waits until the worker in `slot` has finished job `number` and returns its result. Any wake-up only
   * leads to another look at `FINISHED`. A worker that stops making progress for `STALL_MS` is given up
   * on: the pool closes (its buffers may still be written) and this throws.
   */
  private finish(slot: number, number: number): number {
    const control = new Int32Array(this.control, slot * WORDS * 4, WORDS);
    let progress = Atomics.load(control, PROGRESS);
    let since = performance.now();
    for (;;) {
      const finished = Atomics.load(control, FINISHED);
      if (finished === number) return Atomics.load(control, RESULT);
      Atomics.wait(control, FINISHED, finished, 1000);
      const now = Atomics.load(control, PROGRESS);
      if (now !== progress) {
        progress = now;
        since = performance.now();
      } else if (Atomics.load(control, FINISHED) !== number && performance.now() - since > STALL_MS) {
        void this.close();
        throw new Error('quantizeRows: a kernel worker stopped answering');
      }
    }
  }

  async close(): Promise<void> {
    this.closed = true;
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
  if (!shared || !shared.usable || shared.threads !== threads) {
    void shared?.close();
    shared = new KernelPool(threads);
  }
  return shared.quantize(rows, N, K, p);
}
