/** Worker side of the kernel pool: quantizes a range of rows, reading and writing shared memory. */
import { parentPort } from 'node:worker_threads';
import { blobSize } from '../formats/layout.js';
import { quantizeRows } from './blockwise.js';
import type { KernelJob } from './pool.js';

parentPort?.on('message', (job: KernelJob) => {
  const n = job.last - job.first;
  const kBlocks = Math.ceil(job.K / job.params.blockSize);
  const zpPerRow = Math.ceil((kBlocks * job.params.bits) / 8);
  const rowBytes = kBlocks * blobSize(job.params.bits, job.params.blockSize);
  quantizeRows(new Float32Array(job.rows, job.first * job.K * 4, n * job.K), n, job.K, job.params, {
    codes: new Uint8Array(job.codes, job.first * rowBytes, n * rowBytes),
    scales: new Float32Array(job.scales, job.first * kBlocks * 4, n * kBlocks),
    zeroPoints: job.zeroPoints ? new Uint8Array(job.zeroPoints, job.first * zpPerRow, n * zpPerRow) : null,
  });
  parentPort!.postMessage('done');
});
