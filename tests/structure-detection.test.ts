/**
 * Structure alone (issue 12's proof): every builder family and every onnxruntime-optimizer fixture, stripped
 * the strict way (every initializer, node and intermediate value renamed; value_info, doc strings and metadata
 * dropped; graph inputs and outputs keep their names), gets at least 95% of its categories and every
 * sensitive flag and block right. `npm run validate` prints the same table.
 */
import test from 'ava';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { buildModel, type Arch } from './fixtures/onnx-builder.js';
import { readStripped, score } from './fixtures/score.js';
import { tempDir } from './helpers.js';

const ARCHS: Arch[] = [
  'llama',
  'gpt2',
  'bert',
  'dit',
  'phi3',
  'vit',
  't5',
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
  test(`${arch}, names stripped strictly: ≥ 95% of categories, every sensitive flag and block`, (t) => {
    const built = buildModel({ arch, naming: 'dynamo', blocks: 3 });
    const file = path.join(tempDir(), 'model.onnx');
    fs.writeFileSync(file, built.bytes);
    const { model, renamed } = readStripped(file);
    // The stripping is real: nothing but the interface keeps a name.
    const g = model.graph;
    t.true(g.node.every((n) => !n.name && (n.metadataProps ?? []).length === 0));
    t.deepEqual(g.valueInfo ?? [], []);
    t.true(g.initializer.every((x) => /^t\d+$/.test(x.name)));
    t.true(renamed.size > built.labels.size);
    const s = score(model, built.labels, renamed);
    t.log(
      `${arch}: ${s.category}/${s.labelled} categories, ${s.sensitive}/${s.labelled} sensitive, ${s.blocks}/${s.blocksLabelled} blocks`,
    );
    t.is(s.missing, 0, s.misses.join('\n'));
    t.true(s.category / s.labelled >= 0.95, s.misses.join('\n'));
    t.is(s.sensitive, s.labelled, s.misses.join('\n'));
    t.is(s.blocks, s.blocksLabelled, s.misses.join('\n'));
  });
}
