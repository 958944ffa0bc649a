/**
 * Writes the bundled example models in examples/ (deterministic: the same bytes every run) and their
 * ground-truth labels in golden/<id>.labels.json (the builder knows what every weight is).
 *   node build/scripts/make-examples.js
 */
import * as fs from 'node:fs';
import { buildModel } from '../tests/fixtures/onnx-builder.js';

const examples = [
  {
    file: 'examples/tiny-llama.onnx',
    options: { arch: 'llama', naming: 'legacy', blocks: 4, hidden: 64, heads: 4, vocab: 256, mlp: 192, seed: 11 },
  },
  { file: 'examples/tiny-dit.onnx', options: { arch: 'dit', naming: 'dynamo', blocks: 4, hidden: 64, heads: 4, seed: 12 } },
] as const;

fs.mkdirSync('examples', { recursive: true });
for (const { file, options } of examples) {
  const built = buildModel({ ...options });
  fs.writeFileSync(file, built.bytes);
  const id = file.replace(/^examples\//, '').replace(/\.onnx$/, '');
  const layers = Object.fromEntries([...built.labels].map(([name, label]) => [name, label.category]));
  fs.writeFileSync(
    `golden/${id}.labels.json`,
    `${JSON.stringify({ source: 'tests/fixtures/onnx-builder.ts (ground truth of the generated model)', layers }, null, 2)}\n`,
  );
  process.stdout.write(`${file}: ${built.bytes.length} bytes, ${built.labels.size} labelled layers\n`);
}
