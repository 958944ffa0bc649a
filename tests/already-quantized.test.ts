/**
 * A model that already holds MatMulNBits / GatherBlockQuantized weights, used as a user would from another
 * folder: `quantize` keeps those weights byte for byte and quantizes the rest, the plan's bytes are the
 * file's, and the output runs close to the original; a plan asking to change them is exit 2 (never quantized
 * twice); `check` gates the model like any other.
 */
import test from 'ava';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyzeModel } from '../src/analyze/inventory.js';
import { readModel, readTensorBytes } from '../src/onnx/read.js';
import { encodeModel } from '../src/onnx/schema.js';
import type { Plan } from '../src/plan/plan.js';
import type { CheckReport } from '../src/report/report.js';
import { feedsFor } from './fixtures/feeds.js';
import { withoutBiasAdd } from './fixtures/families/optimized.js';
import { buildModel } from './fixtures/onnx-builder.js';
import { cli, listFiles, outputCosine, tempDir } from './helpers.js';

/** onnxruntime-genai's layout: every MatMul and the table already INT4 (MatMulNBits, GatherBlockQuantized). */
function genaiInt4(dir: string): string {
  const file = path.join(dir, 'model.onnx');
  fs.writeFileSync(file, encodeModel(withoutBiasAdd(buildModel({ arch: 'llama-genai-int4', naming: 'legacy', blocks: 2 }).model)));
  return file;
}

/** A LLaMA whose attention quantgate already quantized to INT4, its MLP left float32. */
async function halfQuantized(dir: string): Promise<string> {
  const file = path.join(dir, 'llama.onnx');
  fs.writeFileSync(file, buildModel({ arch: 'llama', naming: 'legacy', blocks: 2 }).bytes);
  const r = await cli(['quantize', file, '--out', 'partial', '--bits', '4', '--override', '*mlp*=32'], dir);
  if (r.code !== 0) throw new Error(r.stderr);
  return path.join(dir, 'partial', 'llama.onnx');
}

test('quantize keeps already-quantized weights byte for byte, quantizes the rest, and the output runs close to the original', async (t) => {
  for (const file of [genaiInt4(tempDir()), await halfQuantized(tempDir())]) {
    const cwd = tempDir();
    const r = await cli(['quantize', file, '--out', 'q', '--json'], cwd);
    t.is(r.code, 0, r.stderr);
    const result = JSON.parse(r.stdout) as { output: string; plan_path: string; bytes_planned: number; bytes_written: number };
    t.is(result.bytes_written, result.bytes_planned, `${file}: codes, scales and zero points counted as planned`);
    const original = readModel(file);
    const kept = analyzeModel(original).layers.filter((l) => l.quantized);
    t.true(kept.length >= 8);
    const plan = JSON.parse(fs.readFileSync(path.join(cwd, result.plan_path), 'utf8')) as Plan;
    const written = readModel(path.join(cwd, result.output));
    for (const layer of kept) {
      const p = plan.layers.find((l) => l.name === layer.name)!;
      t.is(p.bits, 32, layer.name);
      t.regex(p.reason, /^already INT4 \((MatMulNBits|GatherBlockQuantized), block \d+\) → kept as it is$/);
      t.deepEqual(
        readTensorBytes(written.initializers.get(layer.name)!),
        readTensorBytes(original.initializers.get(layer.name)!),
        layer.name,
      );
    }
    const count = (m: typeof original) => m.graph.node.filter((n) => n.opType === 'MatMulNBits').length;
    const newlyQuantized = plan.layers.filter((l) => l.op === 'MatMul' && [2, 4, 8].includes(l.bits)).length;
    t.is(count(written), count(original) + newlyQuantized);
    const feeds = feedsFor(original.graph.input);
    const c = await outputCosine(file, path.join(cwd, result.output), feeds);
    if (newlyQuantized === 0) {
      t.is(c, 1, 'nothing left to quantize: the same function');
    } else {
      t.is(newlyQuantized, 6, 'the MLP');
      t.true(c > 0.8 && c < 1, `cosine ${c}`);
    }
  }
});

test('a plan that asks to quantize an already-quantized layer again is exit 2, one line naming it, nothing written', async (t) => {
  const cwd = tempDir();
  const file = await halfQuantized(tempDir());
  const r = await cli(['plan', file, '--json'], cwd);
  t.is(r.code, 0, r.stderr);
  const plan = JSON.parse(r.stdout) as Plan;
  const layer = plan.layers.find((l) => l.reason.startsWith('already INT4 (MatMulNBits'))!;
  layer.bits = 8;
  fs.writeFileSync(path.join(cwd, 'edited.json'), JSON.stringify(plan));
  const before = listFiles(cwd);
  const q = await cli(['quantize', file, '--plan', 'edited.json', '--out', 'q'], cwd);
  t.is(q.code, 2);
  const lines = q.stderr.trimEnd().split('\n');
  t.is(lines.length, 1, q.stderr);
  t.true(lines[0]!.includes(`layer '${layer.name}' is already INT4 (MatMulNBits)`), lines[0]);
  t.regex(lines[0]!, /never quantized twice; the plan asks for 8 bits/);
  t.deepEqual(listFiles(cwd), before);
});

test('check gates a model with already-quantized weights: quality measured, a strict threshold fails it', async (t) => {
  const dir = tempDir();
  fs.mkdirSync(path.join(dir, 'models'));
  const partial = await halfQuantized(tempDir());
  fs.copyFileSync(partial, path.join(dir, 'models', 'llama.onnx'));
  fs.writeFileSync(path.join(dir, 'quantgate.yml'), 'models:\n  - models/*.onnx\nthresholds: { cosine: 0.5 }\n');
  const ok = await cli(['check', '--no-cache'], dir);
  t.is(ok.code, 0, ok.stdout + ok.stderr);
  const read = () => JSON.parse(fs.readFileSync(path.join(dir, 'quantgate-report', 'report.json'), 'utf8')) as CheckReport;
  const model = read().models[0]!;
  const quality = model.gates.find((g) => g.gate === 'quality')!;
  t.is(quality.status, 'pass');
  t.regex(quality.summary, /cosine/);
  // The report and the comment's heatmap draw the kept attention weights at their stored width, not as FP32.
  const kept = analyzeModel(readModel(partial)).layers.filter((l) => l.quantized);
  t.true(kept.length >= 8);
  for (const l of kept) t.is(model.layers.find((r) => r.name === l.name)!.bits, 4, l.name);
  const comment = fs.readFileSync(path.join(dir, 'quantgate-report', 'comment.md'), 'utf8');
  const qRow = comment.split('\n').find((line) => line.startsWith('q_proj '))!;
  t.truthy(qRow, comment);
  t.regex(qRow, /▄▄$/, 'two blocks of INT4 attention');
  fs.writeFileSync(path.join(dir, 'quantgate.yml'), 'models:\n  - models/*.onnx\nthresholds: { cosine: 0.999999 }\n');
  const strict = await cli(['check', '--no-cache'], dir);
  t.is(strict.code, 1, strict.stdout + strict.stderr);
  t.is(read().models[0]!.gates.find((g) => g.gate === 'quality')!.status, 'fail');
});

test('the plan table prints kept weights at their real width ("INT4 (kept)"), not as FP32, and counts them so', async (t) => {
  const cwd = tempDir();
  const file = await halfQuantized(tempDir());
  const json = JSON.parse((await cli(['plan', file, '--json'], cwd)).stdout) as Plan;
  const r = await cli(['plan', file], cwd);
  t.is(r.code, 0, r.stderr);
  const kept = json.layers.filter((l) => l.quantized);
  t.true(kept.length >= 8);
  for (const l of kept) {
    const row = r.stdout.split('\n').find((line) => line.trimStart().startsWith(`${l.module ?? l.name} `) || line.includes(`[${l.name}]`))!;
    t.truthy(row, l.name);
    t.regex(row, / INT4 \(kept\) +[\d,]+ {2}already INT4 \(MatMulNBits/, row);
  }
  const keptParams = kept.reduce((n, l) => n + l.params, 0);
  const fp32Params = json.layers.filter((l) => l.bits === 32 && !l.quantized).reduce((n, l) => n + l.params, 0);
  const line = /^parameters by width: (.*)$/m.exec(r.stdout)![1]!;
  t.true(line.includes(`INT4 (kept) ${keptParams.toLocaleString('en-US')}`), line);
  t.true(fp32Params === 0 ? !line.includes('FP32') : line.includes(`FP32 ${fp32Params.toLocaleString('en-US')}`), line);
});
