/**
 * The newer builder families and the onnxruntime-optimizer fixtures are real models: onnxruntime's CPU
 * provider loads and runs each (contrib ops included), with finite outputs of the declared shapes.
 */
import test from 'ava';
import * as ort from 'onnxruntime-node';
import { encodeModel, int64ToNumber } from '../src/onnx/schema.js';
import { feedsFor } from './fixtures/feeds.js';
import { withoutBiasAdd } from './fixtures/families/optimized.js';
import { buildModel, type NewerArch } from './fixtures/onnx-builder.js';

const ARCHS: NewerArch[] = [
  'qwen2',
  'mistral',
  'mixtral',
  'gemma',
  'falcon',
  'gpt-neox',
  'whisper',
  'swin',
  'deit',
  'sd-unet',
  'bert-ort',
  'gpt2-ort',
  'llama-genai',
  'llama-genai-int4',
  'llama-ort',
  'sd-ort',
];

for (const arch of ARCHS) {
  test(`${arch} runs in onnxruntime (CPU) with finite outputs of the declared shapes`, async (t) => {
    const built = buildModel({ arch, naming: 'legacy', blocks: 2 });
    const session = await ort.InferenceSession.create(encodeModel(withoutBiasAdd(built.model)));
    const feeds = feedsFor(built.model.graph!.input);
    const result = await session.run(feeds);
    for (const declared of built.model.graph!.output) {
      const out = result[declared.name]!;
      const dims = declared.type!.tensorType!.shape!.dim!.map((d) => (d.dimParam ? null : int64ToNumber(d.dimValue)));
      t.is(out.dims.length, dims.length, declared.name);
      dims.forEach((d, i) => {
        if (d !== null) t.is(out.dims[i], d, `${declared.name}[${i}]`);
      });
      t.true(out.dims[0] === 2 && (out.data as Float32Array).length > 0, declared.name);
      t.true((out.data as Float32Array).every(Number.isFinite), declared.name);
    }
  });
}
