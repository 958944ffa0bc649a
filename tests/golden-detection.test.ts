/**
 * The built-in labelled corpus (golden/detection/*.json): parameter names of each family, as their
 * reference implementations spell them, with the expected category. Names alone must place ≥ 95%.
 */
import test from 'ava';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { categoryFromName, isSensitive, type Category } from '../src/analyze/categories.js';
import { fromInitializerName } from '../src/analyze/names.js';

const dir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../golden/detection');
const files = fs
  .readdirSync(dir)
  .filter((f) => f.endsWith('.json'))
  .sort();

test('the corpus covers the seed architectures and more', (t) => {
  const archs = files.map((f) => f.replace('.json', ''));
  for (const a of [
    'llama',
    'gpt2',
    'bert',
    'dit',
    'qwen2',
    'phi3',
    'gpt-neox',
    't5',
    'vit',
    'whisper',
    'mistral',
    'mixtral',
    'gemma',
    'falcon',
    'swin',
    'deit',
    'sd-unet',
  ])
    t.true(archs.includes(a), a);
});

for (const file of files) {
  const corpus = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as { architecture: string; layers: Record<string, Category> };
  test(`${corpus.architecture}: detection accuracy from names is at least 95%`, (t) => {
    const entries = Object.entries(corpus.layers);
    t.true(entries.length >= 15);
    const misses: string[] = [];
    // A name that names a category must never flip the sensitive flag (a category that merely differs, or no
    // category at all, leaves the decision to the structure): checked on its own, whatever the accuracy.
    const flipped: string[] = [];
    for (const [name, expected] of entries) {
      const evidence = fromInitializerName(name);
      const got = evidence ? categoryFromName(evidence.module, null) : null;
      if (got !== expected) misses.push(`${name}: ${got}, expected ${expected}`);
      if (got !== null && isSensitive(got) !== isSensitive(expected)) flipped.push(`${name}: ${got}, expected ${expected}`);
    }
    const accuracy = (entries.length - misses.length) / entries.length;
    t.log(`${corpus.architecture}: ${(accuracy * 100).toFixed(1)}% (${misses.length} misses)`, misses);
    t.true(accuracy >= 0.95, misses.join('\n'));
    t.deepEqual(flipped, []);
  });
}
