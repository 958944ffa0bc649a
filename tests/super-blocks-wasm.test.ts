/**
 * The WebAssembly super-block quantizer writes exactly the JavaScript one's bytes (codes, indices, d and dmin,
 * the op's scales and zero points) and throws the same errors, for every bit width, float type, weighting and
 * super-block span; and a whole `quantize --super-blocks` writes the same model with either.
 */
import { spawnSync } from 'node:child_process';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import test from 'ava';
import { normalSamples, seededRandom } from '../src/eval/random.js';
import { kernelImplementation, quantizeRows } from '../src/quant/blockwise.js';
import { KernelPool } from '../src/quant/pool.js';
import {
  FactorRangeError,
  NonFiniteWeights,
  quantizeSuperBlocks,
  quantizeSuperBlocksJs,
  superBlockParams,
  type SuperBlockMatrix,
  type SuperBlockOptions,
} from '../src/quant/super-blocks.js';
import { studentT3 } from '../scripts/bench-kernels.js';
import { CLI, runCli, tempDir, writeModel } from './helpers.js';

/** Every output array of a super-block matrix, as bytes. */
function bytesOf(m: SuperBlockMatrix): Buffer[] {
  const s = m.superBlocks;
  return [m.codes, m.scales, s.zeroPoints, s.indices, s.superScales, s.superMins].map((a) =>
    Buffer.from(a.buffer, a.byteOffset, a.byteLength),
  );
}

/** The JavaScript and WebAssembly results (or errors) of one call, compared byte for byte. */
function same(
  t: import('ava').ExecutionContext,
  x: Float32Array,
  N: number,
  K: number,
  bits: 4 | 2,
  options: SuperBlockOptions,
  what: string,
): void {
  const run = (f: () => SuperBlockMatrix): Buffer[] | string => {
    try {
      return bytesOf(f());
    } catch (err) {
      return `${(err as Error).constructor.name}: ${(err as Error).message}`;
    }
  };
  const js = run(() => quantizeSuperBlocksJs(x, N, K, bits, options));
  const wasm = run(() => quantizeSuperBlocks(x, N, K, bits, options, 'wasm'));
  if (typeof js === 'string' || typeof wasm === 'string') {
    t.is(wasm, js, what);
    return;
  }
  const names = ['codes', 'scales', 'zero points', 'indices', 'd', 'dmin'];
  for (let i = 0; i < js.length; i++) t.true(js[i]!.equals(wasm[i]!), `${what}: ${names[i]} differ`);
}

/** Test matrices of N×K values: normal, heavy-tailed, outliers, constant, zero, huge and small scales, mixed blocks. */
function matrices(N: number, K: number, seed: number): Array<[string, Float32Array]> {
  const count = N * K;
  const normal = normalSamples(count, seed);
  const random = seededRandom(seed + 1);
  const mixed = normal.map((v, i) => {
    const block = Math.floor(i / 16) % 5;
    // Zero blocks, constant blocks, one-signed blocks and plain ones side by side in a super-block.
    return block === 0 ? 0 : block === 1 ? 0.25 : block === 2 ? Math.abs(v) + 3 : block === 3 ? -Math.abs(v) : v;
  });
  return [
    ['N(0,1)', normal],
    ['Student-t', studentT3(count, seed + 2)],
    ['outliers', normal.map((v) => (random() < 0.01 ? v * 40 : v * 0.02))],
    ['all equal', new Float32Array(count).fill(-0.37)],
    ['all zero', new Float32Array(count)],
    ['large', normal.map((v) => v * 3000)],
    ['small', normal.map((v) => v * 2e-5)],
    ['mixed blocks', mixed],
    ['float16 values', normal.map((v) => Math.fround(v * 0.05))],
    // Far from zero with a small spread: float16 zero points beyond 65504 (the index search leaves those pairs out).
    ['offset', normal.map((v, i) => (Math.floor(i / 64) % 2 === 0 ? -3000 + v * 0.002 : v))],
  ];
}

test('the WebAssembly kernels run here (else the comparisons below would compare JavaScript with itself)', (t) => {
  t.is(kernelImplementation(), 'wasm');
});

for (const bits of [4, 2] as const) {
  test(`INT${bits} super-blocks: WebAssembly and JavaScript write the same bytes for every K, float type and weighting`, (t) => {
    // Spans of 256, 192, 128 and 64 (INT4) or 16 (INT2), one super-block or many per row.
    const Ks = bits === 4 ? [64, 256, 384, 896, 4096] : [16, 48, 256, 384, 896, 4096];
    const random = seededRandom(9 + bits);
    for (const K of Ks) {
      const N = K >= 4096 ? 2 : 4;
      const importance = Float32Array.from({ length: K }, () => (random() < 0.05 ? 0 : random() * 10));
      for (const [name, x] of matrices(N, K, K + bits)) {
        for (const float16 of [false, true]) {
          for (const [weighting, options] of [
            ['plain', { float16, magnitudeWeights: false }],
            ['magnitude', { float16, magnitudeWeights: true }],
            ['importance', { float16, magnitudeWeights: false, importance }],
            ['both', { float16, magnitudeWeights: true, importance }],
          ] as const) {
            same(t, x, N, K, bits, options, `K ${K} ${name} float16 ${float16} ${weighting}`);
          }
        }
      }
    }
  });
}

test('super-blocks: WebAssembly and JavaScript throw the same errors (non-finite values, a layer too small for the factors, K that does not split)', (t) => {
  const K = 512;
  const N = 3;
  const options = { float16: true, magnitudeWeights: false };
  const tiny = normalSamples(N * K, 5).map((v) => v * 1e-7);
  t.throws(() => quantizeSuperBlocks(tiny, N, K, 4, options, 'wasm'), { instanceOf: FactorRangeError });
  same(t, tiny, N, K, 4, options, 'σ 1e-7');
  // Only the last super-block too small: the error names its d, as the JavaScript's (which stops there).
  const lastTiny = normalSamples(N * K, 6).map((v, i) => (i >= (N - 1) * K + 256 ? v * 1e-8 : v));
  t.throws(() => quantizeSuperBlocks(lastTiny, N, K, 4, options, 'wasm'), { instanceOf: FactorRangeError });
  same(t, lastTiny, N, K, 4, options, 'one tiny super-block');
  for (const bad of [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]) {
    const x = normalSamples(N * K, 7);
    x[K + 17] = bad;
    x[2 * K + 3] = bad;
    t.throws(() => quantizeSuperBlocks(x, N, K, 2, options, 'wasm'), {
      instanceOf: NonFiniteWeights,
      message: `non-finite weight at ${K + 17}`,
    });
    same(t, x, N, K, 2, options, `${bad}`);
  }
  same(t, normalSamples(2 * 96, 8), 2, 96, 4, options, 'K 96 at INT4');
  t.throws(() => quantizeSuperBlocks(normalSamples(2 * 96, 8), 2, 96, 4, options, 'wasm'), {
    instanceOf: RangeError,
    message: /cannot split K = 96/,
  });
});

test("the worker-thread pool writes what one thread writes for super-blocks, between plain jobs, and reports a worker's NaN or small super-block as one thread does", async (t) => {
  const pool = new KernelPool(3);
  try {
    const K = 384;
    const N = 700; // chunks of 172 rows: five, shared among three threads
    const importance = Float32Array.from({ length: K }, (_, k) => 1 + (k % 5));
    const x = studentT3(N * K, 31);
    for (const [bits, options] of [
      [4, { float16: false, magnitudeWeights: false }],
      [2, { float16: true, magnitudeWeights: true, importance }],
    ] as const) {
      const one = quantizeSuperBlocks(x, N, K, bits, options, 'wasm');
      const many = pool.quantizeSuperBlocks(x, N, K, superBlockParams(K, bits, options));
      const names = ['codes', 'scales', 'zero points', 'indices', 'd', 'dmin'];
      bytesOf(one).forEach((b, i) => t.true(b.equals(bytesOf(many)[i]!), `INT${bits}: ${names[i]} differ`));
      // A plain job on the same pool in between: the workers switch entry points job by job.
      const p = { bits: 4, blockSize: 32, symmetric: false, search: true } as const;
      t.true(Buffer.from(pool.quantize(x, N, K, p).codes).equals(Buffer.from(quantizeRows(x, N, K, p).codes)));
    }
    const options = { float16: true, magnitudeWeights: false };
    const p = superBlockParams(K, 4, options);
    const bad = Float32Array.from(x);
    bad[(N - 3) * K + 100] = Number.NaN; // in the last chunk
    t.throws(() => pool.quantizeSuperBlocks(bad, N, K, p), {
      instanceOf: NonFiniteWeights,
      message: `non-finite weight at ${(N - 3) * K + 100}`,
    });
    const small = x.map((v, i) => (i >= (N - 2) * K && i < (N - 2) * K + 192 ? v * 1e-8 : v));
    const expected = t.throws(() => quantizeSuperBlocksJs(small, N, K, 4, options), { instanceOf: FactorRangeError });
    t.throws(() => pool.quantizeSuperBlocks(small, N, K, p), { instanceOf: FactorRangeError, message: expected?.message });
  } finally {
    await pool.close();
  }
});

/** sha256 of every file under `dir`, by relative name. */
function hashes(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }).sort()) {
    const file = path.join(dir, name);
    if (fs.statSync(file).isFile()) out[name] = crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');
  }
  return out;
}

test('quantize --super-blocks writes the same files on the WebAssembly kernels as on the JavaScript ones (node --jitless has no WebAssembly)', (t) => {
  // K = 128 (span 128) and 384 (span 192); float32 and float16 weights; INT4 plain, INT2 magnitude-weighted (search).
  for (const [floatType, bits, scale] of [
    [undefined, '4', 'rtn'],
    ['float16', '2', 'search'],
  ] as const) {
    const built = writeModel({ arch: 'llama', naming: 'legacy', blocks: 1, hidden: 128, heads: 4, vocab: 64, mlp: 384, floatType });
    const args = ['quantize', built.file, '--bits', bits, '--scale', scale, '--super-blocks', '--no-keep-sensitive', '--quiet', '--out'];
    const cwd = tempDir();
    const wasm = runCli([...args, 'wasm'], cwd);
    t.is(wasm.code, 0, wasm.stderr);
    const js = spawnSync(process.execPath, ['--jitless', CLI, ...args, 'js'], { cwd, encoding: 'utf8' });
    t.is(js.status, 0, js.stderr);
    const wasmFiles = hashes(path.join(cwd, 'wasm'));
    t.true(Object.keys(wasmFiles).some((f) => f.endsWith('.onnx')));
    t.deepEqual(hashes(path.join(cwd, 'js')), wasmFiles, `${floatType ?? 'float32'} INT${bits}`);
    const plan = fs.readFileSync(path.join(cwd, 'wasm', 'model.plan.json'), 'utf8');
    t.true(plan.includes('"super_blocks": true'), plan.slice(0, 400));
  }
});
