/**
 * Weights read inside subgraphs (Optimum's merged decoder: one `If`, both branches reading the top-level
 * weights) are rewritten in every branch from one packed copy: the quantized merged decoder computes what
 * the quantized plain decoder computes, in both branches, and its bytes are the plan's.
 */
import test from 'ava';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as ort from 'onnxruntime-node';
import { readModel } from '../src/onnx/read.js';
import type { GraphProto } from '../src/onnx/schema.js';
import { buildDecoderMerged, buildDecoderWithPast, type DecoderOptions } from './fixtures/kv-decoder.js';
import { runCli, tempDir } from './helpers.js';

const OPTIONS: DecoderOptions = { blocks: 2, hidden: 64, heads: 4, kvHeads: 2, vocab: 96 };
const HEAD_DIM = 16;

const int64 = (values: number[], dims: number[]) =>
  new ort.Tensor(
    'int64',
    BigInt64Array.from(values, (v) => BigInt(v)),
    dims,
  );

/** Logits of a prompt (empty past), then of one token with the prompt's present fed back. */
async function twoSteps(file: string, merged: boolean): Promise<number[]> {
  const session = await ort.InferenceSession.create(file);
  const ids = [3, 17, 42, 5, 9, 63, 0, 28];
  const prompt = ids.length - 1;
  const past = (feeds: Record<string, ort.Tensor>, from?: ort.InferenceSession.OnnxValueMapType) => {
    for (let b = 0; b < OPTIONS.blocks; b++)
      for (const kind of ['key', 'value'])
        feeds[`past_key_values.${b}.${kind}`] =
          from?.[`present.${b}.${kind}`] ?? new ort.Tensor('float32', new Float32Array(0), [1, OPTIONS.kvHeads!, 0, HEAD_DIM]);
    return feeds;
  };
  const first = await session.run(
    past({
      input_ids: int64(ids.slice(0, prompt), [1, prompt]),
      attention_mask: int64(Array<number>(prompt).fill(1), [1, prompt]),
      position_ids: int64([...Array(prompt).keys()], [1, prompt]),
      ...(merged ? { use_cache_branch: new ort.Tensor('bool', new Uint8Array([0]), [1]) } : {}),
    }),
  );
  const second = await session.run(
    past(
      {
        input_ids: int64(ids.slice(prompt), [1, 1]),
        attention_mask: int64(Array<number>(ids.length).fill(1), [1, ids.length]),
        position_ids: int64([prompt], [1, 1]),
        ...(merged ? { use_cache_branch: new ort.Tensor('bool', new Uint8Array([1]), [1]) } : {}),
      },
      first,
    ),
  );
  await session.release();
  return [...(first.logits!.data as Float32Array), ...(second.logits!.data as Float32Array)];
}

function graphs(g: GraphProto): GraphProto[] {
  const out = [g];
  for (let i = 0; i < out.length; i++) for (const n of out[i]!.node) for (const a of n.attribute ?? []) if (a.g) out.push(a.g);
  return out;
}

test('a merged decoder: weights read in both If branches are packed once and rewritten in both branches', async (t) => {
  const dir = tempDir();
  const merged = path.join(dir, 'merged.onnx');
  const plain = path.join(dir, 'plain.onnx');
  fs.writeFileSync(merged, buildDecoderMerged(OPTIONS).bytes);
  fs.writeFileSync(plain, buildDecoderWithPast(OPTIONS).bytes);
  const cwd = tempDir();
  for (const flags of [[], ['--bits', '4', '--no-keep-sensitive']]) {
    const name = flags.join('') || 'default';
    const qm = runCli(['quantize', merged, '--out', `m-${name}`, '--json', ...flags], cwd);
    const qp = runCli(['quantize', plain, '--out', `p-${name}`, '--json', ...flags], cwd);
    t.is(qm.code, 0, qm.stderr);
    t.is(qp.code, 0, qp.stderr);
    const rm = JSON.parse(qm.stdout) as { output: string; bytes_planned: number; bytes_written: number };
    const rp = JSON.parse(qp.stdout) as { output: string; bytes_written: number };
    t.is(rm.bytes_written, rm.bytes_planned, name);
    // One packed copy per weight, whichever graph reads it.
    t.is(rm.bytes_written, rp.bytes_written, name);
    const written = readModel(path.join(cwd, rm.output));
    const all = graphs(written.graph);
    t.true(all.length > 2);
    const ops = all.flatMap((g) => g.node.map((n) => n.opType));
    t.true(ops.filter((o) => o === 'MatMulNBits').length >= 2 * 7 * OPTIONS.blocks, name);
    t.false(
      all.flatMap((g) => g.node).some((n) => n.opType === 'MatMul' && n.input.some((i) => written.initializers.has(i))),
      'no MatMul reads a float weight any more',
    );
    // Both branches compute what the plain quantized decoder computes.
    const [a, b] = [await twoSteps(path.join(cwd, rm.output), true), await twoSteps(path.join(cwd, rp.output), false)];
    const worst = a.reduce((m, v, i) => Math.max(m, Math.abs(v - b[i]!)), 0);
    t.true(worst < 1e-4, `${name}: largest difference ${worst}`);
  }
});
