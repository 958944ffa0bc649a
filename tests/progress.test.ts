/** Progress lines: the step, i/N, elapsed and an estimate left, on stderr only, off with --quiet. */
import test from 'ava';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { mergePlanConfig } from '../src/config/config.js';
import { formatSeconds, Progress } from '../src/pipeline/progress.js';
import { quantizeToDir } from '../src/pipeline/quantize.js';
import { buildModel } from './fixtures/onnx-builder.js';
import { runCli, tempDir } from './helpers.js';

test('a step prints nothing before its delay, then at most a line per interval, with the estimate from the share done', (t) => {
  let now = 0;
  const lines: string[] = [];
  const p = new Progress((l) => lines.push(l), 'quantize', { delayS: 2, intervalS: 5, now: () => now });
  now = 1;
  p.update(1, 10, 'layers (a)');
  t.deepEqual(lines, [], 'within the delay');
  now = 3;
  p.update(2, 10, 'layers (b)', 0.25);
  t.deepEqual(lines, ['quantize: 2/10 layers (b) (3.0 s elapsed, about 9.0 s left)']);
  now = 4;
  p.update(3, 10, 'layers (c)');
  t.is(lines.length, 1, 'within the interval');
  now = 8.5;
  p.update(9, 10, 'layers (d)', 0.9);
  t.is(lines[1], 'quantize: 9/10 layers (d) (8.5 s elapsed, about 0.9 s left)');
  now = 130;
  p.finish('wrote the model');
  t.is(lines[2], 'quantize: wrote the model in 2 min 10 s');
  t.is(formatSeconds(59.94), '59.9 s');
});

test('a step that printed nothing ends silently; a quiet one never prints', (t) => {
  let now = 0;
  const lines: string[] = [];
  const fast = new Progress((l) => lines.push(l), 'quantize', { now: () => now });
  fast.update(1, 2, 'x');
  fast.finish('done');
  const quiet = new Progress(null, 'quantize', { delayS: 0, intervalS: 0, now: () => (now += 10) });
  quiet.update(1, 2, 'x');
  quiet.finish('done');
  t.deepEqual(lines, []);
});

test('quantize reports its layers on stderr; stdout keeps only the result', async (t) => {
  const dir = tempDir();
  const file = path.join(dir, 'm.onnx');
  fs.writeFileSync(file, buildModel({ arch: 'llama', naming: 'legacy', blocks: 2 }).bytes);
  const out: string[] = [];
  const err: string[] = [];
  const io = { stdout: (s: string) => out.push(s), stderr: (s: string) => err.push(s) };
  const options = {
    model: file,
    config: mergePlanConfig(),
    measure: { measure: false, ep: 'cpu' as const, cacheDir: null },
    progress: { delayS: 0, intervalS: 0 },
  };
  await quantizeToDir({ ...options, outDir: path.join(dir, 'a') }, io);
  t.deepEqual(out, []);
  const lines = err.join('').trim().split('\n');
  t.true(lines.length >= 3, lines.join('\n'));
  t.regex(lines[0]!, /^quantize: 1\/\d+ layers \(.+\) \(\d+\.\d s elapsed, about \d+\.\d s left\)$/);
  t.regex(lines[lines.length - 1]!, /^quantize: wrote the model in \d+\.\d s$/);
  err.length = 0;
  await quantizeToDir({ ...options, outDir: path.join(dir, 'b'), quiet: true }, io);
  t.deepEqual(err, []);
});

test('--json keeps stdout one JSON document, --quiet keeps stderr empty', (t) => {
  const dir = tempDir();
  fs.writeFileSync(path.join(dir, 'm.onnx'), buildModel({ arch: 'llama', naming: 'legacy', blocks: 2 }).bytes);
  const r = runCli(['quantize', 'm.onnx', '--out', 'q', '--json', '--quiet'], dir);
  t.is(r.code, 0, r.stderr);
  t.is(r.stderr, '');
  t.is((JSON.parse(r.stdout) as { output: string }).output, path.join('q', 'm.onnx'));
});
