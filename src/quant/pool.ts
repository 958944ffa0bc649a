/**
 * The kernels on more than one core, synchronously: the rows are cut into chunks of whole fours of rows,
 * and this thread and the worker threads take chunks one after another from a shared counter until none is
 * left, so that a thread that starts late or runs slower (a core shared with other work) takes fewer
 * chunks instead of holding up the end. Every thread runs its own instance of the WebAssembly kernels on the
 * one shared memory (`WasmKernels.prepareShared`): the rows are read where they lie (where the rewrite put
 * them, or copied in once), each chunk's outputs written to its rows' slice of one area, each thread with
 * its own scratch area, so the bytes do not depend on which thread took which chunk. This thread then waits
 * until every chunk taken is finished, and only then copies the outputs out.
 *
 * Worth it only for large layers: below `PARALLEL_MIN_WORK` the hand-off (waking the workers, waiting
 * for the last chunk) costs more than it saves (measured by `npm run bench`).
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
import {
  checkFactors,
  nonFiniteWeights,
  quantizeSuperBlocks,
  superBlockMatrix,
  superBlockOutputs,
  superBlockParams,
  type SuperBlockBits,
  type SuperBlockMatrix,
  type SuperBlockOptions,
} from './super-blocks.js';
import {
  callOf,
  quantizeAt,
  superBlocksAt,
  type QuantizeCall,
  type SuperBlockCall,
  type SuperBlockParams,
  type WasmKernels,
} from './wasm-kernels.js';

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
 * Relative cost per value of the super-block quantizer (round-to-nearest = 1): round-to-nearest takes about
 * 1.5 ms for 2M values (`PARALLEL_MIN_WORK`), about 5 GB/s; the super-block quantizer in WebAssembly ran at
 * 40–44 MB/s on one thread (bench-kernels.js --super-blocks, load 2–3.7): about 120×, so a layer from about
 * 17K values (1.5 ms of its work) goes to the pool.
 */
export const SUPER_BLOCK_WORK = 120;

/**
 * The shared words of the pool (one buffer, `control`):
 * - `CLAIM` (64 bits, the first 8 bytes): the job's number × 2^32 + the next chunk to take. A thread takes
 *   chunk i by a compare-and-swap from i to i + 1 under its job's number; a worker that comes to a job late
 *   (after this thread has closed it, or when a later job is under way) finds the chunks all taken or
 *   another number, and takes none.
 * - `DONE`: chunks finished (or failed) in this job; this thread waits until it equals the chunks taken.
 *   Any wake-up only leads to another look, so a late or spurious notify is harmless.
 * - `BAD`: the job's non-finite blocks; `FAILED`: 1 if a worker's chunk threw.
 * This thread resets them before opening a job, when no worker holds a chunk of any job.
 */
const DONE = 2;
const BAD = 3;
const FAILED = 4;
/**
 * From here, one word per chunk: 1 once the chunk is finished. This thread copies the outputs of the
 * finished chunks out between its own chunks, in order, so that little copying is left at the end (a copy
 * at the end, on this thread alone, held the pool near 1.7× where the quantizing reached 1.9×).
 */
const CHUNK_FLAGS = 8;

/** No chunk finishing for this long means a worker is dead (it is never given up on while chunks finish). */
const STALL_MS = 120_000;

/**
 * A worker's job: chunks of `chunkRows` rows of `call` (with the worker's own scratch area), `rows` in all;
 * `kind` says which entry point: the plain layout's `quantize` or `quantizeSuperBlocks`.
 */
type KernelJob = {
  /** The job's number, 1 … 2^31 − 1, in `CLAIM`'s upper half. */
  number: number;
  control: SharedArrayBuffer;
  rows: number;
  chunkRows: number;
} & KernelCall;

/** Which entry point a job runs, on which call. */
type KernelCall = { kind: 'plain'; call: QuantizeCall } | { kind: 'super'; call: SuperBlockCall };

/**
 * Takes the next chunk of job `number` (`CLAIM` in `claim`), or returns −1 when its chunks are all taken
 * or another job is under way. The one copy of the claim: this thread calls it, and the workers run its
 * source text (so it refers to nothing outside itself).
 */
export function takeChunk(claim: BigInt64Array, number: number, chunks: number): number {
  const tag = BigInt(number);
  for (;;) {
    const current = Atomics.load(claim, 0);
    if (current >> 32n !== tag) return -1;
    const index = Number(current & 0xffffffffn);
    if (index >= chunks) return -1;
    if (Atomics.compareExchange(claim, 0, current, current + 1n) === current) return index;
  }
}

/**
 * The worker's whole program, self-contained (it runs from its source text, so it also runs from the
 * single-file bundles in dist/): instantiate the kernels on the shared memory, then for each job take and
 * quantize chunks in place until none is left, counting each finished chunk in `DONE`.
 */
function kernelWorker(quantize: typeof quantizeAt, superBlocks: typeof superBlocksAt, take: typeof takeChunk): void {
  type Api = { Instance: new (m: object, i: object) => { exports: unknown } };
  // Not `require`/`import`: bundlers would rewrite those, and this text runs on its own.
  const threads = process.getBuiltinModule('node:worker_threads');
  const data = threads.workerData as { module: object; memory: object };
  const api = (globalThis as unknown as { WebAssembly: Api }).WebAssembly;
  const e = new api.Instance(data.module, { env: { memory: data.memory } }).exports as Parameters<typeof quantizeAt>[0] &
    Parameters<typeof superBlocksAt>[0];
  // Word indexes repeated here: this function runs from its text, without the module around it.
  const [done, bad, failed, flags] = [2, 3, 4, 8];
  threads.parentPort!.on('message', (job: KernelJob) => {
    const claim = new BigInt64Array(job.control, 0, 1);
    const words = new Int32Array(job.control);
    const chunks = Math.ceil(job.rows / job.chunkRows);
    for (let i = take(claim, job.number, chunks); i >= 0; i = take(claim, job.number, chunks)) {
      try {
        const first = i * job.chunkRows;
        const n = Math.min(job.chunkRows, job.rows - first);
        const found = job.kind === 'plain' ? quantize(e, job.call, first, n) : superBlocks(e, job.call, first, n);
        if (found > 0) Atomics.add(words, bad, found);
        Atomics.store(words, flags + i, 1);
      } catch {
        Atomics.store(words, failed, 1);
      }
      Atomics.add(words, done, 1);
      Atomics.notify(words, done);
    }
  });
}

/**
 * Rows per chunk: whole fours (the search takes four rows at a time), about 32 chunks per thread so that
 * the last chunk finishing (while the other threads have nothing left) is a small part of the whole, but
 * at least 64K values, where a chunk's claim and call cost next to nothing.
 */
export function chunkRowsOf(N: number, K: number, threads: number): number {
  const byShare = Math.floor(N / (threads * 32) / 4) * 4;
  const byFloor = Math.ceil(65536 / K / 4) * 4;
  return Math.min(Math.max(4, Math.ceil(N / 4) * 4), Math.max(4, byShare, byFloor));
}

export class KernelPool {
  private readonly workers: Worker[];
  private readonly kernels: WasmKernels;
  /** The synchronization words (`CLAIM`, `DONE`, `BAD`, `FAILED`, the chunks' flags), replaced by a larger one when a job has more chunks. */
  control: SharedArrayBuffer;
  private claim: BigInt64Array;
  private words: Int32Array;
  private lastJob = 0;
  private closed = false;

  /** `threads` in all, this one included. Needs the WebAssembly kernels. */
  constructor(readonly threads = os.availableParallelism()) {
    const kernels = wasmKernels();
    if (!kernels) throw new Error('quantizeRows: the kernel pool needs WebAssembly SIMD');
    this.kernels = kernels;
    this.workers = Array.from({ length: Math.max(0, threads - 1) }, () => {
      const w = new Worker(`(${kernelWorker.toString()})(${quantizeAt.toString()}, ${superBlocksAt.toString()}, ${takeChunk.toString()})`, {
        eval: true,
        workerData: { module: kernels.module, memory: kernels.memory },
      });
      w.unref(); // an idle pool never keeps the process alive
      return w;
    });
    this.control = new SharedArrayBuffer((CHUNK_FLAGS + 64) * 4);
    this.claim = new BigInt64Array(this.control, 0, 1);
    this.words = new Int32Array(this.control);
  }

  /**
   * Words for a job of `chunks` chunks. A larger buffer is a new one: a worker still reading an earlier
   * job's buffer finds that job closed there.
   */
  private controlFor(chunks: number): void {
    if (this.words.length >= CHUNK_FLAGS + chunks) return;
    this.control = new SharedArrayBuffer((CHUNK_FLAGS + chunks) * 4);
    this.claim = new BigInt64Array(this.control, 0, 1);
    this.words = new Int32Array(this.control);
  }

  /** Whether the pool can still be used (not closed, no worker given up on). */
  get usable(): boolean {
    return !this.closed;
  }

  /** Quantizes like `quantizeRows`, the rows shared out chunk by chunk among `threads` of the pool's threads. */
  quantize(rows: Float32Array, N: number, K: number, p: QuantParams, into?: PackedOutput, threads = this.threads): PackedMatrix {
    if (rows.length !== N * K) throw new Error(`quantizeRows: ${rows.length} values for [${N}, ${K}]`);
    const kBlocks = kBlocksOf(K, p.blockSize);
    const rowCodes = kBlocks * blobSize(p.bits, p.blockSize);
    const zpPerRow = zeroPointRowBytes(kBlocks, p.bits);
    const codes = into?.codes ?? new Uint8Array(N * rowCodes);
    const scales = into?.scales ?? new Float32Array(N * kBlocks);
    const zeroPoints = p.symmetric ? null : (into?.zeroPoints ?? new Uint8Array(N * zpPerRow));
    const params = kernelParams(p, K);
    const layout = this.kernels.prepareShared(rows, N, K, params, this.workers.length);
    const bad = this.run(N, K, threads, {
      job: (slot) => ({ kind: 'plain', call: callOf(layout, layout.scratch[slot]!, K, params) }),
      own: (first, n) => this.kernels.quantizeShared(layout, first, n, K, params),
      copyOut: (first, n) => this.kernels.copyOut(layout, first, n, codes, scales, zeroPoints),
    });
    if (bad > 0) throw nonFiniteError(bad);
    return { N, K, bits: p.bits, blockSize: p.blockSize, kBlocks, codes, scales, zeroPoints };
  }

  /** Quantizes like `quantizeSuperBlocks`, the rows shared out chunk by chunk among `threads` of the pool's threads. */
  quantizeSuperBlocks(rows: Float32Array, N: number, K: number, p: SuperBlockParams, threads = this.threads): SuperBlockMatrix {
    const out = superBlockOutputs(N, p);
    const layout = this.kernels.prepareSharedSuper(rows, N, K, p, this.workers.length);
    const bad = this.run(N, K, threads, {
      job: (slot) => ({ kind: 'super', call: { ...layout.call, scratch: layout.scratch[slot]! } }),
      own: (first, n) => this.kernels.quantizeSuperShared(layout, first, n),
      copyOut: (first, n) => this.kernels.copyOutSuper(layout.call, first, n, out),
    });
    if (bad > 0) throw nonFiniteWeights(rows.subarray(0, N * K))!;
    checkFactors(out.superScales);
    return superBlockMatrix(N, p, out);
  }

  /**
   * Runs one job of N rows (laid out in the memory already) on `threads` of the pool's threads: each worker
   * gets `job(slot)` (its call, with its scratch area), this thread quantizes with `own`; `copyOut` copies the
   * finished chunks' outputs out. Returns the job's non-finite count; throws if a worker failed.
   */
  private run(
    N: number,
    K: number,
    threads: number,
    work: {
      job: (slot: number) => KernelCall;
      own: (first: number, n: number) => number;
      copyOut: (first: number, n: number) => void;
    },
  ): number {
    if (this.closed) throw new Error('quantizeRows: the kernel pool is closed');
    const helpers = this.workers.slice(0, Math.max(0, Math.min(threads, this.threads) - 1));
    const chunkRows = chunkRowsOf(N, K, helpers.length + 1);
    const chunks = Math.ceil(N / chunkRows);
    this.controlFor(chunks);
    const { claim, words } = this;
    // Open the job: no worker holds a chunk of an earlier one (each call waits for all its chunks).
    this.lastJob = this.lastJob >= 0x7fffffff ? 1 : this.lastJob + 1;
    const number = this.lastJob;
    words.fill(0, DONE, CHUNK_FLAGS + chunks);
    Atomics.store(claim, 0, BigInt(number) << 32n);
    // Copies out the outputs of the finished chunks that follow the ones copied (an acquiring load of each
    // flag: the worker stored it after writing the chunk's outputs).
    let copied = 0;
    const copyFinished = () => {
      for (; copied < chunks && Atomics.load(words, CHUNK_FLAGS + copied) === 1; copied++) {
        const first = copied * chunkRows;
        work.copyOut(first, Math.min(chunkRows, N - first));
      }
    };
    if (chunks > 1) {
      helpers.forEach((worker, slot) => {
        const job: KernelJob = { number, control: this.control, rows: N, chunkRows, ...work.job(slot) };
        worker.postMessage(job);
      });
    }
    // This thread's chunks. Whatever happens here, every chunk taken is waited for before returning or
    // throwing: the workers write into areas of the memory that serve the next call.
    let bad = 0;
    try {
      for (let i = takeChunk(claim, number, chunks); i >= 0; i = takeChunk(claim, number, chunks)) {
        try {
          const first = i * chunkRows;
          bad += work.own(first, Math.min(chunkRows, N - first));
          Atomics.store(words, CHUNK_FLAGS + i, 1);
        } finally {
          Atomics.add(words, DONE, 1);
        }
        copyFinished();
      }
    } finally {
      this.finish(this.closeJob(number, chunks));
    }
    if (Atomics.load(words, FAILED) !== 0) throw new Error('quantizeRows: a kernel worker failed');
    bad += Atomics.load(words, BAD);
    if (bad === 0) copyFinished();
    return bad;
  }

  /** Lets no more chunks of job `number` be taken; returns how many were. */
  private closeJob(number: number, chunks: number): number {
    const closed = (BigInt(number) << 32n) + BigInt(chunks);
    for (;;) {
      const current = Atomics.load(this.claim, 0);
      const taken = Math.min(chunks, Number(current & 0xffffffffn));
      if (Atomics.compareExchange(this.claim, 0, current, closed) === current) return taken;
    }
  }

  /**
   * Waits until `taken` chunks are finished. Any wake-up only leads to another look at `DONE`. If no chunk
   * finishes for `STALL_MS`, a worker is taken as dead: the pool closes (its buffers may still be written)
   * and this throws.
   */
  private finish(taken: number): void {
    const words = this.words;
    let done = Atomics.load(words, DONE);
    let since = performance.now();
    while (done < taken) {
      Atomics.wait(words, DONE, done, 1000);
      const now = Atomics.load(words, DONE);
      if (now !== done) {
        done = now;
        since = performance.now();
      } else if (performance.now() - since > STALL_MS) {
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

/** The machine's CPU time (all cores) and this process's, in milliseconds, at one moment. */
export interface CpuSample {
  at: number;
  machine: number;
  own: number;
}

function sampleCpu(): CpuSample {
  const machine = os.cpus().reduce((sum, c) => sum + c.times.user + c.times.nice + c.times.sys + c.times.irq, 0);
  const own = process.cpuUsage();
  return { at: performance.now(), machine, own: (own.user + own.system) / 1000 };
}

/** Cores kept busy by other processes between two samples: the machine's CPU time less this process's. */
export function othersBusyCores(from: CpuSample, to: CpuSample): number {
  const elapsed = to.at - from.at;
  if (!(elapsed > 0)) return 0;
  return Math.max(0, to.machine - from.machine - (to.own - from.own)) / elapsed;
}

/** Threads for a layer: one per core that other processes leave free (`cpus` of the machine), at least this one. */
export function threadsFor(cores: number, cpus: number, othersBusy: number): number {
  return Math.max(1, Math.min(cores, Math.round(cpus - othersBusy)));
}

/**
 * Other processes' load, measured over at least a second: the load average counts this process too, and a
 * long quantization on all cores would see its own load and fall back to one thread half the time. Before
 * a first interval, the load average stands in (this process has not run long on more than one core).
 */
const loadWindowMs = 1000;
let lastSample: CpuSample | undefined;
let othersBusy: number | undefined;
function othersLoad(): number {
  const now = sampleCpu();
  if (!lastSample) lastSample = now;
  else if (now.at - lastSample.at >= loadWindowMs) {
    othersBusy = othersBusyCores(lastSample, now);
    lastSample = now;
  }
  return othersBusy ?? os.loadavg()[0]!;
}

let shared: KernelPool | undefined;

/**
 * The pool and how many of its threads a layer of `work` (values × the method's cost) takes, or null for
 * this thread alone: a small layer (below `PARALLEL_MIN_WORK`), one core, no WebAssembly, or no core that
 * other processes leave free (`othersLoad`). The pool (a worker per core but this one) is created on first
 * need and kept (idle workers do not keep the process alive).
 */
function poolFor(work: number): { pool: KernelPool; threads: number } | null {
  const cores = os.availableParallelism();
  if (cores < 2 || work < PARALLEL_MIN_WORK || kernelImplementation() !== 'wasm') return null;
  const threads = threadsFor(cores, os.cpus().length, othersLoad());
  if (threads < 2) return null;
  if (!shared || !shared.usable) shared = new KernelPool(cores);
  return { pool: shared, threads };
}

/** `quantizeRows` on as many cores as `poolFor` gives a layer of its size and method; on this thread otherwise. */
export function quantizeRowsParallel(rows: Float32Array, N: number, K: number, p: QuantParams, into?: PackedOutput): PackedMatrix {
  const use = poolFor(workOf(N * K, p));
  return use ? use.pool.quantize(rows, N, K, p, into, use.threads) : quantizeRows(rows, N, K, p, into);
}

/**
 * `quantizeSuperBlocks` on as many cores as `poolFor` gives a layer of its size (the work counted at
 * `SUPER_BLOCK_WORK` per value); on this thread otherwise, or in JavaScript where WebAssembly is missing.
 */
export function quantizeSuperBlocksParallel(
  rows: Float32Array,
  N: number,
  K: number,
  bits: SuperBlockBits,
  options: SuperBlockOptions,
): SuperBlockMatrix {
  const use = poolFor(N * K * SUPER_BLOCK_WORK);
  return use
    ? use.pool.quantizeSuperBlocks(rows, N, K, superBlockParams(K, bits, options), use.threads)
    : quantizeSuperBlocks(rows, N, K, bits, options);
}
