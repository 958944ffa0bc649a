/**
 * quantize and eval end to end on generated models: every architecture and width writes a model whose
 * integer layers are read by contrib ops and whose outputs onnxruntime computes close to the original's,
 * the plan's bytes are the file's, the input is never touched, outputs are deterministic, and bad plans or
 * weights are refused with nothing written. Most calls run the CLI's `main` in this process.
 */
import test from 'ava';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as ort from 'onnxruntime-node';
import { analyzeModel } from '../src/analyze/inventory.js';
import { mergePlanConfig } from '../src/config/config.js';
import { readModel } from '../src/onnx/read.js';
import { encodeModel } from '../src/onnx/schema.js';
import { makePlan, PLAN_SCHEMA } from '../src/plan/plan.js';
import { BadInputError } from '../src/errors.js';
import { assignmentsOf, readPlanFile } from '../src/pipeline/quantize.js';
import { quantizeModel } from '../src/quant/rewrite.js';
import { weightErrorModel } from '../src/quant/weight-error.js';
import { allowedBits, isIntBits, type Bits } from '../src/formats/layout.js';
import type { Plan } from '../src/plan/plan.js';
import type { Inventory } from '../src/analyze/types.js';
import { buildModel, type Arch } from './fixtures/onnx-builder.js';
import { cli, listFiles, runCli, tempDir, writeModel } from './helpers.js';

const sha = (file: string) => createHash('sha256').update(fs.readFileSync(file)).digest('hex');

interface QuantizeJson {
  output: string;
  plan_path: string;
  bytes_planned: number;
  bytes_written: number;
  file_bytes: number;
}

/** Every output of the model on these inputs: shape and values. */
async function run(file: string, feeds: Record<string, ort.Tensor>): Promise<Map<string, { dims: readonly number[]; values: number[] }>> {
  const session = await ort.InferenceSession.create(file);
  const out = await session.run(feeds);
  await session.release();
  return new Map(Object.entries(out).map(([k, v]) => [k, { dims: v.dims, values: Array.from(v.data as Float32Array, Number) }]));
}

function cosine(a: number[], b: number[]): number {
  let ab = 0;
  let aa = 0;
  let bb = 0;
  a.forEach((x, i) => {
    const y = b[i] ?? NaN;
    ab += x * y;
    aa += x * x;
    bb += y * y;
  });
  return ab / Math.sqrt(aa * bb);
}

/** How many reader nodes the rewrite must turn into each contrib op: one per integer layer's MatMul/Gemm or Gather read. */
function expectedContribOps(plan: Plan, inventory: Inventory): { MatMulNBits: number; GatherBlockQuantized: number } {
  const integer = new Set(plan.layers.filter((l) => l.bits <= 8).map((l) => l.name));
  const uses = inventory.layers.filter((l) => integer.has(l.name)).flatMap((l) => l.uses);
  return {
    MatMulNBits: uses.filter((u) => u.role === 'matmul' || u.role === 'gemm').length,
    GatherBlockQuantized: uses.filter((u) => u.role === 'gather').length,
  };
}

function feedsFor(arch: Arch): Record<string, ort.Tensor> {
  const ids = () =>
    new ort.Tensor(
      'int64',
      BigInt64Array.from({ length: 6 }, (_, i) => BigInt(i * 5)),
      [1, 6],
    );
  if (arch === 'dit') {
    return {
      x: new ort.Tensor(
        'float32',
        Float32Array.from({ length: 256 }, (_, i) => Math.cos(i)),
        [1, 4, 8, 8],
      ),
      t: new ort.Tensor('float32', new Float32Array([10]), [1]),
      y: new ort.Tensor('int64', new BigInt64Array([4n]), [1]),
    };
  }
  if (arch === 'vit')
    return {
      pixel_values: new ort.Tensor(
        'float32',
        Float32Array.from({ length: 768 }, (_, i) => Math.sin(i)),
        [1, 3, 16, 16],
      ),
    };
  if (arch === 't5') return { input_ids: ids(), decoder_input_ids: ids() };
  if (arch === 'bert') return { input_ids: ids(), token_type_ids: new ort.Tensor('int64', new BigInt64Array(6), [1, 6]) };
  return { input_ids: ids() };
}

for (const arch of ['llama', 'gpt2', 'bert', 'dit', 'phi3', 'vit', 't5'] as Arch[]) {
  test(`${arch}: INT8, INT4, default and INT2 plans rewrite every integer layer's readers and stay close to the original`, async (t) => {
    const built = writeModel({ arch, naming: 'dynamo', blocks: 3 });
    const before = sha(built.file);
    const inventory = analyzeModel(readModel(built.file));
    const original = await run(built.file, feedsFor(arch));
    // Each setting with the least cosine similarity its outputs keep to the original's (measured on these
    // seeded fixtures: INT8 ≥ 0.9998, INT4 ≥ 0.948, the default plan ≥ 0.858, INT2 everywhere ≥ 0.42).
    const settings: Array<[string[], number]> = [
      [['--bits', '8', '--asymmetric', '--scale', 'search'], 0.999],
      [['--bits', '4'], 0.9],
      [[], 0.8],
      [['--bits', '2', '--no-keep-sensitive'], 0.3],
    ];
    const similarities: number[][] = [];
    for (const [flags, least] of settings) {
      const out = path.join(built.dir, `out-${flags.join('')}`);
      const r = await cli(['quantize', built.file, '--out', out, '--json', ...flags]);
      t.is(r.code, 0, r.stderr);
      const result = JSON.parse(r.stdout) as QuantizeJson;
      t.is(result.bytes_written, result.bytes_planned, `${flags.join(' ')}: the plan's bytes are the file's`);
      const plan = JSON.parse(fs.readFileSync(result.plan_path, 'utf8')) as Plan;
      t.is(plan.totals.bytes_after, result.bytes_planned);
      // The readers of every integer layer became contrib ops, one for one.
      const ops = readModel(result.output).graph.node.map((n) => n.opType);
      const expected = expectedContribOps(plan, inventory);
      t.true(expected.MatMulNBits > 0, `${flags.join(' ')}: the plan quantizes some MatMul or Gemm`);
      t.deepEqual(
        {
          MatMulNBits: ops.filter((o) => o === 'MatMulNBits').length,
          GatherBlockQuantized: ops.filter((o) => o === 'GatherBlockQuantized').length,
        },
        expected,
        flags.join(' '),
      );
      // Same outputs and shapes, finite, and close to the original's: the rewrite computes the same function.
      const quantized = await run(result.output, feedsFor(arch));
      t.deepEqual([...quantized.keys()], [...original.keys()]);
      for (const [name, { dims, values }] of original) {
        const q = quantized.get(name)!;
        t.deepEqual(q.dims, dims, `${flags.join(' ')} ${name}`);
        t.true(q.values.every(Number.isFinite), `${flags.join(' ')} ${name}: finite`);
        const similarity = cosine(values, q.values);
        t.true(similarity >= least, `${flags.join(' ')} ${name}: cosine ${similarity} < ${least}`);
      }
      similarities.push([...original.keys()].map((name) => cosine(original.get(name)!.values, quantized.get(name)!.values)));
    }
    // Fewer bits, further from the original: INT8 ≥ INT4 ≥ INT2 everywhere, output by output.
    const [int8 = [], int4 = [], , int2 = []] = similarities;
    int4.forEach((c, i) => {
      const [more, fewer] = [int8[i] ?? NaN, int2[i] ?? NaN];
      t.true(more >= c && c >= fewer, `output ${i}: ${more} ≥ ${c} ≥ ${fewer}`);
    });
    t.is(sha(built.file), before, 'the input is never modified');
  });
}

test('quantized weights shrink the file and the contrib ops appear', (t) => {
  const built = writeModel({ arch: 'llama', naming: 'legacy', blocks: 2, hidden: 64 });
  const r = runCli(['quantize', built.file, '--out', path.join(built.dir, 'q'), '--json']);
  const result = JSON.parse(r.stdout) as QuantizeJson;
  t.true(result.file_bytes < fs.statSync(built.file).size / 3);
  const text = fs.readFileSync(result.output).toString('latin1');
  t.true(text.includes('MatMulNBits'));
  t.true(text.includes('com.microsoft'));
});

test('output is deterministic: the same model and plan give the same bytes', async (t) => {
  const built = writeModel({ arch: 'gpt2', naming: 'legacy', blocks: 2 });
  const a = JSON.parse(
    (await cli(['quantize', built.file, '--out', path.join(built.dir, 'a'), '--json', '--scale', 'search'])).stdout,
  ) as QuantizeJson;
  const b = JSON.parse(
    (await cli(['quantize', built.file, '--out', path.join(built.dir, 'b'), '--json', '--scale', 'search'])).stdout,
  ) as QuantizeJson;
  t.is(sha(a.output), sha(b.output));
  t.is(sha(a.plan_path), sha(b.plan_path));
});

test('a reviewed plan file is applied as written', async (t) => {
  const built = writeModel({ arch: 'llama', naming: 'legacy', blocks: 2 });
  const planFile = path.join(built.dir, 'reviewed.plan.json');
  const plan = JSON.parse((await cli(['plan', built.file, '--json'])).stdout) as Plan;
  const q = plan.layers.find((l) => l.module?.endsWith('layers.1.self_attn.q_proj'))!;
  q.bits = 8;
  fs.writeFileSync(planFile, JSON.stringify(plan));
  const r = await cli(['quantize', built.file, '--out', path.join(built.dir, 'q'), '--plan', planFile, '--json']);
  t.is(r.code, 0, r.stderr);
  const written = JSON.parse(fs.readFileSync((JSON.parse(r.stdout) as QuantizeJson).plan_path, 'utf8')) as Plan;
  t.is(written.layers.find((l) => l.name === q.name)!.bits, 8);
});

async function refused(t: import('ava').ExecutionContext, args: string[], dir: string, pattern: RegExp): Promise<void> {
  const before = listFiles(dir);
  const r = await cli(args, dir);
  t.is(r.code, 2, r.stderr);
  t.regex(r.stderr, pattern);
  t.is(r.stderr.trim().split('\n').length, 1);
  t.deepEqual(listFiles(dir), before, 'nothing written');
}

test('bad plans and bad weights: exit 2, one line, nothing written', async (t) => {
  const built = writeModel({ arch: 'llama', naming: 'legacy', blocks: 2 });
  const other = writeModel({ arch: 'llama', naming: 'legacy', blocks: 2, seed: 99 });
  const otherPlan = path.join(built.dir, 'other.plan.json');
  fs.writeFileSync(otherPlan, (await cli(['plan', other.file, '--json'])).stdout);
  await refused(
    t,
    ['quantize', 'model.onnx', '--out', 'q', '--plan', 'other.plan.json'],
    built.dir,
    /model\.onnx: the plan is for another model/,
  );

  const plan = JSON.parse((await cli(['plan', built.file, '--json'])).stdout) as Plan;
  plan.layers.find((l) => l.op === 'Gather')!.bits = 2;
  fs.writeFileSync(path.join(built.dir, 'bad-bits.plan.json'), JSON.stringify(plan));
  await refused(
    t,
    ['quantize', 'model.onnx', '--out', 'q', '--plan', 'bad-bits.plan.json'],
    built.dir,
    /layer 'model\.embed_tokens\.weight' \(Gather\) cannot take 2 bits/,
  );
  fs.writeFileSync(path.join(built.dir, 'garbage.plan.json'), '{"schema": "something else"}');
  await refused(
    t,
    ['quantize', 'model.onnx', '--out', 'q', '--plan', 'garbage.plan.json'],
    built.dir,
    /garbage\.plan\.json: not a quantgate\.plan\/v1 document/,
  );
  await refused(
    t,
    ['quantize', 'model.onnx', '--out', '.'],
    built.dir,
    /model\.onnx: --out \. would overwrite the input \(model\.onnx is this file\)/,
  );

  // NaN and Inf weights, reported per layer.
  const poisoned = buildModel({ arch: 'llama', naming: 'legacy', blocks: 2 });
  for (const init of poisoned.model.graph!.initializer) {
    if (init.name === 'model.layers.1.post_attention_layernorm.weight' || (init.name.startsWith('onnx::MatMul') && init.dims[1] === 96)) {
      const values = new Float32Array(
        init.rawData!.buffer.slice(init.rawData!.byteOffset, init.rawData!.byteOffset + init.rawData!.byteLength),
      );
      values[0] = NaN;
      values[1] = Infinity;
      init.rawData = new Uint8Array(values.buffer);
    }
  }
  fs.writeFileSync(path.join(built.dir, 'poisoned.onnx'), encodeModel(poisoned.model));
  await refused(
    t,
    ['quantize', 'poisoned.onnx', '--out', 'q'],
    built.dir,
    /poisoned\.onnx: NaN or Inf weights in \d+ layers: .*'model\.layers\.1\.post_attention_layernorm\.weight' \(2 values\)/,
  );
});

test('eval: identical models agree exactly; a quantized one is close; tokens give perplexity', async (t) => {
  const built = writeModel({ arch: 'llama', naming: 'legacy', blocks: 2, hidden: 32, vocab: 64 });
  const sameRun = await cli(['eval', built.file, built.file, '--json']);
  const same = JSON.parse(sameRun.stdout) as Record<string, number | string>;
  t.is(Object.keys(same)[0], 'schema');
  t.is(same.schema, 'quantgate.eval/v1');
  t.is(same.reference, built.file);
  t.is(same.quantized, built.file);
  t.is(same.inputs, 'synthesized');
  t.regex(sameRun.stderr, /^synthesized input \(deterministic, from the graph's specs\): input_ids$/m);
  t.regex(sameRun.stderr, /^scored 1 sample × 16 positions$/m);
  t.is(same.cosine, 1);
  t.is(same.rel_l2, 0);
  t.is(same.max_abs, 0);
  t.is(same.top1_agree, 1);
  t.is(same.kl, 0);
  t.is(same.ep, 'cpu');
  const first = await cli(['quantize', built.file, '--out', path.join(built.dir, 'q'), '--json', '--bits', '2']);
  const q = JSON.parse(first.stdout) as QuantizeJson;
  t.is(Object.keys(q)[0], 'schema');
  t.is((q as unknown as { schema: string }).schema, 'quantgate.quantize/v1');
  t.notRegex(first.stderr, /replaced/);
  // Quantizing again into the same folder says that it replaced the earlier model.
  const second = await cli(['quantize', built.file, '--out', path.join(built.dir, 'q'), '--bits', '2', '--quiet']);
  t.is(second.code, 0, second.stderr);
  t.true(second.stderr.split('\n').includes(`quantize: replaced ${q.output}`), second.stderr);
  const tokens = path.join(built.dir, 'tokens.bin');
  fs.writeFileSync(tokens, new Uint8Array(BigInt64Array.from({ length: 3 * 16 }, (_, i) => BigInt((i * 13) % 64)).buffer));
  const tokenRun = await cli(['eval', built.file, q.output, '--json', '--tokens', tokens, '--seq-len', '16']);
  t.regex(tokenRun.stderr, /^scored 3 windows × 15 positions$/m);
  t.notRegex(tokenRun.stderr, /synthesized|no perplexity/);
  t.is((JSON.parse(tokenRun.stdout) as { inputs: string }).inputs, tokens);
  const r = JSON.parse(tokenRun.stdout) as Record<string, number>;
  t.true(r.cosine! < 1 && r.cosine! > 0.5);
  t.true(r.rel_l2! > 0);
  t.true(r.kl! > 0);
  t.is(r.windows, 3);
  t.true(r.ppl_ref! > 1 && r.ppl_q! > 1);
  // Two runs print the same metrics: inputs are synthesized deterministically.
  const again = JSON.parse((await cli(['eval', built.file, q.output, '--json', '--tokens', tokens, '--seq-len', '16'])).stdout) as Record<
    string,
    number
  >;
  t.is(again.ppl_q, r.ppl_q);
});

test('eval: a BERT-like model with --tokens says in one line why there is no perplexity; --quiet says nothing', async (t) => {
  const built = writeModel({ arch: 'bert', naming: 'legacy', blocks: 1 });
  const tokens = path.join(built.dir, 'tokens.bin');
  fs.writeFileSync(tokens, new Uint8Array(BigInt64Array.from({ length: 2 * 8 }, (_, i) => BigInt(i % 7)).buffer));
  const r = await cli(['eval', built.file, built.file, '--json', '--tokens', tokens, '--seq-len', '8']);
  t.is(r.code, 0, r.stderr);
  const doc = JSON.parse(r.stdout) as { output: string; ppl_ref?: number };
  t.is(doc.ppl_ref, undefined);
  const reasons = r.stderr.split('\n').filter((l) => l.startsWith('no perplexity'));
  t.deepEqual(reasons, [`no perplexity: output '${doc.output}' is not a distribution over the vocabulary`]);
  t.regex(r.stderr, /^synthesized input \(deterministic, from the graph's specs\): token_type_ids$/m);
  t.regex(r.stderr, /^scored 2 windows × 8 positions$/m);
  const quiet = await cli(['eval', built.file, built.file, '--json', '--tokens', tokens, '--seq-len', '8', '--quiet']);
  t.is(quiet.stderr, '');
});

test('eval: an unavailable execution provider falls back to cpu with a warning', (t) => {
  const built = writeModel({ arch: 'bert', naming: 'legacy', blocks: 1 });
  const r = runCli(['eval', built.file, built.file, '--json', '--ep', 'cuda']);
  t.is(r.code, 0, r.stderr);
  t.is((JSON.parse(r.stdout) as { ep: string }).ep, 'cpu');
  t.regex(r.stderr, /warning: execution provider 'cuda' .*running on cpu/);
});

test('eval: bad token files and unknown providers are refused', async (t) => {
  const built = writeModel({ arch: 'llama', naming: 'legacy', blocks: 1 });
  fs.writeFileSync(path.join(built.dir, 'odd.bin'), new Uint8Array(13));
  await refused(
    t,
    ['eval', 'model.onnx', 'model.onnx', '--tokens', 'odd.bin'],
    built.dir,
    /odd\.bin: 13 bytes is not a whole number of int64 tokens/,
  );
  await refused(
    t,
    ['eval', 'model.onnx', 'model.onnx', '--ep', 'tpu'],
    built.dir,
    /--ep: execution provider must be one of cpu, webgpu, cuda/,
  );
});

test('policy auto measures sensitivity with onnxruntime, caches it, and meets the target', async (t) => {
  const built = writeModel({ arch: 'llama', naming: 'legacy', blocks: 2, hidden: 64 });
  const cache = tempDir();
  const typeDepth = JSON.parse((await cli(['plan', built.file, '--json'])).stdout) as Plan;
  const target = `${typeDepth.totals.bytes_after}B`;
  const r = await cli(['plan', built.file, '--json', '--policy', 'auto', '--target-size', target, '--cache-dir', cache]);
  t.is(r.code, 0, r.stderr);
  const auto = JSON.parse(r.stdout) as Plan;
  t.is(auto.policy.errors, 'measured');
  t.true(auto.totals.bytes_after <= typeDepth.totals.bytes_after);
  const cached = fs.readdirSync(cache).filter((f) => f.startsWith('sensitivity-'));
  t.is(cached.length, 1);
  const table = JSON.parse(fs.readFileSync(path.join(cache, cached[0]!), 'utf8')) as {
    errors: Record<string, Record<string, number>>;
    metric: string;
  };
  t.is(table.metric, 'kl');
  // The plan records each measured layer's errors as the run measured them (and nothing for other layers).
  t.true(Object.keys(table.errors).length > 0);
  for (const l of auto.layers)
    t.deepEqual(l.measured_error, table.errors[l.name] ? { metric: 'kl', by_bits: table.errors[l.name] } : undefined, l.name);
  const q = Object.values(table.errors)[1]!;
  t.true(q['2']! > q['4']! && q['4']! > q['8']!, JSON.stringify(q));
  // A second run reads the cache: make one layer's INT2 error enormous and see the plan avoid it.
  const victim = auto.layers.find((l) => l.bits === 2)!;
  table.errors[victim.name]!['2'] = 1e9;
  fs.writeFileSync(path.join(cache, cached[0]!), JSON.stringify(table));
  const again = JSON.parse(
    (await cli(['plan', built.file, '--json', '--policy', 'auto', '--target-size', target, '--cache-dir', cache])).stdout,
  ) as Plan;
  t.not(again.layers.find((l) => l.name === victim.name)!.bits, 2);
});

/** A .npy file as np.save writes it (format 1.0). */
function npy(descr: string, shape: number[], data: ArrayBufferView): Uint8Array {
  let header = `{'descr': '${descr}', 'fortran_order': False, 'shape': (${shape.join(', ')}${shape.length === 1 ? ',' : ''}), }`;
  while ((10 + header.length + 1) % 64 !== 0) header += ' ';
  header += '\n';
  const head = new Uint8Array(10 + header.length);
  head.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0, header.length & 0xff, header.length >> 8]);
  head.set(Buffer.from(header, 'latin1'), 10);
  return Buffer.concat([head, new Uint8Array(data.buffer, data.byteOffset, data.byteLength)]);
}

test('eval: user inputs from .npy files and JSON, the rest synthesized to match', async (t) => {
  const built = writeModel({ arch: 'bert', naming: 'legacy', blocks: 1 });
  fs.writeFileSync(path.join(built.dir, 'ids.npy'), npy('<i8', [1, 7], BigInt64Array.from([1n, 2n, 3n, 4n, 5n, 6n, 7n])));
  const fromNpy = await cli(['eval', 'model.onnx', 'model.onnx', '--inputs', 'input_ids=ids.npy', '--json'], built.dir);
  t.is(fromNpy.code, 0, fromNpy.stderr);
  t.is((JSON.parse(fromNpy.stdout) as { cosine: number }).cosine, 1);
  fs.writeFileSync(
    path.join(built.dir, 'in.json'),
    JSON.stringify({ input_ids: { type: 'int64', dims: [2, 3], data: [1, 2, 3, 4, 5, 6] } }),
  );
  t.is((await cli(['eval', 'model.onnx', 'model.onnx', '--inputs', 'in.json'], built.dir)).code, 0);
  fs.writeFileSync(path.join(built.dir, 'c.npy'), npy('<c8', [2], new Float32Array(4)));
  await refused(t, ['eval', 'model.onnx', 'model.onnx', '--inputs', 'input_ids=c.npy'], built.dir, /c\.npy: dtype <c8 is not supported/);
  await refused(t, ['eval', 'model.onnx', 'model.onnx', '--inputs', 'nope=ids.npy'], built.dir, /model\.onnx has no input 'nope'/);
});

test('a measuring budget: the largest layers are measured, the rest use the calibrated weight error', async (t) => {
  const built = writeModel({ arch: 'llama', naming: 'legacy', blocks: 2, hidden: 64 });
  const cache = tempDir();
  const typeDepth = JSON.parse((await cli(['plan', built.file, '--json'])).stdout) as Plan;
  const r = await cli([
    'plan',
    built.file,
    '--json',
    '--policy',
    'auto',
    '--target-size',
    `${typeDepth.totals.bytes_after}B`,
    '--cache-dir',
    cache,
    '--measure-budget',
    '0',
  ]);
  t.is(r.code, 0, r.stderr);
  const share = /the 0 s budget measured 1 of (\d+) layers \((\d+)% of their bytes\); the rest use the calibrated weight error/.exec(
    r.stderr,
  );
  t.truthy(share, r.stderr);
  const plan = JSON.parse(r.stdout) as Plan;
  t.true(plan.totals.bytes_after <= typeDepth.totals.bytes_after);
  const table = JSON.parse(fs.readFileSync(path.join(cache, fs.readdirSync(cache)[0]!), 'utf8')) as {
    errors: Record<string, unknown>;
    unmeasured: string[];
    calibration: Record<string, number>;
    estimates: Record<string, Record<string, number>>;
  };
  t.is(Object.keys(table.errors).length, 1);
  // The one measured layer is the largest.
  const largest = [...plan.layers].filter((l) => l.op !== 'Mul').sort((a, b) => b.params - a.params)[0]!;
  t.truthy(table.errors[largest.name]);
  t.true(table.unmeasured.length > 5);
  t.true(Object.values(table.calibration).every((c) => c > 0 && Number.isFinite(c)));
  // Each unmeasured layer's estimate is its weight error times the width's calibration (computed while the
  // probe held the weights, so planning reads none again).
  const model = readModel(built.file);
  const proxy = weightErrorModel(model, { blockSize: 32, symmetric: true });
  const inv = analyzeModel(model);
  // The warning's share: the largest candidate's bytes over all candidates' bytes.
  const candidates = inv.layers.filter((l) => allowedBits(l).some(isIntBits));
  t.is(Number(share![1]), candidates.length);
  const total = candidates.reduce((sum, l) => sum + l.bytes, 0);
  t.is(Number(share![2]), Math.floor((100 * Math.max(...candidates.map((l) => l.bytes))) / total));
  t.deepEqual(Object.keys(table.estimates).sort(), [...table.unmeasured].sort());
  for (const name of table.unmeasured) {
    const layer = inv.layers.find((l) => l.name === name)!;
    for (const [bits, estimate] of Object.entries(table.estimates[name]!)) {
      const expected = proxy(layer, Number(bits) as Bits) * table.calibration[bits]!;
      t.true(Math.abs(estimate - expected) <= 1e-12 * expected, `${name} at ${bits}: ${estimate} vs ${expected}`);
    }
  }
});

test('the rewrite finds reader nodes by stable id: an inventory from another read of the same file gives the same bytes', (t) => {
  const built = writeModel({ arch: 'gpt2', naming: 'legacy', blocks: 2 });
  const first = readModel(built.file);
  const inventory = analyzeModel(first);
  const plan = makePlan(first, inventory, mergePlanConfig({ policy: 'uniform', bits: 4 }));
  const assignments = assignmentsOf(plan, 'rtn');
  const same = encodeModel(quantizeModel(first, inventory, assignments).proto);
  const secondRead = readModel(built.file);
  const fromOtherRead = encodeModel(quantizeModel(secondRead, inventory, assignments).proto);
  t.deepEqual(fromOtherRead, same);
  t.true(Buffer.from(same).includes('MatMulNBits'));
  // An inventory that names nodes this model does not have is refused, not silently ignored.
  const shuffled = readModel(built.file);
  shuffled.graph.node.reverse();
  t.throws(() => quantizeModel(shuffled, inventory, assignments), { message: /the inventory does not describe this model/ });
});

test('a plan file is checked when read: schema, scale, widths and block layouts, each error naming the file', (t) => {
  const built = writeModel({ arch: 'llama', naming: 'legacy', blocks: 1 });
  const model = readModel(built.file);
  const plan = makePlan(model, analyzeModel(model), mergePlanConfig({}));
  const file = path.join(built.dir, 'p.plan.json');
  /** Writes the plan with one field set (`path` into the JSON), and reads it back. */
  const readWith = (where: Array<string | number>, value: unknown) => {
    const copy = JSON.parse(JSON.stringify(plan)) as Record<string | number, unknown>;
    let at = copy;
    for (const key of where.slice(0, -1)) at = at[key] as Record<string | number, unknown>;
    at[where.at(-1)!] = value;
    fs.writeFileSync(file, JSON.stringify(copy));
    return readPlanFile(file);
  };
  const refusedWith = (where: Array<string | number>, value: unknown, message: RegExp) =>
    t.throws(() => readWith(where, value), { instanceOf: BadInputError, message });
  t.deepEqual(readWith(['schema'], PLAN_SCHEMA), plan);
  refusedWith(
    ['policy', 'scale'],
    'fancy',
    /p\.plan\.json: policy\.scale: scale must be one of rtn, search, imatrix, gptq \(got 'fancy'\)/,
  );
  refusedWith(['layers', 0, 'bits'], 3, /p\.plan\.json: layers\[0\] '[^']+': bits must be one of 32, 16, 8, 4, 2/);
  refusedWith(
    ['layers', 1, 'block_size'],
    48,
    /p\.plan\.json: layers\[1\] '[^']+': block_size must be a power of two from 16 to 256 \(got '48'\)/,
  );
  refusedWith(['policy', 'symmetric'], 'yes', /p\.plan\.json: not a quantgate\.plan\/v1 document: policy\.symmetric must be boolean/);
  refusedWith(['model'], null, /p\.plan\.json: not a quantgate\.plan\/v1 document/);
  // A reviewer raises an FP16 layer to INT8: it takes the policy's block layout.
  const index = plan.layers.findIndex((l) => l.bits === 16 && l.op === 'Gather');
  const raised = readWith(['layers', index, 'bits'], 8);
  t.deepEqual(assignmentsOf(raised, 'search').get(plan.layers[index]!.name), { bits: 8, blockSize: 32, symmetric: true, scale: 'search' });
});
