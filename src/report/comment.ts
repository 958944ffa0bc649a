/**
 * The pull-request comment (also the job summary): gate results, sizes and quality per model, the layers
 * whose bits changed against the golden plan, a compact per-block picture of the widths, and the unchanged
 * layers collapsed. It always fits GitHub's 65,536 characters: detail is dropped in steps (the unchanged
 * table, then rows of the changed table) and the comment says where the full data is.
 *
 * Layer names come from the model file, so they are untrusted: every piece of model-provided text goes
 * through `escapeMarkdown`, which neutralizes HTML and markdown syntax (including `|` in tables).
 */
import type { GateResult, PlanChange } from '../gate/gates.js';
import type { CheckReport, ModelReport, ReportLayer } from './report.js';
import { bitsLabel, formatSize } from './plan-table.js';

/** GitHub refuses comments longer than this. */
export const GITHUB_COMMENT_LIMIT = 65_536;
/** Headroom kept below the limit. */
const BUDGET = GITHUB_COMMENT_LIMIT - 1_536;

/** The hidden first line that finds the comment again. The key (workflow name, config path) cannot close it early. */
export function commentMarker(key: string): string {
  return `<!-- quantgate:${key.replace(/--+/g, '-').replace(/[<>\r\n]/g, ' ')} -->`;
}

const HTML_ENTITIES: Partial<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };

/** Text from a model rendered as literal text: HTML entities for <, >, &, and backslash-escaped markdown punctuation. */
export function escapeMarkdown(text: string): string {
  return (
    text
      .replace(/[\\`*_{}[\]()#+\-.!|~^$=:]/g, '\\$&')
      .replace(/[&<>"]/g, (c) => HTML_ENTITIES[c] ?? c)
      // GitHub turns @name into a mention (and a notification) even inside tables: a zero-width space stops it.
      .replace(/@/g, '@\u200b')
      .replace(/[\r\n]+/g, ' ')
  );
}

const ICON: Record<GateResult['status'], string> = { pass: '✅', fail: '❌', warn: '⚠️', skip: '➖' };

function gateCell(g: GateResult): string {
  return `${ICON[g.status]} ${g.status === 'skip' ? '' : g.gate === 'detection' && g.value !== undefined ? `${(100 * g.value).toFixed(1)}%` : g.status}`.trim();
}

function qualityCell(m: ModelReport): string {
  const q = m.quality;
  if (!q) return '—';
  if (q.ppl_ref !== undefined && q.ppl_q !== undefined) {
    const d = (100 * (q.ppl_q - q.ppl_ref)) / q.ppl_ref;
    return `ppl ${d >= 0 ? '+' : ''}${d.toFixed(2)}%`;
  }
  return `cos ${q.cosine.toFixed(4)}`;
}

function layerName(l: { name: string; module: string | null }): string {
  return escapeMarkdown(l.module ?? l.name);
}

function bitsText(bits: number | null): string {
  return bits === null ? '—' : bitsLabel(bits);
}

/** Rows of consecutive blocks with the same widths merged: `0–7 | 4·4·4·4 | 4·4·4`. */
export function blockPicture(layers: ReportLayer[]): string {
  const blocks = new Map<number, { attention: number[]; mlp: number[]; other: number[] }>();
  for (const l of layers) {
    if (l.layer === null || l.category === 'norm' || l.category === 'embedding' || l.category === 'head') continue;
    let row = blocks.get(l.layer);
    if (!row) blocks.set(l.layer, (row = { attention: [], mlp: [], other: [] }));
    (l.category === 'attention' ? row.attention : l.category === 'mlp' ? row.mlp : row.other).push(l.bits);
  }
  const indices = [...blocks.keys()].sort((a, b) => a - b);
  if (indices.length === 0) return '';
  const cell = (bits: number[]) => (bits.length === 0 ? '—' : bits.map((b) => (b >= 16 ? bitsLabel(b) : String(b))).join('·'));
  const rows: Array<{ from: number; to: number; text: string }> = [];
  for (const i of indices) {
    const b = blocks.get(i)!;
    const text = `${cell(b.attention)} | ${cell(b.mlp)} | ${cell(b.other)}`;
    const last = rows[rows.length - 1];
    if (last && last.text === text && last.to === i - 1) last.to = i;
    else rows.push({ from: i, to: i, text });
  }
  return [
    '| blocks | attention | MLP | other |',
    '| --- | --- | --- | --- |',
    ...rows.map((r) => `| ${r.from === r.to ? r.from : `${r.from}–${r.to}`} | ${r.text} |`),
  ].join('\n');
}

interface Detail {
  /** Rows of the changed-layers table to show (Infinity = all). */
  changedRows: number;
  /** Show the unchanged layers one by one (else counted by category and width). */
  unchangedTable: boolean;
  /** Show the per-block picture. */
  picture: boolean;
}

function changeRow(c: PlanChange): string {
  const bytes = `${c.old_bytes === null ? '—' : c.old_bytes.toLocaleString('en-US')} → ${c.new_bytes === null ? '—' : c.new_bytes.toLocaleString('en-US')}`;
  return `| ${layerName(c)} | ${escapeMarkdown(c.category)} | ${bitsText(c.old_bits)} → ${bitsText(c.new_bits)} | ${bytes} | ${escapeMarkdown(c.reason)} |`;
}

function modelSection(m: ModelReport, detail: Detail): string {
  const out: string[] = [];
  out.push(`### ${escapeMarkdown(m.id)} ${m.passed ? '✅' : '❌'}`);
  out.push('');
  out.push(`${escapeMarkdown(m.path)}${m.architecture ? ` · ${escapeMarkdown(m.architecture)}, ${m.num_layers} blocks` : ''}`);
  out.push('');
  for (const g of m.gates) out.push(`- ${ICON[g.status]} **${g.gate}**: ${escapeMarkdown(g.summary)}`);
  out.push('');
  if (m.size) {
    const pct = m.size.bytes_before > 0 ? ((100 * m.size.bytes_after) / m.size.bytes_before).toFixed(1) : '0';
    out.push(
      `Weights ${formatSize(m.size.bytes_before)} → **${formatSize(m.size.bytes_after)}** (${pct}%), 32 → ${m.size.bits_per_weight.toFixed(2)} bits per weight${m.size.target_bytes !== null ? `, target ${formatSize(m.size.target_bytes)}` : ''}.`,
    );
  }
  const q = m.quality;
  if (q) {
    const parts = [`cosine ${q.cosine.toFixed(5)}`, `relative L2 ${q.rel_l2.toExponential(2)}`, `max |Δ| ${q.max_abs.toExponential(2)}`];
    if (q.top1_agree !== undefined) parts.push(`top-1 ${(100 * q.top1_agree).toFixed(1)}%`);
    if (q.kl !== undefined) parts.push(`KL ${q.kl.toExponential(2)}`);
    if (q.ppl_ref !== undefined && q.ppl_q !== undefined) parts.push(`perplexity ${q.ppl_ref.toFixed(3)} → ${q.ppl_q.toFixed(3)}`);
    out.push(`Quality (${q.ep}${q.windows ? `, ${q.windows} token windows` : ''}): ${parts.join(', ')}.`);
  }
  if (m.detection && m.detection.mismatches.length > 0) {
    out.push('');
    out.push(
      `Detection disagrees with the labels on: ${m.detection.mismatches
        .slice(0, 10)
        .map((x) => `${escapeMarkdown(x.name)} (${escapeMarkdown(x.detected)} vs ${escapeMarkdown(x.labelled)})`)
        .join(', ')}${m.detection.mismatches.length > 10 ? ', …' : ''}.`,
    );
  }
  out.push('');
  const changes = m.plan_changes;
  const changedNames = new Set((changes ?? []).map((c) => c.name));
  if (changes === null) {
    out.push(
      m.golden === 'created'
        ? 'Golden plan created.'
        : 'No golden plan yet (no baseline): run with `update-golden` to record this plan for review.',
    );
  } else if (changes.length === 0) {
    out.push(`No layer changed against the golden plan (${m.layers.length} layers).`);
  } else {
    out.push(
      `**${changes.length} layer${changes.length > 1 ? 's' : ''} changed** against the golden plan${m.golden === 'updated' ? ' (golden plan updated)' : ''}:`,
    );
    out.push('');
    out.push('| layer | category | bits | bytes | reason |');
    out.push('| --- | --- | --- | --- | --- |');
    const shown = changes.slice(0, detail.changedRows);
    for (const c of shown) out.push(changeRow(c));
    if (shown.length < changes.length) {
      out.push('');
      out.push(
        `…and ${changes.length - shown.length} more changed layers: the full list is in \`report.json\` (the \`report-path\` output).`,
      );
    }
  }
  if (detail.picture && m.layers.length > 0) {
    const picture = blockPicture(m.layers);
    if (picture) {
      out.push('');
      out.push('<details><summary>Bits per block</summary>');
      out.push('');
      out.push(picture);
      out.push('');
      out.push('</details>');
    }
  }
  const unchanged = m.layers.filter((l) => !changedNames.has(l.name));
  if (unchanged.length > 0 && changes !== null) {
    out.push('');
    out.push(`<details><summary>${unchanged.length} unchanged layers</summary>`);
    out.push('');
    if (detail.unchangedTable) {
      out.push('| layer | category | block | bits | bytes |');
      out.push('| --- | --- | --- | --- | --- |');
      for (const l of unchanged)
        out.push(
          `| ${layerName(l)} | ${escapeMarkdown(l.category)} | ${l.layer ?? '—'} | ${bitsLabel(l.bits)} | ${l.bytes.toLocaleString('en-US')} |`,
        );
    } else {
      const counts = new Map<string, { n: number; bytes: number }>();
      for (const l of unchanged) {
        const k = `${l.category}|${bitsLabel(l.bits)}`;
        const c = counts.get(k) ?? { n: 0, bytes: 0 };
        c.n++;
        c.bytes += l.bytes;
        counts.set(k, c);
      }
      out.push('| category | bits | layers | bytes |');
      out.push('| --- | --- | --- | --- |');
      for (const [k, c] of [...counts].sort()) {
        const [cat, bits] = k.split('|');
        out.push(`| ${escapeMarkdown(cat!)} | ${bits} | ${c.n} | ${c.bytes.toLocaleString('en-US')} |`);
      }
      out.push('');
      out.push('Layer by layer: `report.json`.');
    }
    out.push('');
    out.push('</details>');
  }
  out.push('');
  return out.join('\n');
}

function render(report: CheckReport, detail: Detail): string {
  const failed = report.models.filter((m) => !m.passed).length;
  const out: string[] = [commentMarker(report.key)];
  out.push(
    `## quantgate ${report.passed ? '✅ all gates passed' : `❌ ${failed} of ${report.models.length} model${report.models.length > 1 ? 's' : ''} failed a blocking gate`}`,
  );
  out.push('');
  out.push('| model | detection | size | plan | quality | weights | bits/weight | metric |');
  out.push('| --- | --- | --- | --- | --- | --- | --- | --- |');
  for (const m of report.models) {
    const g = (name: string) => {
      const r = m.gates.find((x) => x.gate === name);
      return r ? gateCell(r) : '—';
    };
    const size = m.size ? `${formatSize(m.size.bytes_before)} → ${formatSize(m.size.bytes_after)}` : '—';
    out.push(
      `| ${escapeMarkdown(m.id)} | ${g('detection')} | ${g('size')} | ${g('plan')} | ${g('quality')} | ${size} | ${m.size ? m.size.bits_per_weight.toFixed(2) : '—'} | ${qualityCell(m)} |`,
    );
  }
  out.push('');
  if (report.updated_golden.length > 0) {
    out.push(`Golden files written: ${report.updated_golden.map(escapeMarkdown).join(', ')}.`);
    out.push('');
  }
  for (const m of report.models) out.push(modelSection(m, detail));
  out.push(`<sub>Blocking gates: ${report.blocking_gates.join(', ') || 'none'}. ✅ pass · ❌ fail · ⚠️ warning · ➖ not run</sub>`);
  return `${out.join('\n')}\n`;
}

/** The comment, as detailed as fits under GitHub's limit. */
export function renderComment(report: CheckReport): string {
  const steps: Detail[] = [
    { changedRows: Infinity, unchangedTable: true, picture: true },
    { changedRows: Infinity, unchangedTable: false, picture: true },
    ...[400, 200, 100, 50, 20].map((n) => ({ changedRows: n, unchangedTable: false, picture: true })),
    { changedRows: 10, unchangedTable: false, picture: false },
    { changedRows: 0, unchangedTable: false, picture: false },
  ];
  let text = '';
  for (const detail of steps) {
    text = render(report, detail);
    if (text.length <= BUDGET) return text;
  }
  // Many models: keep the overview and say where the rest is.
  const head = text.slice(0, text.indexOf('\n### '));
  return `${head}\n\nThe per-model details do not fit in one comment: see the job summary and \`report.json\`.\n`;
}
