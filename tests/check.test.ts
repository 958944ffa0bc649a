/**
 * `quantgate check` on a generated model repository: no baseline, golden files written and then matched,
 * a plan regression failing with exit 1, gates in warn mode, labels, size targets, quality thresholds,
 * and merged reports.
 */
import test from 'ava';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Plan } from '../src/plan/plan.js';
import type { CheckReport } from '../src/report/report.js';
import { detectionAccuracy, planChanges, qualityGate } from '../src/gate/gates.js';
import { DEFAULT_THRESHOLDS } from '../src/config/check-config.js';
import type { QualityRecord } from '../src/gate/regression.js';
import { buildModel } from './fixtures/onnx-builder.js';
import { cli, runCli, tempDir } from './helpers.js';

/** A model repository: two models, a config, labels for one of them. */
function repo(config: string): string {
  const dir = tempDir();
  fs.mkdirSync(path.join(dir, 'models'));
  fs.mkdirSync(path.join(dir, 'golden'));
  const llama = buildModel({ arch: 'llama', naming: 'legacy', blocks: 4 });
  fs.writeFileSync(path.join(dir, 'models', 'llama.onnx'), llama.bytes);
  fs.writeFileSync(path.join(dir, 'models', 'bert.onnx'), buildModel({ arch: 'bert', naming: 'dynamo', blocks: 2 }).bytes);
  fs.writeFileSync(
    path.join(dir, 'golden', 'llama.labels.json'),
    JSON.stringify({ layers: Object.fromEntries([...llama.labels].map(([k, v]) => [k, v.category])) }),
  );
  fs.writeFileSync(path.join(dir, 'quantgate.yml'), config);
  return dir;
}

const readReport = (dir: string) => JSON.parse(fs.readFileSync(path.join(dir, 'quantgate-report', 'report.json'), 'utf8')) as CheckReport;
const BASE = 'models:\n  - models/*.onnx\nthresholds: { cosine: 0.5 }\n';

test('first run: no baseline, detection from labels; --update-golden writes plans; then plans match', async (t) => {
  const dir = repo(BASE);
  const first = runCli(['check', '--no-cache'], dir); // smoke: the CLI as its own process
  t.is(first.code, 0, first.stderr);
  const r1 = readReport(dir);
  t.deepEqual(
    r1.models.map((m) => m.id),
    ['bert', 'llama'],
  );
  const llama = r1.models.find((m) => m.id === 'llama')!;
  t.is(llama.gates.find((g) => g.gate === 'plan')!.summary, 'no baseline (no golden plan yet)');
  t.is(llama.gates.find((g) => g.gate === 'detection')!.status, 'pass');
  t.is(llama.detection!.accuracy, 1);
  t.is(r1.models.find((m) => m.id === 'bert')!.gates.find((g) => g.gate === 'detection')!.status, 'skip');
  t.true(fs.readFileSync(path.join(dir, 'quantgate-report', 'comment.md'), 'utf8').includes('No golden plan yet'));

  const update = await cli(['check', '--no-cache', '--update-golden'], dir);
  t.is(update.code, 0);
  t.regex(
    update.stdout,
    /golden files written: golden\/bert\.plan\.json, golden\/bert\.quality\.json, golden\/llama\.plan\.json, golden\/llama\.quality\.json/,
  );
  t.true(fs.existsSync(path.join(dir, 'golden', 'llama.plan.json')));
  const second = await cli(['check', '--no-cache'], dir);
  t.is(second.code, 0);
  t.true(readReport(dir).models.every((m) => m.golden === 'match' && m.gates.find((g) => g.gate === 'plan')!.status === 'pass'));
});

test('--quiet silences the progress and "checking" lines; the result stays', async (t) => {
  const dir = repo(BASE);
  const loud = await cli(['check', '--no-cache'], dir);
  t.is(loud.code, 0, loud.stderr);
  t.regex(loud.stderr, /^quantgate: checking models\/bert\.onnx \(bert\)$/m);
  const quiet = runCli(['check', '--no-cache', '--quiet'], dir);
  t.is(quiet.code, 0, quiet.stderr);
  t.is(quiet.stderr, '');
  t.regex(quiet.stdout, /^ok {3}llama \(models\/llama\.onnx\): /m);
  t.regex(quiet.stdout, /^passed; report \S+\/quantgate-report\/report\.json/m);
});

test('a plan regression fails the check with exit 1 and lists the changed layers; fail-on can make it a warning', async (t) => {
  const dir = repo(BASE);
  await cli(['check', '--no-cache', '--update-golden'], dir);
  fs.writeFileSync(path.join(dir, 'quantgate.yml'), `${BASE}overrides:\n  "*.mlp.down_proj*": 2\n`);
  const r = await cli(['check', '--no-cache'], dir);
  t.is(r.code, 1, r.stdout + r.stderr);
  const llama = readReport(dir).models.find((m) => m.id === 'llama')!;
  const plan = llama.gates.find((g) => g.gate === 'plan')!;
  t.is(plan.status, 'fail');
  t.is(llama.plan_changes!.length, 2); // blocks 0 and 3: INT4 → INT2 (blocks 1 and 2 were INT2 already)
  t.true(llama.plan_changes!.every((c) => c.old_bits === 4 && c.new_bits === 2));
  const comment = fs.readFileSync(path.join(dir, 'quantgate-report', 'comment.md'), 'utf8');
  t.regex(comment, /\*\*2 layers changed\*\*/);
  t.regex(comment, /INT4 → INT2/);
  // Two more INT2 layers also move the output away from the golden measurement: the quality gate says so.
  t.regex(llama.gates.find((g) => g.gate === 'quality')!.summary, /cosine .* against the golden record/);
  const warned = await cli(['check', '--no-cache', '--fail-on', 'detection,size'], dir);
  t.is(warned.code, 0);
  const gates = readReport(dir).models.find((m) => m.id === 'llama')!.gates;
  t.is(gates.find((g) => g.gate === 'plan')!.status, 'warn');
  t.is(gates.find((g) => g.gate === 'quality')!.status, 'warn');
});

test('a change of storage at the same bits (plain layout to super-blocks, block size) is shown as a change with both storages; the plan gate counts bits', async (t) => {
  const dir = repo(BASE);
  await cli(['check', '--no-cache', '--update-golden'], dir);
  fs.writeFileSync(path.join(dir, 'quantgate.yml'), `${BASE}super_blocks: true\n`);
  // (The plan gate counts widths, as the spec has it; the regression gate judges what the storage did.)
  await cli(['check', '--no-cache'], dir);
  const llama = readReport(dir).models.find((m) => m.id === 'llama')!;
  const gate = llama.gates.find((g) => g.gate === 'plan')!;
  t.is(gate.status, 'pass');
  t.regex(gate.summary, /^all \d+ layers' bits match the golden plan; \d+ stored differently at the same bits$/);
  t.is(llama.golden, 'changed', 'the golden plan no longer says how the layers are stored');
  const changes = llama.plan_changes!;
  const narrow = new Set(llama.layers.filter((l) => l.bits === 4 || l.bits === 2).map((l) => l.name));
  t.true(changes.length > 0, 'layers now in super-blocks are changes');
  for (const c of changes) {
    t.true(narrow.has(c.name), `${c.name} is INT4 or INT2`);
    t.is(c.old_bits, c.new_bits, c.name);
    t.regex(c.old_storage!, /^block \d+, (a)?symmetric$/, c.name);
    t.regex(c.new_storage!, /^super-blocks, block \d+$/, c.name);
  }
  const comment = fs.readFileSync(path.join(dir, 'quantgate-report', 'comment.md'), 'utf8');
  t.regex(comment, /\*\*\d+ layers changed\*\* against the golden plan, in storage only \(same bits\)/);
  t.regex(comment, /\| INT([24]) → INT\1 \| [\d,]+ → [\d,]+ \| now super\\?-blocks, block \d+/);
  t.regex(comment, /quantgate check --update-golden/);
  // A change of width as well: the gate fails on the widths alone, and says the rest.
  fs.writeFileSync(path.join(dir, 'quantgate.yml'), `${BASE}super_blocks: true\noverrides:\n  "*.mlp.down_proj*": 8\n`);
  t.is((await cli(['check', '--no-cache'], dir)).code, 1);
  const mixed = readReport(dir).models.find((m) => m.id === 'llama')!;
  const widths = mixed.plan_changes!.filter((c) => c.old_storage === undefined);
  t.true(widths.length > 0 && widths.every((c) => c.new_bits === 8));
  t.is(
    mixed.gates.find((g) => g.gate === 'plan')!.summary,
    `${widths.length} of ${mixed.layers.length} layers changed against the golden plan; ${mixed.plan_changes!.length - widths.length} stored differently at the same bits`,
  );
  // Back to the golden config, another block size: a change of storage again; the golden config: none.
  fs.writeFileSync(path.join(dir, 'quantgate.yml'), `${BASE}block_size: 64\n`);
  await cli(['check', '--no-cache'], dir);
  const coarser = readReport(dir).models.find((m) => m.id === 'llama')!.plan_changes!;
  t.true(coarser.length > 0 && coarser.every((c) => /^block 64, /.test(c.new_storage!) && /^block 32, /.test(c.old_storage!)));
  fs.writeFileSync(path.join(dir, 'quantgate.yml'), BASE);
  t.is((await cli(['check', '--no-cache'], dir)).code, 0);
  t.deepEqual(readReport(dir).models.find((m) => m.id === 'llama')!.plan_changes, []);
});

test('size target: met, or an unreachable target fails the size gate with the smallest size', async (t) => {
  const dir = repo(`${BASE}target_size: 30%\n`);
  t.is((await cli(['check', '--no-cache'], dir)).code, 0);
  const size = readReport(dir).models[0]!.gates.find((g) => g.gate === 'size')!;
  t.is(size.status, 'pass');
  fs.writeFileSync(path.join(dir, 'quantgate.yml'), `${BASE}target_size: 1%\n`);
  const r = await cli(['check', '--no-cache'], dir);
  t.is(r.code, 1);
  t.regex(readReport(dir).models[0]!.gates.find((g) => g.gate === 'size')!.summary, /cannot be met; the smallest plan reachable is/);
});

test('wrong labels fail detection; strict quality thresholds fail quality', async (t) => {
  const dir = repo(`models:\n  - path: models/llama.onnx\n    thresholds: { cosine: 0.99999, rel_l2: 0.0001 }\n`);
  const labels = JSON.parse(fs.readFileSync(path.join(dir, 'golden', 'llama.labels.json'), 'utf8')) as { layers: Record<string, string> };
  for (const k of Object.keys(labels.layers)) if (labels.layers[k] === 'attention') labels.layers[k] = 'head';
  fs.writeFileSync(path.join(dir, 'golden', 'llama.labels.json'), JSON.stringify(labels));
  const r = await cli(['check', '--no-cache'], dir);
  t.is(r.code, 1);
  const m = readReport(dir).models[0]!;
  t.is(m.gates.find((g) => g.gate === 'detection')!.status, 'fail');
  t.true(m.detection!.accuracy < 0.95);
  t.is(m.gates.find((g) => g.gate === 'quality')!.status, 'fail');
  t.regex(m.gates.find((g) => g.gate === 'quality')!.summary, /cosine .* \(min 0\.99999\)/);
});

test('bad config: unknown keys, gates and missing models are exit 2', async (t) => {
  const dir = repo('models:\n  - path: models/llama.onnx\n    colour: blue\n');
  t.regex((await cli(['check'], dir)).stderr, /quantgate\.yml: models\[0\]: unknown key 'colour'/);
  fs.writeFileSync(path.join(dir, 'quantgate.yml'), 'gates: { speed: fail }\n');
  t.is((await cli(['check'], dir)).code, 2);
  fs.writeFileSync(path.join(dir, 'quantgate.yml'), 'models: [nothing/*.onnx]\n');
  const r = await cli(['check'], dir);
  t.is(r.code, 2);
  t.is(r.stderr, "quantgate: quantgate.yml: models: no model matches 'nothing/*.onnx'\n");
  fs.writeFileSync(path.join(dir, 'other.yml'), 'models: [nothing/*.onnx, none/*.onnx]\n');
  const other = await cli(['check', '--config', 'other.yml'], dir);
  t.is(other.code, 2);
  t.is(other.stderr, "quantgate: other.yml: models: no model matches 'nothing/*.onnx', 'none/*.onnx'\n");
  const only = await cli(['check', '--models', 'none/*.onnx'], dir);
  t.is(only.stderr, "quantgate: no model matches 'none/*.onnx'\n", "a --models glob is not the config file's");
  const empty = tempDir();
  const bare = await cli(['check'], empty);
  t.is(bare.code, 2);
  t.is(
    bare.stderr,
    'quantgate: no model to check: no .onnx file under the working folder (node_modules left out), and no quantgate.yml names one\n',
  );
  fs.writeFileSync(path.join(empty, 'quantgate.yml'), 'thresholds: { cosine: 0.5 }\n');
  t.is(
    (await cli(['check'], empty)).stderr,
    'quantgate: quantgate.yml names no models, and no .onnx file under the working folder (node_modules left out)\n',
  );
});

test('report --merge joins the reports of matrix jobs', async (t) => {
  const a = repo('models: [models/llama.onnx]\nthresholds: { cosine: 0.5 }\nreport_dir: ra\n');
  await cli(['check', '--no-cache'], a);
  fs.writeFileSync(path.join(a, 'quantgate.yml'), 'models: [models/bert.onnx]\nreport_dir: rb\n');
  await cli(['check', '--no-cache'], a);
  const r = await cli(['report', '--merge', 'ra/report.json', 'rb/report.json', '--out', 'merged', '--json'], a);
  t.is(r.code, 0, r.stderr);
  const merged = JSON.parse(r.stdout) as CheckReport;
  t.deepEqual(
    merged.models.map((m) => m.id),
    ['bert', 'llama'],
  );
  t.true(fs.readFileSync(path.join(a, 'merged', 'comment.md'), 'utf8').includes('### llama'));
  // Only reports are merged: anything else is bad input, and nothing is written.
  fs.writeFileSync(path.join(a, 'plan.json'), JSON.stringify({ schema: 'quantgate.plan/v1' }));
  const wrong = await cli(['report', '--merge', 'ra/report.json', 'plan.json', '--out', 'wrong'], a);
  t.is(wrong.code, 2);
  t.regex(wrong.stderr, /^quantgate: plan\.json: not a quantgate\.report\/v1 document \(its schema is "quantgate\.plan\/v1"\)\n$/);
  t.false(fs.existsSync(path.join(a, 'wrong')));
  // Damaged reports: exit 2, one line naming the file, never a stack.
  const good = JSON.parse(fs.readFileSync(path.join(a, 'ra', 'report.json'), 'utf8')) as CheckReport;
  const damaged: Array<[unknown, RegExp]> = [
    [[], /must be object/],
    [{ schema: 'quantgate.report/v1' }, /must have required property 'passed'/],
    [{ ...good, models: [{ ...good.models[0], id: 5 }] }, /models\[0\]\.id must be string/],
    [{ ...good, models: [{ ...good.models[0], gates: [{ gate: 'speed' }] }] }, /models\[0\]\.gates\[0\]/],
    [{ ...good, models: null }, /models must be array/],
  ];
  for (const [doc, message] of damaged) {
    fs.writeFileSync(path.join(a, 'bad.json'), JSON.stringify(doc));
    const r = await cli(['report', '--merge', 'ra/report.json', 'bad.json', '--out', 'wrong'], a);
    t.is(r.code, 2, r.stderr);
    t.regex(r.stderr, /^quantgate: bad\.json: not a quantgate\.report\/v1 document: /);
    t.regex(r.stderr, message);
    t.is(r.stderr.trim().split('\n').length, 1, r.stderr);
  }
  fs.writeFileSync(path.join(a, 'bad.json'), '{"schema": ');
  t.regex((await cli(['report', '--merge', 'bad.json'], a)).stderr, /^quantgate: bad\.json: not valid JSON/);
  t.false(fs.existsSync(path.join(a, 'wrong')));
  // Overlapping matrix jobs: a model in two reports is kept once, with a warning.
  const twice = await cli(['report', '--merge', 'ra/report.json', 'rb/report.json', 'ra/report.json', '--out', 'merged', '--json'], a);
  t.is(twice.code, 0, twice.stderr);
  t.deepEqual(
    (JSON.parse(twice.stdout) as CheckReport).models.map((m) => m.id),
    ['bert', 'llama'],
  );
  t.regex(twice.stderr, /warning: ra\/report\.json: model 'llama' is also in ra\/report\.json; keeping the first/);
});

test("report --merge does not take a report's word over its gates: passed that disagrees with them is exit 2 naming the file", async (t) => {
  const a = repo('models: [models/llama.onnx]\nthresholds: { cosine: 0.5 }\nreport_dir: ra\n');
  t.is((await cli(['check', '--no-cache'], a)).code, 0);
  const good = JSON.parse(fs.readFileSync(path.join(a, 'ra', 'report.json'), 'utf8')) as CheckReport;
  const model = good.models[0]!;
  const failedPlan = model.gates.map((g) =>
    g.gate === 'plan' ? { ...g, status: 'fail' as const, blocking: true, summary: '3 of 39 layers changed' } : g,
  );
  const forged: Array<[string, CheckReport, RegExp]> = [
    // A blocking failure, but the report (and the model) say passed.
    ['failed-gate', { ...good, models: [{ ...model, gates: failedPlan }] }, /model 'llama' says passed: true, but its plan gate failed/],
    // The model says failed, the report passed.
    ['report-passed', { ...good, models: [{ ...model, gates: failedPlan, passed: false }] }, /passed: true, but model llama failed/],
    // A failed gate marked not blocking.
    [
      'not-blocking',
      { ...good, models: [{ ...model, gates: failedPlan.map((g) => ({ ...g, blocking: false })) }] },
      /the plan gate is 'fail' with blocking: false/,
    ],
  ];
  for (const [name, doc, message] of forged) {
    fs.writeFileSync(path.join(a, `${name}.json`), JSON.stringify(doc));
    const r = await cli(['report', '--merge', 'ra/report.json', `${name}.json`, '--out', 'merged'], a);
    t.is(r.code, 2, `${name}: ${r.stderr}`);
    t.regex(r.stderr, new RegExp(`^quantgate: ${name}\\.json: inconsistent report: `));
    t.regex(r.stderr, message);
    t.is(r.stderr.trim().split('\n').length, 1, r.stderr);
    t.false(fs.existsSync(path.join(a, 'merged')));
  }
  // A consistent failed report merges to failed (exit 1).
  fs.writeFileSync(
    path.join(a, 'failed.json'),
    JSON.stringify({ ...good, passed: false, models: [{ ...model, gates: failedPlan, passed: false }] }),
  );
  t.is((await cli(['report', '--merge', 'failed.json', '--out', 'merged'], a)).code, 1);
});
test('gates as pure functions: detection share, plan diff, quality thresholds', (t) => {
  const layers = [
    { name: 'a', sensitive: true, category: 'embedding' },
    { name: 'b', sensitive: false, category: 'mlp' },
  ] as Parameters<typeof detectionAccuracy>[0];
  const d = detectionAccuracy(
    layers,
    new Map([
      ['a', 'embedding'],
      ['b', 'norm'],
      ['c', 'mlp'],
      ['k', 'constant'],
    ]),
  );
  t.is(d.labelled, 3);
  t.is(d.accuracy, 1 / 3);
  t.deepEqual(
    d.mismatches.map((m) => m.name),
    ['b', 'c'],
  );
  const plan = (bits: Record<string, number>) =>
    ({
      layers: Object.entries(bits).map(([name, b]) => ({ name, bits: b, bytes: b, module: null, category: 'mlp', layer: 0, reason: 'r' })),
    }) as unknown as Plan;
  const changes = planChanges(plan({ x: 4, y: 2, z: 8 }), plan({ x: 4, y: 4, w: 8 }));
  t.deepEqual(
    changes.map((c) => [c.name, c.old_bits, c.new_bits]),
    [
      ['y', 4, 2],
      ['z', null, 8],
      ['w', 8, null],
    ],
  );
  const q = { cosine: 0.98, rel_l2: 0.2, max_abs: 1, ep: 'cpu' as const, seconds: 1, output: 'logits', ppl_ref: 3, ppl_q: 3.3 };
  t.is(qualityGate(q, DEFAULT_THRESHOLDS, 'fail').status, 'pass');
  const strict = qualityGate(q, { ...DEFAULT_THRESHOLDS, ppl_increase: 0.05 }, 'fail');
  t.is(strict.status, 'fail');
  t.regex(strict.summary, /\+10\.00%, max \+5\.0%/);
  t.is(qualityGate(q, { ...DEFAULT_THRESHOLDS, ppl_increase: 0.05 }, 'warn').status, 'warn');
  t.is(qualityGate(q, DEFAULT_THRESHOLDS, 'off').status, 'skip');
});

test('without models in the config every .onnx file is checked, except under node_modules', (t) => {
  const dir = repo('thresholds: { cosine: 0.5 }\n');
  fs.mkdirSync(path.join(dir, 'node_modules', 'pkg'), { recursive: true });
  fs.copyFileSync(path.join(dir, 'models', 'bert.onnx'), path.join(dir, 'node_modules', 'pkg', 'vendored.onnx'));
  // A glob in the config: @actions/glob's debug lines must not reach stdout, which is the JSON document.
  const r = runCli(['check', '--no-cache', '--json'], dir);
  t.is(r.code, 0, r.stderr);
  t.deepEqual((JSON.parse(r.stdout) as CheckReport).models.map((m) => m.path).sort(), ['models/bert.onnx', 'models/llama.onnx']);
  t.false(r.stderr.includes('::debug::'), 'workflow commands mean nothing outside Actions');
});

/** A one-model repository (a small BERT), fast to check: for the bad-input cases. */
function smallRepo(config = 'models: [models/m.onnx]\n'): { dir: string; labels: Map<string, { category: string }> } {
  const dir = tempDir();
  fs.mkdirSync(path.join(dir, 'models'));
  fs.mkdirSync(path.join(dir, 'golden'));
  const built = buildModel({ arch: 'bert', naming: 'dynamo', blocks: 1 });
  fs.writeFileSync(path.join(dir, 'models', 'm.onnx'), built.bytes);
  fs.writeFileSync(path.join(dir, 'quantgate.yml'), config);
  return { dir, labels: built.labels };
}

test('a damaged golden or labels file is exit 2 naming it, never a gate switched off', async (t) => {
  const { dir } = smallRepo();
  const golden = path.join(dir, 'golden');
  // In this process: the many cases stay fast; one runs as a user would, at the end.
  const check = async () => {
    const r = await cli(['check', '--no-cache'], dir);
    return {
      code: r.code,
      stderr: r.stderr
        .split('\n')
        .filter((l) => !l.startsWith('quantgate: checking'))
        .join('\n'),
    };
  };
  const cases: Array<[string, string, RegExp]> = [
    ['m.plan.json', 'null', /golden\/m\.plan\.json: not a quantgate\.plan\/v1 document: must be object/],
    [
      'm.plan.json',
      '{"schema": "quantgate.plan/v1"}',
      /golden\/m\.plan\.json: not a quantgate\.plan\/v1 document: must have required property 'model'/,
    ],
    ['m.plan.json', '{"schema": "quantgate.plan/v1", "', /golden\/m\.plan\.json: not valid JSON/],
    ['m.labels.json', 'null', /golden\/m\.labels\.json: not a quantgate labels document: must be object/],
    ['m.labels.json', '{"layers": {}}', /golden\/m\.labels\.json: not a quantgate labels document: layers must not be empty/],
    ['m.labels.json', '{"layers": 5}', /layers must be object/],
    ['m.labels.json', '{"initializers": 7}', /initializers must be object/],
    ['m.labels.json', '{"initializers": {"x": null}}', /initializers\.x must be object/],
    ['m.labels.json', '{"layers": {"x": "tail"}}', /layers\.x must be equal to one of the allowed values/],
  ];
  for (const [file, text, message] of cases) {
    fs.rmSync(golden, { recursive: true, force: true });
    fs.mkdirSync(golden);
    fs.writeFileSync(path.join(golden, file), text);
    const r = await check();
    t.is(r.code, 2, `${file} ${text}: ${r.stderr}`);
    t.regex(r.stderr, message);
    t.is(r.stderr.trim().split('\n').length, 1, r.stderr);
  }
  fs.writeFileSync(path.join(dir, 'quantgate.yml'), `models: [models/m.onnx]\ntarget_size: ${'9'.repeat(400)}GB\n`);
  const huge = await cli(['check', '--no-cache'], dir);
  t.is(huge.code, 2);
  t.regex(huge.stderr, /^quantgate: quantgate\.yml: target_size: size '9+…9+GB' is too large \(at most 9 PB\)\n$/);
  fs.writeFileSync(path.join(dir, 'quantgate.yml'), 'models: [models/m.onnx]\n');
  fs.writeFileSync(path.join(golden, 'm.labels.json'), '{"layers": 5}');
  const spawned = runCli(['check', '--no-cache'], dir);
  t.is(spawned.code, 2);
  t.is(
    spawned.stderr,
    'quantgate: checking models/m.onnx (m)\nquantgate: golden/m.labels.json: not a quantgate labels document: layers must be object\n',
  );
});

test('labels or a golden plan of another model fail their gate and say why; ids are file names', async (t) => {
  const dir = repo('models: [models/llama.onnx, models/bert.onnx]\nthresholds: { cosine: 0.5 }\n');
  await cli(['check', '--no-cache', '--update-golden'], dir);
  // llama gets bert's plan; bert gets llama's labels; a labels file of constants only judges nothing.
  fs.copyFileSync(path.join(dir, 'golden', 'bert.plan.json'), path.join(dir, 'golden', 'llama.plan.json'));
  fs.copyFileSync(path.join(dir, 'golden', 'llama.labels.json'), path.join(dir, 'golden', 'bert.labels.json'));
  const r = await cli(['check', '--no-cache'], dir);
  t.is(r.code, 1, r.stderr);
  const report = readReport(dir);
  const gate = (id: string, name: string) => report.models.find((m) => m.id === id)!.gates.find((g) => g.gate === name)!;
  t.is(gate('llama', 'plan').status, 'fail');
  t.regex(
    gate('llama', 'plan').summary,
    /golden\/llama\.plan\.json: the golden plan is another model's \(bert, \d+ layers; this model: llama, 39 layers; 0 layer names in common\)/,
  );
  t.is(gate('bert', 'detection').status, 'fail');
  t.regex(
    gate('bert', 'detection').summary,
    /golden\/bert\.labels\.json is not this model's: (\d+) of its \1 labelled layers are not in the model/,
  );
  fs.writeFileSync(path.join(dir, 'golden', 'llama.labels.json'), JSON.stringify({ layers: { 'rope.cos_cache': 'constant' } }));
  await cli(['check', '--no-cache'], dir);
  const constants = readReport(dir)
    .models.find((m) => m.id === 'llama')!
    .gates.find((g) => g.gate === 'detection')!;
  t.is(constants.status, 'fail');
  t.regex(constants.summary, /golden\/llama\.labels\.json labels no weight layer \(every entry is constant\)/);
  // id: ../../escaped would have written ../../escaped.plan.json.
  fs.writeFileSync(path.join(dir, 'quantgate.yml'), 'models:\n  - path: models/llama.onnx\n    id: ../../escaped\n');
  const escaped = await cli(['check', '--no-cache', '--update-golden'], dir);
  t.is(escaped.code, 2);
  t.regex(escaped.stderr, /models\[0\]\.id: id '\.\.\/\.\.\/escaped' must be a file name/);
  t.false(fs.existsSync(path.join(dir, '..', '..', 'escaped.plan.json')));
});

test('check --models keeps the config entry of each file it names; an override that matches nothing is reported once per model', async (t) => {
  const dir = repo(
    'models:\n  - path: models/llama.onnx\n    id: lm\n    thresholds: { cosine: 0.999999 }\n  - models/*.onnx\nthresholds: { cosine: 0.5 }\noverrides:\n  "*.self_attn.q_proj*": 8\n',
  );
  const r = await cli(['check', '--no-cache', '--models', 'models/*.onnx', '--json'], dir);
  t.is(r.code, 1, r.stderr);
  const report = JSON.parse(r.stdout) as CheckReport;
  t.deepEqual(
    report.models.map((m) => m.id),
    ['bert', 'lm'],
  );
  t.regex(report.models.find((m) => m.id === 'lm')!.gates.find((g) => g.gate === 'quality')!.summary, /min 0\.999999/);
  t.is(report.models.find((m) => m.id === 'bert')!.gates.find((g) => g.gate === 'quality')!.status, 'pass');
  const unused = r.stderr.split('\n').filter((l) => l.includes('matches no layer'));
  t.deepEqual(unused, ["warning: models/bert.onnx: override '*.self_attn.q_proj*' (quantgate.yml) matches no layer of this model"]);
});

test('a glob reaching outside the working folder works from the command line', async (t) => {
  const dir = repo(BASE);
  const sub = path.join(dir, 'repo');
  fs.mkdirSync(sub);
  fs.writeFileSync(path.join(sub, 'quantgate.yml'), 'models: [../models/bert*.onnx]\nthresholds: { cosine: 0.5 }\n');
  const r = await cli(['check', '--no-cache', '--json'], sub);
  t.is(r.code, 0, r.stderr);
  t.deepEqual(
    (JSON.parse(r.stdout) as CheckReport).models.map((m) => m.path),
    ['../models/bert.onnx'],
  );
});

/** A repository of one small LLaMA with an evaluation token file (perplexity, KL and cosine all measured). */
function tokenRepo(config: string): string {
  const dir = tempDir();
  fs.mkdirSync(path.join(dir, 'models'));
  fs.writeFileSync(path.join(dir, 'models', 'llama.onnx'), buildModel({ arch: 'llama', naming: 'legacy', blocks: 2, hidden: 128 }).bytes);
  const ids = BigInt64Array.from({ length: 4 * 16 }, (_, i) => BigInt((i * 37 + (i >> 4) * 11) % 64));
  fs.writeFileSync(path.join(dir, 'tokens.bin'), new Uint8Array(ids.buffer));
  fs.writeFileSync(path.join(dir, 'quantgate.yml'), config);
  return dir;
}
const TOKENS = 'models: [models/llama.onnx]\ntokens: tokens.bin\nseq_len: 16\nwindows: 4\nthresholds: { cosine: 0.5, ppl_increase: 10 }\n';

test('accepting records the quality; the same run twice gives the same numbers to the last digit (CPU)', async (t) => {
  const dir = tokenRepo(TOKENS);
  t.is((await cli(['check', '--no-cache', '--update-golden'], dir)).code, 0);
  const recordFile = path.join(dir, 'golden', 'llama.quality.json');
  const recorded = fs.readFileSync(recordFile, 'utf8');
  const record = JSON.parse(recorded) as QualityRecord;
  t.is(record.schema, 'quantgate.quality/v1');
  t.is(record.measurement.inputs, 'tokens');
  t.is(record.measurement.windows, 4);
  t.is(record.measurement.seq_len, 16);
  t.is(record.measurement.execution_provider, 'cpu');
  t.regex(record.measurement.tokens_sha256!, /^[0-9a-f]{64}$/);
  t.regex(record.measurement.onnxruntime, /^\d+\.\d+\.\d+/);
  t.truthy(record.quality?.ppl_q);
  t.truthy(record.quality?.kl);
  t.false('seconds' in record.quality!, 'timings are not recorded: same inputs, same bytes');

  const again = await cli(['check', '--no-cache', '--update-golden'], dir);
  t.is(again.code, 0);
  t.is(fs.readFileSync(recordFile, 'utf8'), recorded, 'the record is rewritten to the same bytes');
  t.deepEqual(readReport(dir).updated_golden, [], 'nothing written: nothing changed');
  const plain = await cli(['check', '--no-cache'], dir);
  t.is(plain.code, 0);
  const llama = readReport(dir).models[0]!;
  t.true(llama.baseline!.comparable);
  t.false(llama.baseline!.model_changed);
  t.deepEqual(
    llama.baseline!.deltas.map((d) => [d.metric, d.change]),
    [
      ['bytes', 0],
      ['bits_per_weight', 0],
      ['ppl_increase', 0],
      ['kl', 0],
      ['cosine', 0],
    ],
  );
  t.regex(llama.gates.find((g) => g.gate === 'quality')!.summary, /no regression against the golden record/);
});

test('a coarser block size fails the regression gate with the deltas; other tokens are not comparable; changed weights are said', async (t) => {
  const dir = tokenRepo(TOKENS);
  t.is((await cli(['check', '--no-cache', '--update-golden'], dir)).code, 0);
  // The same bits, coarser blocks: the plan gate still passes, quality moves.
  fs.writeFileSync(
    path.join(dir, 'quantgate.yml'),
    TOKENS.replace('{ cosine: 0.5,', '{ cosine_drop: 0, cosine: 0.5,') + 'block_size: 128\n',
  );
  const worse = await cli(['check', '--no-cache'], dir);
  t.is(worse.code, 1, worse.stdout + worse.stderr);
  const m = readReport(dir).models[0]!;
  t.is(m.gates.find((g) => g.gate === 'plan')!.status, 'pass');
  const quality = m.gates.find((g) => g.gate === 'quality')!;
  t.is(quality.status, 'fail');
  t.regex(quality.summary, /cosine [\d.]+ → [\d.]+ \(−[\d.]+, max drop 0\) against the golden record/);
  const cosine = m.baseline!.deltas.find((d) => d.metric === 'cosine')!;
  t.true(cosine.change < 0 && cosine.direction === 'worse' && cosine.fails);
  const comment = fs.readFileSync(path.join(dir, 'quantgate-report', 'comment.md'), 'utf8');
  t.regex(comment, /\| cosine \| [\d.]+ \| [\d.]+ \| −[\d.]+ ▼ worse ❌ over 0 \|/);
  t.regex(comment, /quantgate check --update-golden/);

  // Another tokens file: not comparable, with the reason, and no regression gated.
  const original = fs.readFileSync(path.join(dir, 'tokens.bin'));
  const other = BigInt64Array.from({ length: 4 * 16 }, (_, i) => BigInt((i * 5) % 64));
  fs.writeFileSync(path.join(dir, 'tokens.bin'), new Uint8Array(other.buffer));
  const incomparable = await cli(['check', '--no-cache'], dir);
  t.is(incomparable.code, 0, incomparable.stdout);
  const n = readReport(dir).models[0]!;
  t.false(n.baseline!.comparable);
  t.is(n.baseline!.reason, 'measured differently: another tokens file');
  t.regex(
    n.gates.find((g) => g.gate === 'quality')!.summary,
    /not comparable with the golden record \(measured differently: another tokens file\)/,
  );

  // Changed weights (same names): said plainly, compared all the same.
  fs.writeFileSync(
    path.join(dir, 'models', 'llama.onnx'),
    buildModel({ arch: 'llama', naming: 'legacy', blocks: 2, hidden: 128, seed: 99 }).bytes,
  );
  fs.writeFileSync(path.join(dir, 'tokens.bin'), original);
  await cli(['check', '--no-cache'], dir);
  const changed = readReport(dir).models[0]!;
  t.true(changed.baseline!.model_changed);
  t.regex(fs.readFileSync(path.join(dir, 'quantgate-report', 'comment.md'), 'utf8'), /Model weights changed since the golden plan/);
});

test("policy auto: the changed layers carry their measured error, golden → now, from the run's sensitivity table", async (t) => {
  const dir = tokenRepo(`${TOKENS}policy: auto\ntarget_size: 30%\n`);
  const cache = path.join(dir, 'cache');
  t.is((await cli(['check', '--cache-dir', cache, '--update-golden'], dir)).code, 0);
  fs.writeFileSync(path.join(dir, 'quantgate.yml'), `${TOKENS}policy: auto\ntarget_size: 20%\n`);
  const r = await cli(['check', '--cache-dir', cache], dir);
  t.is(r.code, 1, r.stdout + r.stderr);
  const tables = fs.readdirSync(cache).filter((f) => f.startsWith('sensitivity-'));
  t.is(tables.length, 1, 'one measurement: the same model and settings');
  const table = JSON.parse(fs.readFileSync(path.join(cache, tables[0]!), 'utf8')) as { errors: Record<string, Record<string, number>> };
  const changes = readReport(dir).models[0]!.plan_changes!;
  t.true(changes.length > 0);
  const comment = fs.readFileSync(path.join(dir, 'quantgate-report', 'comment.md'), 'utf8');
  t.regex(comment, /\| layer \| bits \| Δ bytes \| measured error \| reason \|/);
  for (const c of changes) {
    const errors = table.errors[c.name]!;
    t.deepEqual(c.measured_error, { metric: 'kl', golden: errors[String(c.old_bits)]!, now: errors[String(c.new_bits)]! }, c.name);
    const cell = `${errors[String(c.old_bits)]!.toExponential(1)} → ${errors[String(c.new_bits)]!.toExponential(1)}`;
    t.true(comment.includes(`| ${cell} |`), `${c.name}: ${cell}`);
  }
  // The golden plan records the errors too: golden/llama.plan.json's layers as measured.
  const golden = JSON.parse(fs.readFileSync(path.join(dir, 'golden', 'llama.plan.json'), 'utf8')) as Plan;
  const measured = golden.layers.filter((l) => l.measured_error);
  t.true(measured.length > 0);
  for (const l of measured) t.deepEqual(l.measured_error!.by_bits, table.errors[l.name]);
});
