/**
 * Evaluation and measured sensitivity as a user meets them: models with external data from any working
 * folder, the probe session against rewritten models, float16 outputs, inputs for check and quantize,
 * bad inputs and shapes, onnxruntime's temporary files, the time limit on each step, progress.
 */
import test from 'ava';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as ort from 'onnxruntime-node';
import { analyzeModel } from '../src/analyze/inventory.js';
import { allowedBits, isIntBits } from '../src/formats/layout.js';
import { DataType } from '../src/onnx/dtype.js';
import { readModel, type OnnxModel } from '../src/onnx/read.js';
import { encodeModel, type ModelProto } from '../src/onnx/schema.js';
import { evaluate } from '../src/eval/evaluate.js';
import { LogitAccumulator } from '../src/eval/metrics.js';
import { buildSamples, primaryOutput, runSample } from '../src/eval/samples.js';
import { buildProbe, probeSamples } from '../src/eval/probe.js';
import { measureSensitivity } from '../src/eval/sensitivity.js';
import { quantizeModel } from '../src/quant/rewrite.js';
import { writeExternal } from './fixtures/external.js';
import { toFloat16Graph } from './fixtures/float-types.js';
import { buildDecoderWithPast } from './fixtures/kv-decoder.js';
import { buildModel } from './fixtures/onnx-builder.js';
import { CLI, cli, listFiles, tempDir } from './helpers.js';

const ignore = () => undefined;

function writeProto(model: ModelProto, dir: string, name: string): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, encodeModel(model));
  return file;
}

function llama(blocks = 2): ModelProto {
  return buildModel({ arch: 'llama', naming: 'legacy', blocks }).model;
}

test('every command finds a model’s external data from another working folder', async (t) => {
  const dir = tempDir();
  const file = writeExternal(llama(), dir, 'model.onnx', 'model.onnx.data', { alignment: 4096 });
  const cwd = tempDir();
  const plan = await cli(['plan', file, '--json'], cwd);
  t.is(plan.code, 0, plan.stderr);
  const q = await cli(['quantize', file, '--out', path.join(cwd, 'q'), '--json'], cwd);
  t.is(q.code, 0, q.stderr);
  // Measured sensitivity loads the model into onnxruntime too.
  const auto = await cli(
    ['quantize', file, '--out', path.join(cwd, 'auto'), '--policy', 'auto', '--target-size', '40%', '--no-cache'],
    cwd,
  );
  t.is(auto.code, 0, auto.stderr);
  const e = await cli(['eval', file, path.join(cwd, 'auto', 'model.onnx'), '--json'], cwd);
  t.is(e.code, 0, e.stderr);
  t.true((JSON.parse(e.stdout) as { cosine: number }).cosine > 0.9);
  for (const policy of ['type-depth', 'auto']) {
    const config = path.join(cwd, `${policy}.yml`);
    fs.writeFileSync(config, `models:\n  - path: ${file}\n    id: ext\npolicy: ${policy}\ntarget_size: 50%\n`);
    const c = await cli(['check', '--config', config, '--no-cache', '--report-dir', path.join(cwd, `report-${policy}`), '--json'], cwd);
    t.true(c.code === 0 || c.code === 1, c.stderr);
    const report = JSON.parse(c.stdout) as { models: Array<{ quality: { cosine: number } | null; error?: string }> };
    t.true(report.models[0]!.quality !== null, JSON.stringify(report.models[0]));
  }
});

/**
 * Measures every layer of the model at every width with the probe session, and the same errors the
 * reference way: a rewritten model per probe (MatMulNBits, GatherBlockQuantized), loaded from bytes and run
 * as evaluation runs it (a KV-cache decoder step by step). Returns the pairs [probe, rewritten].
 */
async function probeAgainstRewritten(
  model: OnnxModel,
): Promise<{ pairs: Array<{ what: string; probe: number; rewritten: number }>; floor: number }> {
  const inv = analyzeModel(model);
  const settings = { blockSize: 32, symmetric: true, scale: 'rtn' as const };
  const table = await measureSensitivity(model, inv, settings, { ep: 'cpu', warn: ignore, budgetSeconds: 1e6 });
  if (table.unmeasured.length > 0) throw new Error(`unmeasured: ${table.unmeasured.join(', ')}`);
  const set = buildSamples(model, inv, {});
  const output = primaryOutput(
    model.graph.output.map((o) => o.name),
    set.cache,
  );
  const ctx = { model: model.path, cache: set.cache, output, limits: {} };
  const original = await runSample(await ort.InferenceSession.create(model.path), set.samples[0]!, ctx);
  // The probe with every weight as it is against the model: what the probe's arithmetic alone changes
  // (nothing for a float32 model; the rounding of activations to float16 for a float16 one).
  const candidates = inv.layers.filter((l) => allowedBits(l).some(isIntBits));
  const probe = buildProbe(model, candidates);
  const probeSet = probeSamples(probe, set);
  const probeSession = await ort.InferenceSession.create(probe.bytes);
  const sample = probeSet.samples[0]!;
  const reference = await runSample(
    probeSession,
    { ...sample, feeds: { ...sample.feeds, ...Object.fromEntries(probe.originals) } },
    { ...ctx, cache: probeSet.cache },
  );
  await probeSession.release();
  const floor = new LogitAccumulator(original.classes);
  floor.add(original.primary, reference.primary);
  const pairs = [];
  for (const layer of candidates) {
    for (const bits of allowedBits(layer).filter(isIntBits)) {
      const { proto } = quantizeModel(model, inv, new Map([[layer.name, { bits, ...settings }]]));
      const session = await ort.InferenceSession.create(encodeModel(proto));
      const probed = await runSample(session, set.samples[0]!, ctx);
      await session.release();
      const kl = new LogitAccumulator(original.classes);
      kl.add(original.primary, probed.primary);
      pairs.push({ what: `${layer.name} at ${bits}`, probe: table.errors[layer.name]![String(bits)]!, rewritten: kl.meanKL() });
    }
  }
  return { pairs, floor: floor.meanKL() };
}

test('the probe session measures what a rewritten model gives, layer by layer and width by width', async (t) => {
  const model = readModel(writeProto(llama(2), tempDir(), 'model.onnx'));
  const { pairs, floor } = await probeAgainstRewritten(model);
  t.is(floor, 0);
  for (const { what, probe, rewritten } of pairs)
    t.true(Math.abs(probe - rewritten) <= 1e-3 * rewritten + 1e-9, `${what}: ${probe} vs ${rewritten}`);
  t.true(pairs.length > 20);
});

test('a float16 model is probed as a float32 copy: it measures what the rewritten float16 model gives', async (t) => {
  const dir = tempDir();
  const models = {
    // The whole graph in float16, as model repositories publish *_fp16.onnx.
    float16: buildModel({ arch: 'llama', naming: 'legacy', blocks: 2, floatType: 'float16' }).model,
    // float16 weights read through Casts to float32.
    'float16-weights': buildModel({ arch: 'llama', naming: 'legacy', blocks: 2, floatType: 'float16-weights' }).model,
    // A KV-cache decoder in float16: its past inputs are float16 too.
    'float16-kv': toFloat16Graph(buildDecoderWithPast({ blocks: 2, hidden: 32, heads: 4, kvHeads: 2, vocab: 64 }).model),
  };
  for (const [name, proto] of Object.entries(models)) {
    const model = readModel(writeProto(proto, dir, `${name}.onnx`));
    const inv = analyzeModel(model);
    const probed = inv.layers.filter((l) => allowedBits(l).some(isIntBits));
    t.true(probed.length > 0 && probed.every((l) => l.dataType === DataType.FLOAT16), name);
    const probe = buildProbe(model, probed);
    // Fed and computed in float32: no Cast of every weight on every probe.
    t.true(probe.widened, name);
    t.true(
      [...probe.originals.values()].every((v) => v.type === 'float32'),
      name,
    );
    const { pairs, floor } = await probeAgainstRewritten(model);
    t.true(pairs.length > 10, name);
    // The rewritten model rounds activations to float16 between operators and the probe does not: they
    // agree up to that rounding's own effect on the output (`floor`, and its cross term with the error).
    t.true(floor > 0 || name === 'float16-weights', name);
    for (const { what, probe: measured, rewritten } of pairs) {
      const slack = 0.02 * rewritten + floor + 2 * Math.sqrt(rewritten * floor);
      t.true(Math.abs(measured - rewritten) <= slack, `${name}: ${what}: probe ${measured} vs rewritten ${rewritten} (floor ${floor})`);
    }
  }
});

test('float16 logits are compared as numbers: KL and cosine as the float32 model’s', async (t) => {
  const dir = tempDir();
  const f32 = llama(2);
  const f16 = llama(2);
  // The model's output in float16, as a fully float16 export has it.
  const graph = f16.graph!;
  const last = graph.node.find((n) => n.output[0] === 'logits')!;
  last.opType = 'Cast';
  last.attribute = [{ name: 'to', type: 2, i: DataType.FLOAT16 }];
  graph.output[0]!.type!.tensorType!.elemType = DataType.FLOAT16;
  const results: Array<{ cosine: number; kl: number; top1_agree: number }> = [];
  for (const [i, name] of ['f32', 'f16'].entries()) {
    const file = writeProto([f32, f16][i]!, dir, `${name}.onnx`);
    const q = await cli(['quantize', file, '--out', path.join(dir, `q-${name}`), '--bits', '4'], dir);
    t.is(q.code, 0, q.stderr);
    const e = await cli(['eval', file, path.join(dir, `q-${name}`, `${name}.onnx`), '--json'], dir);
    t.is(e.code, 0, e.stderr);
    results.push(JSON.parse(e.stdout) as { cosine: number; kl: number; top1_agree: number });
  }
  const [a, b] = results as [{ cosine: number; kl: number; top1_agree: number }, { cosine: number; kl: number; top1_agree: number }];
  t.true(a.kl > 0);
  t.true(Math.abs(b.kl - a.kl) <= 0.05 * a.kl, `float16 KL ${b.kl}, float32 KL ${a.kl}`);
  t.true(Math.abs(b.cosine - a.cosine) < 1e-3, `${b.cosine} vs ${a.cosine}`);
});

test('check and quantize take --inputs (and check the config’s inputs) for models without token ids', async (t) => {
  const dir = tempDir();
  const file = writeProto(buildModel({ arch: 'dit', naming: 'legacy', blocks: 2 }).model, dir, 'dit.onnx');
  const inputs = path.join(dir, 'inputs.json');
  const x = Array.from({ length: 256 }, (_, i) => Math.sin(i / 3));
  fs.writeFileSync(
    inputs,
    JSON.stringify({ x: { dims: [1, 4, 8, 8], data: x }, t: { dims: [1], data: [25] }, y: { type: 'int64', dims: [1], data: [3] } }),
  );
  const bogus = path.join(dir, 'bogus.json');
  fs.writeFileSync(bogus, JSON.stringify({ bogus: { dims: [1], data: [1] } }));
  const quantize = (extra: string[]) =>
    cli(['quantize', file, '--out', path.join(dir, 'q'), '--policy', 'auto', '--target-size', '50%', '--no-cache', ...extra], dir);
  const good = await quantize(['--inputs', inputs]);
  t.is(good.code, 0, good.stderr);
  const bad = await quantize(['--inputs', bogus]);
  t.is(bad.code, 2);
  t.true(bad.stderr.includes("'bogus'"), bad.stderr);

  const check = async (inputsFile: string) => {
    const config = path.join(dir, 'quantgate.yml');
    fs.writeFileSync(config, `models:\n  - path: ${file}\n    id: dit\n    inputs: ${inputsFile}\n`);
    const r = await cli(['check', '--config', config, '--report-dir', path.join(dir, 'report'), '--json'], dir);
    return JSON.parse(r.stdout) as {
      models: Array<{ quality: { cosine: number } | null; gates: Array<{ gate: string; summary: string }> }>;
    };
  };
  t.true((await check(inputs)).models[0]!.quality !== null);
  const refused = (await check(bogus)).models[0]!;
  t.is(refused.quality, null);
  t.true(refused.gates.find((g) => g.gate === 'quality')!.summary.includes("'bogus'"));
  // On the command line too.
  const flag = await cli(['check', '--models', file, '--inputs', bogus, '--report-dir', path.join(dir, 'report2'), '--json'], dir);
  t.true(flag.stdout.includes("'bogus'"), flag.stdout);
});

test('bad shapes and tokens for eval: exit 2 with one line naming the file and the problem', async (t) => {
  const dir = tempDir();
  const cases: Array<[string, string[], string]> = [];
  for (const [label, dim] of [
    ['huge', 2 ** 40],
    ['negative', -3],
  ] as const) {
    const model = llama(1);
    model.graph!.input[0]!.type!.tensorType!.shape!.dim![1] = { dimValue: dim };
    const file = writeProto(model, dir, `${label}.onnx`);
    cases.push([label, ['eval', file, file], `${file}: input 'input_ids' declares a dimension of ${dim}`]);
  }
  const file = writeProto(llama(1), dir, 'model.onnx');
  const tokens = path.join(dir, 'tokens.bin');
  fs.writeFileSync(tokens, Buffer.from(BigInt64Array.from({ length: 32 }, (_, i) => BigInt(i === 20 ? 1000 : i)).buffer));
  cases.push(['token outside the vocabulary', ['eval', file, file, '--tokens', tokens, '--seq-len', '16'], `${tokens}: token id 1000`]);
  cases.push(['a sequence too long to synthesize', ['eval', file, file, '--seq-len', '1000000000'], `${file}: input 'input_ids'`]);
  // GPT-2's position table has 64 rows: a longer sequence fails inside onnxruntime (its Gather).
  const gpt2 = writeProto(buildModel({ arch: 'gpt2', naming: 'legacy', blocks: 1 }).model, dir, 'gpt2.onnx');
  cases.push([
    'a sequence longer than the position table',
    ['eval', gpt2, gpt2, '--seq-len', '100'],
    `${gpt2}: onnxruntime failed to run the model`,
  ]);
  for (const [label, args, expected] of cases) {
    const r = await cli(args, tempDir());
    t.is(r.code, 2, `${label}: ${r.stderr}`);
    t.is(r.stderr.trim().split('\n').length, 1, `${label}: ${r.stderr}`);
    t.true(r.stderr.includes(expected), `${label}: ${r.stderr}`);
  }
});

/** Runs the CLI with its own temporary folder; returns what it printed, how it ended and what it left there. */
function runWithTmp(args: string[], cwd: string) {
  const tmp = tempDir();
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', env: { ...process.env, TMPDIR: tmp } });
  return { code: r.status, signal: r.signal, stderr: r.stderr, stdout: r.stdout, left: listFiles(tmp) };
}

test('onnxruntime’s temporary files (.ses, mat-debug-<pid>.log) go to a private folder that is removed', (t) => {
  const dir = tempDir();
  const file = writeProto(llama(1), dir, 'model.onnx');
  const e = runWithTmp(['eval', file, file], dir);
  t.is(e.code, 0, e.stderr);
  t.deepEqual(e.left, []);
  const c = runWithTmp(['check', '--models', file, '--no-cache', '--report-dir', path.join(dir, 'report')], dir);
  t.true(c.code === 0 || c.code === 1, c.stderr);
  t.deepEqual(c.left, []);
});

test('a step past --timeout ends the run with one line naming the file and the step, and removes the temporary folders', async (t) => {
  const dir = tempDir();
  // A long chain of nodes: onnxruntime takes seconds to plan it, whatever the optimization level.
  const model = llama(1);
  const graph = model.graph!;
  const last = graph.node[graph.node.length - 1]!;
  let value = last.input[0]!;
  for (let i = 0; i < 6000; i++) {
    graph.node.splice(graph.node.length - 1, 0, { opType: 'Relu', input: [value], output: [`chain_${i}`], name: `chain_${i}` });
    value = `chain_${i}`;
  }
  last.input[0] = value;
  const file = writeProto(model, dir, 'long.onnx');
  const started = Date.now();
  const r = runWithTmp(['eval', file, file, '--timeout', '0.5'], dir);
  t.true(Date.now() - started < 30_000);
  t.is(r.signal, 'SIGTERM');
  // A shell or CI sees 128 + 15: the code the usage documents for a step past --timeout.
  const shell = spawnSync('sh', ['-c', `"${process.execPath}" "${CLI}" eval "${file}" "${file}" --timeout 0.5 2>/dev/null; echo $?`], {
    cwd: dir,
    encoding: 'utf8',
  });
  t.is(shell.stdout.trim(), '143');
  t.regex((await cli(['help'], dir)).stdout, /Exit codes: .*143 a step passed --timeout/);
  t.is(r.stderr.trim().split('\n').length, 1, r.stderr);
  t.true(r.stderr.includes(`${file}: loading the model into onnxruntime did not finish within 0.5 s`), r.stderr);
  t.deepEqual(r.left, []);
  // The watchdog thread also starts in a process whose code is an ES module given with -e (the bench runs
  // commands so): its eval worker's code is read as a module there, where require does not exist.
  const io = '{ stdout: (s) => process.stdout.write(s), stderr: (s) => process.stderr.write(s) }';
  const run = (args: string[]) =>
    spawnSync(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        `const m = await import(${JSON.stringify(CLI)}); process.exitCode = await m.main(${JSON.stringify(args)}, ${io});`,
      ],
      { cwd: dir, encoding: 'utf8' },
    );
  const overrun = run(['eval', file, file, '--timeout', '0.5', '--quiet']);
  t.is(overrun.signal, 'SIGTERM', overrun.stderr);
  t.true(overrun.stderr.includes('did not finish within 0.5 s'), overrun.stderr);
  const small = writeProto(llama(1), dir, 'small.onnx');
  const ok = run(['eval', small, small, '--timeout', '60', '--quiet', '--json']);
  t.is(ok.status, 0, ok.stderr);
  t.is((JSON.parse(ok.stdout) as { cosine: number }).cosine, 1);
  const bad = await cli(['eval', file, file, '--timeout', '0'], dir);
  t.is(bad.code, 2);
  t.true(bad.stderr.includes('--timeout'), bad.stderr);
  const config = path.join(dir, 'quantgate.yml');
  fs.writeFileSync(config, 'timeout: soon\n');
  const badConfig = await cli(['check', '--config', config], dir);
  t.is(badConfig.code, 2);
  t.true(badConfig.stderr.includes('timeout'), badConfig.stderr);
});

test('progress: evaluation reports each sample and measured sensitivity each layer', async (t) => {
  const dir = tempDir();
  const file = writeProto(llama(2), dir, 'model.onnx');
  const updates: string[] = [];
  let finished = '';
  const progress = {
    update: (done: number, total: number, label: string) => updates.push(`${done}/${total} ${label}`),
    finish: (summary: string) => (finished = summary),
  };
  const tokens = path.join(dir, 'tokens.bin');
  fs.writeFileSync(tokens, Buffer.from(BigInt64Array.from({ length: 48 }, (_, i) => BigInt((i * 7) % 64)).buffer));
  await evaluate(file, file, { ep: 'cpu', warn: ignore, progress, tokens, seqLen: 16 });
  t.deepEqual(updates, [
    '1/6 reference sample 1/3',
    '2/6 reference sample 2/3',
    '3/6 reference sample 3/3',
    '4/6 quantized sample 1/3',
    '5/6 quantized sample 2/3',
    '6/6 quantized sample 3/3',
  ]);
  t.is(finished, '3 samples on both models');
  updates.length = 0;
  const model = readModel(file);
  const inv = analyzeModel(model);
  await measureSensitivity(model, inv, { blockSize: 32, symmetric: true, scale: 'rtn' }, { ep: 'cpu', warn: ignore, progress });
  const candidates = inv.layers.filter((l) => allowedBits(l).some(isIntBits)).length;
  t.is(updates.length, candidates);
  t.true(updates[candidates - 1]!.startsWith(`${candidates}/${candidates} `));
  t.is(finished, `${candidates} of ${candidates} layers (100% of their bytes) measured`);
});
