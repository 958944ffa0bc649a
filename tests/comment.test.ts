/**
 * The PR comment as GitHub renders it (markdown-it with tables, close to GitHub's GFM), every variant: no
 * baseline, unchanged, a quality regression, a plan change that improves quality, not comparable, changed
 * weights, golden files written, 80 blocks with every layer changed. Each is checked for structure (every
 * table row has its header's cell count, the heatmap's code block is closed and its rows as wide as the
 * model has blocks), for width (the top table's rendered rows), and for safety (nothing from a model or a
 * path becomes HTML, a link or a mention).
 */
import test from 'ava';
import MarkdownIt from 'markdown-it';
import {
  CHANGED_ROW_CHARS,
  commentMarker,
  distinctNames,
  elideName,
  escapeMarkdown,
  GITHUB_COMMENT_LIMIT,
  renderComment,
} from '../src/report/comment.js';
import type { CheckReport, ModelReport, ReportLayer } from '../src/report/report.js';
import type { GateResult, PlanChange } from '../src/gate/gates.js';

const md = new MarkdownIt({ html: true, linkify: true });

function gates(status: GateResult['status']): GateResult[] {
  return (['detection', 'size', 'plan', 'quality'] as const).map((gate) => ({
    gate,
    status,
    blocking: status === 'fail',
    summary: `${gate} ${status}`,
  }));
}

function model(id: string, layers: ReportLayer[], changes: PlanChange[] | null): ModelReport {
  return {
    id,
    path: `models/${id}.onnx`,
    sha256: 'ab',
    architecture: 'llama',
    num_layers: 80,
    passed: changes === null || changes.length === 0,
    gates: gates(changes && changes.length > 0 ? 'fail' : 'pass'),
    size: { bytes_before: 1e9, bytes_after: 2e8, target_bytes: null, bits_per_weight: 5.1 },
    quality: { cosine: 0.999, rel_l2: 0.03, max_abs: 0.1, ep: 'cpu', seconds: 1, output: 'logits', top1_agree: 0.97, kl: 0.01 },
    detection: { accuracy: 1, labelled: layers.length, mismatches: [] },
    plan_changes: changes,
    golden: changes === null ? 'no baseline' : changes.length ? 'changed' : 'match',
    layers,
  };
}

function report(models: ModelReport[]): CheckReport {
  return {
    schema: 'quantgate.report/v1',
    passed: models.every((m) => m.passed),
    key: 'ci/quantgate.yml',
    models,
    updated_golden: [],
    blocking_gates: ['detection', 'size', 'plan', 'quality'],
  };
}

/** An 80-block LLaMA-shaped layer list (~600 layers) with every layer changed. */
function bigModel(): ModelReport {
  const layers: ReportLayer[] = [];
  const parts = [
    'input_layernorm',
    'self_attn.q_proj',
    'self_attn.k_proj',
    'self_attn.v_proj',
    'self_attn.o_proj',
    'post_attention_layernorm',
    'mlp.gate_proj',
    'mlp.up_proj',
    'mlp.down_proj',
  ];
  for (let b = 0; b < 80; b++) {
    for (const p of parts) {
      const category = p.includes('norm') ? 'norm' : p.startsWith('self_attn') ? 'attention' : 'mlp';
      layers.push({
        name: `onnx::MatMul_${b}_${p}`,
        module: `model.layers.${b}.${p}`,
        category,
        layer: b,
        bits: category === 'norm' ? 16 : 4,
        bytes: 10_485_760,
      });
    }
  }
  const changes: PlanChange[] = layers.map((l) => ({
    name: l.name,
    module: l.module,
    category: l.category,
    layer: l.layer,
    old_bits: 8,
    new_bits: l.bits,
    old_bytes: 17_825_792,
    new_bytes: l.bytes,
    reason: `MLP, middle block (depth ${(l.layer! / 80).toFixed(2)}) → INT2`,
  }));
  return model('llama-70b', layers, changes);
}

test('the comment starts with its hidden marker', (t) => {
  const text = renderComment(report([model('m', [], null)]));
  t.true(text.startsWith(commentMarker('ci/quantgate.yml')));
  t.regex(md.render(text), /<!-- quantgate:ci\/quantgate\.yml -->/);
});

test('an 80-block model with every layer changed stays under 65,536 characters and says where the rest is', (t) => {
  const big = bigModel();
  const text = renderComment(report([big, bigModel()]));
  t.true(text.length < GITHUB_COMMENT_LIMIT, `${text.length}`);
  t.regex(text, /\*\*720 layers changed\*\* against the golden plan/);
  t.regex(text, /more changed layers: the full list is in `report\.json`/);
  const html = md.render(text);
  t.true(html.includes('<table>'));
});

test('a smaller change list is shown in full, with unchanged layers collapsed and the per-block picture', (t) => {
  const big = bigModel();
  const few = { ...big, plan_changes: big.plan_changes!.slice(0, 5) };
  const text = renderComment(report([few]));
  t.true(text.length < GITHUB_COMMENT_LIMIT);
  t.regex(text, /\*\*5 layers changed\*\*/);
  t.regex(text, /<details><summary>715 unchanged layers<\/summary>/);
  t.regex(text, /<details open><summary>Bits per block<\/summary>/);
  // The heatmap: golden and now per role, ^ under the changed blocks (the first five layers: block 0).
  t.regex(text, /\nq_proj {13}golden ▆▄{79}\n {19}now {4}▄{80}\n {26}\^\n/);
  t.regex(text, /\ngate_proj {17}▄{80}\n/, 'an unchanged role: one row');
  const html = md.render(text);
  t.true(html.includes('<details>'));
  t.regex(html, /INT8 → INT4/);
});

test('untrusted layer names render as text: no HTML, no emphasis, no broken table, no mention', (t) => {
  const evil = '<img src=x onerror=alert(1)>|**x**';
  const layers: ReportLayer[] = [{ name: evil, module: null, category: 'mlp', layer: 0, bits: 4, bytes: 10 }];
  const change: PlanChange = {
    name: evil,
    module: null,
    category: 'mlp',
    layer: 0,
    old_bits: 8,
    new_bits: 4,
    old_bytes: 20,
    new_bytes: 10,
    reason: '@octocat `rm -rf` [link](http://example.com)',
  };
  const text = renderComment(report([model('evil|model', layers, [change])]));
  const html = md.render(text);
  t.false(/<img/i.test(html), 'no image tag');
  t.false(/<strong>x<\/strong>/.test(html), 'no emphasis');
  t.false(/<a /.test(html), 'no link');
  t.true(html.includes('&lt;img src=x onerror=alert(1)&gt;|**x**'), 'the name appears as text');
  // The table keeps its 5 columns: the | inside the name did not split the cell.
  const row = html.split('\n').find((l) => l.includes('onerror'))!;
  t.truthy(row);
  const changedTable = html.slice(html.indexOf('<th>layer</th>'));
  const firstRow = changedTable.slice(
    changedTable.indexOf('<tr>', changedTable.indexOf('<tbody>')),
    changedTable.indexOf('</tr>', changedTable.indexOf('<tbody>')),
  );
  t.is((firstRow.match(/<td>/g) ?? []).length, 5);
  t.false(html.includes('@octocat'), 'a zero-width space after @, so GitHub does not notify anyone');
  t.true(html.includes('@\u200boctocat'));
});

test('escapeMarkdown leaves plain words alone and escapes every markdown and HTML character', (t) => {
  t.is(escapeMarkdown('model'), 'model');
  t.is(escapeMarkdown('a.b_c'), 'a\\.b\\_c');
  t.is(escapeMarkdown('<x>&'), '&lt;x&gt;&amp;');
  t.is(escapeMarkdown('line\nbreak'), 'line break');
  t.is(md.renderInline(escapeMarkdown('*a* _b_ `c` [d](e) ~~f~~ # g | h')), '*a* _b_ `c` [d](e) ~~f~~ # g | h');
});

test('paths, ids and summaries from the repository render as text: no HTML, no mention, no second marker', (t) => {
  const marker = commentMarker('ci/quantgate.yml');
  const evil = `models/${marker}\n<img src=x onerror=alert(1)> @everyone/m.onnx`;
  const m = { ...model('m', [], []), id: 'id @everyone <b>x</b>', path: evil };
  m.gates = m.gates.map((g) => ({ ...g, summary: `${g.summary} @everyone <script>` }));
  const r = { ...report([m]), updated_golden: [`golden/${marker}\n@everyone.plan.json`] };
  const text = renderComment(r);
  t.is(text.indexOf(marker, 1), -1, 'the marker is only on the first line');
  t.true(text.startsWith(`${marker}\n`));
  const html = md.render(text);
  t.false(/<img|<script|<b>/i.test(html));
  t.false(/@everyone/.test(html), 'every @ is followed by a zero-width space');
  t.is(html.split('<!-- quantgate:').length, 2, 'one HTML comment: the marker');
});

// ---- every variant, rendered -------------------------------------------------------------------------

import { compareWithRecord, type QualityRecord } from '../src/gate/regression.js';
import { MEASUREMENT, qualityRecord } from './fixtures/quality-record.js';
import { DEFAULT_THRESHOLDS } from '../src/config/check-config.js';

const MEASURED = MEASUREMENT;

function record(bytesAfter: number, ppl: number, kl: number, cosine: number, sha = 'ab'): QualityRecord {
  return qualityRecord({ bytesBefore: 1e9, bytesAfter, ppl, kl, cosine, sha });
}

/** A model report measured at (bytes, ppl, kl, cosine) against a golden record, the way check makes one. */
function measured(
  id: string,
  golden: QualityRecord | null,
  now: QualityRecord,
  changes: PlanChange[] | null,
  measurement = MEASURED,
): ModelReport {
  const m = model(id, bigModel().layers.slice(0, 90), changes);
  m.size = { ...now.size, target_bytes: null };
  m.quality = { ...now.quality!, ep: 'cpu', seconds: 1, windows: 8 };
  m.baseline = golden
    ? compareWithRecord(
        `golden/${id}.quality.json`,
        golden,
        { sha256: now.model.sha256, size: now.size, quality: now.quality, measurement },
        DEFAULT_THRESHOLDS,
      )
    : null;
  const regression = m.baseline?.deltas.some((d) => d.fails) ?? false;
  if (regression) m.gates = m.gates.map((g) => (g.gate === 'quality' ? { ...g, status: 'fail', blocking: true } : g));
  m.passed = !m.gates.some((g) => g.blocking);
  return m;
}

function withAccept(r: CheckReport): CheckReport {
  return {
    ...r,
    accept: { command: 'quantgate check --config ci/quantgate.yml --update-golden', golden_dir: 'golden' },
    run: { url: 'https://github.com/acme/models/actions/runs/42', sha: 'f'.repeat(40) },
  };
}

const twoChanges: PlanChange[] = [0, 1].map((b) => ({
  name: `onnx::MatMul_${b}_mlp.down_proj`,
  module: `model.layers.${b}.mlp.down_proj`,
  category: 'mlp',
  layer: b,
  old_bits: 4,
  new_bits: 8,
  old_bytes: 100,
  new_bytes: 200,
  reason: 'override',
}));

/**
 * Changes a measured plan makes (llama-legacy's names and policy auto's reasons), with each layer's measured
 * error at the golden width and now; the last one's golden width (FP16) was not measured, and one layer (an
 * override's) has no measurement at all.
 */
const measuredChanges: PlanChange[] = [
  ...['self_attn.q_proj', 'mlp.gate_proj', 'mlp.down_proj'].map((p, i) => ({
    name: `onnx::MatMul_${200 + i}`,
    module: `model.layers.11.${p}`,
    category: p.startsWith('mlp') ? 'mlp' : 'attention',
    layer: 11,
    old_bits: 8,
    new_bits: 4,
    old_bytes: 55_296,
    new_bytes: 30_720,
    reason: 'auto: least error per byte → INT4',
    measured_error: { metric: 'kl' as const, golden: 1.234e-5 * (i + 1), now: 4.56e-4 * (i + 1) },
  })),
  {
    name: 'onnx::MatMul_210',
    module: 'model.layers.12.mlp.up_proj',
    category: 'mlp',
    layer: 12,
    old_bits: 16,
    new_bits: 8,
    old_bytes: 98_304,
    new_bytes: 55_296,
    reason: 'auto: least error per byte → INT8',
    measured_error: { metric: 'kl' as const, golden: null, now: 2.5e-5 },
  },
  {
    name: 'onnx::MatMul_211',
    module: 'model.layers.12.mlp.down_proj',
    category: 'mlp',
    layer: 12,
    old_bits: 4,
    new_bits: 8,
    old_bytes: 30_720,
    new_bytes: 55_296,
    reason: "override '*layers.12*down_proj*' → INT8, a reason much longer than the table has room for",
  },
];

const VARIANTS: Record<string, CheckReport> = {
  'no baseline': withAccept(report([model('m', bigModel().layers.slice(0, 90), null)])),
  unchanged: withAccept(report([measured('m', record(2e8, 10.5, 0.01, 0.999), record(2e8, 10.5, 0.01, 0.999), [])])),
  'quality regression, same bits': withAccept(report([measured('m', record(2e8, 10.5, 0.01, 0.999), record(2e8, 11.2, 0.02, 0.99), [])])),
  'bits changed, quality better': withAccept(
    report([measured('m', record(2e8, 11.0, 0.02, 0.99), record(2.2e8, 10.4, 0.01, 0.999), twoChanges)]),
  ),
  'not comparable': withAccept(
    report([
      measured('m', record(2e8, 10.5, 0.01, 0.999), record(2e8, 10.5, 0.01, 0.999), [], { ...MEASURED, tokens_sha256: 'b'.repeat(64) }),
    ]),
  ),
  'weights changed': withAccept(report([measured('m', record(2e8, 10.5, 0.01, 0.999, 'cd'), record(2e8, 10.6, 0.01, 0.999), [])])),
  'golden written': {
    ...withAccept(report([model('m', bigModel().layers.slice(0, 90), [])])),
    updated_golden: ['golden/m.plan.json', 'golden/m.quality.json'],
  },
  'measured errors': withAccept(report([measured('m', record(2e8, 11.0, 0.02, 0.99), record(1.9e8, 11.4, 0.025, 0.989), measuredChanges)])),
  '80 blocks, all changed, two models': withAccept(
    report([bigModel(), { ...bigModel(), id: 'a-model-id-longer-than-the-top-table-shows-in-full' }]),
  ),
};

/** Cells per row of each rendered table: [header cells, ...row cells]. */
function tableShapes(html: string): number[][] {
  return [...html.matchAll(/<table>([\s\S]*?)<\/table>/g)].map(([, table]) =>
    [...table!.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map(([, row]) => (row!.match(/<t[hd][ >]/g) ?? []).length),
  );
}

/** A rendered table's rows as the reader sees them: cell texts joined by " | ". */
function tableRows(html: string, index: number): string[] {
  const table = [...html.matchAll(/<table>([\s\S]*?)<\/table>/g)][index]![1]!;
  const text = (cell: string) =>
    cell
      .replace(/<[^>]+>/g, '')
      .replace(/&amp;/g, '&')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .trim();
  return [...table.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map(([, row]) =>
    [...row!.matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map(([, c]) => text(c!)).join(' | '),
  );
}

/** The widest rendered row of the top table may take this many characters (GitHub's comment column fits about 100). */
const TOP_TABLE_WIDTH = 100;

for (const [name, r] of Object.entries(VARIANTS)) {
  test(`rendered comment (${name}): tables well formed, the top table within ${TOP_TABLE_WIDTH} characters, the heatmap closed, no HTML from data`, (t) => {
    const text = renderComment(r);
    t.true(text.length <= GITHUB_COMMENT_LIMIT);
    const html = md.render(text);
    for (const shape of tableShapes(html))
      t.true(
        shape.every((cells) => cells === shape[0]),
        `a row with another cell count: ${shape.join(',')}`,
      );
    const top = tableRows(html, 0);
    t.is(top[0], 'model | result | weights | bits/w | quality | vs golden');
    t.is(top.length, r.models.length + 1);
    for (const row of top) t.true([...row].length <= TOP_TABLE_WIDTH, `${[...row].length}: ${row}`);
    // Code fences open and close in pairs; every heatmap row is as wide as the blocks.
    const fences = text.split('\n').filter((l) => l.startsWith('```'));
    t.is(fences.length % 2, 0);
    for (const block of text.split('```text\n').slice(1)) {
      const body = block.slice(0, block.indexOf('\n```'));
      t.true(body.startsWith('▁ INT2'));
      const cells = body
        .split('\n')
        .slice(3)
        .filter((l) => !/^\s*\^?[\s^]*$/.test(l))
        .map((l) => [...l.slice(26)].length);
      t.true(
        cells.every((n) => n === cells[0]),
        `heatmap rows of ${cells.join(',')} cells`,
      );
    }
    // Links: only the run's; no HTML tags but details/summary/sub; no mention.
    t.deepEqual(
      [...html.matchAll(/<a href="([^"]*)"/g)].map((x) => x[1]),
      ['https://github.com/acme/models/actions/runs/42'],
    );
    t.deepEqual(
      [...new Set([...html.matchAll(/<(\w+)/g)].map((x) => x[1]))].filter(
        (tag) =>
          ![
            'h2',
            'h3',
            'p',
            'table',
            'thead',
            'tr',
            'th',
            'tbody',
            'td',
            'details',
            'summary',
            'sub',
            'pre',
            'code',
            'ul',
            'li',
            'strong',
            'a',
            'em',
          ].includes(tag!),
      ),
      [],
    );
    t.regex(text, /commit `ffffffffffff`/);
  });
}

test('the comment a reviewer acts on: golden → now with deltas and direction, the failed allowance, the accept command', (t) => {
  const regression = renderComment(VARIANTS['quality regression, same bits']!);
  t.regex(regression, /\| perplexity increase \| \+5\.00% \| \+12\.00% \| \+7\.00 pp ▲ worse ❌ over \+0\.50 pp \|/);
  t.regex(regression, /\| KL \| 1\.00e-2 \| 2\.00e-2 \| \+100\.0% ▲ worse ❌ over \+10% \|/);
  t.regex(regression, /\| cosine \| 0\.99900 \| 0\.99000 \| −0\.00900 ▼ worse ❌ over 0\.002 \|/);
  t.regex(regression, /\| weights \| 200\.00 MB \| 200\.00 MB \| = same \|/);
  t.regex(
    regression,
    /```sh\nquantgate check --config ci\/quantgate\.yml --update-golden\ngit add golden && git commit -m "Accept the quantgate plan"\n```/,
  );
  t.regex(regression, /`update-golden: true`/);
  t.regex(regression, /\| m \| ❌ quality \| 200\.00 MB \| 6\.40 \| ppl \+12\.00% \| ppl \+7\.00 pp ❌ · KL \+100\.0% ❌ \|/);

  const better = renderComment(VARIANTS['bits changed, quality better']!);
  t.regex(better, /\| perplexity increase \| \+10\.00% \| \+4\.00% \| −6\.00 pp ▼ better \|/);
  t.regex(better, /\| cosine \| 0\.99000 \| 0\.99900 \| \+0\.00900 ▲ better \|/);
  t.regex(better, /\| weights \| 200\.00 MB \| 220\.00 MB \| \+20\.00 MB \(\+10\.00%\) ▲ worse \|/);
  t.regex(better, /\*\*2 layers changed\*\*/);
  t.regex(better, /quantgate check --config ci\/quantgate\.yml --update-golden/);

  t.regex(
    renderComment(VARIANTS['not comparable']!),
    /Quality not comparable with the golden record: measured differently\\: another tokens file\./,
  );
  t.regex(renderComment(VARIANTS['weights changed']!), /\*\*Model weights changed since the golden plan\*\*/);
  const unchanged = renderComment(VARIANTS.unchanged!);
  t.regex(unchanged, /\| no change \|/);
  t.notRegex(unchanged, /To accept this plan/, 'nothing to accept');
  const written = renderComment(VARIANTS['golden written']!);
  t.regex(written, /Golden files written \(commit them\): golden\/m\\\.plan\\\.json, golden\/m\\\.quality\\\.json\./);
  t.notRegex(written, /To accept this plan/);
  t.regex(renderComment(VARIANTS['no baseline']!), /To accept this plan/);
});

test('heatmap role names from the model cannot close the code block or become HTML; a run URL of another shape is not linked', (t) => {
  const layers: ReportLayer[] = [0, 1].map((b) => ({
    name: `w${b}`,
    module: `blk.${b}.\`\`\`<img src=x>@everyone`,
    category: 'mlp',
    layer: b,
    bits: 4,
    bytes: 10,
  }));
  const r = { ...report([model('m', layers, [])]), run: { url: 'javascript:alert(1)', sha: 'not a sha' } };
  const text = renderComment(r);
  const html = md.render(text);
  t.false(/<img/.test(html));
  t.false(/@everyone/.test(html.replace(/@\u200beveryone/g, '')));
  t.is(text.split('\n').filter((l) => l.startsWith('```')).length, 2);
  t.false(html.includes('javascript:'));
  t.false(text.includes('not a sha'));
});

test('heatmap rows: a leaf two categories share is named with its parent (attn.c_proj, mlp.c_proj)', (t) => {
  const layers: ReportLayer[] = ['attn.c_attn', 'attn.c_proj', 'mlp.c_fc', 'mlp.c_proj'].flatMap((p) =>
    [0, 1].map((b) => ({
      name: `h.${b}.${p}`,
      module: `transformer.h.${b}.${p}`,
      category: p.startsWith('attn') ? 'attention' : 'mlp',
      layer: b,
      bits: p === 'mlp.c_proj' ? 2 : 4,
      bytes: 10,
    })),
  );
  const text = renderComment(report([model('m', layers, [])]));
  t.regex(text, /\nc_attn {20}▄▄\nattn\.c_proj {15}▄▄\nc_fc {22}▄▄\nmlp\.c_proj {16}▁▁\n/);
});

test("heatmap rows: a leaf two layers of one block share is named with its parent (T5's SelfAttention.q, EncDecAttention.q)", (t) => {
  const layers: ReportLayer[] = ['SelfAttention.q', 'EncDecAttention.q'].flatMap((p) =>
    [0, 1].map((b) => ({
      name: `decoder.block.${b}.${p}.weight`,
      module: `decoder.block.${b}.layer.0.${p}`,
      category: 'attention',
      layer: b,
      bits: p.startsWith('Self') ? 4 : 8,
      bytes: 10,
      stack: 'decoder',
    })),
  );
  const text = renderComment(report([model('m', layers, [])]));
  // One row each, at its own width (one shared row would show only the narrower, INT4); the labels are
  // whole (wider than the usual 18 characters when they need to be), every row the same width.
  t.regex(text, /\ndecoder\.SelfAttention\.q {10}▄▄\ndecoder\.EncDecAttention\.q {8}▆▆\n/);
});

/** Changes with long names (dynamo exports, multimodal and mixture-of-experts models), measured. */
const longNameChanges: PlanChange[] = [
  { module: null, name: 'model.layers.17.self_attn.q_proj.weight' },
  { module: 'model.vision_tower.vision_model.encoder.layers.17.self_attn.q_proj', name: 'val_17' },
  { module: 'model.vision_tower.vision_model.encoder.layers.18.self_attn.q_proj', name: 'val_18' },
  { module: 'model.language_model.model.layers.17.block_sparse_moe.experts.63.gate_up_proj', name: 'val_63' },
  { module: 'up_blocks.3.attentions.2.transformer_blocks.0.attn2.to_out.0', name: 'val_30' },
  { module: 'a_single_segment_name_without_any_separator_that_is_much_longer_than_the_room_left', name: 'val_99' },
].map(({ module, name }) => ({ ...measuredChanges[0]!, name, module }));
/** The widest the other cells get: a 1.2 GB change, errors with two-digit exponents. */
const widestCells = {
  old_bytes: 2_415_919_104,
  new_bytes: 1_207_959_552,
  measured_error: { metric: 'kl' as const, golden: 1.234e-10, now: 4.56e-10 },
};

test('changed layers measured: long layer names keep each row within 100 characters, eliding the middle of the name', (t) => {
  const changes = [...longNameChanges, ...longNameChanges.map((c) => ({ ...c, ...widestCells }))];
  const r = withAccept(report([measured('m', record(2e8, 11.0, 0.02, 0.99), record(1.9e8, 11.4, 0.025, 0.989), changes)]));
  const rows = tableRows(md.render(renderComment(r)), 2);
  t.is(rows.length, changes.length + 1);
  for (const row of rows) t.true([...row].length <= CHANGED_ROW_CHARS, `${[...row].length}: ${row}`);
  // Every other cell is whole: bits, the bytes' change, both errors; the reason keeps at least its start.
  for (const row of rows.slice(1)) t.regex(row, / \| INT8 → INT4 \| −(24,576|1,207,959,552) \| \d\.\de-\d+ → \d\.\de-\d+ \| auto: least/);
  const names = rows.slice(1, 1 + longNameChanges.length).map((row) => row.split(' | ')[0]!);
  // Short enough names stay whole; long ones lose whole segments from the middle, plain ones first, never
  // the first or the last two, numbers last, so rows stay distinct and recognizable.
  t.deepEqual(names, [
    'model.layers.17.self_attn.q_proj.weight',
    'model…layers.17.self_attn.q_proj',
    'model…layers.18.self_attn.q_proj',
    'model…layers.17…experts.63.gate_up_proj',
    'up_blocks.3.attentions.2…0…to_out.0',
    '…that_is_much_longer_than_the_room_left',
  ]);
  t.is(new Set(names).size, names.length);
  // With the widest other cells, less of each name shows, still its tail and still one per layer.
  const narrow = rows.slice(1 + longNameChanges.length).map((row) => row.split(' | ')[0]!);
  narrow.forEach((name, i) => {
    const full = longNameChanges[i]!.module ?? longNameChanges[i]!.name;
    t.true(full.endsWith(name.split('…').pop()!) && [...name].length >= 20, name);
  });
  t.is(new Set(narrow).size, narrow.length);
});

test('changed layers without measurement: long names and reasons keep each row within 100 characters, by the same elision', (t) => {
  // The common case (no policy auto): layer, category, bits, bytes golden → now, reason. Names of 60 to 90
  // characters (dynamo, SD UNet, mixture of experts) and reasons longer than a row.
  const longReason = "override 'model.language_model.*.block_sparse_moe.experts.*' → INT8, because the experts disagree";
  const plain = longNameChanges.map(({ name, module }, i) => ({
    ...measuredChanges[0]!,
    measured_error: undefined,
    name,
    module,
    old_bits: 4,
    new_bits: 8,
    reason: i % 2 === 0 ? longReason : 'override → INT8',
  }));
  const eightyPlus = [
    'model.language_model.model.layers.17.block_sparse_moe.experts.63.gate_up_proj.weight_quantized',
    'down_blocks.1.attentions.0.transformer_blocks.0.attn2.to_out.0.lora_up.MatMul.weight_scale',
  ].map((module) => ({ ...plain[0]!, module, name: 'val_7', category: 'attention' }));
  const changes = [
    ...plain,
    ...eightyPlus,
    ...[...plain, ...eightyPlus].map((c) => ({ ...c, old_bytes: 1_207_959_552, new_bytes: 2_415_919_104 })),
  ];
  const r = withAccept(report([measured('m', record(2e8, 11.0, 0.02, 0.99), record(2.1e8, 11.4, 0.025, 0.989), changes)]));
  const rows = tableRows(md.render(renderComment(r)), 2);
  t.is(rows[0], 'layer | category | bits | bytes | reason');
  t.is(rows.length, changes.length + 1);
  for (const row of rows) t.true([...row].length <= CHANGED_ROW_CHARS, `${[...row].length}: ${row}`);
  // The other cells are whole; a reason that fits is whole, a longer one keeps its start, cut at a word.
  for (const row of rows.slice(1))
    t.regex(row, / \| attention \| INT4 → INT8 \| (55,296 → 30,720|1,207,959,552 → 2,415,919,104) \| override/);
  t.regex(rows[2]!, /\| override → INT8$/);
  const names = rows.slice(1).map((row) => row.split(' | ')[0]!);
  // Each name is recognizable: its tail is whole, its middle elided by whole segments, one per layer.
  names.forEach((name, i) => {
    const full = changes[i]!.module ?? changes[i]!.name;
    t.true(full.endsWith(name.split('…').pop()!) && [...name].length >= 20, name);
  });
  t.is(names[1], 'model…layers.17.self_attn.q_proj');
  t.is(names[3], 'model…layers.17…63.gate_up_proj');
  t.is(names[7], 'down_blocks…0…0…0…MatMul.weight_scale');
  // Every row's name differs, at the usual sizes and with gigabyte cells (where the two vision blocks'
  // q_proj keep their block numbers and lose `layers` instead).
  const half = plain.length + 2;
  t.is(new Set(names.slice(0, half)).size, half);
  t.is(new Set(names.slice(half)).size, half);
  t.is(names[half + 1], 'model…17.self_attn.q_proj');
  t.is(names[half + 2], 'model…18.self_attn.q_proj');
});

test('elideName: a name within its room is whole; a longer one loses middle segments, then its head', (t) => {
  t.is(elideName('model.layers.0.mlp.up_proj', 26), 'model.layers.0.mlp.up_proj');
  t.is(elideName('model.decoder.layers.11.encoder_attn.k_proj', 36), 'model…layers.11.encoder_attn.k_proj');
  t.is(elideName('model.decoder.layers.11.encoder_attn.k_proj', 30), 'model…11.encoder_attn.k_proj');
  t.is(elideName('model.decoder.layers.11.encoder_attn.k_proj', 24), '…encoder_attn.k_proj');
  t.is(elideName('model.decoder.layers.11.encoder_attn.k_proj', 12), '…attn.k_proj');
  // Legacy node paths: `/` separates too, the leading one stays.
  t.is(elideName('/model/decoder/layers.11/encoder_attn/k_proj/MatMul', 32), '/model…layers.11…k_proj/MatMul');
  for (const room of [12, 20, 30, 40, 50])
    t.true([...elideName('model.vision_tower.vision_model.encoder.layers.17.self_attn.q_proj.weight', room)].length <= room);
});

test('changed layers measured: a measured error column, golden → now, each rendered row within 100 characters', (t) => {
  const text = renderComment(VARIANTS['measured errors']!);
  const html = md.render(text);
  // Table 0 is the top table, 1 golden → now, 2 the changed layers.
  const rows = tableRows(html, 2);
  t.is(rows[0], 'layer | bits | Δ bytes | measured error | reason');
  t.is(rows.length, measuredChanges.length + 1);
  // The reason loses its "→ INT4" (the bits say it) and is cut to the row's room, at a word.
  t.is(rows[1], 'model.layers.11.self_attn.q_proj | INT8 → INT4 | −24,576 | 1.2e-5 → 4.6e-4 | auto: least error per…');
  t.is(rows[2], 'model.layers.11.mlp.gate_proj | INT8 → INT4 | −24,576 | 2.5e-5 → 9.1e-4 | auto: least error per byte');
  t.is(rows[4], 'model.layers.12.mlp.up_proj | FP16 → INT8 | −43,008 | — → 2.5e-5 | auto: least error per byte');
  t.regex(rows[5]!, /^model\.layers\.12\.mlp\.down_proj \| INT4 → INT8 \| \+24,576 \| — \| override '\*layers\.12\*down_proj\*' →…$/);
  for (const row of rows) t.true([...row].length <= CHANGED_ROW_CHARS, `${[...row].length}: ${row}`);
  t.regex(text, /<sub>Measured error: the model's mean KL of the next-token distribution with only that layer quantized/);
  // Without any measurement the table keeps its columns.
  t.regex(renderComment(VARIANTS['bits changed, quality better']!), /\| layer \| category \| bits \| bytes \| reason \|/);
  t.notRegex(renderComment(VARIANTS['bits changed, quality better']!), /measured error/);
});

/** Changes of these layer paths, unmeasured, with a reason longer than the room left for it. */
function pathChanges(modules: string[], cells: Partial<PlanChange> = {}): PlanChange[] {
  return modules.map((module, i) => ({
    name: `val_${i}`,
    module,
    category: 'attention',
    layer: 0,
    old_bits: 4,
    new_bits: 8,
    old_bytes: 55_296,
    new_bytes: 30_720,
    reason: "override '*self_attn*' → INT8, as the team agreed",
    ...cells,
  }));
}
const gigabytes = { old_bytes: 1_207_959_552, new_bytes: 2_415_919_104 };
const measuredGigabytes = { ...gigabytes, measured_error: widestCells.measured_error, reason: 'auto: least error per byte → INT8' };

/** The changed-layers table's rows of a report with these changes, and their names. */
function changedRows(changes: PlanChange[]): { rows: string[]; names: string[] } {
  const r = withAccept(report([measured('m', record(2e8, 11.0, 0.02, 0.99), record(2.1e8, 11.4, 0.025, 0.989), changes)]));
  const rows = tableRows(md.render(renderComment(r)), 2).slice(1);
  return { rows, names: rows.map((row) => row.split(' | ')[0]!) };
}

test("changed layers at gigabyte sizes: two blocks' q_proj and three blocks' k_proj keep their block numbers, rows within 100 characters", (t) => {
  const modules = [
    'model.layers.17.self_attn.q_proj',
    'model.layers.18.self_attn.q_proj',
    ...[17, 18, 19].map((b) => `model.vision_tower.vision_model.encoder.layers.${b}.self_attn.k_proj`),
    'model.layers.17.mlp.down_proj',
  ];
  const { rows, names } = changedRows(pathChanges(modules, gigabytes));
  t.is(rows.length, modules.length);
  for (const row of rows) t.true([...row].length <= CHANGED_ROW_CHARS, `${[...row].length}: ${row}`);
  // Elided as usual, the q_proj rows would read `model…self_attn.q_proj` both, the k_proj rows
  // `model…self_attn.k_proj` all three: they keep the segment where they differ (and the first).
  t.deepEqual(names, [
    'model…17.self_attn.q_proj',
    'model…18.self_attn.q_proj',
    'model…17.self_attn.k_proj',
    'model…18.self_attn.k_proj',
    'model…19.self_attn.k_proj',
    // Alike with no other row: elided as before.
    elideName('model.layers.17.mlp.down_proj', 23),
  ]);
  t.is(names[5], 'model…17.mlp.down_proj');
  // The room comes from the reason (cut at a word, at least its first word); the other cells are whole.
  for (const row of rows) t.regex(row, / \| attention \| INT4 → INT8 \| 1,207,959,552 → 2,415,919,104 \| override…$/);
});

/** Stable Diffusion UNet attention paths: three up blocks × three attentions × attn1/attn2 × to_q/to_out.0. */
const unetModules = [1, 2, 3].flatMap((u) =>
  [0, 1, 2].flatMap((a) =>
    [1, 2].flatMap((n) => ['to_q', 'to_out.0'].map((p) => `up_blocks.${u}.attentions.${a}.transformer_blocks.0.attn${n}.${p}`)),
  ),
);

test('changed layers: SD-UNet paths (attn1 and attn2 of every block) read apart and stay readable, with and without measurement', (t) => {
  for (const cells of [{}, gigabytes, { measured_error: widestCells.measured_error }, measuredGigabytes]) {
    const { rows, names } = changedRows(pathChanges(unetModules, cells));
    t.is(rows.length, unetModules.length);
    for (const row of rows) t.true([...row].length <= CHANGED_ROW_CHARS, `${[...row].length}: ${row}`);
    t.is(new Set(names).size, names.length, names.join('\n'));
    names.forEach((name, i) => {
      const full = unetModules[i]!;
      // Readable: the first segment (which blocks) and the whole tail (attn1.to_q); never bare numbers
      // between ellipses alone (`…3…2…0…to_out.0`).
      t.true(name.startsWith('up_blocks'), name);
      t.true(name.endsWith(full.slice(full.indexOf('.attn') + 1)), name);
      // Only whole segments leave.
      const kept = name.split(/…|\./).filter(Boolean);
      t.true(
        kept.every((segment) => full.split('.').includes(segment)),
        name,
      );
    });
  }
  // At the usual sizes: the blocks' numbers as before, attn1/attn2 now there too.
  const { names } = changedRows(pathChanges(unetModules));
  t.is(names[0], 'up_blocks.1.attentions.0…0.attn1.to_q');
  t.is(names[1], 'up_blocks.1…0…0.attn1.to_out.0');
  t.is(names[2], 'up_blocks.1.attentions.0…0.attn2.to_q');
  t.is(names[35], 'up_blocks.3…2…0.attn2.to_out.0');
});

test('layers that share a module path (a weight and its bias) have names of their own in the changed and unchanged tables', (t) => {
  const layers: ReportLayer[] = [
    ...['weight', 'bias'].map((leaf) => ({ name: `transformer.h.0.ln_1.${leaf}`, module: 'transformer.h.0.ln_1', category: 'norm' })),
    ...['weight', 'bias'].map((leaf) => ({ name: `transformer.h.1.ln_1.${leaf}`, module: 'transformer.h.1.ln_1', category: 'norm' })),
    { name: 'val_108', module: 'encoder.layer.0.intermediate.dense', category: 'mlp' },
    { name: 'encoder.layer.0.intermediate.dense.bias', module: 'encoder.layer.0.intermediate.dense', category: 'mlp' },
    { name: 'onnx::MatMul_7', module: 'model.rotary_emb', category: 'other' },
    { name: 'onnx::Const_9', module: 'model.rotary_emb', category: 'other' },
    { name: 'onnx::MatMul_8', module: 'model.layers.0.mlp.up_proj', category: 'mlp' },
  ].map((l) => ({ ...l, layer: 0, bits: 16, bytes: 512 }));
  const changes: PlanChange[] = [0, 1, 4, 6].map((i) => ({
    name: layers[i]!.name,
    module: layers[i]!.module,
    category: layers[i]!.category,
    layer: 0,
    old_bits: 32,
    new_bits: 16,
    old_bytes: 1024,
    new_bytes: 512,
    reason: 'kept FP16',
  }));
  const html = md.render(renderComment(report([model('m', layers, changes)])));
  // Tables: 0 the top one, 1 the changed layers, 2 the unchanged ones. A parameter name that extends the
  // path names its layer; one other layer of the path keeps the path; two others show their names.
  const name = (row: string) => row.split(' | ')[0]!;
  t.deepEqual(tableRows(html, 1).slice(1).map(name), [
    'transformer.h.0.ln_1.weight',
    'transformer.h.0.ln_1.bias',
    'encoder.layer.0.intermediate.dense',
    'model.rotary_emb [onnx::MatMul_7]',
  ]);
  // The other layer of each shared path is named the same way; a path of one layer stays the path.
  t.deepEqual(tableRows(html, 2).slice(1).map(name), [
    'transformer.h.1.ln_1.weight',
    'transformer.h.1.ln_1.bias',
    'encoder.layer.0.intermediate.dense.bias',
    'model.rotary_emb [onnx::Const_9]',
    'model.layers.0.mlp.up_proj',
  ]);
});

test('unchanged layers: each row within 100 characters, long paths elided in the middle and never alike', (t) => {
  const long = (b: number, expert: number) =>
    `model.language_model.model.layers.${b}.block_sparse_moe.experts.${expert}.gate_up_proj.weight_quantized_with_a_suffix`;
  const layers: ReportLayer[] = [
    ...[17, 18].flatMap((b) => [0, 63].map((e) => ({ name: `val_${b}_${e}`, module: long(b, e), category: 'mlp', layer: b }))),
    { name: 'onnx::MatMul_7', module: 'model.layers.0.mlp.up_proj', category: 'mlp', layer: 0 },
  ].map((l) => ({ ...l, bits: 4, bytes: 2_415_919_104, stack: 'decoder' }));
  const changed: PlanChange = { ...twoChanges[0]!, name: 'onnx::MatMul_7', module: 'model.layers.0.mlp.up_proj' };
  const rows = tableRows(md.render(renderComment(report([model('m', layers, [changed])]))), 2);
  t.is(rows[0], 'layer | category | block | bits | bytes');
  t.is(rows.length, 5);
  for (const row of rows) t.true([...row].length <= CHANGED_ROW_CHARS, `${[...row].length}: ${row}`);
  const names = rows.slice(1).map((row) => row.split(' | ')[0]!);
  t.is(new Set(names).size, 4);
  names.forEach((name) => t.true(name.endsWith('gate_up_proj.weight_quantized_with_a_suffix'), name));
  t.regex(names[0]!, /17…0\./);
  t.regex(names[3]!, /18…63\./);
  t.regex(rows[1]!, / \| mlp \| decoder 17 \| INT4 \| 2,415,919,104$/);
});

test('distinctNames: rows alike keep what tells them apart; where segments cannot, the characters that differ', (t) => {
  const slot = (full: string, room: number) => ({ full, room, wideRoom: room + 4, widestRoom: room + 8 });
  // Not alike: each as elideName makes it.
  t.deepEqual(distinctNames([slot('model.layers.0.mlp.up_proj', 26), slot('model.layers.17.self_attn.q_proj', 24)]), [
    'model.layers.0.mlp.up_proj',
    elideName('model.layers.17.self_attn.q_proj', 24),
  ]);
  // Alike: the block numbers stay, the first segment with them when the wider room allows.
  t.deepEqual(distinctNames([slot('model.layers.17.self_attn.q_proj', 22), slot('model.layers.18.self_attn.q_proj', 22)]), [
    'model…17.self_attn.q_proj',
    'model…18.self_attn.q_proj',
  ]);
  // One segment each, alike but for a character near the front: the characters around it.
  const names = distinctNames(
    ['a', 'b', 'c'].map((c) => slot(`the_${c}_single_segment_name_without_a_separator_longer_than_any_room`, 20)),
  );
  t.is(new Set(names).size, 3, names.join(', '));
  for (const name of names) t.true([...name].length <= 28, name);
  t.is(names[0], 'the_a_single_segment_name_w…');
});
