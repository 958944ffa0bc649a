/**
 * The kernels on more than one core, synchronously: the rows are split into contiguous ranges, the last
 * ones quantized by worker threads while this thread quantizes the first range. Every thread runs its own
 * instance of the WebAssembly kernels on the one shared memory (`WasmKernels.prepareShared`): the rows
 * are read where they lie (where the rewrite put them, or copied in once), each range's outputs written
 * to its own slice of one area, each thread with its own scratch area. This thread then waits until each
 * worker reports the number of the job it was given as finished (see `FINISHED`), and only then copies
 * the outputs out.
 *
 * Worth it only for large layers: below `PARALLEL_MIN_WORK` the hand-off (waking the workers, waiting
 * for the last) costs more than it saves (measured by `npm run bench`).
 */
import * as os from 'node:os';
import { Worker } from 'node:worker_threads';
import { blobSize, kBlocksOf, zeroPointRowBytes } from '../formats/layout.js';
import {
  kernelImplementation,
  kernelParams,
  nonFiniteError,
  quantizeRows,
  wasmKernels,
  type PackedMatrix,
  type PackedOutput,
  type QuantParams,
} from './blockwise.js';
import { callOf, quantizeAt, type QuantizeCall, type WasmKernels } from './wasm-kernels.js';

/**
 * Work (values × the cost of the method, `workOf`) from which a layer is split across threads: 2M values
 * of round-to-nearest (about 1.5 ms on one thread here). Set from the bench's pool table (2 cores,
 * `node build/scripts/bench-kernels.js`): the pool's hand-off costs about 0.2–0.3 ms, so it pays from about
 * 1 ms of one thread's work. Two runs (load 0.9 and 1.7): round-to-nearest 0.95–1.1× at 1M values, 0.96–1.67×
 * at 2M; the search 1.06–1.2× at 0.25M values, 0.96–1.5× at 0.5M, 1.1–1.8× at 1M, 1.7–2.1× from 2M.
 */
export const PARALLEL_MIN_WORK = 2 * 1024 * 1024;

/**
 * Relative cost per value of a method (round-to-nearest = 1), for the threshold: the search as the bench
 * prints it (CPU time, one thread): symmetric 3.0× INT8, 3.6× INT4, 3.7× INT2; asymmetric 3.6–3.7× (4.0×
 * before its clamp-free candidates; 4 kept); weighted (magnitude, as `--scale search` runs it, or importance)
 * 4.6× INT4, 5.2× INT2 symmetric, 5.8× asymmetric (three candidates and up to three refits). Since the
 * four-row search takes two block columns at a time (two busy-machine runs, load 4.8–7.0): 2.6× INT8,
 * 3.1× INT4 and INT2 symmetric, 3.1–3.4× asymmetric, weighted 3.8–4.1× INT4, 4.3–4.4× INT2 symmetric,
 * 4.9–5.1× asymmetric; the factors below kept (now a little high: slightly smaller layers go to the pool).
 */
export function workOf(count: number, p: QuantParams): number {
  const weighted = (p.magnitudeWeights ?? false) || p.importance !== undefined;
  return count * (!p.search ? 1 : weighted ? (p.bits === 2 ? 6 : 5) : p.symmetric ? 3 : 4);
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

/** A worker's job: rows [first, first + n) of `call` (with the worker's own scratch area). */
interface KernelJob {
  /** The job's number, ≥ 1, stored into `FINISHED` when done. */
  number: number;
  control: SharedArrayBuffer;
  /** The worker's words in `control` start at `slot · WORDS`. */
  slot: number;
  call: QuantizeCall;
  first: number;
  n: number;
}

/**
 * The worker's whole program, self-contained (it runs from its source text, so it also runs from the
 * single-file bundles in dist/): instantiate the kernels on the shared memory, then for each job quantize
 * its rows in place, a few million values at a time (each piece counts as progress), and signal.
 */
function kernelWorker(quantize: typeof quantizeAt): void {
  type Api = { Instance: new (m: object, i: object) => { exports: unknown } };
  // Not `require`/`import`: bundlers would rewrite those, and this text runs on its own.
  const threads = process.getBuiltinModule('node:worker_threads');
  const data = threads.workerData as { module: object; memory: object };
  const api = (globalThis as unknown as { WebAssembly: Api }).WebAssembly;
  const e = new api.Instance(data.module, { env: { memory: data.memory } }).exports as Parameters<typeof quantizeAt>[0];
  // Word indexes repeated here: this function runs from its text, without the module around it.
  const [finished, result, progress, words] = [0, 1, 2, 4];
  threads.parentPort!.on('message', (job: KernelJob) => {
    const control = new Int32Array(job.control, job.slot * words * 4, words);
    let outcome: number;
    try {
      const { first, n, call } = job;
      const step = Math.max(4, Math.floor((1 << 22) / call.K / 4) * 4);
      let bad = 0;
      for (let done = 0; done < n; done += step) {
        bad += quantize(e, call, first + done, Math.min(step, n - done));
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

export class KernelPool {
  private readonly workers: Worker[];
  private readonly kernels: WasmKernels;
  /** The synchronization words (`FINISHED`, `RESULT`, `PROGRESS`), `WORDS` per worker. */
  readonly control: SharedArrayBuffer;
  private lastJob = 0;
  private closed = false;

  /** `threads` in all, this one included. Needs the WebAssembly kernels. */
  constructor(readonly threads = os.availableParallelism()) {
    const kernels = wasmKernels();
    if (!kernels) throw new Error('quantizeRows: the kernel pool needs WebAssembly SIMD');
    this.kernels = kernels;
    this.workers = Array.from({ length: Math.max(0, threads - 1) }, () => {
      const w = new Worker(`(${kernelWorker.toString()})(${quantizeAt.toString()})`, {
        eval: true,
        workerData: { module: kernels.module, memory: kernels.memory },
      });
      w.unref(); // an idle pool never keeps the process alive
      return w;
    });
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
    const params = kernelParams(p, K);
    const layout = this.kernels.prepareShared(rows, N, K, params, this.workers.length);
    // Ranges of whole fours of rows (the search takes four rows at a time).
    const per = Math.ceil(N / this.threads / 4) * 4;
    const mine = Math.min(N, per);
    const jobs: Array<{ slot: number; number: number }> = [];
    for (let slot = 0; slot < this.workers.length; slot++) {
      const first = Math.min(N, mine + slot * per);
      const n = Math.min(N, first + per) - first;
      if (n <= 0) break;
      this.lastJob = this.lastJob >= 0x7fffffff ? 1 : this.lastJob + 1;
      const call = callOf(layout, layout.scratch[slot]!, K, params);
      const job: KernelJob = { number: this.lastJob, control: this.control, slot, call, first, n };
      this.workers[slot]!.postMessage(job);
      jobs.push({ slot, number: job.number });
    }
    // This thread's range. Whatever happens here, the workers' jobs are waited for before returning or
    // throwing: their areas of the memory serve the next call.
    let bad = 0;
    let workerFailed = false;
    try {
      bad += this.kernels.quantizeShared(layout, 0, mine, K, params);
    } finally {
      for (const { slot, number } of jobs) {
        const outcome = this.finish(slot, number);
        if (outcome < 0) workerFailed = true;
        else bad += outcome - 1;
      }
    }
    if (workerFailed) throw new Error('quantizeRows: a kernel worker failed');
    if (bad > 0) throw nonFiniteError(bad);
    this.kernels.copyOut(layout, N, codes, scales, zeroPoints);
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
export function quantizeRowsParallel(rows: Float32Array, N: number, K: number, p: QuantParams, into?: PackedOutput): PackedMatrix {
  const cores = os.availableParallelism();
  const threads = Math.min(cores, Math.floor(cores - os.loadavg()[0]!) + 1);
  if (threads < 2 || workOf(N * K, p) < PARALLEL_MIN_WORK || kernelImplementation() !== 'wasm') return quantizeRows(rows, N, K, p, into);
  if (!shared || !shared.usable || shared.threads !== threads) {
    void shared?.close();
    shared = new KernelPool(threads);
  }
  return shared.quantize(rows, N, K, p, into);
}
