/** The check's JSON report (`quantgate.report/v1`): what the comment, the summary and the outputs are made of. */
import type { GateName } from '../config/check-config.js';
import type { EvalResult } from '../eval/evaluate.js';
import type { DetectionOutcome, GateResult, PlanChange } from '../gate/gates.js';
import { comparisonMoved, type BaselineComparison } from '../gate/regression.js';

export const REPORT_SCHEMA = 'quantgate.report/v1';

/** One layer as the comment needs it (the full plan is in golden/ or the plan file). */
export interface ReportLayer {
  name: string;
  module: string | null;
  category: string;
  layer: number | null;
  /** The width as stored after the plan: for a weight the model already held quantized, its own (not 32). */
  bits: number;
  bytes: number;
  /** The stack of its block, in a model with two (grown in v1; see the plan's `stack`). */
  stack?: string;
}

export interface ModelReport {
  id: string;
  path: string;
  sha256: string | null;
  architecture: string | null;
  num_layers: number | null;
  passed: boolean;
  gates: GateResult[];
  size: { bytes_before: number; bytes_after: number; target_bytes: number | null; bits_per_weight: number } | null;
  quality: EvalResult | null;
  detection: DetectionOutcome | null;
  /** null: no golden plan yet. */
  plan_changes: PlanChange[] | null;
  golden: 'match' | 'changed' | 'no baseline' | 'updated' | 'created';
  layers: ReportLayer[];
  /** Against the golden quality record (grown in v1; absent in older reports, null without a record). */
  baseline?: BaselineComparison | null;
  /** A problem that stopped the pipeline for this model (bad input), if any. */
  error?: string;
}

export interface CheckReport {
  schema: typeof REPORT_SCHEMA;
  passed: boolean;
  /** Identifies the comment: one per workflow and config. */
  key: string;
  models: ModelReport[];
  /** Golden files written by --update-golden. */
  updated_golden: string[];
  /** Gates in `fail` mode. */
  blocking_gates: GateName[];
  /** The workflow run and commit (grown in v1), when the runner's environment names them. */
  run?: RunInfo;
  /** How to accept the plans (grown in v1). */
  accept?: AcceptInfo;
}

export interface RunInfo {
  url: string | null;
  sha: string | null;
}

export interface AcceptInfo {
  /** The exact command that accepts (`quantgate check --update-golden`, with the config when not the default). */
  command: string;
  /** The folder of golden files to commit afterwards. */
  golden_dir: string;
}

/**
 * The run and commit from the runner's environment: GITHUB_SERVER_URL/GITHUB_REPOSITORY/actions/runs/
 * GITHUB_RUN_ID, and the pull request's head commit when given (GITHUB_SHA is the merge commit there).
 */
export function runInfoFrom(env: NodeJS.ProcessEnv, headSha?: string | null): RunInfo | undefined {
  const { GITHUB_SERVER_URL: server, GITHUB_REPOSITORY: repo, GITHUB_RUN_ID: id, GITHUB_RUN_ATTEMPT: attempt } = env;
  const url =
    server && repo && id ? `${server}/${repo}/actions/runs/${id}${attempt && attempt !== '1' ? `/attempts/${attempt}` : ''}` : null;
  const sha = headSha ?? env.GITHUB_SHA ?? null;
  return url === null && sha === null ? undefined : { url, sha };
}

/** Lowest detection accuracy over models with labels, or null. */
export function detectionAccuracyOf(report: CheckReport): number | null {
  const values = report.models.map((m) => m.detection?.accuracy).filter((v): v is number => v !== undefined);
  return values.length === 0 ? null : Math.min(...values);
}

/**
 * Whether anything differs from the golden files: a plan changed, a model without a baseline, golden files
 * written, or sizes or quality moved against the golden record.
 */
export function reportHasChanges(report: CheckReport): boolean {
  return report.updated_golden.length > 0 || report.models.some((m) => m.golden !== 'match' || comparisonMoved(m.baseline));
}

/** Merges the reports of matrix jobs into one (`quantgate report --merge`). */
export function mergeReports(reports: CheckReport[]): CheckReport {
  const [first] = reports;
  if (!first) throw new Error('nothing to merge');
  const models = reports.flatMap((r) => r.models).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return {
    schema: REPORT_SCHEMA,
    passed: reports.every((r) => r.passed),
    key: first.key,
    models,
    updated_golden: reports.flatMap((r) => r.updated_golden),
    blocking_gates: first.blocking_gates,
    ...(first.run ? { run: first.run } : {}),
    ...(first.accept ? { accept: first.accept } : {}),
  };
}
