/**
 * The generated fixtures are real models: onnxruntime-node loads and runs every architecture in every
 * naming style, small and large, and the outputs have the shapes the builder declares.
 */
import test from 'ava';
import * as ort from 'onnxruntime-node';
import type { Arch, Naming } from './fixtures/onnx-builder.js';
import { writeModel } from './helpers.js';

function feeds(names: readonly string[]): Record<string, ort.Tensor> {
  const out: Record<string, ort.Tensor> = {};
  for (const name of names) {
    if (name === 'x')
      out[name] = new ort.Tensor(
        'float32',
        Float32Array.from({ length: 2 * 4 * 64 }, (_, i) => Math.sin(i)),
        [2, 4, 8, 8],
      );
    else if (name === 't') out[name] = new ort.Tensor('float32', new Float32Array([3, 500]), [2]);
    else if (name === 'y') out[name] = new ort.Tensor('int64', new BigInt64Array([1n, 7n]), [2]);
    else if (name === 'pixel_values')
      out[name] = new ort.Tensor(
        'float32',
        Float32Array.from({ length: 2 * 3 * 256 }, (_, i) => Math.sin(i / 7)),
        [2, 3, 16, 16],
      );
    else if (name === 'token_type_ids') out[name] = new ort.Tensor('int64', new BigInt64Array(10), [2, 5]);
    else
      out[name] = new ort.Tensor(
        'int64',
        BigInt64Array.from({ length: 10 }, (_, i) => BigInt((i * 7) % 64)),
        [2, 5],
      );
  }
  return out;
}

const EXPECTED: Partial<Record<Arch, Record<string, number[]>>> = {
  llama: { logits: [2, 5, 64] },
  gpt2: { logits: [2, 5, 64] },
  bert: { last_hidden_state: [2, 5, 32], pooler_output: [2, 32] },
  dit: { out: [2, 16, 16] },
  phi3: { logits: [2, 5, 64] },
  vit: { logits: [2, 10] },
  t5: { logits: [2, 5, 64] },
};

for (const arch of ['llama', 'gpt2', 'bert', 'dit', 'phi3', 'vit', 't5'] as Arch[]) {
  for (const naming of ['legacy', 'dynamo', 'stripped'] as Naming[]) {
    test(`${arch} (${naming}) runs in onnxruntime with finite outputs of the declared shapes`, async (t) => {
      const built = writeModel({ arch, naming, blocks: 3 });
      const session = await ort.InferenceSession.create(built.file);
      const result = await session.run(feeds(session.inputNames));
      for (const [name, dims] of Object.entries(EXPECTED[arch]!)) {
        t.deepEqual(result[name]!.dims, dims, name);
        t.true((result[name]!.data as Float32Array).every(Number.isFinite), name);
      }
    });
  }
}

test('an 80-block model runs too', async (t) => {
  const built = writeModel({ arch: 'llama', naming: 'stripped', blocks: 80, hidden: 16, vocab: 32 });
  const session = await ort.InferenceSession.create(built.file);
  const result = await session.run({ input_ids: new ort.Tensor('int64', new BigInt64Array(6).fill(3n), [1, 6]) });
  t.deepEqual(result.logits!.dims, [1, 6, 32]);
});
