/**
 * The kernels on every core (for large matrices and the benchmark): rows are split into contiguous ranges, one per worker thread, over shared
 * memory (the packed layout is row-major, so each range writes its own slice of the outputs).
 */
import * as os from 'node:os';
import { Worker } from 'node:worker_threads';
import { blobSize } from '../formats/layout.js';
import type { PackedMatrix, QuantParams } from './blockwise.js';

export interface KernelJob {
  rows: SharedArrayBuffer;
  codes: SharedArrayBuffer;
  scales: SharedArrayBuffer;
  zeroPoints: SharedArrayBuffer | null;
  first: number;
  last: number;
  K: number;
  params: QuantParams;
}

export class KernelPool {
  private readonly workers: Worker[];

  constructor(readonly threads = os.availableParallelism()) {
    this.workers = Array.from({ length: threads }, () => new Worker(new URL('./worker.js', import.meta.url)));
  }

  async quantize(rows: Float32Array, N: number, K: number, p: QuantParams): Promise<PackedMatrix> {
    const kBlocks = Math.ceil(K / p.blockSize);
    // Rows already in shared memory are read in place; others are copied there once.
    let shared: SharedArrayBuffer;
    if (rows.buffer instanceof SharedArrayBuffer && rows.byteOffset === 0 && rows.byteLength === rows.buffer.byteLength) {
      shared = rows.buffer;
    } else {
      shared = new SharedArrayBuffer(rows.byteLength);
      new Float32Array(shared).set(rows);
    }
    const codes = new SharedArrayBuffer(N * kBlocks * blobSize(p.bits, p.blockSize));
    const scales = new SharedArrayBuffer(N * kBlocks * 4);
    const zpPerRow = Math.ceil((kBlocks * p.bits) / 8);
    const zeroPoints = p.symmetric ? null : new SharedArrayBuffer(N * zpPerRow);
    const per = Math.ceil(N / this.threads);
    await Promise.all(
      this.workers.map((w, i) => {
        const first = Math.min(N, i * per);
        const last = Math.min(N, first + per);
        if (first >= last) return Promise.resolve();
        return new Promise<void>((resolve, reject) => {
          const fail = (err: Error) => reject(err);
          w.once('error', fail);
          w.once('message', () => {
            w.off('error', fail);
            resolve();
          });
          w.postMessage({ rows: shared, codes, scales, zeroPoints, first, last, K, params: p } satisfies KernelJob);
        });
      }),
    );
    return {
      N,
      K,
      bits: p.bits,
      blockSize: p.blockSize,
      kBlocks,
      codes: new Uint8Array(codes),
      scales: new Float32Array(scales),
      zeroPoints: zeroPoints ? new Uint8Array(zeroPoints) : null,
    };
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}
