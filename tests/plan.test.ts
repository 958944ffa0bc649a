/**
 * Plans: the type-depth table and its depth boundaries, uniform, overrides and default widths, size
 * targets, exact byte accounting, totals and determinism.
 */
import test from 'ava';
import { analyzeModel } from '../src/analyze/inventory.js';
import type { Inventory, Layer } from '../src/analyze/types.js';
import { mergePlanConfig, type PlanConfig } from '../src/config/config.js';
import { BadInputError, TargetUnreachableError } from '../src/errors.js';
import { readModel, type OnnxModel } from '../src/onnx/read.js';
import { layerBytes } from '../src/formats/layout.js';
import { weightErrorModel } from '../src/quant/weight-error.js';
import { makePlan, type Plan } from '../src/plan/plan.js';
import { bitsHeatmap } from '../src/report/comment.js';
import { formatPlanTable } from '../src/report/plan-table.js';
import type { BuildOptions } from './fixtures/onnx-builder.js';
import { writeModel } from './helpers.js';

function load(options: BuildOptions): { model: OnnxModel; inv: Inventory } {
  const model = readModel(writeModel(options).file);
  return { model, inv: analyzeModel(model) };
}

function plan(model: OnnxModel, inv: Inventory, cfg: Partial<PlanConfig>, warnings: string[] = []): Plan {
  const config = mergePlanConfig(cfg);
  return makePlan(model, inv, config, {
    errorModel: () => weightErrorModel(model, { blockSize: config.blockSize, symmetric: config.symmetric }),
    warn: (m) => warnings.push(m),
  });
}

for (const blocks of [3, 4, 32, 80]) {
  test(`type-depth at ${blocks} blocks: MLP INT2 only in the middle half, attention INT4, sensitive FP16`, (t) => {
    const { model, inv } = load({ arch: 'llama', naming: 'legacy', blocks, hidden: 16, vocab: 32 });
    const p = plan(model, inv, {});
    for (const l of p.layers) {
      if (l.sensitive) t.is(l.bits, 16, l.name);
      else if (l.category === 'attention') t.is(l.bits, 4, l.name);
      else if (l.category === 'mlp') {
        // depth = i / n; early is < 0.25, late is >= 0.75: integer form 4i < n or 4i >= 3n.
        const edge = 4 * l.layer! < blocks || 4 * l.layer! >= 3 * blocks;
        t.is(l.bits, edge ? 4 : 2, `${l.module} in block ${l.layer} of ${blocks}`);
      }
    }
    const int2Blocks = new Set(p.layers.filter((l) => l.bits === 2).map((l) => l.layer));
    const expected = Array.from({ length: blocks }, (_, i) => i).filter((i) => !(4 * i < blocks || 4 * i >= 3 * blocks));
    t.deepEqual(
      [...int2Blocks].sort((a, b) => a! - b!),
      expected,
    );
  });
}

test('type-depth on every architecture: each category gets its width and reason', (t) => {
  for (const arch of ['llama', 'gpt2', 'bert', 'dit'] as const) {
    const { model, inv } = load({ arch, naming: 'dynamo', blocks: 4 });
    const p = plan(model, inv, {});
    for (const l of p.layers) {
      const want = l.sensitive
        ? 16
        : l.category === 'attention'
          ? 4
          : l.category === 'modulation'
            ? 8
            : l.category === 'mlp'
              ? l.layer === 1 || l.layer === 2
                ? 2
                : 4
              : undefined;
      // Biases cannot be block-quantized: they stay FP16 whatever their category asks.
      const bias = l.shape.length === 1;
      if (want !== undefined) t.is(l.bits, bias && want < 16 ? 16 : want, `${arch} ${l.name}`);
      t.true(l.reason.length > 0);
    }
  }
});

test('uniform: one width for every quantizable layer; sensitive kept unless told otherwise', (t) => {
  const { model, inv } = load({ arch: 'gpt2', naming: 'legacy', blocks: 2 });
  const kept = plan(model, inv, { policy: 'uniform', bits: 8 });
  for (const l of kept.layers) t.is(l.bits, l.sensitive || l.shape.length === 1 ? 16 : 8, l.name);
  const all = plan(model, inv, { policy: 'uniform', bits: 2, keepSensitive: false });
  const byName = new Map(all.layers.map((l) => [l.name, l]));
  // The tied table is read by Gather: 2 bits is not an option there, so it is raised to 4, and says why.
  t.is(byName.get('transformer.wte.weight')!.bits, 4);
  t.regex(byName.get('transformer.wte.weight')!.reason, /cannot take INT2 → INT4/);
  t.is(byName.get('transformer.ln_f.weight')!.bits, 16);
  t.is(byName.get('transformer.h.0.attn.c_attn.weight')!.bits, 2);
});

test('overrides: globs and regexes over names and modules, later rules win, unused rules warn', (t) => {
  const { model, inv } = load({ arch: 'llama', naming: 'legacy', blocks: 4 });
  const warnings: string[] = [];
  const p = plan(
    model,
    inv,
    {
      overrides: [
        { pattern: '*.mlp.*', bits: 8, source: 'quantgate.yml' },
        { pattern: '*.mlp.down_proj*', bits: 16, source: 'quantgate.yml' },
        { pattern: '/layers\\.3\\.mlp\\.down_proj/', bits: 4, source: '--override' },
        { pattern: 'nothing.matches.this', bits: 2, source: '--override' },
      ],
    },
    warnings,
  );
  const mlp = p.layers.filter((l) => l.category === 'mlp');
  t.is(mlp.length, 12);
  for (const l of mlp) {
    const want = l.module!.endsWith('down_proj') ? (l.layer === 3 ? 4 : 16) : 8;
    t.is(l.bits, want, l.module!);
    t.regex(l.reason, /^override '/);
  }
  t.deepEqual(warnings, [`${model.path}: override 'nothing.matches.this' (--override) matches no layer of this model`]);
});

test('default_bits: layers no rule names get the default, sensitive ones stay FP16', (t) => {
  const { model, inv } = load({ arch: 'bert', naming: 'legacy', blocks: 2 });
  const p = plan(model, inv, { defaultBits: 8, overrides: [{ pattern: '*.attention.self.query*', bits: 2, source: 'test' }] });
  for (const l of p.layers) {
    if (l.sensitive) t.is(l.bits, 16);
    else if (l.shape.length === 1) t.is(l.bits, 16);
    else if (l.module?.includes('attention.self.query')) t.is(l.bits, 2);
    else t.is(l.bits, 8, l.module ?? l.name);
  }
});

test('byte accounting matches the MatMulNBits and GatherBlockQuantized layouts exactly', (t) => {
  const base = {
    name: 'w',
    module: null,
    op: 'MatMul',
    dataType: 1,
    category: 'mlp',
    sensitive: false,
    block: 0,
    stack: 0,
    depth: 0,
    evidence: 'name',
    tied: false,
    transB: false,
    quantized: null,
  } as const;
  const matmul: Layer = { ...base, role: 'matmul', shape: [100, 48], params: 4800, bytes: 19200, uses: [] };
  // K = 100 → 4 blocks of 32 (the last padded); N = 48 columns; float32 scales.
  t.is(layerBytes(matmul, 4, { blockSize: 32, symmetric: true }), 48 * 4 * 16 + 48 * 4 * 4);
  t.is(layerBytes(matmul, 4, { blockSize: 32, symmetric: false }), 48 * 4 * 16 + 48 * 4 * 4 + 48 * 2);
  t.is(layerBytes(matmul, 2, { blockSize: 32, symmetric: false }), 48 * 4 * 8 + 48 * 4 * 4 + 48 * 1);
  t.is(layerBytes(matmul, 8, { blockSize: 32, symmetric: false }), 48 * 4 * 32 + 48 * 4 * 4 + 48 * 4);
  t.is(layerBytes(matmul, 4, { blockSize: 64, symmetric: true }), 48 * 2 * 32 + 48 * 2 * 4);
  t.is(layerBytes(matmul, 16, { blockSize: 32, symmetric: true }), 9600);
  t.is(layerBytes(matmul, 32, { blockSize: 32, symmetric: true }), 19200);
  // Gemm with transB stores [N, K].
  const gemm: Layer = { ...matmul, role: 'gemm', op: 'Gemm', transB: true, shape: [48, 100] };
  t.is(layerBytes(gemm, 4, { blockSize: 32, symmetric: true }), layerBytes(matmul, 4, { blockSize: 32, symmetric: true }));
  // A Gather table [rows 64, cols 40]: packed along the row, scales per block of the row.
  const table: Layer = { ...matmul, role: 'gather', op: 'Gather', shape: [64, 40], params: 2560, bytes: 10240 };
  t.is(layerBytes(table, 4, { blockSize: 32, symmetric: true }), 64 * 20 + 64 * 2 * 4);
  t.is(layerBytes(table, 8, { blockSize: 32, symmetric: false }), 64 * 40 + 64 * 2 * 4 + 64 * 2);
  // float16 weights keep float16 scales.
  const half: Layer = { ...matmul, dataType: 10, bytes: 9600 };
  t.is(layerBytes(half, 4, { blockSize: 32, symmetric: true }), 48 * 4 * 16 + 48 * 4 * 2);
});

test('totals add up: bytes, bits per weight, parameters by width', (t) => {
  const { model, inv } = load({ arch: 'dit', naming: 'legacy', blocks: 4 });
  const p = plan(model, inv, {});
  const params = p.layers.reduce((s, l) => s + l.params, 0);
  t.is(
    p.totals.bytes_before,
    p.layers.reduce((s, l) => s + inv.layers.find((x) => x.name === l.name)!.bytes, 0),
  );
  t.is(
    p.totals.bytes_after,
    p.layers.reduce((s, l) => s + l.bytes, 0),
  );
  t.is(p.totals.bits_per_weight, Math.round(((p.totals.bytes_after * 8) / params) * 1e4) / 1e4);
  t.is(
    Object.values(p.totals.params_by_bits).reduce((a, b) => a + b, 0),
    params,
  );
  t.is(p.model.parameters, params);
  t.is(p.model.num_layers, 4);
  t.is(p.model.architecture, 'dit');
  t.is(p.schema, 'quantgate.plan/v1');
  for (const l of p.layers) {
    t.is(l.block_size, l.bits <= 8 ? 32 : null);
    t.is(
      l.bytes,
      layerBytes(
        inv.layers.find((x) => x.name === l.name)!,
        l.bits,
        { blockSize: 32, symmetric: true },
      ),
    );
  }
});

test('a size target is a hard limit, met by lowering the least harmful layers first', (t) => {
  const { model, inv } = load({ arch: 'llama', naming: 'legacy', blocks: 4, hidden: 64 });
  const free = plan(model, inv, {});
  let loweredAny = 0;
  for (const pct of [20, 15, 12]) {
    const p = plan(model, inv, { targetSize: { kind: 'percent', value: pct, text: `${pct}%` } });
    const target = Math.floor((p.totals.bytes_before * pct) / 100);
    t.is(p.policy.target_bytes, target);
    t.true(p.totals.bytes_after <= target, `${pct}%: ${p.totals.bytes_after} > ${target}`);
    // Sensitive layers are never lowered.
    for (const l of p.layers.filter((x) => x.sensitive)) t.is(l.bits, 16);
    // A lowered layer says so after the policy's reason; the others keep theirs.
    const before = new Map(free.layers.map((l) => [l.name, l]));
    const lowered = p.layers.filter((l) => l.bits !== before.get(l.name)!.bits);
    loweredAny += lowered.length;
    for (const l of lowered) t.is(l.reason, `${before.get(l.name)!.reason}; lowered to INT${l.bits} to meet the size target`);
    for (const l of p.layers.filter((x) => !lowered.includes(x))) t.is(l.reason, before.get(l.name)!.reason);
  }
  t.true(loweredAny > 0);
  // A target the plan already meets changes nothing.
  const loose = plan(model, inv, { targetSize: { kind: 'bytes', value: free.totals.bytes_after + 1, text: 'x' } });
  t.deepEqual(
    loose.layers.map((l) => l.bits),
    free.layers.map((l) => l.bits),
  );
});

test('an unreachable target is a clear error naming the smallest size', (t) => {
  const { model, inv } = load({ arch: 'llama', naming: 'legacy', blocks: 2 });
  const smallest = plan(model, inv, { policy: 'uniform', bits: 2 }).totals.bytes_after;
  const err = t.throws(() => plan(model, inv, { targetSize: { kind: 'bytes', value: smallest - 1, text: 'x' } }), {
    instanceOf: TargetUnreachableError,
  });
  t.true(err instanceof BadInputError);
  t.is(err.targetBytes, smallest - 1);
  t.is(err.smallestBytes, smallest);
  t.is(
    err.message,
    `${model.path}: target size ${(smallest - 1).toLocaleString('en-US')} bytes cannot be met; the smallest plan reachable is ${smallest.toLocaleString('en-US')} bytes`,
  );
  t.notThrows(() => plan(model, inv, { targetSize: { kind: 'bytes', value: smallest, text: 'x' } }));
});

test('policy auto picks widths under the target with the least expected error, and needs a target', (t) => {
  const { model, inv } = load({ arch: 'llama', naming: 'legacy', blocks: 4, hidden: 64 });
  t.throws(() => plan(model, inv, { policy: 'auto' }), { message: /policy 'auto' needs a size target/ });
  const typeDepth = plan(model, inv, {});
  const auto = plan(model, inv, { policy: 'auto', targetSize: { kind: 'bytes', value: typeDepth.totals.bytes_after, text: 'x' } });
  t.true(auto.totals.bytes_after <= typeDepth.totals.bytes_after);
  // At the same bytes, auto's summed expected error is no worse than type-depth's.
  const err = weightErrorModel(model, { blockSize: 32, symmetric: true });
  const total = (p: Plan) =>
    p.layers.reduce(
      (s, l) =>
        s +
        err(
          inv.layers.find((x) => x.name === l.name)!,
          l.bits,
        ),
      0,
    );
  t.true(total(auto) <= total(typeDepth) * 1.0001, `${total(auto)} vs ${total(typeDepth)}`);
  // Reasons: layers left at the starting INT8 fit the target there, lowered ones were the least error per byte.
  for (const l of auto.layers) {
    if (l.bits === 8) t.is(l.reason, 'auto: fits the target at INT8', l.name);
    else if (l.bits < 8) t.is(l.reason, `auto: least error per byte → INT${l.bits}`, l.name);
    else t.regex(l.reason, /^auto: \w+ → FP16$/, l.name);
  }
  t.true(auto.layers.some((l) => l.bits < 8));
  // A target the INT8 start already meets lowers nothing.
  const int8 = plan(model, inv, { policy: 'uniform', bits: 8, keepSensitive: false });
  const roomy = plan(model, inv, { policy: 'auto', targetSize: { kind: 'bytes', value: int8.totals.bytes_after, text: 'x' } });
  t.deepEqual(
    roomy.layers.map((l) => l.bits),
    int8.layers.map((l) => l.bits),
  );
  for (const l of roomy.layers.filter((x) => x.bits === 8)) t.is(l.reason, 'auto: fits the target at INT8', l.name);
});

test('plans are deterministic: same model and config, same bytes', (t) => {
  const a = load({ arch: 'gpt2', naming: 'dynamo', blocks: 3 });
  const b = load({ arch: 'gpt2', naming: 'dynamo', blocks: 3 });
  const cfg = { targetSize: { kind: 'percent', value: 20, text: '20%' } } as const;
  const pa = JSON.stringify(plan(a.model, a.inv, cfg));
  const pb = JSON.stringify({ ...plan(b.model, b.inv, cfg), model: { ...plan(b.model, b.inv, cfg).model, path: a.model.path } });
  t.is(pa, pb);
});

test('a model without quantizable layers gives an empty plan and a note', (t) => {
  const { model } = load({ arch: 'llama', naming: 'legacy', blocks: 1 });
  const empty: Inventory = { architecture: 'unknown', numLayers: 0, stacks: [], parameters: 0, layers: [] };
  const warnings: string[] = [];
  const p = plan(model, empty, {}, warnings);
  t.deepEqual(p.layers, []);
  t.is(p.totals.bits_per_weight, 0);
  t.regex(warnings[0]!, /no quantizable layer/);
});

test('two stacks (T5): block layers name their stack, the table and the comment keep encoder and decoder blocks apart', (t) => {
  const { model, inv } = load({ arch: 't5', naming: 'legacy', blocks: 2, hidden: 16, vocab: 32 });
  t.deepEqual(
    inv.stacks.map((s) => s.role),
    ['encoder', 'decoder'],
  );
  const p = plan(model, inv, {});
  // Every layer in a block names the stack the analysis put it in; layers outside the blocks name none.
  for (const [i, l] of p.layers.entries()) {
    const layer = inv.layers[i]!;
    t.is(l.name, layer.name);
    t.is(l.stack, layer.stack === null ? undefined : inv.stacks[layer.stack]!.role, l.name);
  }
  const stacked = (stack: string) => new Set(p.layers.filter((l) => l.stack === stack).map((l) => l.layer));
  t.deepEqual([...stacked('encoder')], [0, 1]);
  t.deepEqual([...stacked('decoder')], [0, 1], 'both stacks number their blocks from 0');
  const table = formatPlanTable(p);
  const titles = table.split('\n').filter((line) => /^\S/.test(line) && /block/.test(line));
  t.deepEqual(
    titles.filter((line) => /^(encoder|decoder) block/.test(line)).map((line) => line.replace(/ \(depth.*$/, '')),
    ['encoder block 0', 'encoder block 1', 'decoder block 0', 'decoder block 1'],
  );
  // The comment's picture: the decoder's rows are not merged into the encoder's.
  const picture = bitsHeatmap(p.layers, null);
  const rows = picture.split('\n').slice(4, -1);
  t.true(rows.some((r) => r.startsWith('encoder.')) && rows.some((r) => r.startsWith('decoder.')), picture);
  for (const r of rows) t.regex(r, /^(encoder|decoder)\.\S+ +[▁▂▄▆▇█·]{2}$/, r);
  // A single-stack model's plan has no stack member (its golden files are unchanged).
  const llama = load({ arch: 'llama', naming: 'legacy', blocks: 2, hidden: 16, vocab: 32 });
  t.false(plan(llama.model, llama.inv, {}).layers.some((l) => 'stack' in l));
});
