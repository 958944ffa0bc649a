/**
 * The pull-request comment (also the job summary), written for the reviewer: a short top table (one row per
 * model, six columns that fit GitHub's comment width), then per model its gates, golden → now with deltas
 * and direction (weights, bits per weight, perplexity, KL, cosine), the layers whose bits changed (with
 * their measured error at the golden width and now, when sensitivity was measured), a bits per block
 * heatmap (golden and now, in a code block: it renders the same everywhere and cannot become HTML), the
 * unchanged layers collapsed; then how to accept the plans, and the run and commit. It always
 * fits GitHub's 65,536 characters: detail is dropped in steps (the unchanged table, then rows of the
 * changed table) and the comment says where the full data is. Each row of a table of layers (changed or
 * unchanged) is within 100 characters: long names lose whole segments from the middle, and never so that
 * two layers of one table read alike.
 *
 * Layer names come from the model file, so they are untrusted: every piece of model-provided text goes
 * through `escapeMarkdown`, which neutralizes HTML and markdown syntax (including `|` in tables).
 */
import type { GateResult, PlanChange } from '../gate/gates.js';
import { signed, type BaselineComparison, type Delta } from '../gate/regression.js';
import type { CheckReport, ModelReport, RunInfo } from './report.js';
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

/** Longest model id shown in the top table (the section heading has it whole). */
const TOP_ID_CHARS = 24;

function shortId(id: string): string {
  return id.length > TOP_ID_CHARS ? `${id.slice(0, TOP_ID_CHARS - 1)}…` : id;
}

/** The top table's verdict: the gates that failed (or warn), by name. */
function verdictCell(m: ModelReport): string {
  const failed = m.gates.filter((g) => g.status === 'fail').map((g) => g.gate);
  if (failed.length > 0) return `❌ ${failed.join(', ')}`;
  const warned = m.gates.filter((g) => g.status === 'warn').map((g) => g.gate);
  return warned.length > 0 ? `⚠️ ${warned.join(', ')}` : '✅ pass';
}

const pctIncrease = (q: { ppl_ref?: number; ppl_q?: number }): number | undefined =>
  q.ppl_ref !== undefined && q.ppl_q !== undefined ? (q.ppl_q - q.ppl_ref) / q.ppl_ref : undefined;

function qualityCell(m: ModelReport): string {
  const q = m.quality;
  if (!q) return '—';
  const inc = pctIncrease(q);
  if (inc !== undefined) return `ppl ${inc >= 0 ? '+' : '−'}${Math.abs(100 * inc).toFixed(2)}%`;
  return `cos ${q.cosine.toFixed(4)}`;
}

/** A delta in its unit, signed: bytes as a size and a percentage, perplexity in percentage points. */
function deltaText(d: Delta): string {
  switch (d.metric) {
    case 'bytes': {
      const pct = d.before > 0 ? ` (${signed((100 * d.change) / d.before, 2)}%)` : '';
      return `${d.change < 0 ? '−' : d.change > 0 ? '+' : '±'}${formatSize(Math.abs(d.change))}${pct}`;
    }
    case 'bits_per_weight':
      return signed(d.change, 2);
    case 'ppl_increase':
      return `${signed(100 * d.change, 2)} pp`;
    case 'kl':
      return d.before > 0 ? `${signed((100 * d.change) / d.before, 1)}%` : d.change.toExponential(2);
    case 'cosine':
      return signed(d.change, 5);
  }
}

/** The top table's "vs golden": what moved, most telling first. */
function goldenCell(m: ModelReport): string {
  const b = m.baseline;
  if (!b) return m.golden === 'no baseline' ? 'no baseline' : m.golden === 'created' ? 'accepted' : '—';
  const moved = b.deltas.filter((d) => d.change !== 0 && d.metric !== 'bits_per_weight');
  const short: Record<Delta['metric'], string> = { bytes: 'size', bits_per_weight: 'bits', ppl_increase: 'ppl', kl: 'KL', cosine: 'cos' };
  const order: Array<Delta['metric']> = ['ppl_increase', 'kl', 'cosine', 'bytes'];
  const shown = order
    .map((metric) => moved.find((d) => d.metric === metric))
    .filter((d): d is Delta => d !== undefined)
    .slice(0, 2)
    .map(
      (d) =>
        `${short[d.metric]} ${d.metric === 'bytes' ? signed((100 * d.change) / (d.before || 1), 1) + '%' : deltaText(d)}${d.fails ? ' ❌' : ''}`,
    );
  const notes = [...(b.model_changed ? ['model changed'] : []), ...(b.comparable ? [] : ['not comparable'])];
  const parts = [...notes, ...shown];
  return parts.length > 0 ? parts.join(' · ') : 'no change';
}

/**
 * What the tables call each layer: its module path; where layers share one (a weight and its bias,
 * `transformer.h.0.ln_1`), those whose initializer name extends the path by it (`transformer.h.0.ln_1.bias`),
 * one other by the path alone (`up_blocks.0…attn1.to_out.0` and `….to_out.0.bias`), more others by path and
 * name (`encoder.layer.0.intermediate.dense [val_108]`), as the plan table does.
 */
function layerLabels(layers: Array<{ name: string; module: string | null }>): (l: { name: string; module: string | null }) => string {
  const namesOf = new Map<string, Set<string>>();
  for (const l of layers) namesOf.set(l.module ?? l.name, (namesOf.get(l.module ?? l.name) ?? new Set()).add(l.name));
  const extends_ = (name: string, module: string) => name === module || name.startsWith(`${module}.`);
  return ({ name, module }) => {
    const shared = namesOf.get(module ?? name)!;
    if (module === null || shared.size === 1) return module ?? name;
    if (extends_(name, module)) return name;
    const opaque = [...shared].filter((n) => !extends_(n, module));
    return opaque.length === 1 && !shared.has(module) ? module : `${module} [${name}]`;
  };
}

function bitsText(bits: number | null): string {
  return bits === null ? '—' : bitsLabel(bits);
}

/** The bits column of a change: widths golden → now (a change of storage alone says so in its reason). */
function bitsChangeText(c: PlanChange): string {
  return `${bitsText(c.old_bits)} → ${bitsText(c.new_bits)}`;
}

/** One cell per width: the bar's height grows with the bits. */
const GLYPH: Partial<Record<number, string>> = { 2: '▁', 3: '▂', 4: '▄', 8: '▆', 16: '▇', 32: '█' };
const HEATMAP_LEGEND = '▁ INT2  ▂ INT3  ▄ INT4  ▆ INT8  ▇ FP16  █ FP32  · none  ^ changed';
/**
 * Row labels (a layer's role in its block, from the model: restricted to safe characters) are padded to
 * ROLE_CHARS, or to the longest label up to MAX_ROLE_CHARS (T5's `decoder.EncDecAttention.q`), and cut there.
 */
const ROLE_CHARS = 18;
const MAX_ROLE_CHARS = 28;
/** More distinct roles than this and rows are categories instead. */
const MAX_ROLES = 12;

interface BlockLayer {
  name: string;
  module: string | null;
  category: string;
  layer: number | null;
  bits: number;
  /** In a model with two stacks (encoder, decoder), the stack of the block: its rows are its own. */
  stack?: string;
}

/** A layer's role in its block: the last part of its module path (q_proj), else its category. */
function roleOf(l: BlockLayer): string {
  const leaf = l.module?.split(/[./]/).filter(Boolean).pop();
  return leaf ?? l.category;
}

/** Characters that cannot end a code fence or mean anything in it; cut to the label width. */
function codeSafe(text: string, width: number): string {
  const safe = text.replace(/[^\w.\-/]/g, '?');
  return safe.length > width ? `${safe.slice(0, width - 1)}…` : safe;
}

/**
 * The widths per block as a heatmap in a `text` code block: a row per role (q_proj, up_proj, …), one cell
 * per block; where a role's widths changed against the golden plan, its golden row, this plan's under it,
 * and `^` under the blocks that changed.
 * A cell holding several layers shows the narrowest. Embeddings, norms and heads (outside the picture's
 * point) are left out. 80 blocks × 7 roles is about 2 KB.
 */
export function bitsHeatmap(now: BlockLayer[], golden: BlockLayer[] | null): string {
  const inBlocks = (ls: BlockLayer[]) =>
    ls.filter((l) => l.layer !== null && l.category !== 'norm' && l.category !== 'embedding' && l.category !== 'head');
  const a = inBlocks(now);
  const b = golden ? inBlocks(golden) : null;
  const all = [...a, ...(b ?? [])];
  if (all.length === 0) return '';
  // A leaf that two categories share (GPT-2's attn.c_proj and mlp.c_proj), or two layers of one block (T5's
  // SelfAttention.q and EncDecAttention.q), is named with its parent: one row would show only the narrower.
  const categories = new Map<string, Set<string>>();
  const layersOfLeaf = new Map<string, Set<string>>();
  for (const l of all) {
    categories.set(roleOf(l), (categories.get(roleOf(l)) ?? new Set()).add(l.category));
    const inBlock = `${l.stack ?? ''}/${l.layer}/${roleOf(l)}`;
    layersOfLeaf.set(inBlock, (layersOfLeaf.get(inBlock) ?? new Set()).add(l.name));
  }
  const sharedLeaves = new Set([...layersOfLeaf].filter(([, names]) => names.size > 1).map(([key]) => key.split('/').pop()!));
  const named = (l: BlockLayer) =>
    (categories.get(roleOf(l))!.size > 1 || sharedLeaves.has(roleOf(l))) && l.module
      ? l.module.split(/[./]/).filter(Boolean).slice(-2).join('.')
      : roleOf(l);
  const roles = [...new Set(all.map(named))];
  const role = roles.length > MAX_ROLES ? (l: BlockLayer) => l.category : named;
  // Two stacks number their blocks from 0 each: a row per stack and role (encoder.q, decoder.q).
  const key = (l: BlockLayer) => (l.stack ? `${l.stack}.${role(l)}` : role(l));
  const rows = [...new Set(all.map(key))];
  const blocks = Math.max(...all.map((l) => l.layer!)) + 1;
  const grid = (ls: BlockLayer[]) => {
    const cells = new Map<string, Array<number | null>>(rows.map((r) => [r, new Array<number | null>(blocks).fill(null)]));
    for (const l of ls) {
      const row = cells.get(key(l))!;
      const at = row[l.layer!];
      row[l.layer!] = at === null || at === undefined ? l.bits : Math.min(at, l.bits);
    }
    return cells;
  };
  const line = (cells: Array<number | null>) => cells.map((bits) => (bits === null ? '·' : (GLYPH[bits] ?? '?'))).join('');
  const nowGrid = grid(a);
  const goldenGrid = b ? grid(b) : null;
  const width = Math.min(MAX_ROLE_CHARS, Math.max(ROLE_CHARS, ...rows.map((r) => r.length)));
  const label = (role: string, tag = '') => `${role.padEnd(width)} ${tag.padEnd(6)} `;
  let ruler = '';
  for (let i = 0; i < blocks; i += 10) ruler += String(i).padEnd(Math.min(10, blocks - i));
  const lines = [HEATMAP_LEGEND, '', (label('block') + ruler).trimEnd()];
  for (const r of rows) {
    const n = nowGrid.get(r)!;
    const g = goldenGrid?.get(r);
    const changed = g ? n.map((bits, i) => (bits === g[i] ? ' ' : '^')).join('') : '';
    if (!g || !changed.trim()) {
      // Unchanged (or nothing to compare with): one row.
      lines.push(label(codeSafe(r, width)) + line(n));
      continue;
    }
    lines.push(label(codeSafe(r, width), 'golden') + line(g));
    lines.push(label('', 'now') + line(n));
    lines.push(label('') + changed.trimEnd());
  }
  return ['```text', ...lines, '```'].join('\n');
}

/** The golden plan's layers, as far as the report knows them: this plan's, with the changes undone. */
function goldenLayers(m: ModelReport): BlockLayer[] | null {
  if (!m.plan_changes || m.plan_changes.length === 0) return null;
  const changed = new Map(m.plan_changes.map((c) => [c.name, c]));
  const layers: BlockLayer[] = [];
  for (const l of m.layers) {
    const c = changed.get(l.name);
    if (!c) layers.push(l);
    else if (c.old_bits !== null) layers.push({ ...l, bits: c.old_bits });
  }
  for (const c of m.plan_changes)
    if (c.new_bits === null && c.old_bits !== null)
      layers.push({ name: c.name, module: c.module, category: c.category, layer: c.layer, bits: c.old_bits, stack: c.stack });
  return layers;
}

interface Detail {
  /** Rows of the changed-layers table to show (Infinity = all). */
  changedRows: number;
  /** Show the unchanged layers one by one (else counted by category and width). */
  unchangedTable: boolean;
  /** Show the per-block picture. */
  picture: boolean;
}

/**
 * Widest rendered row (cells joined by " | ") of every table of layers: the changed layers, with or without
 * measured errors, and the unchanged ones.
 */
export const CHANGED_ROW_CHARS = 100;
/** The reason keeps at least this many characters, whatever the layer name's length... */
const MIN_REASON_CHARS = 16;
/** ...except in a row whose name needs more to differ from another row's: then this many, or only `…`. */
const REASON_KEPT_CHARS = 8;

const errorText = (x: number | null): string => (x === null ? '—' : x.toExponential(1));

/** `+24,576`, `−24,576`, `±0`: what the layer's change costs or saves. */
function bytesChange(c: PlanChange): string {
  const change = (c.new_bytes ?? 0) - (c.old_bytes ?? 0);
  return `${change < 0 ? '−' : change > 0 ? '+' : '±'}${Math.abs(change).toLocaleString('en-US')}`;
}

/** Text cut short ends at a word when one ends in its second half ("per byte" → "per", not "per by"). */
function cutAtWord(text: string): string {
  const space = text.lastIndexOf(' ');
  return (space >= text.length / 2 ? text.slice(0, space) : text).trimEnd();
}

/** A layer name keeps at least this many characters, however wide the other cells. */
const MIN_NAME_CHARS = 20;

/** A name cut at `.` and `/`: what comes before the first segment (`/`), the segments, the separators between them. */
interface Segments {
  lead: string;
  segments: string[];
  separators: string[];
}

function segmentsOf(name: string): Segments {
  const lead = /^[./]*/.exec(name)![0];
  const parts = name.slice(lead.length).split(/([./])/);
  return { lead, segments: parts.filter((_, i) => i % 2 === 0), separators: parts.filter((_, i) => i % 2 === 1) };
}

/** The name with only the kept segments, each run of the others shown as `…`. */
function renderKept({ lead, segments, separators }: Segments, kept: boolean[]): string {
  let out = lead;
  let previous = -1;
  kept.forEach((keep, i) => {
    if (!keep) return;
    out += previous < 0 ? (i > 0 ? '…' : '') : previous === i - 1 ? separators[previous] : '…';
    out += segments[i];
    previous = i;
  });
  return previous < segments.length - 1 ? `${out}…` : out;
}

/**
 * The order segments leave a long name in (see `elideName`), never one of `required` (the segments that tell
 * a layer from another that would read alike): plain segments, then the words before numbers and the numbers
 * that are not required, then the words before required numbers (`layers` of a required `17`), then the first
 * segment. With nothing required it is elideName's order.
 */
function dropOrder(segments: string[], required: ReadonlySet<number>): number[] {
  const isNumber = (i: number) => /^\d+$/.test(segments[i] ?? '');
  const last = segments.length - 2;
  const middle = segments.map((_, i) => i).filter((i) => i > 0 && i < last && !required.has(i));
  const byLength = (a: number, b: number) => segments[b]!.length - segments[a]!.length || a - b;
  const labelsRequired = (i: number) => !isNumber(i) && isNumber(i + 1) && required.has(i + 1);
  return [
    ...middle.filter((i) => !isNumber(i) && !isNumber(i + 1)).sort(byLength),
    ...middle.filter((i) => !isNumber(i) && isNumber(i + 1) && !labelsRequired(i)).sort(byLength),
    ...middle.filter(isNumber).sort(byLength),
    ...middle.filter(labelsRequired).sort(byLength),
    ...(segments.length > 2 && !required.has(0) ? [0] : []),
  ];
}

/** The name, then the name after each segment `dropOrder` takes away, shortest last. */
function elisions(name: string, required: ReadonlySet<number>): string[] {
  const split = segmentsOf(name);
  const kept = split.segments.map(() => true);
  return [
    name,
    ...dropOrder(split.segments, required).map((i) => {
      kept[i] = false;
      return renderKept(split, kept);
    }),
  ];
}

const charCount = (text: string): number => [...text].length;

/**
 * A layer name (`model.layers.17.self_attn.q_proj`) in at most `room` characters: whole segments (between
 * `.` and `/`) leave from the middle, each run of them shown as `…`. The first segment and the last two
 * stay; plain segments go first, then the words before numbers (`layers` of `layers.17`), then numbers,
 * longest first (ties: leftmost), so block and expert numbers stay and rows of different blocks differ
 * (`model.vision_tower.vision_model.encoder.layers.17.self_attn.q_proj` →
 * `model…layers.17.self_attn.q_proj`). A name that still does not fit keeps its last characters.
 * Where two rows of a table would still read alike, `distinctNames` keeps what tells them apart.
 */
export function elideName(name: string, room: number): string {
  const chars = [...name];
  if (chars.length <= room) return name;
  const fits = elisions(name, new Set()).find((text) => charCount(text) <= room);
  return fits ?? `…${chars.slice(chars.length - (room - 1)).join('')}`;
}

/** The segments of `name` that differ from `other`'s: position by position, or the run between a common head and tail. */
function differingSegments(name: string, other: string): number[] {
  const a = segmentsOf(name).segments;
  const b = segmentsOf(other).segments;
  if (a.length === b.length) return a.map((_, i) => i).filter((i) => a[i] !== b[i]);
  let head = 0;
  while (head < Math.min(a.length, b.length) && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < Math.min(a.length, b.length) - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  return a.map((_, i) => i).filter((i) => i >= head && i < a.length - tail);
}

/**
 * The last resort for names that differ where segments cannot show it (one long segment, a long common
 * tail): the characters where the group's names differ, with as much of what follows, then precedes, as
 * fits in `width`. The group cuts every name at the same offsets from its common head and tail, so the
 * texts differ exactly where the names do.
 */
function differenceWindow(name: string, group: string[], width: number): string {
  const all = group.map((g) => [...g]);
  const shortest = Math.min(...all.map((g) => g.length));
  let head = 0;
  while (head < shortest && all.every((g) => g[head] === all[0]![head])) head++;
  let tail = 0;
  while (tail < shortest - head && all.every((g) => g[g.length - 1 - tail] === all[0]![all[0]!.length - 1 - tail])) tail++;
  const widest = Math.max(...all.map((g) => g.length - head - tail));
  const budget = width - widest;
  let before = head;
  let after = tail;
  if (head + tail > budget) {
    // The common tail whole if it fits (the layer's kind) with what is left of the head; else the head whole
    // if it fits with what is left of the tail; each cut marked `…`.
    if (tail + 1 <= budget) before = budget - tail - 1;
    else if (head + 1 <= budget) after = budget - head - 1;
    else [before, after] = [0, Math.max(0, budget - 2)];
  }
  const chars = [...name];
  return `${before < head ? '…' : ''}${chars.slice(head - before, chars.length - tail + after).join('')}${after < tail ? '…' : ''}`;
}

/** Where a row's name goes: its full text, its usual room, and the most it may take from the row's reason. */
export interface NameSlot {
  full: string;
  room: number;
  /** The widest the name may be keeping a short reason (REASON_KEPT_CHARS), and keeping only `…` of it. */
  wideRoom: number;
  widestRoom: number;
}

/**
 * A name that keeps the segments telling it from `rivals` (the rows that read alike): the first fit in
 * `room` that still has the first segment, else the shortest with the first segment in `wideRoom` (the
 * reason gives room: `model…17.self_attn.q_proj` rather than `…17.self_attn.q_proj`, `up_blocks.3…2…attn1.to_q`
 * rather than `…3…2…attn1.to_q`), else the shortest in `widestRoom`, else the characters that differ.
 */
function distinguishingName(slot: NameSlot, rivals: string[]): string {
  const required = new Set(rivals.flatMap((r) => differingSegments(slot.full, r)));
  const steps = elisions(slot.full, required);
  const headless = segmentsOf(slot.full).segments.length > 2 && !required.has(0);
  const withHead = headless ? steps.slice(0, -1) : steps;
  const fits = withHead.find((text) => charCount(text) <= slot.room);
  if (fits !== undefined) return fits;
  const shortestWithHead = withHead[withHead.length - 1]!;
  if (charCount(shortestWithHead) <= slot.wideRoom) return shortestWithHead;
  const shortest = steps[steps.length - 1]!;
  if (charCount(shortest) <= slot.widestRoom) return shortest;
  return differenceWindow(slot.full, [slot.full, ...rivals], slot.widestRoom);
}

/**
 * The names of one table's rows, each `elideName`d to its room, except that rows of different layers never
 * read alike: rows that would are named again keeping the segments where their names differ (block and
 * expert numbers, `attn1`/`attn2`), taking room from the reason when they must. A renamed row that then
 * reads like another is named again against both; a row still alike after that shows the characters
 * where the names differ.
 */
export function distinctNames(slots: NameSlot[]): string[] {
  const names = slots.map((s) => elideName(s.full, s.room));
  const rivals = slots.map(() => new Set<string>());
  const stuck = slots.map(() => false);
  for (let round = 0; round <= slots.length; round++) {
    const byText = new Map<string, number[]>();
    names.forEach((name, i) => {
      const rows = byText.get(name);
      if (rows) rows.push(i);
      else byText.set(name, [i]);
    });
    let changed = false;
    for (const rows of byText.values()) {
      const fulls = new Set(rows.map((i) => slots[i]!.full));
      if (fulls.size < 2) continue;
      for (const i of rows) {
        const before = rivals[i]!.size;
        for (const full of fulls) if (full !== slots[i]!.full) rivals[i]!.add(full);
        // Alike again with no new rival: the segments cannot tell them apart.
        if (rivals[i]!.size === before) stuck[i] = true;
        const slot = slots[i]!;
        const name = stuck[i]
          ? differenceWindow(slot.full, [slot.full, ...rivals[i]!], slot.widestRoom)
          : distinguishingName(slot, [...rivals[i]!]);
        changed ||= name !== names[i];
        names[i] = name;
      }
    }
    if (!changed) break;
  }
  return names;
}

/** A table row of one layer: its name (unescaped), the middle cells (markdown already), and its reason (none in some tables). */
interface LayerRow {
  name: string;
  middle: string[];
  reason: string | null;
}

/**
 * A table's layer rows, `| name | ...middle | reason |`, each within CHANGED_ROW_CHARS: the middle cells
 * are whole, the reason is cut at a word to what is left, and a name too long to leave the reason
 * MIN_REASON_CHARS loses its middle (`elideName`), never so that two rows read alike (`distinctNames`: a
 * row that needs more room for that takes it from its reason). Both are whole in `report.json`. Name and
 * reason are escaped here.
 */
function fittedLayerRows(rows: LayerRow[]): string[] {
  const fitted = rows.map((r) => {
    const reason = r.reason === null ? null : [...r.reason];
    // The middle cells, the name and the reason, with a " | " between each two.
    const others = r.middle.reduce((n, cell) => n + charCount(cell), 3 * (r.middle.length + (reason ? 1 : 0)));
    const left = CHANGED_ROW_CHARS - others;
    const slot: NameSlot = {
      full: r.name,
      room: Math.max(MIN_NAME_CHARS, left - Math.min(reason?.length ?? 0, MIN_REASON_CHARS)),
      wideRoom: left - Math.min(reason?.length ?? 0, REASON_KEPT_CHARS),
      widestRoom: left - Math.min(reason?.length ?? 0, 1),
    };
    return { reason, slot, left };
  });
  const names = distinctNames(fitted.map((f) => f.slot));
  return fitted.map(({ reason, slot, left }, i) => {
    const name = names[i]!;
    const cells = [escapeMarkdown(name), ...rows[i]!.middle];
    if (reason) {
      const room = Math.max(charCount(name) > slot.room ? 1 : MIN_REASON_CHARS, left - charCount(name));
      cells.push(escapeMarkdown(reason.length > room ? `${cutAtWord(reason.slice(0, room - 1).join(''))}…` : reason.join('')));
    }
    return `| ${cells.join(' | ')} |`;
  });
}

/** A row of the changed-layers table without measured errors: category, bits and bytes golden → now whole. */
function changeRow(c: PlanChange, name: string): LayerRow {
  const bytes = `${c.old_bytes === null ? '—' : c.old_bytes.toLocaleString('en-US')} → ${c.new_bytes === null ? '—' : c.new_bytes.toLocaleString('en-US')}`;
  return { name, middle: [escapeMarkdown(c.category), bitsChangeText(c), bytes], reason: c.reason };
}

/**
 * A row of the changed-layers table with measured errors (golden → now): the category is left to the
 * layer's path, bytes are the change, the reason loses its `→ WIDTH` (the bits column says it).
 */
function measuredChangeRow(c: PlanChange, name: string): LayerRow {
  const bits = bitsChangeText(c);
  const error = c.measured_error ? `${errorText(c.measured_error.golden)} → ${errorText(c.measured_error.now)}` : '—';
  const tail = ` → ${bitsText(c.new_bits)}`;
  const reason = c.reason.endsWith(tail) ? c.reason.slice(0, -tail.length) : c.reason;
  return { name, middle: [bits, bytesChange(c), error], reason };
}

/** What the measured error column holds, in a line under the table. */
function measuredNote(changes: PlanChange[]): string {
  const metric = changes.find((c) => c.measured_error)?.measured_error?.metric;
  const what = metric === 'kl' ? 'mean KL of the next-token distribution' : 'squared relative L2 of the output';
  return `<sub>Measured error: the model's ${what} with only that layer quantized to that width (this run's sensitivity measurement); — not measured.</sub>`;
}

const METRIC_NAME: Record<Delta['metric'], string> = {
  bytes: 'weights',
  bits_per_weight: 'bits per weight',
  ppl_increase: 'perplexity increase',
  kl: 'KL',
  cosine: 'cosine',
};

function metricValue(metric: Delta['metric'], x: number): string {
  switch (metric) {
    case 'bytes':
      return formatSize(x);
    case 'bits_per_weight':
      return x.toFixed(2);
    case 'ppl_increase':
      return `${x < 0 ? '−' : '+'}${Math.abs(100 * x).toFixed(2)}%`;
    case 'kl':
      return x.toExponential(2);
    case 'cosine':
      return x.toFixed(5);
  }
}

const DIRECTION: Record<Delta['direction'], string> = { better: '▼ better', worse: '▲ worse', same: '= same' };

/** Golden → now, with deltas and their direction (for cosine, higher is better: its arrow says so). */
function baselineTable(b: BaselineComparison): string[] {
  const out: string[] = [];
  if (b.model_changed) out.push('**Model weights changed since the golden plan**: the numbers below compare all the same.', '');
  out.push('| | golden | now | change |', '| --- | --- | --- | --- |');
  for (const d of b.deltas) {
    // Bits per weight has no better side (the size and quality rows say what it cost); cosine grows when better.
    const up = d.change > 0 ? '▲' : '▼';
    const arrow =
      d.direction === 'same'
        ? DIRECTION.same
        : d.metric === 'bits_per_weight'
          ? up
          : d.metric === 'cosine'
            ? `${up} ${d.direction}`
            : DIRECTION[d.direction];
    const limit = d.fails ? ` ❌ ${d.limit === null ? '' : `over ${limitText(d)}`}`.trimEnd() : '';
    out.push(
      `| ${METRIC_NAME[d.metric]} | ${metricValue(d.metric, d.before)} | ${metricValue(d.metric, d.after)} | ${d.change === 0 ? '' : `${deltaText(d)} `}${arrow}${limit} |`,
    );
  }
  if (!b.comparable && b.reason) out.push('', `Quality not comparable with the golden record: ${escapeMarkdown(b.reason)}.`);
  const m = b.measured;
  out.push(
    '',
    `<sub>Golden measured on ${escapeMarkdown(m.execution_provider)} with ${m.inputs === 'tokens' ? `${m.windows} token windows` : m.inputs === 'file' ? 'an inputs file' : 'synthesized inputs'}, onnxruntime ${escapeMarkdown(m.onnxruntime)}, quantgate ${escapeMarkdown(m.quantgate)}.</sub>`,
  );
  return out;
}

function limitText(d: Delta): string {
  if (d.limit === null) return '';
  switch (d.metric) {
    case 'bytes':
      return `+${(100 * d.limit).toFixed(2)}%`;
    case 'ppl_increase':
      return `+${(100 * d.limit).toFixed(2)} pp`;
    case 'kl':
      return `+${(100 * d.limit).toFixed(0)}%`;
    default:
      return `${d.limit}`;
  }
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
    out.push(`Quality (${escapeMarkdown(q.ep)}${q.windows ? `, ${q.windows} token windows` : ''}): ${parts.join(', ')}.`);
  }
  if (m.baseline) {
    out.push('');
    out.push(...baselineTable(m.baseline));
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
  const label = layerLabels([...m.layers, ...(changes ?? [])]);
  const changedNames = new Set((changes ?? []).map((c) => c.name));
  if (changes === null) {
    out.push(
      m.golden === 'created' ? 'Golden plan created.' : 'No golden plan yet (no baseline): accept this plan to record it for review.',
    );
  } else if (changes.length === 0) {
    out.push(`No layer changed against the golden plan (${m.layers.length} layers).`);
  } else {
    const stored = changes.filter((c) => c.old_storage !== undefined).length;
    const storageNote =
      stored === 0 ? '' : stored === changes.length ? ', in storage only (same bits)' : `, ${stored} in storage only (same bits)`;
    out.push(
      `**${changes.length} layer${changes.length > 1 ? 's' : ''} changed** against the golden plan${storageNote}${m.golden === 'updated' ? ' (golden plan updated)' : ''}:`,
    );
    out.push('');
    const measured = changes.some((c) => c.measured_error);
    out.push(measured ? '| layer | bits | Δ bytes | measured error | reason |' : '| layer | category | bits | bytes | reason |');
    out.push('| --- | --- | --- | --- | --- |');
    const shown = changes.slice(0, detail.changedRows);
    out.push(...fittedLayerRows(shown.map((c) => (measured ? measuredChangeRow : changeRow)(c, label(c)))));
    if (measured && shown.length > 0) out.push('', measuredNote(changes));
    if (shown.length < changes.length) {
      out.push('');
      out.push(
        `…and ${changes.length - shown.length} more changed layers: the full list is in \`report.json\` (the \`report-path\` output).`,
      );
    }
  }
  if (detail.picture && m.layers.length > 0) {
    const picture = bitsHeatmap(m.layers, goldenLayers(m));
    if (picture) {
      out.push('');
      out.push(`<details${changes && changes.length > 0 ? ' open' : ''}><summary>Bits per block</summary>`);
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
      out.push(
        ...fittedLayerRows(
          unchanged.map((l) => ({
            name: label(l),
            middle: [
              escapeMarkdown(l.category),
              l.layer === null ? '—' : `${l.stack ? `${escapeMarkdown(l.stack)} ` : ''}${l.layer}`,
              bitsLabel(l.bits),
              l.bytes.toLocaleString('en-US'),
            ],
            reason: null,
          })),
        ),
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

/** Whether a reviewer has something to accept: a changed or new plan, or a gate failed against the golden files. */
function needsAccepting(report: CheckReport): boolean {
  return report.models.some(
    (m) => m.golden === 'changed' || m.golden === 'no baseline' || (m.baseline?.deltas.some((d) => d.fails) ?? false),
  );
}

/** The exact command, then commit the golden folder; or the workflow's `update-golden` input. */
function acceptBlock(report: CheckReport): string[] {
  const accept = report.accept ?? { command: 'quantgate check --update-golden', golden_dir: 'golden' };
  const dir = accept.golden_dir.replace(/[\r\n]+/g, ' ');
  return [
    '**To accept this plan** (after review), run in the repository and commit the golden files:',
    '',
    '```sh',
    accept.command.replace(/[\r\n`]+/g, ' '),
    `git add ${/^[\w./-]+$/.test(dir) ? dir : `'${dir.replace(/'/g, `'\\''`)}'`} && git commit -m "Accept the quantgate plan"`,
    '```',
    '',
    'or run this workflow with the `update-golden: true` input and commit the golden files it writes.',
    '',
  ];
}

/** `Run #123 · commit abc1234`: only a URL and a SHA of the expected shapes become a link or code. */
function runLine(run: RunInfo | undefined): string {
  if (!run) return '';
  const parts: string[] = [];
  if (run.url && /^https?:\/\/[^\s()<>[\]`]+$/.test(run.url)) parts.push(`[workflow run](${run.url})`);
  if (run.sha && /^[0-9a-f]{7,64}$/.test(run.sha)) parts.push(`commit \`${run.sha.slice(0, 12)}\``);
  return parts.length > 0 ? `${parts.join(' · ')} · ` : '';
}

function render(report: CheckReport, detail: Detail): string {
  const failed = report.models.filter((m) => !m.passed).length;
  const out: string[] = [commentMarker(report.key)];
  out.push(
    `## quantgate ${report.passed ? '✅ all gates passed' : `❌ ${failed} of ${report.models.length} model${report.models.length > 1 ? 's' : ''} failed a blocking gate`}`,
  );
  out.push('');
  out.push('| model | result | weights | bits/w | quality | vs golden |');
  out.push('| --- | --- | --- | --- | --- | --- |');
  for (const m of report.models) {
    out.push(
      `| ${escapeMarkdown(shortId(m.id))} | ${verdictCell(m)} | ${m.size ? formatSize(m.size.bytes_after) : '—'} | ${m.size ? m.size.bits_per_weight.toFixed(2) : '—'} | ${qualityCell(m)} | ${goldenCell(m)} |`,
    );
  }
  out.push('');
  if (report.updated_golden.length > 0) {
    out.push(`Golden files written (commit them): ${report.updated_golden.map(escapeMarkdown).join(', ')}.`);
    out.push('');
  } else if (needsAccepting(report)) {
    out.push(...acceptBlock(report));
  }
  for (const m of report.models) out.push(modelSection(m, detail));
  out.push(
    `<sub>${runLine(report.run)}Blocking gates: ${report.blocking_gates.join(', ') || 'none'}. ✅ pass · ❌ fail · ⚠️ warning · ➖ not run</sub>`,
  );
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
