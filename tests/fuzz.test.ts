/**
 * A bounded fuzz campaign: 300 seeded byte mutants of two small models (inline, and with external data)
 * through `quantize`; each exits 0 with a model that reads back, or 2 with one line. `npm run fuzz` runs
 * longer campaigns (scripts/fuzz.ts).
 */
import test from 'ava';
import { fuzz } from './fixtures/fuzz.js';
import { tempDir } from './helpers.js';

test('300 byte mutants: exit 0 with a model that reads back, or exit 2 with one line, never anything else', async (t) => {
  const started = Date.now();
  const failures = await fuzz(tempDir(), 300, 20_240_601);
  const seconds = (Date.now() - started) / 1000;
  t.deepEqual(
    failures.map((f) => `seed ${f.seed} (${f.seedModel}, ${f.how}): ${f.why}\n${f.stderr}`),
    [],
  );
  t.log(`300 mutants in ${seconds.toFixed(1)} s`);
});
