/**
 * Super-blocks (k-quants' layout in MatMulNBits): lower error than the plain asymmetric layout at fewer bits,
 * onnxruntime computes exactly the scales and zero points the codes were chosen for, the plan's bytes are the
 * file's, and bad plans are refused.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import test from 'ava';
import * as ort from 'onnxruntime-node';
import { normalSamples } from '../src/eval/random.js';
import { dequantize, quantizeRows } from '../src/quant/blockwise.js';
import { effectiveScale, FACTOR_UNIT, FactorRangeError, quantizeSuperBlocks, unpackIndices } from '../src/quant/super-blocks.js';
import { superBlockBytes, superBlockFormat, superBlockSpan, takesSuperBlocks } from '../src/formats/layout.js';
import { DataType } from '../src/onnx/dtype.js';
import { float16BitsToFloat32, fromFloat16Array, toFloat16Array } from '../src/onnx/float16.js';
import { encodeModel, type ModelProto } from '../src/onnx/schema.js';
import { reconstructionRatio as relativeError, studentT3 } from '../scripts/bench-kernels.js';
import { modelOutput, runCli, tempDir, writeModel } from './helpers.js';

test('super-blocks beat the plain asymmetric search at fewer bits per weight, INT4 and INT2, on N(0,1) and t(3) rows', (t) => {
  const N = 64; // the layer's few constants (about 200 bytes) weigh little
  const K = 1024;
  for (const x of [normalSamples(N * K, 3), studentT3(N * K, 4)]) {
    for (const bits of [4, 2] as const) {
      const f = superBlockFormat(bits)!;
      const sb = relativeError(x, dequantize(quantizeSuperBlocks(x, N, K, bits, { float16: true, magnitudeWeights: false })));
      const plain = relativeError(
        x,
        dequantize(quantizeRows(x, N, K, { bits, blockSize: f.blockSize, symmetric: false, search: true, float16Scales: true })),
      );
      t.true(sb < plain, `INT${bits}: super-blocks ${sb} against plain asymmetric search ${plain}`);
      // Bits per weight as stored: 4.5 / 2.625 plus the constants, against the plain layout's.
      const sbBits = (superBlockBytes(N, K, f) * 8) / (N * K);
      const plainBits = bits + 16 / f.blockSize + bits / f.blockSize;
      t.true(sbBits < plainBits, `INT${bits}: ${sbBits} against ${plainBits} bits per weight`);
    }
  }
});

test('super-block spans: 256 where K allows, else the largest whole number of blocks; none when K splits no block pairs', (t) => {
  const int4 = superBlockFormat(4)!;
  const int2 = superBlockFormat(2)!;
  t.is(superBlockSpan(4096, int4), 256);
  t.is(superBlockSpan(384, int4), 192);
  t.is(superBlockSpan(896, int4), 128); // 224 (seven blocks) would start every other super-block's indices mid-byte
  t.is(superBlockSpan(448, int4), 64);
  t.is(superBlockSpan(80, int2), 80);
  t.is(superBlockSpan(96, int4), 0); // three blocks of 32: the 6-bit indices pack blocks in pairs
  t.is(superBlockSpan(48, int2), 48);
  t.is(superBlockSpan(100, int2), 0);
  t.false(takesSuperBlocks(4096, 8));
});

test('the stored indices, d and dmin give back exactly the scales and zero points the codes were computed for', (t) => {
  const N = 3;
  const K = 768;
  const x = studentT3(N * K, 9);
  for (const bits of [4, 2] as const) {
    for (const float16 of [false, true]) {
      const m = quantizeSuperBlocks(x, N, K, bits, { float16, magnitudeWeights: true });
      const sb = m.superBlocks;
      const span = superBlockSpan(K, sb.format);
      const perSuper = span / m.blockSize;
      for (let n = 0; n < N; n++) {
        const rowBytes = sb.indices.length / N;
        const pairs = unpackIndices(sb.indices.subarray(n * rowBytes, (n + 1) * rowBytes), 2 * m.kBlocks, sb.format.indexBits);
        for (let b = 0; b < m.kBlocks; b++) {
          const s = n * (K / span) + Math.floor(b / perSuper);
          const want = effectiveScale(
            float16BitsToFloat32(sb.superScales[s]!) * FACTOR_UNIT,
            float16BitsToFloat32(sb.superMins[s]!) * FACTOR_UNIT,
            pairs[2 * b]!,
            pairs[2 * b + 1]!,
            float16,
          );
          t.is(m.scales[n * m.kBlocks + b], want.scale);
          t.is(sb.zeroPoints[n * m.kBlocks + b], want.zero);
        }
      }
    }
  }
});

/** A model of one MatMul: A [2, K] × W [K, N], float32 or float16 throughout. */
function matmulModel(W: Float32Array, K: number, N: number, half: boolean): Uint8Array {
  const type = half ? DataType.FLOAT16 : DataType.FLOAT;
  const raw = half ? toFloat16Array(W) : W;
  const vi = (name: string, dims: number[]) => ({
    name,
    type: { tensorType: { elemType: type, shape: { dim: dims.map((d) => ({ dimValue: d })) } } },
  });
  const model: ModelProto = {
    irVersion: 8,
    opsetImport: [{ domain: '', version: 17 }],
    producerName: 'test',
    graph: {
      name: 'g',
      node: [{ input: ['A', 'proj.weight'], output: ['out'], name: 'proj/MatMul', opType: 'MatMul' }],
      initializer: [
        { name: 'proj.weight', dims: [K, N], dataType: type, rawData: new Uint8Array(raw.buffer, raw.byteOffset, raw.byteLength) },
      ],
      input: [vi('A', [2, K])],
      output: [vi('out', [2, N])],
    },
  };
  return encodeModel(model);
}

// K = 384: two super-blocks of 192 per row; K = 896 (Qwen2-0.5B's hidden size): seven of 128, whose
// indices each start on a byte (spans of 224 would put every other one mid-byte).
const ORT_CASES: Array<[boolean, 4 | 2, number]> = [
  [false, 4, 384],
  [false, 2, 384],
  [true, 4, 384],
  [true, 2, 384],
  [false, 4, 896],
];
for (const [half, bits, K] of ORT_CASES) {
  {
    test(`onnxruntime runs a ${half ? 'float16' : 'float32'} INT${bits} super-block MatMul (K ${K}) as the codes' own dequantization says; plan bytes are the file's`, async (t) => {
      const N = 48;
      const W = normalSamples(K * N, 5 + bits); // stored [K, N]
      const dir = tempDir();
      const file = path.join(dir, 'one.onnx');
      fs.writeFileSync(file, matmulModel(W, K, N, half));
      const out = path.join(dir, 'out');
      const r = runCli(['quantize', file, '--bits', String(bits), '--super-blocks', '--no-keep-sensitive', '--out', out, '--json']);
      t.is(r.code, 0, r.stderr);
      const plan = JSON.parse(fs.readFileSync(path.join(out, 'one.plan.json'), 'utf8')) as {
        layers: Array<{ bits: number; super_blocks?: boolean; block_size: number; symmetric: boolean; bytes: number }>;
        policy: { super_blocks?: boolean };
      };
      t.true(plan.policy.super_blocks);
      const layer = plan.layers[0]!;
      t.deepEqual(
        [layer.bits, layer.super_blocks, layer.block_size, layer.symmetric],
        [bits, true, superBlockFormat(bits)!.blockSize, false],
      );
      t.is(layer.bytes, superBlockBytes(N, K, superBlockFormat(bits)!));
      const report = JSON.parse(r.stdout) as { bytes_planned: number; bytes_written: number };
      t.is(report.bytes_planned, layer.bytes);
      t.is(report.bytes_written, layer.bytes);
      // Planned again, the output lists the layer once, already INT-quantized, with its stored bytes (codes,
      // indices, factors and constants): none of its tensors is a layer of its own.
      const again = runCli(['plan', path.join(out, 'one.onnx'), '--json']);
      t.is(again.code, 0, again.stderr);
      const replanned = JSON.parse(again.stdout) as { layers: Array<{ bytes: number; quantized?: { bits: number; block_size: number } }> };
      t.is(replanned.layers.length, 1);
      t.deepEqual(replanned.layers[0]!.quantized && [replanned.layers[0]!.quantized.bits, replanned.layers[0]!.quantized.block_size], [
        bits,
        superBlockFormat(bits)!.blockSize,
      ]);
      t.is(replanned.layers[0]!.bytes, layer.bytes);

      // The expected product: the same rows quantized here, dequantized, multiplied in float64.
      const stored = half ? fromFloat16Array(toFloat16Array(W)) : W;
      const rows = new Float32Array(N * K);
      for (let k = 0; k < K; k++) for (let n = 0; n < N; n++) rows[n * K + k] = stored[k * N + n]!;
      const back = dequantize(quantizeSuperBlocks(rows, N, K, bits, { float16: half, magnitudeWeights: false }));
      const a = normalSamples(2 * K, 77);
      const aStored = half ? fromFloat16Array(toFloat16Array(a)) : a;
      const want = new Float64Array(2 * N);
      for (let i = 0; i < 2; i++)
        for (let n = 0; n < N; n++) for (let k = 0; k < K; k++) want[i * N + n]! += aStored[i * K + k]! * back[n * K + k]!;
      const feed = half ? new ort.Tensor('float16', toFloat16Array(a), [2, K]) : new ort.Tensor('float32', a, [2, K]);
      const got = await modelOutput(path.join(out, 'one.onnx'), { A: feed });
      let worst = 0;
      let scale = 0;
      for (let i = 0; i < want.length; i++) {
        worst = Math.max(worst, Math.abs(got[i]! - want[i]!));
        scale = Math.max(scale, Math.abs(want[i]!));
      }
      // float32 accumulation (float16 output: half an ulp of the largest output); a wrong scale or zero
      // point in one block of 16 or 32 moves outputs by ~1e-2 of their size.
      t.true(worst <= scale * (half ? 2e-3 : 1e-5), `max |Δ| ${worst} of outputs up to ${scale}`);
    });
  }
}

test('a plan asking super-blocks of a layer that cannot take them is refused with exit 2, nothing written', (t) => {
  const K = 96; // three blocks of 32: no pairs for the 6-bit indices
  const N = 8;
  const dir = tempDir();
  const file = path.join(dir, 'odd.onnx');
  fs.writeFileSync(file, matmulModel(normalSamples(K * N, 1), K, N, false));
  const planned = runCli(['plan', file, '--bits', '4', '--super-blocks', '--no-keep-sensitive', '--json']);
  t.is(planned.code, 0, planned.stderr);
  const plan = JSON.parse(planned.stdout) as {
    layers: Array<{ super_blocks?: boolean; block_size: number | null; symmetric: boolean | null }>;
  };
  t.is(plan.layers[0]!.super_blocks, undefined, 'K = 96 keeps the plain layout');
  plan.layers[0]!.super_blocks = true;
  plan.layers[0]!.symmetric = false;
  const planFile = path.join(dir, 'edited.plan.json');
  fs.writeFileSync(planFile, JSON.stringify(plan));
  const out = path.join(dir, 'out');
  const r = runCli(['quantize', file, '--plan', planFile, '--out', out]);
  t.is(r.code, 2);
  t.regex(r.stderr, /cannot take super-blocks at 4 bits/);
  t.is(r.stderr.trim().split('\n').length, 1);
  t.false(fs.existsSync(path.join(out, 'odd.onnx')));

  plan.layers[0]!.super_blocks = 'yes' as unknown as boolean;
  fs.writeFileSync(planFile, JSON.stringify(plan));
  const typed = runCli(['quantize', file, '--plan', planFile, '--out', out]);
  t.is(typed.code, 2);
  t.regex(typed.stderr, /edited\.plan\.json: not a quantgate\.plan\/v1 document: layers\[0\]\.super_blocks must be boolean/);
});

test('measured sensitivity measures the layers in super-blocks when the plan asks for them', (t) => {
  const model = writeModel({ arch: 'llama', blocks: 2, naming: 'legacy', hidden: 256, mlp: 512, seed: 11 });
  const measured = (extra: string[]) => {
    const r = runCli(['plan', model.file, '--policy', 'auto', '--target-size', '30%', '--no-cache', '--json', ...extra]);
    t.is(r.code, 0, r.stderr);
    const plan = JSON.parse(r.stdout) as { layers: Array<{ name: string; measured_error?: { by_bits: Record<string, number> } }> };
    return new Map(plan.layers.filter((l) => l.measured_error).map((l) => [l.name, l.measured_error!.by_bits]));
  };
  const plain = measured([]);
  const superBlocks = measured(['--super-blocks']);
  t.true(plain.size > 0);
  t.deepEqual([...superBlocks.keys()], [...plain.keys()]);
  // INT2 in super-blocks loses less than plain symmetric INT2 on most layers (each measured alone).
  const int2 = [...plain.keys()].filter((name) => plain.get(name)!['2'] !== undefined);
  const lower = int2.filter((name) => superBlocks.get(name)!['2']! < plain.get(name)!['2']!);
  t.true(int2.length > 0);
  t.true(lower.length >= int2.length * 0.75, `${lower.length} of ${int2.length} INT2 layers lower`);
  // INT8 has no super-blocks: measured the same.
  for (const name of plain.keys()) t.is(superBlocks.get(name)!['8'], plain.get(name)!['8']);
});

test('small weights keep their precision (float16 factors in units of 2^-10); weights too small for them are exit 2 naming the layer', (t) => {
  const N = 16;
  const K = 512;
  const base = normalSamples(N * K, 21);
  const errorAt = (sigma: number) => {
    const x = base.map((v) => v * sigma);
    return relativeError(x, dequantize(quantizeSuperBlocks(x, N, K, 4, { float16: false, magnitudeWeights: false })));
  };
  const normal = errorAt(1);
  // Without the unit, d ≈ σ/230 is a float16 subnormal below σ ≈ 0.014: 1e-4 had 20% coarser steps, 1e-6 none.
  for (const sigma of [1e-2, 1e-3, 1e-4, 2e-5]) t.true(errorAt(sigma) < normal * 1.02, `σ ${sigma}: ${errorAt(sigma)} against ${normal}`);
  t.throws(() => errorAt(1e-7), { instanceOf: FactorRangeError, message: /too small for super-blocks' float16 factors/ });

  const dir = tempDir();
  const file = path.join(dir, 'tiny.onnx');
  fs.writeFileSync(
    file,
    matmulModel(
      base.map((v) => v * 1e-7),
      K,
      N,
      false,
    ),
  );
  const out = path.join(dir, 'out');
  const r = runCli(['quantize', file, '--bits', '4', '--super-blocks', '--no-keep-sensitive', '--out', out]);
  t.is(r.code, 2);
  t.regex(r.stderr, /tiny\.onnx: layer 'proj\.weight': its weights are too small for super-blocks' float16 factors/);
  t.is(r.stderr.trim().split('\n').length, 1);
  t.false(fs.existsSync(path.join(out, 'tiny.onnx')));
  // Without super-blocks the same layer quantizes.
  t.is(runCli(['quantize', file, '--bits', '4', '--no-keep-sensitive', '--out', out]).code, 0);
});
