/**
 * The four gates, as pure functions of what the pipeline measured. A gate whose mode is `warn` reports a
 * failure as a warning; `off` skips it. Only a `fail` gate that fails blocks the pull request.
 */
import { isSensitive, type Category } from '../analyze/categories.js';
import type { Layer } from '../analyze/types.js';
import type { GateMode, GateName, Thresholds } from '../config/check-config.js';
import type { EvalResult } from '../eval/evaluate.js';
import type { Plan, PlanLayer, SensitivityMetric } from '../plan/plan.js';
import type { BaselineComparison } from './regression.js';

export type GateStatus = 'pass' | 'fail' | 'warn' | 'skip';

export interface GateResult {
  gate: GateName;
  status: GateStatus;
  /** A failed gate in `fail` mode: the check fails. */
  blocking: boolean;
  /** One line for people. */
  summary: string;
  /** The number the gate compared, when there is one. */
  value?: number;
  threshold?: number;
}

function result(gate: GateName, mode: GateMode, ok: boolean, summary: string, extra: Partial<GateResult> = {}): GateResult {
  if (mode === 'off') return { gate, status: 'skip', blocking: false, summary: 'gate off' };
  const status: GateStatus = ok ? 'pass' : mode === 'warn' ? 'warn' : 'fail';
  return { gate, status, blocking: status === 'fail', summary, ...extra };
}

/** A gate that failed (or warns, by its mode) for a reason no number says. */
export function failedGate(gate: GateName, mode: GateMode, summary: string): GateResult {
  return result(gate, mode, false, summary);
}

export function skipped(gate: GateName, summary: string): GateResult {
  return { gate, status: 'skip', blocking: false, summary };
}

export interface DetectionOutcome {
  accuracy: number;
  labelled: number;
  /** Labelled layers the model does not have (counted as wrong). */
  missing?: number;
  /** Layers whose sensitive flag disagrees with the labels (first 20). */
  mismatches: Array<{ name: string; detected: Category; labelled: string }>;
}

/** Share of labelled layers (all but `constant`) whose sensitive flag matches the label; missing layers count as wrong. */
export function detectionAccuracy(layers: Layer[], labels: Map<string, string>): DetectionOutcome {
  const byName = new Map(layers.map((l) => [l.name, l]));
  let labelled = 0;
  let agree = 0;
  let missing = 0;
  const mismatches: DetectionOutcome['mismatches'] = [];
  for (const [name, category] of labels) {
    if (category === 'constant') continue;
    labelled++;
    const layer = byName.get(name);
    const expected = isSensitive(category as Category);
    if (!layer) missing++;
    if (layer && layer.sensitive === expected) agree++;
    else if (mismatches.length < 20) mismatches.push({ name, detected: layer?.category ?? 'other', labelled: category });
  }
  return { accuracy: labelled === 0 ? 0 : agree / labelled, labelled, missing, mismatches };
}

/**
 * Labels that cannot judge this model fail the gate and say why, rather than pass on nothing: a file
 * whose every entry is `constant`, or one whose layers are mostly not in the model (another model's).
 */
export function detectionGate(
  outcome: DetectionOutcome | null,
  threshold: number,
  mode: GateMode,
  labelsFile = 'the labels file',
): GateResult {
  if (!outcome) return skipped('detection', 'no labels (golden/<id>.labels.json)');
  const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
  if (outcome.labelled === 0) return result('detection', mode, false, `${labelsFile} labels no weight layer (every entry is constant)`);
  const missing = outcome.missing ?? 0;
  if (missing > outcome.labelled / 2)
    return result(
      'detection',
      mode,
      false,
      `${labelsFile} is not this model's: ${missing} of its ${outcome.labelled} labelled layers are not in the model`,
      { value: outcome.accuracy, threshold },
    );
  return result(
    'detection',
    mode,
    outcome.accuracy >= threshold,
    `${pct(outcome.accuracy)} of ${outcome.labelled} labelled layers (needs ${pct(threshold)})`,
    { value: outcome.accuracy, threshold },
  );
}

export function sizeGate(
  bytesAfter: number | null,
  target: number | null,
  mode: GateMode,
  problem?: string,
  baseline?: BaselineComparison | null,
): GateResult {
  if (problem) return result('size', mode, false, problem);
  // Growth against the golden record gates only when thresholds.size_growth is set (else it is shown).
  const growth = baseline?.deltas.find((d) => d.metric === 'bytes' && d.fails);
  if (target === null || bytesAfter === null) {
    return growth ? result('size', mode, false, growth.reason ?? 'quantized weights grew') : skipped('size', 'no size target');
  }
  const text = `${bytesAfter.toLocaleString('en-US')} bytes, target ${target.toLocaleString('en-US')}`;
  const ok = bytesAfter <= target && !growth;
  return result('size', mode, ok, growth ? `${text}; ${growth.reason ?? 'grew'}` : text, { value: bytesAfter, threshold: target });
}

export interface PlanChange {
  name: string;
  module: string | null;
  category: string;
  layer: number | null;
  old_bits: number | null;
  new_bits: number | null;
  old_bytes: number | null;
  new_bytes: number | null;
  reason: string;
  /**
   * The layer's measured output error at the golden plan's width and at this plan's (grown in v1), both
   * from this plan's sensitivity measurement (null: that width was not measured, e.g. FP16); absent when
   * the layer was not measured.
   */
  measured_error?: { metric: SensitivityMetric; golden: number | null; now: number | null };
  /** The stack of its block, in a model with two (grown in v1; see the plan's `stack`). */
  stack?: string;
  /**
   * How the layer is stored, golden → now, when only that changed, at the same bits (grown in v1; the
   * reason then says it too): a switch between the plain layout and super-blocks, of block size or of
   * symmetry. Shown for review, as it moves bytes and error; the plan gate counts widths only (spec §6:
   * every layer's bits equal the golden plan's), and the regression gate judges what it did to quality.
   */
  old_storage?: string;
  new_storage?: string;
}

/** How an integer layer is stored (`storageOf`'s words: "super-blocks, block 16", "block 32, symmetric"), else null. */
export function storageOf(l: Pick<PlanLayer, 'bits' | 'block_size' | 'symmetric' | 'super_blocks'>): string | null {
  if (l.bits >= 16 || l.block_size === null) return null;
  if (l.super_blocks) return `super-blocks, block ${l.block_size}`;
  return `block ${l.block_size}, ${l.symmetric ? 'symmetric' : 'asymmetric'}`;
}

/** Golden → now from this plan's measured errors, when it has one at either width. */
function measuredChange(l: PlanLayer, oldBits: number | null): Pick<PlanChange, 'measured_error'> {
  const m = l.measured_error;
  if (!m) return {};
  const golden = oldBits === null ? null : (m.by_bits[String(oldBits)] ?? null);
  const now = m.by_bits[String(l.bits)] ?? null;
  return golden === null && now === null ? {} : { measured_error: { metric: m.metric, golden, now } };
}

/** Layers whose bits or storage differ from the golden plan, including layers added or gone. */
export function planChanges(plan: Plan, golden: Plan): PlanChange[] {
  const before = new Map(golden.layers.map((l) => [l.name, l]));
  const changes: PlanChange[] = [];
  for (const l of plan.layers) {
    const g = before.get(l.name);
    const [oldStorage, newStorage] = g && g.bits === l.bits ? [storageOf(g), storageOf(l)] : [null, null];
    const storageChanged = oldStorage !== newStorage;
    if (!g || g.bits !== l.bits || storageChanged) {
      changes.push({
        name: l.name,
        module: l.module,
        category: l.category,
        layer: l.layer,
        ...(l.stack !== undefined ? { stack: l.stack } : {}),
        old_bits: g?.bits ?? null,
        new_bits: l.bits,
        old_bytes: g?.bytes ?? null,
        new_bytes: l.bytes,
        // (A change of storage alone: the plan's reason is about the width, which did not change.)
        reason: storageChanged ? `now ${newStorage ?? '—'} (golden: ${oldStorage ?? '—'})` : g ? l.reason : `new layer: ${l.reason}`,
        ...measuredChange(l, g?.bits ?? null),
        ...(storageChanged ? { old_storage: oldStorage ?? '—', new_storage: newStorage ?? '—' } : {}),
      });
    }
    before.delete(l.name);
  }
  for (const g of before.values()) {
    changes.push({
      name: g.name,
      module: g.module,
      category: g.category,
      layer: g.layer,
      ...(g.stack !== undefined ? { stack: g.stack } : {}),
      old_bits: g.bits,
      new_bits: null,
      old_bytes: g.bytes,
      new_bytes: null,
      reason: 'no longer in the model',
    });
  }
  return changes;
}

/**
 * Why a golden plan cannot be this model's, or null: most of its layers are not in the model (or most of
 * the model's are not in it). Changed weights keep their names; another model's plan does not.
 */
export function foreignGolden(plan: Plan, golden: Plan): string | null {
  const names = new Set(golden.layers.map((l) => l.name));
  const common = plan.layers.filter((l) => names.has(l.name)).length;
  const larger = Math.max(plan.layers.length, golden.layers.length);
  if (larger === 0 || common >= larger / 2) return null;
  const describe = (p: Plan) => `${p.model.architecture}, ${p.layers.length} layers`;
  return `the golden plan is another model's (${describe(golden)}; this model: ${describe(plan)}; ${common} layer names in common)`;
}

/** Whether a change is of storage alone (same bits; see `PlanChange.old_storage`). */
export function storageOnly(c: PlanChange): boolean {
  return c.old_storage !== undefined;
}

/** Fails on layers whose bits changed (or that came or went); changes of storage alone are said, not gated. */
export function planGate(changes: PlanChange[] | null, mode: GateMode, layers: number): GateResult {
  if (changes === null) return skipped('plan', 'no baseline (no golden plan yet)');
  const stored = changes.filter(storageOnly).length;
  const storageNote = stored > 0 ? `; ${stored} stored differently at the same bits` : '';
  const widths = changes.length - stored;
  if (widths === 0) {
    const all = stored > 0 ? `all ${layers} layers' bits match the golden plan` : `all ${layers} layers match the golden plan`;
    return result('plan', mode, true, `${all}${storageNote}`);
  }
  return result('plan', mode, false, `${widths} of ${layers} layers changed against the golden plan${storageNote}`, {
    value: widths,
    threshold: 0,
  });
}

/**
 * The absolute floors (cosine, relative L2, top-1, KL, perplexity increase) and, when a golden quality
 * record was measured the same way, the regressions against it (perplexity increase, KL, cosine).
 */
export function qualityGate(
  q: EvalResult | null,
  t: Thresholds,
  mode: GateMode,
  problem?: string,
  baseline?: BaselineComparison | null,
): GateResult {
  if (problem) return result('quality', mode, false, problem);
  if (!q) return skipped('quality', 'not evaluated');
  const failures: string[] = [];
  const parts: string[] = [];
  const check = (ok: boolean, text: string) => {
    parts.push(text);
    if (!ok) failures.push(text);
  };
  if (t.cosine !== null) check(q.cosine >= t.cosine, `cosine ${q.cosine.toFixed(4)} (min ${t.cosine})`);
  if (t.rel_l2 !== null) check(q.rel_l2 <= t.rel_l2, `relative L2 ${q.rel_l2.toFixed(4)} (max ${t.rel_l2})`);
  if (t.top1 !== null && q.top1_agree !== undefined)
    check(q.top1_agree >= t.top1, `top-1 ${(100 * q.top1_agree).toFixed(1)}% (min ${(100 * t.top1).toFixed(1)}%)`);
  if (t.kl !== null && q.kl !== undefined) check(q.kl <= t.kl, `KL ${q.kl.toExponential(2)} (max ${t.kl})`);
  if (t.ppl_increase !== null && q.ppl_ref !== undefined && q.ppl_q !== undefined) {
    const increase = (q.ppl_q - q.ppl_ref) / q.ppl_ref;
    check(
      increase <= t.ppl_increase,
      `perplexity ${q.ppl_ref.toFixed(3)} → ${q.ppl_q.toFixed(3)} (${increase >= 0 ? '+' : ''}${(100 * increase).toFixed(2)}%, max +${(100 * t.ppl_increase).toFixed(1)}%)`,
    );
  }
  if (baseline) {
    for (const d of baseline.deltas)
      if (d.fails && d.metric !== 'bytes' && d.reason) failures.push(`${d.reason} against the golden record`);
    if (baseline.comparable) {
      const held = baseline.deltas.filter((d) => d.limit !== null && d.metric !== 'bytes').length;
      if (held > 0) parts.push(`no regression against the golden record`);
    } else if (baseline.reason) parts.push(`not comparable with the golden record (${baseline.reason})`);
    if (baseline.model_changed) parts.push('model weights changed since the golden plan');
  }
  if (parts.length === 0 && failures.length === 0) return skipped('quality', 'no quality threshold applies');
  const notes = baseline?.model_changed ? ['model weights changed since the golden plan'] : [];
  return result('quality', mode, failures.length === 0, (failures.length > 0 ? [...failures, ...notes] : parts).join('; '));
}
