/**
 * The golden quality record (`golden/<id>.quality.json`, `quantgate.quality/v1`) and the regression check
 * against it: what was measured when a plan was accepted, and how this run's numbers moved since. Pure
 * functions; the pipeline reads and writes the files.
 *
 * A comparison is made only between measurements taken the same way (same inputs, windows, sequence
 * length and execution provider): otherwise it is "not comparable", with the reason, and gates nothing.
 * A model whose weights changed since the golden record is said plainly and compared all the same.
 */
import type { Thresholds } from '../config/check-config.js';
import type { EvalResult } from '../eval/evaluate.js';

export const QUALITY_SCHEMA = 'quantgate.quality/v1';

/** How a quality measurement was taken: two measurements compare only when these agree. */
export interface Measurement {
  /** Where the inputs came from: a token file, an inputs file, or synthesized. */
  inputs: 'tokens' | 'file' | 'synthesized';
  tokens_sha256: string | null;
  inputs_sha256: string | null;
  /** Token windows scored (0 without a token file). */
  windows: number;
  /** The configured sequence length (null: the model's own, else 128). */
  seq_len: number | null;
  execution_provider: string;
  onnxruntime: string;
  quantgate: string;
}

/** The metrics of an evaluation that describe quality (not its timing, provider or coverage). */
const QUALITY_METRICS = ['output', 'cosine', 'rel_l2', 'max_abs', 'top1_agree', 'kl', 'ppl_ref', 'ppl_q'] as const;

export type RecordedQuality = Pick<EvalResult, (typeof QUALITY_METRICS)[number]>;

export interface QualityRecord {
  schema: typeof QUALITY_SCHEMA;
  model: { path: string; sha256: string; architecture: string; parameters: number; layers: number };
  size: { bytes_before: number; bytes_after: number; bits_per_weight: number };
  /** null when the quantized model could not be evaluated. */
  quality: RecordedQuality | null;
  measurement: Measurement;
}

/** The quality metrics of an evaluation, in a fixed order (same inputs, same bytes); absent ones left out. */
export function recordedQuality(q: EvalResult): RecordedQuality {
  return Object.fromEntries(QUALITY_METRICS.filter((key) => q[key] !== undefined).map((key) => [key, q[key]])) as RecordedQuality;
}

export type DeltaMetric = 'bytes' | 'bits_per_weight' | 'ppl_increase' | 'kl' | 'cosine';

/** One number, golden → now. */
export interface Delta {
  metric: DeltaMetric;
  before: number;
  after: number;
  /** after − before (for ppl_increase: percentage points as a fraction, 0.005 = 0.5 pp). */
  change: number;
  /** Which way is better for this metric: lower bytes, perplexity increase and KL; higher cosine. */
  direction: 'better' | 'worse' | 'same';
  /** The configured allowance this delta is held to, in the threshold's own unit; null = shown only. */
  limit: number | null;
  /** The delta exceeds its allowance. */
  fails: boolean;
  /** The failure in words (threshold named), when it fails. */
  reason?: string;
}

export interface BaselineComparison {
  /** The golden quality record compared with. */
  file: string;
  /** The model file's sha256 differs from the golden record's. */
  model_changed: boolean;
  /** Quality deltas were computed (same measurement settings, both evaluated). */
  comparable: boolean;
  /** Why not, when not. */
  reason: string | null;
  /** Size deltas always; quality deltas when comparable. */
  deltas: Delta[];
  /** The golden record's measurement (for the comment's "measured with"). */
  measured: Measurement;
}

/** Why two measurements cannot be compared, or null when they can. */
export function incomparability(golden: Measurement, now: Measurement): string | null {
  const differs: string[] = [];
  if (golden.inputs !== now.inputs) differs.push(`inputs ${golden.inputs} then, ${now.inputs} now`);
  else {
    if (golden.tokens_sha256 !== now.tokens_sha256) differs.push('another tokens file');
    if (golden.inputs_sha256 !== now.inputs_sha256) differs.push('another inputs file');
  }
  if (golden.windows !== now.windows) differs.push(`${golden.windows} token windows then, ${now.windows} now`);
  if (golden.seq_len !== now.seq_len)
    differs.push(`sequence length ${golden.seq_len ?? "the model's"} then, ${now.seq_len ?? "the model's"} now`);
  if (golden.execution_provider !== now.execution_provider)
    differs.push(`execution provider ${golden.execution_provider} then, ${now.execution_provider} now`);
  return differs.length === 0 ? null : `measured differently: ${differs.join('; ')}`;
}

const pctIncrease = (q: RecordedQuality): number | undefined =>
  q.ppl_ref !== undefined && q.ppl_q !== undefined ? (q.ppl_q - q.ppl_ref) / q.ppl_ref : undefined;

/**
 * Golden → now for sizes and, when comparable, quality. On a GPU provider (not bit-exact run to run), a
 * relative difference within `gpu_tolerance` counts as none; on CPU every digit counts.
 */
export function compareWithRecord(
  file: string,
  golden: QualityRecord,
  now: { sha256: string; size: QualityRecord['size']; quality: RecordedQuality | null; measurement: Measurement },
  t: Thresholds,
): BaselineComparison {
  const tolerance = now.measurement.execution_provider === 'cpu' ? 0 : t.gpu_tolerance;
  const deltas: Delta[] = [];
  const add = (
    metric: DeltaMetric,
    before: number,
    after: number,
    lowerIsBetter: boolean,
    limit: number | null,
    exceeds: boolean,
    reason: string,
  ) => {
    const same = Math.abs(after - before) <= tolerance * Math.max(Math.abs(before), Math.abs(after));
    const change = same ? 0 : after - before;
    const direction = change === 0 ? 'same' : change < 0 === lowerIsBetter ? 'better' : 'worse';
    const fails = !same && limit !== null && exceeds;
    deltas.push({ metric, before, after, change, direction, limit, fails, ...(fails ? { reason } : {}) });
  };

  const bytesBefore = golden.size.bytes_after;
  const bytesAfter = now.size.bytes_after;
  const growth = bytesBefore > 0 ? (bytesAfter - bytesBefore) / bytesBefore : bytesAfter > 0 ? Infinity : 0;
  add(
    'bytes',
    bytesBefore,
    bytesAfter,
    true,
    t.size_growth,
    t.size_growth !== null && growth > t.size_growth,
    `quantized weights grew ${(100 * growth).toFixed(2)}% (max ${(100 * (t.size_growth ?? 0)).toFixed(2)}%)`,
  );
  add('bits_per_weight', golden.size.bits_per_weight, now.size.bits_per_weight, true, null, false, '');

  let reason: string | null = null;
  if (!golden.quality) reason = 'the golden record has no quality measurement';
  else if (!now.quality) reason = 'this run has no quality measurement';
  else if (golden.quality.output !== now.quality.output)
    reason = `another output compared (${golden.quality.output} then, ${now.quality.output} now)`;
  else reason = incomparability(golden.measurement, now.measurement);

  if (reason === null && golden.quality && now.quality) {
    const g = golden.quality;
    const q = now.quality;
    const incBefore = pctIncrease(g);
    const incAfter = pctIncrease(q);
    if (incBefore !== undefined && incAfter !== undefined) {
      const pp = incAfter - incBefore;
      add(
        'ppl_increase',
        incBefore,
        incAfter,
        true,
        t.ppl_regression,
        t.ppl_regression !== null && pp > t.ppl_regression + 1e-12,
        `perplexity increase ${signedPct(incBefore)} → ${signedPct(incAfter)} (${signed(100 * pp, 2)} pp, max +${(100 * (t.ppl_regression ?? 0)).toFixed(2)} pp)`,
      );
    }
    if (g.kl !== undefined && q.kl !== undefined) {
      const rel = g.kl > 0 ? (q.kl - g.kl) / g.kl : q.kl > 0 ? Infinity : 0;
      add(
        'kl',
        g.kl,
        q.kl,
        true,
        t.kl_regression,
        t.kl_regression !== null && rel > t.kl_regression,
        `KL ${g.kl.toExponential(2)} → ${q.kl.toExponential(2)} (${Number.isFinite(rel) ? `${signed(100 * rel, 1)}%` : 'from zero'}, max +${(100 * (t.kl_regression ?? 0)).toFixed(0)}%)`,
      );
    }
    add(
      'cosine',
      g.cosine,
      q.cosine,
      false,
      t.cosine_drop,
      t.cosine_drop !== null && g.cosine - q.cosine > t.cosine_drop,
      `cosine ${g.cosine.toFixed(5)} → ${q.cosine.toFixed(5)} (${signed(q.cosine - g.cosine, 5)}, max drop ${t.cosine_drop ?? 0})`,
    );
  }
  return {
    file,
    model_changed: golden.model.sha256 !== now.sha256,
    comparable: reason === null,
    reason,
    deltas,
    measured: golden.measurement,
  };
}

/** `+1.23` / `−0.50` (a real minus sign for people), `digits` after the point. */
export function signed(x: number, digits: number): string {
  const text = Math.abs(x).toFixed(digits);
  if (Number(text) === 0) return `±${text}`;
  return `${x < 0 ? '−' : '+'}${text}`;
}

function signedPct(fraction: number): string {
  return `${fraction < 0 ? '−' : '+'}${Math.abs(100 * fraction).toFixed(2)}%`;
}

/** Whether anything moved against the golden record (for `comment: changes`). */
export function comparisonMoved(c: BaselineComparison | null | undefined): boolean {
  return !!c && (c.model_changed || !c.comparable || c.deltas.some((d) => d.change !== 0));
}
