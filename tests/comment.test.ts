/**
 * The PR comment as GitHub renders it (markdown-it with tables, close to GitHub's GFM): untrusted layer
 * names stay text, and the comment fits GitHub's limit even for an 80-block model with every layer changed.
 */
import test from 'ava';
import MarkdownIt from 'markdown-it';
import { commentMarker, escapeMarkdown, GITHUB_COMMENT_LIMIT, renderComment } from '../src/report/comment.js';
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
  t.regex(text, /<details><summary>Bits per block<\/summary>/);
  t.regex(text, /\| 0–79 \| 4·4·4·4 \| 4·4·4 \| — \|/);
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
