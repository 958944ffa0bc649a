/**
 * float16 and bfloat16 models, and models with external data, planned, quantized and run as a user would
 * (from another working folder): the written model loads in onnxruntime, its output is as close to the
 * original as the float32 model's at the same plan, the plan's bytes are the file's, and every tensor of the
 * output lives in the output itself.
 */
import test from 'ava';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as ort from 'onnxruntime-node';
import { analyzeModel } from '../src/analyze/inventory.js';
import { DataType } from '../src/onnx/dtype.js';
import { decodeModel, encodeModel } from '../src/onnx/schema.js';
import { readModel, readTensorFloat32 } from '../src/onnx/read.js';
import type { Plan } from '../src/plan/plan.js';
import { newScratch, quantizeChunked, quantizeLayer, type BlockQuantAssignment } from '../src/quant/rewrite.js';
import { rowsByOutput } from '../src/quant/rows.js';
import { matmulShape } from '../src/formats/layout.js';
import { buildModel, type BuildOptions } from './fixtures/onnx-builder.js';
import { writeExternal } from './fixtures/external.js';
import { cosine, listFiles, modelOutput, runCli, tempDir } from './helpers.js';

interface QuantizeJson {
  output: string;
  plan_path: string;
  bytes_planned: number;
  bytes_written: number;
}

const LLAMA: BuildOptions = { arch: 'llama', naming: 'legacy', blocks: 2, hidden: 64, vocab: 128, seed: 3 };

const ids = () =>
  new ort.Tensor(
    'int64',
    BigInt64Array.from({ length: 24 }, (_, i) => BigInt((i * 37 + 5) % 128)),
    [1, 24],
  );

/** The model's logits as float32 (a float16 output widened), on the same token ids every time. */
const logits = (file: string) => modelOutput(file, { input_ids: ids() });

/** `quantgate quantize` run from `cwd` (another folder than the model's). */
function quantize(model: string, out: string, flags: string[], cwd: string): QuantizeJson {
  const r = runCli(['quantize', model, '--out', out, '--json', ...flags], cwd);
  if (r.code !== 0) throw new Error(`quantize ${model} ${flags.join(' ')}: exit ${r.code}: ${r.stderr}`);
  const result = JSON.parse(r.stdout) as QuantizeJson;
  return { ...result, output: path.resolve(cwd, result.output), plan_path: path.resolve(cwd, result.plan_path) };
}

const readPlan = (file: string) => JSON.parse(fs.readFileSync(file, 'utf8')) as Plan;

for (const floatType of ['float16', 'bfloat16', 'float16-weights'] as const) {
  test(`${floatType} model: quantized as close to the original as the float32 model at the same plan, bytes as planned`, async (t) => {
    const dir = tempDir();
    const cwd = tempDir();
    const f32 = path.join(dir, 'm32.onnx');
    const half = path.join(dir, 'mh.onnx');
    fs.writeFileSync(f32, buildModel(LLAMA).bytes);
    fs.writeFileSync(half, buildModel({ ...LLAMA, floatType }).bytes);
    const [ref32, refHalf] = [await logits(f32), await logits(half)];
    // The variant itself computes the same function (float16 rounding only).
    t.true(cosine(ref32, refHalf) > 0.999);
    for (const flags of [
      [],
      ['--bits', '4'],
      ['--bits', '8', '--asymmetric', '--scale', 'search'],
      ['--bits', '4', '--no-keep-sensitive'],
    ]) {
      const name = flags.join('') || 'default';
      const q32 = quantize(f32, `q32-${name}`, flags, cwd);
      const qh = quantize(half, `qh-${name}`, flags, cwd);
      t.is(qh.bytes_written, qh.bytes_planned, `${name}: the plan's bytes are the file's`);
      t.is(q32.bytes_written, q32.bytes_planned);
      const [p32, ph] = [readPlan(q32.plan_path), readPlan(qh.plan_path)];
      t.deepEqual(
        ph.layers.map((l) => l.bits),
        p32.layers.map((l) => l.bits),
        'the same plan',
      );
      const cos32 = cosine(ref32, await logits(q32.output));
      const cosHalf = cosine(refHalf, await logits(qh.output));
      t.true(cosHalf > 0.9, `${name}: cosine ${cosHalf}`);
      t.true(Math.abs(cosHalf - cos32) <= 0.005, `${name}: cosine ${cosHalf} against float32's ${cos32}`);
    }
  });
}

test('a bfloat16 model: width 16 keeps bfloat16 weights as they are, and the plan says so', (t) => {
  const dir = tempDir();
  const file = path.join(dir, 'm.onnx');
  fs.writeFileSync(file, buildModel({ ...LLAMA, floatType: 'bfloat16' }).bytes);
  const q = quantize(file, path.join(dir, 'q'), [], tempDir());
  const plan = readPlan(q.plan_path);
  const table = plan.layers.find((l) => l.name === 'model.embed_tokens.weight')!;
  t.is(table.bits, 16);
  t.is(table.dtype, 'bfloat16');
  t.is(table.bytes, table.params * 2);
  t.regex(table.reason, /BF16, unchanged/);
  const written = readModel(q.output);
  t.is(written.initializers.get('model.embed_tokens.weight')!.dataType, DataType.BFLOAT16);
  // Scales are stored as float16 (onnxruntime's CPU ops take no bfloat16) and cast to float32, the type
  // the graph computes in.
  const scales = [...written.initializers.values()].filter((i) => i.name.endsWith('_scales'));
  t.true(scales.length > 0);
  t.true(scales.every((s) => s.dataType === DataType.FLOAT16));
  t.true(written.graph.node.some((n) => n.opType === 'Cast' && n.input[0]!.endsWith('_scales')));
});

test('a bfloat16 tensor with a wrong byte length is exit 2, one line naming the file and the tensor, nothing written', (t) => {
  const dir = tempDir();
  const cwd = tempDir();
  const model = decodeModel(buildModel({ ...LLAMA, floatType: 'bfloat16' }).bytes);
  const table = model.graph!.initializer.find((i) => i.name === 'model.embed_tokens.weight')!;
  t.is(table.dataType, DataType.BFLOAT16);
  const whole = table.rawData!;
  // Inline: one value short. External: the data file holds what the shape needs, the entry says 2 more.
  table.rawData = whole.subarray(0, whole.byteLength - 2);
  fs.writeFileSync(path.join(dir, 'inline.onnx'), encodeModel(model));
  table.rawData = whole;
  fs.mkdirSync(path.join(dir, 'ext'));
  const ext = writeExternal(model, path.join(dir, 'ext'), 'model.onnx', 'model.onnx.data', { minBytes: 1024 });
  const slim = decodeModel(fs.readFileSync(ext));
  const entry = slim.graph!.initializer.find((i) => i.name === 'model.embed_tokens.weight')!.externalData!.find((e) => e.key === 'length')!;
  entry.value = String(Number(entry.value) + 2);
  fs.writeFileSync(ext, encodeModel(slim));
  for (const [file, what] of [
    [path.join(dir, 'inline.onnx'), /has \d+ bytes but its shape \[128, 64\] of bfloat16 needs \d+/],
    [ext, /\d+ bytes of external data but its shape \[128, 64\] of bfloat16 needs \d+/],
  ] as const) {
    const r = runCli(['quantize', file, '--out', 'q'], cwd);
    t.is(r.code, 2, r.stderr);
    const lines = r.stderr.trimEnd().split('\n');
    t.is(lines.length, 1, r.stderr);
    t.true(lines[0]!.includes(file), lines[0]);
    t.regex(lines[0]!, /tensor 'model\.embed_tokens\.weight'/);
    t.regex(lines[0]!, what);
    t.deepEqual(listFiles(cwd), []);
  }
});

test('a float16 model: the contrib ops compute in float16 with float16 scales, no Cast added', (t) => {
  const dir = tempDir();
  const file = path.join(dir, 'm.onnx');
  fs.writeFileSync(file, buildModel({ ...LLAMA, floatType: 'float16' }).bytes);
  const before = readModel(file).graph.node.filter((n) => n.opType === 'Cast').length;
  const q = quantize(file, path.join(dir, 'q'), ['--bits', '4'], tempDir());
  const written = readModel(q.output);
  t.is(written.graph.node.filter((n) => n.opType === 'Cast').length, before);
  t.true(written.graph.node.some((n) => n.opType === 'MatMulNBits'));
  t.true([...written.initializers.values()].filter((i) => i.name.endsWith('_scales')).every((s) => s.dataType === DataType.FLOAT16));
});

test('external data stored out of order: the output holds every tensor in its own data file and runs from another folder', async (t) => {
  const dir = tempDir();
  const cwd = tempDir();
  for (const floatType of [undefined, 'float16'] as const) {
    const built = buildModel({ ...LLAMA, floatType });
    const inline = path.join(dir, `inline-${floatType ?? 'float32'}.onnx`);
    fs.writeFileSync(inline, built.bytes);
    const sub = fs.mkdtempSync(path.join(dir, 'ext-'));
    const file = writeExternal(built.model, sub, 'model.onnx', 'weights.bin', { order: 'reversed', alignment: 64 });
    const reference = await logits(inline);
    for (const flags of [[], ['--override', 'model.embed_tokens.weight=32'], ['--bits', '4', '--no-keep-sensitive']]) {
      const name = `${floatType ?? 'float32'}-${flags.join('') || 'default'}`;
      const q = quantize(path.relative(cwd, file), name, flags, cwd);
      const out = q.output;
      t.is(q.bytes_written, q.bytes_planned, name);
      const written = readModel(out);
      const own = fs.realpathSync(`${out}.data`);
      for (const info of written.initializers.values()) {
        if (info.storage.kind === 'external') t.is(fs.realpathSync(info.storage.file), own, `${name}: ${info.name}`);
      }
      // The same plan on the same model without external data gives the same output.
      const qi = quantize(inline, `${name}-inline`, flags, cwd);
      const [ext, inl] = [await logits(out), await logits(qi.output)];
      t.deepEqual(Array.from(ext), Array.from(inl), name);
      const c = cosine(reference, ext);
      t.true(Number.isFinite(c) && c > 0.9, `${name}: cosine ${c}`);
    }
  }
});

test('layers are quantized a chunk at a time with exactly the bytes of the whole matrix', (t) => {
  const dir = tempDir();
  for (const floatType of [undefined, 'float16-weights', 'bfloat16'] as const) {
    // hidden 72 and MLP 200: K is not a multiple of the block; gpt2's Gemm and the tied table are [N, K].
    for (const arch of ['llama', 'gpt2'] as const) {
      const file = path.join(dir, `${arch}-${floatType ?? 'f32'}.onnx`);
      fs.writeFileSync(file, buildModel({ arch, naming: 'legacy', blocks: 1, hidden: 72, mlp: 200, vocab: 96, floatType }).bytes);
      const model = readModel(file);
      const layers = analyzeModel(model).layers.filter((l) => l.shape.length === 2 && ['matmul', 'gemm', 'gather'].includes(l.role));
      t.true(layers.length >= 4);
      for (const layer of layers) {
        const info = model.initializers.get(layer.name)!;
        const { K, N } = matmulShape(layer);
        const whole = rowsByOutput(layer, readTensorFloat32(info)).slice();
        const meanSquare = Float64Array.from({ length: K }, (_, k) => 0.5 + ((k * 7) % 13) / 13);
        for (const a of [
          { bits: 4, blockSize: 32, symmetric: true, scale: 'rtn' },
          { bits: 2, blockSize: 16, symmetric: false, scale: 'search' },
          { bits: 8, blockSize: 32, symmetric: false, scale: 'rtn' },
          { bits: 4, blockSize: 64, symmetric: false, scale: 'imatrix', activations: { count: 1, meanSquare, hessian: null } },
        ] as BlockQuantAssignment[]) {
          for (const float16Scales of [false, true]) {
            const expected = quantizeLayer(whole, N, K, a, float16Scales);
            for (const chunk of [1000, 5000, 1 << 20]) {
              const { packed, bad } = quantizeChunked(layer, info, a, float16Scales, newScratch(), chunk);
              const what = `${layer.name} [${N}, ${K}] ${a.bits} bits ${a.scale} f16 ${float16Scales} chunk ${chunk}`;
              t.is(bad, 0);
              t.deepEqual(packed.codes, expected.codes, what);
              t.deepEqual(packed.scales, expected.scales, what);
              t.deepEqual(packed.zeroPoints, expected.zeroPoints, what);
            }
          }
        }
      }
    }
  }
});
