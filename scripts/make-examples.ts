/**
 * Writes the bundled example models in examples/ (deterministic: the same bytes every run).
 *   node build/scripts/make-examples.js
 */
import * as fs from 'node:fs';
import { buildModel } from '../tests/fixtures/onnx-builder.js';

const examples = [
  { file: 'examples/tiny-llama.onnx', options: { arch: 'llama', naming: 'legacy', blocks: 4, hidden: 64, heads: 4, vocab: 256, mlp: 192, seed: 11 } },
  { file: 'examples/tiny-dit.onnx', options: { arch: 'dit', naming: 'dynamo', blocks: 4, hidden: 64, heads: 4, seed: 12 } },
] as const;

fs.mkdirSync('examples', { recursive: true });
for (const { file, options } of examples) {
  const built = buildModel({ ...options });
  fs.writeFileSync(file, built.bytes);
  process.stdout.write(`${file}: ${built.bytes.length} bytes\n`);
}
