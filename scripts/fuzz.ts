/**
 * `npm run fuzz -- [--count N] [--seed S]`: a longer fuzz campaign than the test's (tests/fixtures/fuzz.ts):
 * N seeded byte mutants (default 5000, seed 1) through `quantize`; prints each failure (the seed reproduces
 * it) and exits 1 when there is any.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { fuzz } from '../tests/fixtures/fuzz.js';

const { values } = parseArgs({ options: { count: { type: 'string' }, seed: { type: 'string' } } });
const count = Number(values.count ?? '5000');
const seed = Number(values.seed ?? '1');
if (!Number.isInteger(count) || count <= 0 || !Number.isInteger(seed)) {
  console.error('usage: npm run fuzz -- [--count N] [--seed S]');
  process.exit(2);
}
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'quantgate-fuzz-'));
const started = Date.now();
try {
  const failures = await fuzz(dir, count, seed, (f) =>
    console.log(`FAIL seed ${f.seed} (${f.seedModel}, ${f.how}): ${f.why}\n  ${f.stderr.trim().split('\n').join('\n  ')}`),
  );
  console.log(`${count} mutants from seed ${seed} in ${((Date.now() - started) / 1000).toFixed(1)} s: ${failures.length} failure(s)`);
  process.exitCode = failures.length > 0 ? 1 : 0;
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
