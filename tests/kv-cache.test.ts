/**
 * Decoders with a KV cache (Optimum's layouts): the fixtures compute the same function with and without
 * the cache, the analysis sees weights read inside an `If`, and evaluation runs them as they are used.
 */
import test from 'ava';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as ort from 'onnxruntime-node';
import { analyzeModel } from '../src/analyze/inventory.js';
import { readModel } from '../src/onnx/read.js';
import { encodeModel } from '../src/onnx/schema.js';
import { buildDecoderMerged, buildDecoderNoCache, buildDecoderWithPast, type DecoderOptions } from './fixtures/kv-decoder.js';
import type { BuiltModel } from './fixtures/onnx-builder.js';
import { cli, listFiles, tempDir } from './helpers.js';

const OPTIONS: DecoderOptions = { blocks: 2, hidden: 32, heads: 4, kvHeads: 2, vocab: 64 };

function write(built: BuiltModel, name: string, dir = tempDir()): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, built.bytes);
  return file;
}

const int64 = (values: number[], dims: number[]) =>
  new ort.Tensor(
    'int64',
    BigInt64Array.from(values, (v) => BigInt(v)),
    dims,
  );

/** Logits of a prompt with an empty past, then of one more token fed with the prompt's present. */
async function twoSteps(session: ort.InferenceSession, ids: number[], merged: boolean): Promise<{ logits: number[]; present: ort.Tensor }> {
  const prompt = ids.length - 1;
  const feeds: Record<string, ort.Tensor> = {
    input_ids: int64(ids.slice(0, prompt), [1, prompt]),
    attention_mask: int64(Array<number>(prompt).fill(1), [1, prompt]),
    position_ids: int64([...Array(prompt).keys()], [1, prompt]),
  };
  for (let b = 0; b < OPTIONS.blocks; b++)
    for (const kind of ['key', 'value'])
      feeds[`past_key_values.${b}.${kind}`] = new ort.Tensor('float32', new Float32Array(0), [1, OPTIONS.kvHeads!, 0, 8]);
  if (merged) feeds.use_cache_branch = new ort.Tensor('bool', new Uint8Array([0]), [1]);
  const first = await session.run(feeds);
  const next: Record<string, ort.Tensor> = {
    input_ids: int64(ids.slice(prompt), [1, 1]),
    attention_mask: int64(Array<number>(ids.length).fill(1), [1, ids.length]),
    position_ids: int64([prompt], [1, 1]),
  };
  for (let b = 0; b < OPTIONS.blocks; b++)
    for (const kind of ['key', 'value']) next[`past_key_values.${b}.${kind}`] = first[`present.${b}.${kind}`]!;
  if (merged) next.use_cache_branch = new ort.Tensor('bool', new Uint8Array([1]), [1]);
  const second = await session.run(next);
  return {
    logits: [...(first.logits!.data as Float32Array), ...(second.logits!.data as Float32Array)],
    present: second['present.0.key']!,
  };
}

for (const [variant, build, merged] of [
  ['with past', buildDecoderWithPast, false],
  ['merged with an If', buildDecoderMerged, true],
] as const) {
  test(`the decoder ${variant}, fed its present back, gives the no-cache decoder's logits`, async (t) => {
    const ids = [3, 17, 42, 5, 9, 63, 0, 28];
    const plain = await ort.InferenceSession.create(buildDecoderNoCache(OPTIONS).bytes);
    const whole = (await plain.run({ input_ids: int64(ids, [1, ids.length]) })).logits!.data as Float32Array;
    const cached = await twoSteps(await ort.InferenceSession.create(build(OPTIONS).bytes), ids, merged);
    t.is(cached.logits.length, whole.length);
    const worst = cached.logits.reduce((m, v, i) => Math.max(m, Math.abs(v - whole[i]!)), 0);
    t.true(worst < 1e-5, `largest difference ${worst}`);
    t.deepEqual(cached.present.dims, [1, OPTIONS.kvHeads, ids.length, 8]);
  });
}

test('the inventory sees weights read only inside If branches, with their readers in both branches', (t) => {
  const dir = tempDir();
  const merged = buildDecoderMerged(OPTIONS);
  const mergedInv = analyzeModel(readModel(write(merged, 'merged.onnx', dir)));
  const plainInv = analyzeModel(readModel(write(buildDecoderWithPast(OPTIONS), 'with-past.onnx', dir)));
  t.is(mergedInv.layers.length, merged.labels.size);
  t.deepEqual(
    mergedInv.layers.map((l) => [l.name, l.category, l.block]),
    plainInv.layers.map((l) => [l.name, l.category, l.block]),
  );
  for (const layer of mergedInv.layers) {
    t.is(layer.uses.length, 2, layer.name);
    // Stable ids past the top-level node list: the readers sit in the subgraphs.
    t.true(
      layer.uses.every((u) => u.nodeId >= merged.model.graph!.node.length),
      layer.name,
    );
  }
  for (const [name, label] of merged.labels) {
    const layer = mergedInv.layers.find((l) => l.name === name);
    t.is(layer?.category, label.category, name);
  }
});

interface EvalJson {
  cosine: number;
  kl: number;
  ppl_ref: number;
  ppl_q: number;
  windows: number;
  steps?: number;
  present?: { outputs: number; cosine: number; rel_l2: number; max_abs: number };
}

/** Four windows of 16 seeded token ids below the fixtures' vocabulary (64). */
function tokenFile(dir: string): string {
  const file = path.join(dir, 'tokens.bin');
  const ids = BigInt64Array.from({ length: 64 }, (_, i) => BigInt((i * 37 + ((i * i) % 11)) % 64));
  fs.writeFileSync(file, Buffer.from(ids.buffer));
  return file;
}

async function evalJson(args: string[], cwd: string): Promise<EvalJson> {
  const r = await cli(['eval', ...args, '--json'], cwd);
  if (r.code !== 0) throw new Error(`eval exited ${r.code}: ${r.stderr}`);
  return JSON.parse(r.stdout) as EvalJson;
}

test('eval runs a KV-cache decoder as it is used: the no-cache perplexity, quantized too, and the caches compared', async (t) => {
  const dir = tempDir();
  const elsewhere = tempDir();
  const tokens = tokenFile(dir);
  const plain = write(buildDecoderNoCache(OPTIONS), 'plain.onnx', dir);
  const cached = write(buildDecoderWithPast(OPTIONS), 'cached.onnx', dir);
  const merged = write(buildDecoderMerged(OPTIONS), 'merged.onnx', dir);
  for (const [file, out] of [
    [plain, 'q-plain'],
    [cached, 'q-cached'],
    [merged, 'q-merged'],
  ] as const) {
    const r = await cli(['quantize', file, '--out', path.join(dir, out), '--bits', '4'], elsewhere);
    t.is(r.code, 0, r.stderr);
  }
  const flags = ['--tokens', tokens, '--seq-len', '16'];
  const a = await evalJson([plain, path.join(dir, 'q-plain', 'plain.onnx'), ...flags], elsewhere);
  const b = await evalJson([cached, path.join(dir, 'q-cached', 'cached.onnx'), ...flags], elsewhere);
  t.is(b.windows, 4);
  t.is(b.steps, 2);
  // The same weights quantized the same way: the decoder run step by step scores the same tokens alike.
  t.true(Math.abs(b.ppl_ref / a.ppl_ref - 1) < 1e-5, `${b.ppl_ref} vs ${a.ppl_ref}`);
  t.true(Math.abs(b.ppl_q / a.ppl_q - 1) < 1e-5, `${b.ppl_q} vs ${a.ppl_q}`);
  t.true(b.ppl_q !== b.ppl_ref);
  t.true(b.kl > 0);
  t.is(b.present?.outputs, 2 * OPTIONS.blocks);
  t.true(b.present!.cosine > 0.9 && b.present!.cosine < 1, `present cosine ${b.present!.cosine}`);
  t.true(b.present!.max_abs > 0);
  // The merged decoder against itself: both branches run (no cache, then cache), nothing differs.
  const m = await evalJson([merged, merged, ...flags], elsewhere);
  t.is(m.cosine, 1);
  t.is(m.kl, 0);
  t.is(m.present?.cosine, 1);
  t.true(Math.abs(m.ppl_ref / a.ppl_ref - 1) < 1e-5, `${m.ppl_ref} vs ${a.ppl_ref}`);
  // Quantized, the merged decoder (weights read in both branches, packed once) scores as the plain one.
  const mq = await evalJson([merged, path.join(dir, 'q-merged', 'merged.onnx'), ...flags], elsewhere);
  t.is(mq.steps, 2);
  t.true(Math.abs(mq.ppl_q / a.ppl_q - 1) < 1e-5, `${mq.ppl_q} vs ${a.ppl_q}`);
  t.is(mq.present?.outputs, 2 * OPTIONS.blocks);
  t.true(Math.abs(mq.present!.cosine - b.present!.cosine) < 1e-5, `present cosine ${mq.present!.cosine} vs ${b.present!.cosine}`);
});

test('measured sensitivity runs a KV-cache decoder step by step (policy auto meets its target)', async (t) => {
  const dir = tempDir();
  const cached = write(buildDecoderWithPast(OPTIONS), 'cached.onnx', dir);
  const out = path.join(dir, 'q');
  const r = await cli(['quantize', cached, '--out', out, '--policy', 'auto', '--target-size', '40%', '--no-cache', '--json'], tempDir());
  t.is(r.code, 0, r.stderr);
  const result = JSON.parse(r.stdout) as { bytes_before: number; bytes_planned: number };
  t.true(result.bytes_planned <= 0.4 * result.bytes_before);
});

test('a KV-cache input with no present output to feed it: exit 2, one line naming the file and the input, nothing written', async (t) => {
  const dir = tempDir();
  const built = buildDecoderWithPast(OPTIONS);
  const graph = built.model.graph!;
  // present.1.value is renamed: past_key_values.1.value has nothing to come from.
  for (const node of graph.node) node.output = node.output.map((o) => (o === 'present.1.value' ? 'cache_1_v' : o));
  for (const o of graph.output) if (o.name === 'present.1.value') o.name = 'cache_1_v';
  const file = path.join(dir, 'broken.onnx');
  fs.writeFileSync(file, encodeModel(built.model));
  const before = listFiles(dir);
  for (const args of [
    ['eval', file, file],
    ['quantize', file, '--out', path.join(dir, 'q'), '--policy', 'auto', '--target-size', '50%', '--no-cache'],
  ]) {
    const r = await cli(args, tempDir());
    t.is(r.code, 2, r.stderr);
    t.is(r.stderr.trim().split('\n').length, 1, r.stderr);
    t.true(r.stderr.includes(file) && r.stderr.includes("'past_key_values.1.value'"), r.stderr);
    t.deepEqual(listFiles(dir), before);
  }
});
