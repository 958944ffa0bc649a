/**
 * The plan as a table for people: layers grouped by block (the parts outside the blocks first and last),
 * each with its category, shape, bits, bytes and reason; then the totals.
 */
import type { Plan, PlanLayer } from '../plan/plan.js';

export function bitsLabel(bits: number): string {
  return bits === 32 ? 'FP32' : bits === 16 ? 'FP16' : `INT${bits}`;
}

/** A layer's width as stored after the plan: a weight the model already holds quantized keeps its own ("INT4 (kept)"). */
export function layerBitsLabel(l: Pick<PlanLayer, 'bits' | 'quantized'>): string {
  return l.quantized ? `INT${l.quantized.bits} (kept)` : bitsLabel(l.bits);
}

/** 3573641 → "3.57 MB" (decimal units, as file managers and the spec's sizes use). */
export function formatSize(bytes: number): string {
  if (bytes < 1e3) return `${bytes} B`;
  if (bytes < 1e6) return `${(bytes / 1e3).toFixed(2)} KB`;
  if (bytes < 1e9) return `${(bytes / 1e6).toFixed(2)} MB`;
  return `${(bytes / 1e9).toFixed(2)} GB`;
}

const int = (n: number) => n.toLocaleString('en-US');

/** What to call the layer in a table: its module path and leaf when known, with the initializer name if different. */
export function displayName(l: PlanLayer): string {
  if (!l.module) return l.name;
  if (l.name === l.module || l.name.startsWith(`${l.module}.`)) return l.name;
  return `${l.module} [${l.name}]`;
}

function pad(text: string, width: number, right = false): string {
  return right ? text.padStart(width) : text.padEnd(width);
}

export function formatPlanTable(plan: Plan): string {
  const out: string[] = [];
  const m = plan.model;
  out.push(`quantgate plan: ${m.path}`);
  out.push(`  ${m.architecture}, ${m.num_layers} blocks, ${int(m.parameters)} weight parameters in ${plan.layers.length} layers`);
  const p = plan.policy;
  const policyBits = p.bits !== null ? ` ${bitsLabel(p.bits)}` : '';
  const extras = [
    `block ${p.block_size}`,
    p.symmetric ? 'symmetric' : 'asymmetric',
    ...(p.super_blocks ? ['INT4/INT2 in super-blocks where K allows'] : []),
    p.keep_sensitive ? 'sensitive layers kept FP16' : 'sensitive layers not kept',
  ];
  if (p.default_bits !== null) extras.push(`default ${bitsLabel(p.default_bits)}`);
  if (p.overrides.length > 0) extras.push(`${p.overrides.length} override${p.overrides.length > 1 ? 's' : ''}`);
  if (p.target_bytes !== null) extras.push(`target ${formatSize(p.target_bytes)}`);
  out.push(`  policy ${p.name}${policyBits}: ${extras.join(', ')}`);
  out.push('');
  if (plan.layers.length === 0) {
    out.push('no quantizable layer: nothing to plan, the model stays as it is');
    return `${out.join('\n')}\n`;
  }

  const rows = plan.layers.map((l) => ({
    name: displayName(l),
    category: l.category,
    op: l.op,
    shape: l.shape.join('×'),
    bits: layerBitsLabel(l),
    bytes: int(l.bytes),
    reason: l.reason,
    block: l.layer,
    stack: l.stack,
    depth: l.depth,
  }));
  const width = (key: 'name' | 'category' | 'op' | 'shape' | 'bits' | 'bytes', min: number) =>
    Math.min(64, Math.max(min, ...rows.map((r) => r[key].length)));
  const w = {
    name: width('name', 5),
    category: width('category', 8),
    op: width('op', 2),
    shape: width('shape', 5),
    bits: width('bits', 4),
    bytes: width('bytes', 5),
  };
  const line = (r: { name: string; category: string; op: string; shape: string; bits: string; bytes: string; reason: string }) =>
    `  ${pad(r.name, w.name)}  ${pad(r.category, w.category)}  ${pad(r.op, w.op)}  ${pad(r.shape, w.shape)}  ${pad(r.bits, w.bits)}  ${pad(r.bytes, w.bytes, true)}  ${r.reason}`;

  // Groups in order of appearance: the part before the blocks, each block, the part after.
  const groups: Array<{ title: string; rows: typeof rows }> = [];
  let seenBlock = false;
  for (const r of rows) {
    // Two stacks (encoder, decoder) number their blocks from 0 each: the stack is in the title.
    const title =
      r.block === null ? (seenBlock ? 'after the blocks' : 'before the blocks') : `${r.stack ? `${r.stack} ` : ''}block ${r.block}`;
    if (r.block !== null) seenBlock = true;
    const last = groups[groups.length - 1];
    if (last && last.title === title) last.rows.push(r);
    else groups.push({ title, rows: [r] });
  }
  out.push(line({ name: 'layer', category: 'category', op: 'op', shape: 'shape', bits: 'bits', bytes: 'bytes', reason: 'reason' }));
  for (const g of groups) {
    const depth = g.rows[0]?.block !== null ? g.rows[0]?.depth : null;
    out.push(`${g.title}${depth !== null && depth !== undefined ? ` (depth ${depth.toFixed(2)})` : ''}`);
    for (const r of g.rows) out.push(line(r));
  }
  out.push('');
  const t = plan.totals;
  const ratio = t.bytes_before > 0 ? (100 * t.bytes_after) / t.bytes_before : 0;
  out.push(
    `weights: ${formatSize(t.bytes_before)} → ${formatSize(t.bytes_after)} (${ratio.toFixed(1)}% of ${int(t.bytes_before)} bytes → ${int(t.bytes_after)} bytes), ${t.bits_per_weight.toFixed(2)} bits per weight`,
  );
  // Weights kept quantized count under their own width, not under the FP32 (unchanged) they are planned as.
  const byWidth = new Map<string, number>();
  for (const l of plan.layers) byWidth.set(layerBitsLabel(l), (byWidth.get(layerBitsLabel(l)) ?? 0) + l.params);
  const widthOrder = (label: string) =>
    Number(/\d+/.exec(label)?.[0] ?? 0) + (label.startsWith('FP') ? 100 : 0) + (label.endsWith('(kept)') ? 0.5 : 0);
  out.push(
    `parameters by width: ${[...byWidth]
      .sort((a, b) => widthOrder(b[0]) - widthOrder(a[0]))
      .map(([label, n]) => `${label} ${int(n)}`)
      .join(', ')}`,
  );
  return out.join('\n') + '\n';
}
