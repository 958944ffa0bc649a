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
import { buildDecoderMerged, buildDecoderNoCache, buildDecoderWithPast, type DecoderOptions } from './fixtures/kv-decoder.js';
import type { BuiltModel } from './fixtures/onnx-builder.js';
import { tempDir } from './helpers.js';

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
