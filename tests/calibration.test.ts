/**
 * Data-aware quantization: activation statistics, GPTQ and the importance-weighted search lower a layer's
 * output error on held-out activations against round-to-nearest at the same bytes, and the CLI calibrates
 * a model on one set of token windows and is scored on another.
 */
import test from 'ava';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { normalSamples } from '../src/eval/random.js';
import { ActivationAccumulator } from '../src/quant/activations.js';
import { dequantize, quantizeRows, type PackedMatrix } from '../src/quant/blockwise.js';
import { quantizeGptq } from '../src/quant/gptq.js';
import { quantizeLayer } from '../src/quant/rewrite.js';
import type { IntBits } from '../src/formats/layout.js';
import { runCli, writeModel } from './helpers.js';

test('activation statistics: mean squares and the second moment of the rows seen', (t) => {
  const acc = new ActivationAccumulator(3, true);
  acc.add(Float32Array.from([1, 2, 0, -1, 0, 3])); // two rows of 3
  const r = acc.result();
  t.is(r.count, 2);
  t.deepEqual(Array.from(r.meanSquare), [1, 2, 4.5]);
  t.deepEqual(Array.from(r.hessian!), [1, 1, -1.5, 1, 2, 0, -1.5, 0, 4.5]);
  t.throws(() => acc.add(new Float32Array(4)), { message: /not rows of 3/ });
});

/** Activations with correlated channels and a few loud ones, as transformer inputs have. */
function activations(rows: number, K: number, seed: number): Float32Array {
  const z = normalSamples(rows * K, seed);
  const mix = normalSamples(K * 4, 99); // each channel mixes a few shared factors
  const a = new Float32Array(rows * K);
  for (let r = 0; r < rows; r++) {
    for (let k = 0; k < K; k++) {
      let v = z[r * K + k]! * 0.5;
      for (let f = 0; f < 4; f++) v += z[r * K + f]! * mix[k * 4 + f]!;
      a[r * K + k] = v * (k % 17 === 3 ? 8 : 1);
    }
  }
  return a;
}

/** ‖A (W − Q)ᵀ‖² over held-out activation rows. */
function outputError(a: Float32Array, rows: number, w: Float32Array, m: PackedMatrix): number {
  const q = dequantize(m);
  const { N, K } = m;
  let e = 0;
  for (let r = 0; r < rows; r++) {
    for (let n = 0; n < N; n++) {
      let d = 0;
      for (let k = 0; k < K; k++) d += a[r * K + k]! * (w[n * K + k]! - q[n * K + k]!);
      e += d * d;
    }
  }
  return e;
}

for (const bits of [4, 2] as IntBits[]) {
  test(`INT${bits}: GPTQ and imatrix lower the output error on held-out activations against rtn, at the same bytes`, (t) => {
    const N = 48;
    const K = 128;
    const w = normalSamples(N * K, bits);
    const calibration = activations(512, K, 1);
    const heldOut = activations(256, K, 2);
    const acc = new ActivationAccumulator(K, true);
    acc.add(calibration);
    const stats = acc.result();
    const assignment = { bits, blockSize: 32, symmetric: true } as const;
    const rtn = quantizeLayer(w, N, K, { ...assignment, scale: 'rtn' }, false);
    const imatrix = quantizeLayer(w, N, K, { ...assignment, scale: 'imatrix', activations: stats }, false);
    const gptq = quantizeLayer(w, N, K, { ...assignment, scale: 'gptq', activations: stats }, false);
    for (const m of [imatrix, gptq]) {
      t.is(m.codes.length, rtn.codes.length);
      t.is(m.scales.length, rtn.scales.length);
    }
    const eRtn = outputError(heldOut, 256, w, rtn);
    const eImatrix = outputError(heldOut, 256, w, imatrix);
    const eGptq = outputError(heldOut, 256, w, gptq);
    t.true(eImatrix < eRtn, `imatrix ${eImatrix / eRtn} of rtn`);
    t.true(eGptq < eRtn * 0.8, `gptq ${eGptq / eRtn} of rtn`);
    t.true(eGptq < eImatrix, `gptq ${eGptq} vs imatrix ${eImatrix}`);
  });
}

test('GPTQ packs like the kernels: a short last block, asymmetric zero points, float16 scales', (t) => {
  const N = 5;
  const K = 70; // blocks of 32, 32, 6
  const w = normalSamples(N * K, 4);
  const acc = new ActivationAccumulator(K, true);
  acc.add(activations(200, K, 5));
  const m = quantizeGptq(w, N, K, acc.result().hessian!, { bits: 4, blockSize: 32, symmetric: false, float16Scales: true });
  const plain = quantizeRows(w, N, K, { bits: 4, blockSize: 32, symmetric: false });
  t.is(m.codes.length, plain.codes.length);
  t.is(m.zeroPoints!.length, plain.zeroPoints!.length);
  // Padding codes hold the zero point, unused zero-point slots the default 8, scales are float16 values.
  for (let n = 0; n < N; n++) {
    const zp = (m.zeroPoints![n * 2 + 1]! & 15) | 0;
    t.is(m.zeroPoints![n * 2 + 1]! >> 4, 8);
    t.is(m.codes[(n * 3 + 2) * 16 + 5]! & 15, zp); // position 70 − 64 = 6..31 padded
    for (let b = 0; b < 3; b++) t.is(Math.fround(m.scales[n * 3 + b]!), m.scales[n * 3 + b]!);
  }
  const back = dequantize(m);
  let worst = 0;
  for (let i = 0; i < w.length; i++) worst = Math.max(worst, Math.abs(back[i]! - w[i]!));
  t.true(worst < 1.5, `GPTQ stays near the weights (worst ${worst})`);
});

test('quantize --scale gptq|imatrix calibrates on other windows than eval scores, at the bytes of rtn', (t) => {
  const built = writeModel({ arch: 'llama', naming: 'legacy', blocks: 2, hidden: 64, heads: 4, vocab: 64 });
  const tokens = path.join(built.dir, 'tokens.bin');
  // 12 windows of 16 tokens: the first 4 are scored, 4–11 calibrate.
  fs.writeFileSync(tokens, new Uint8Array(BigInt64Array.from({ length: 12 * 16 }, (_, i) => BigInt((i * 37 + (i >> 4) * 11) % 64)).buffer));
  const run = (scale: string, extra: string[] = []) => {
    const q = JSON.parse(
      runCli(['quantize', built.file, '--out', path.join(built.dir, scale), '--json', '--bits', '2', '--scale', scale, ...extra]).stdout,
    ) as { output: string; bytes_written: number };
    const e = JSON.parse(
      runCli(['eval', built.file, q.output, '--json', '--tokens', tokens, '--seq-len', '16', '--windows', '4']).stdout,
    ) as {
      rel_l2: number;
    };
    return { bytes: q.bytes_written, relL2: e.rel_l2 };
  };
  const calibrate = ['--calibration', tokens, '--calibration-windows', '4-11', '--seq-len', '16'];
  const rtn = run('rtn');
  const gptq = run('gptq', calibrate);
  const imatrix = run('imatrix', calibrate);
  t.is(gptq.bytes, rtn.bytes);
  t.is(imatrix.bytes, rtn.bytes);
  t.true(gptq.relL2 < rtn.relL2, `gptq ${gptq.relL2} vs rtn ${rtn.relL2}`);
  const missing = runCli(['quantize', built.file, '--out', path.join(built.dir, 'x'), '--scale', 'gptq']);
  t.is(missing.code, 2);
  t.regex(missing.stderr, /scale 'gptq' needs calibration tokens/);
  const outside = runCli([
    'quantize',
    built.file,
    '--out',
    path.join(built.dir, 'y'),
    '--scale',
    'imatrix',
    ...calibrate.slice(0, 2),
    '--calibration-windows',
    '10-20',
    '--seq-len',
    '16',
  ]);
  t.is(outside.code, 2);
  t.regex(outside.stderr, /calibration windows 10–20 are not in the file \(it has 12 windows/);
  t.false(fs.existsSync(path.join(built.dir, 'x')));
});

test('calibration finds a model’s external data from a temporary copy, wherever it is run from', (t) => {
  const built = writeModel({ arch: 'llama', naming: 'legacy', blocks: 1, hidden: 32, heads: 2, vocab: 64, externalData: 'weights.bin' });
  // The builder's external file is sparse (zero weights): enough for the graph to run.
  fs.closeSync(fs.openSync(path.join(built.dir, 'weights.bin'), 'w'));
  fs.truncateSync(path.join(built.dir, 'weights.bin'), built.externalBytes);
  const tokens = path.join(built.dir, 'tokens.bin');
  fs.writeFileSync(tokens, new Uint8Array(BigInt64Array.from({ length: 4 * 16 }, (_, i) => BigInt((i * 7) % 64)).buffer));
  const out = path.join(built.dir, 'q');
  const r = runCli(
    ['quantize', built.file, '--out', out, '--json', '--bits', '4', '--scale', 'gptq', '--calibration', tokens, '--seq-len', '16'],
    os.tmpdir(),
  );
  t.is(r.code, 0, r.stderr);
  const e = runCli(['eval', built.file, path.join(out, 'model.onnx'), '--json', '--tokens', tokens, '--seq-len', '16'], os.tmpdir());
  t.is(e.code, 0, e.stderr);
});
