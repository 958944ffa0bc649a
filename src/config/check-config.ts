/**
 * What `quantgate check` (and the action) reads from `quantgate.yml` beyond the plan settings:
 *
 * ```yaml
 * models:                          # globs, or entries with per-model settings
 *   - models/*.onnx
 *   - path: models/llama.onnx
 *     id: llama                    # golden/<id>.plan.json; default: the file name without .onnx
 *     target_size: 25%             # any plan key may be set per model
 *     tokens: data/eval.bin        # evaluation tokens for this model
 *     inputs: data/inputs.json     # or named input tensors (JSON, or NAME=FILE.npy pairs)
 *     thresholds: { cosine: 0.97 }
 * golden_dir: golden
 * gates: { detection: fail, size: fail, plan: fail, quality: fail }   # fail | warn | off
 * thresholds: { detection: 0.95, cosine: 0.95, rel_l2: null, ppl_increase: 0.15, kl: null, top1: null,
 *               ppl_regression: 0.005, kl_regression: 0.1, cosine_drop: 0.002,   # against golden/<id>.quality.json
 *               size_growth: null, gpu_tolerance: 0.001 }
 * tokens: data/eval.bin            # default evaluation tokens; seq_len, windows likewise
 * execution_provider: cpu
 * timeout: 600                     # seconds one onnxruntime step (loading a model, one run) may take
 * report_dir: quantgate-report
 * ```
 */
import { BadInputError } from '../errors.js';
import {
  mergePlanConfig,
  parseExecutionProvider,
  PLAN_KEYS,
  planFromDocument,
  readUserConfig,
  DEFAULT_CONFIG_FILE,
  DEFAULT_GOLDEN_DIR,
  DEFAULT_REPORT_DIR,
  DEFAULT_TIMEOUT_SECONDS,
  parseTimeout,
  type ProviderChoice,
  type PlanConfig,
} from './config.js';

export const GATES = ['detection', 'size', 'plan', 'quality'] as const;
export type GateName = (typeof GATES)[number];
export type GateMode = 'fail' | 'warn' | 'off';

export interface Thresholds {
  /** Minimum share of labelled layers whose sensitive flag matches the labels. */
  detection: number;
  /** Minimum cosine similarity of the primary output. */
  cosine: number | null;
  /** Maximum relative L2 error of the primary output. */
  rel_l2: number | null;
  /** Maximum relative perplexity increase (0.15 = +15%), when tokens are given. */
  ppl_increase: number | null;
  /** Maximum mean KL of the next-token distribution. */
  kl: number | null;
  /** Minimum top-1 agreement. */
  top1: number | null;
  /** Against the golden measurement: how much the perplexity increase may grow (0.005 = 0.5 percentage points). */
  ppl_regression: number | null;
  /** Against the golden measurement: how much KL may grow, relative (0.1 = 10%). */
  kl_regression: number | null;
  /** Against the golden measurement: how much cosine may drop (absolute). */
  cosine_drop: number | null;
  /** Against the golden measurement: how much the quantized bytes may grow, relative (0 = not at all); null = shown, not gated. */
  size_growth: number | null;
  /** On GPU providers, which are not bit-exact run to run: relative differences this small count as none. */
  gpu_tolerance: number;
}

export const DEFAULT_THRESHOLDS: Thresholds = {
  detection: 0.95,
  cosine: 0.95,
  rel_l2: null,
  ppl_increase: 0.15,
  kl: null,
  top1: null,
  ppl_regression: 0.005,
  kl_regression: 0.1,
  cosine_drop: 0.002,
  size_growth: null,
  gpu_tolerance: 0.001,
};

/**
 * When the action posts or updates its PR comment: `always`; `changes` (a plan, size or quality changed,
 * or a gate failed); `failures` (a gate failed); `off` (no API call at all). In every mode but `off`, a
 * comment already on the pull request is updated, so a passing run never leaves an old failing one standing.
 */
export const COMMENT_MODES = ['always', 'changes', 'failures', 'off'] as const;
export type CommentMode = (typeof COMMENT_MODES)[number];

/** `always | changes | failures | off`, and `true`/`false` as `always`/`off`. */
export function parseCommentMode(value: unknown, where: string): CommentMode {
  if (value === true || value === 'true') return 'always';
  if (value === false || value === 'false') return 'off';
  if (typeof value === 'string' && (COMMENT_MODES as readonly string[]).includes(value)) return value as CommentMode;
  throw new BadInputError(
    `${where}: expected ${COMMENT_MODES.join(', ')} (or true, false) (got '${String(value).replace(/[\r\n]+/g, ' ')}')`,
  );
}

/** Ids name the golden files: a file name, never a path (`id: ../../x` must not write outside golden/). */
export function checkModelId(id: string, where: string): string {
  if (id === '.' || id === '..' || /[/\\\0\r\n]/.test(id))
    throw new BadInputError(`${where}: id '${id.replace(/[\r\n]+/g, ' ')}' must be a file name (no '/', '\\', '..' or line breaks)`);
  return id;
}

export interface EvalInputsConfig {
  tokens?: string;
  /** Named input tensors for models without token ids (eval's `--inputs`). */
  inputs?: string;
  /** Token file the data-aware scale methods (imatrix, gptq) calibrate on: other text than `tokens`. */
  calibration?: string;
  seqLen?: number;
  windows?: number;
}

export interface ModelEntry extends EvalInputsConfig {
  /** A path or a glob. */
  pattern: string;
  id?: string;
  plan: Partial<PlanConfig>;
  thresholds: Partial<Thresholds>;
}

export interface CheckConfig extends EvalInputsConfig {
  /** The config file read, or null when none was. */
  file: string | null;
  plan: PlanConfig;
  models: ModelEntry[];
  /** Check only the files this glob matches (`--models`, the action's `models` input); config entries still apply. */
  only?: string;
  comment: CommentMode;
  goldenDir: string;
  gates: Record<GateName, GateMode>;
  thresholds: Thresholds;
  ep: ProviderChoice;
  reportDir: string;
  /** Seconds each onnxruntime step may take. */
  timeoutSeconds: number;
}

/** Settings given outside the file (action inputs, CLI flags): they win over it. */
export interface CheckOverrides {
  plan?: Partial<PlanConfig>;
  models?: string;
  goldenDir?: string;
  ep?: ProviderChoice;
  /** Gates that block; the others only warn. */
  failOn?: GateName[];
  reportDir?: string;
  inputs?: string;
  timeoutSeconds?: number;
  comment?: CommentMode;
}

/** Every model in the repository, except installed packages' (an @actions/glob pattern: one per line). */
export const DEFAULT_MODELS = '**/*.onnx\n!**/node_modules/**';

/** The entry of a file no config entry names: default settings. */
export function defaultModelEntry(pattern: string): ModelEntry {
  return { pattern, plan: {}, thresholds: {} };
}

const MODEL_KEYS = new Set<string>(['path', 'id', 'tokens', 'inputs', 'calibration', 'seq_len', 'windows', 'thresholds', ...PLAN_KEYS]);

function positiveInt(value: unknown, where: string): number {
  if (typeof value === 'number' && Number.isInteger(value) && value > 0) return value;
  throw new BadInputError(`${where}: expected a positive integer (got '${String(value)}')`);
}

function str(value: unknown, where: string): string {
  if (typeof value === 'string' && value.length > 0) return value;
  throw new BadInputError(`${where}: expected a string (got '${String(value)}')`);
}

function parseThresholds(value: unknown, where: string): Partial<Thresholds> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new BadInputError(`${where}: expected a mapping`);
  const out: Partial<Thresholds> = {};
  for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
    if (!(key in DEFAULT_THRESHOLDS))
      throw new BadInputError(`${where}: unknown threshold '${key}' (known: ${Object.keys(DEFAULT_THRESHOLDS).join(', ')})`);
    if (v !== null && (typeof v !== 'number' || !Number.isFinite(v) || v < 0))
      throw new BadInputError(`${where}.${key}: expected a non-negative number or null`);
    (out as Record<string, number | null>)[key] = v;
  }
  if (out.detection === null) throw new BadInputError(`${where}.detection: cannot be null`);
  if (out.gpu_tolerance === null) throw new BadInputError(`${where}.gpu_tolerance: cannot be null`);
  return out;
}

function parseGates(value: unknown, where: string): Partial<Record<GateName, GateMode>> {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new BadInputError(`${where}: expected a mapping of gate: fail|warn|off`);
  const out: Partial<Record<GateName, GateMode>> = {};
  for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
    if (!(GATES as readonly string[]).includes(key))
      throw new BadInputError(`${where}: unknown gate '${key}' (known: ${GATES.join(', ')})`);
    if (v !== 'fail' && v !== 'warn' && v !== 'off')
      throw new BadInputError(`${where}.${key}: expected fail, warn or off (got '${String(v)}')`);
    out[key as GateName] = v;
  }
  return out;
}

export function parseFailOn(text: string, where: string): GateName[] {
  const names = text.split(/[\s,]+/).filter((s) => s.length > 0);
  for (const n of names)
    if (!(GATES as readonly string[]).includes(n)) throw new BadInputError(`${where}: unknown gate '${n}' (known: ${GATES.join(', ')})`);
  return names as GateName[];
}

function parseModels(value: unknown, file: string): ModelEntry[] {
  const where = `${file}: models`;
  const list = Array.isArray(value) ? value : [value];
  return list.map((item, i) => {
    if (typeof item === 'string') return { pattern: item, plan: {}, thresholds: {} };
    if (typeof item !== 'object' || item === null) throw new BadInputError(`${where}[${i}]: expected a path, a glob, or { path, ... }`);
    const raw = item as Record<string, unknown>;
    for (const key of Object.keys(raw)) if (!MODEL_KEYS.has(key)) throw new BadInputError(`${where}[${i}]: unknown key '${key}'`);
    const entry: ModelEntry = {
      pattern: str(raw.path, `${where}[${i}].path`),
      plan: planFromDocument(raw, `${file}: models[${i}]`),
      thresholds: raw.thresholds === undefined ? {} : parseThresholds(raw.thresholds, `${where}[${i}].thresholds`),
    };
    if (raw.id !== undefined) entry.id = checkModelId(str(raw.id, `${where}[${i}].id`), `${where}[${i}].id`);
    if (raw.tokens !== undefined) entry.tokens = str(raw.tokens, `${where}[${i}].tokens`);
    if (raw.inputs !== undefined) entry.inputs = str(raw.inputs, `${where}[${i}].inputs`);
    if (raw.calibration !== undefined) entry.calibration = str(raw.calibration, `${where}[${i}].calibration`);
    if (raw.seq_len !== undefined) entry.seqLen = positiveInt(raw.seq_len, `${where}[${i}].seq_len`);
    if (raw.windows !== undefined) entry.windows = positiveInt(raw.windows, `${where}[${i}].windows`);
    return entry;
  });
}

export function readCheckConfig(file: string | undefined, overrides: CheckOverrides = {}): CheckConfig {
  const doc = readUserConfig(file);
  const raw = doc?.raw ?? {};
  const where = doc?.path ?? file ?? DEFAULT_CONFIG_FILE;
  const gates: Record<GateName, GateMode> = { detection: 'fail', size: 'fail', plan: 'fail', quality: 'fail' };
  if (raw.gates !== undefined) Object.assign(gates, parseGates(raw.gates, `${where}: gates`));
  if (overrides.failOn) {
    for (const g of GATES) if (gates[g] !== 'off') gates[g] = overrides.failOn.includes(g) ? 'fail' : 'warn';
  }
  const cfg: CheckConfig = {
    file: doc?.path ?? null,
    plan: mergePlanConfig(doc?.plan, overrides.plan),
    models: raw.models !== undefined ? parseModels(raw.models, where) : [defaultModelEntry(DEFAULT_MODELS)],
    comment: overrides.comment ?? (raw.comment === undefined ? 'always' : parseCommentMode(raw.comment, `${where}: comment`)),
    goldenDir: overrides.goldenDir ?? (raw.golden_dir === undefined ? DEFAULT_GOLDEN_DIR : str(raw.golden_dir, `${where}: golden_dir`)),
    gates,
    thresholds: { ...DEFAULT_THRESHOLDS, ...(raw.thresholds === undefined ? {} : parseThresholds(raw.thresholds, `${where}: thresholds`)) },
    ep:
      overrides.ep ??
      (raw.execution_provider === undefined
        ? 'cpu'
        : parseExecutionProvider(str(raw.execution_provider, `${where}: execution_provider`), `${where}: execution_provider`)),
    reportDir: overrides.reportDir ?? (raw.report_dir === undefined ? DEFAULT_REPORT_DIR : str(raw.report_dir, `${where}: report_dir`)),
    timeoutSeconds:
      overrides.timeoutSeconds ?? (raw.timeout === undefined ? DEFAULT_TIMEOUT_SECONDS : parseTimeout(raw.timeout, `${where}: timeout`)),
  };
  if (overrides.inputs !== undefined) cfg.inputs = overrides.inputs;
  else if (raw.inputs !== undefined) cfg.inputs = str(raw.inputs, `${where}: inputs`);
  if (overrides.models !== undefined) cfg.only = overrides.models;
  if (raw.tokens !== undefined) cfg.tokens = str(raw.tokens, `${where}: tokens`);
  if (raw.calibration !== undefined) cfg.calibration = str(raw.calibration, `${where}: calibration`);
  if (raw.seq_len !== undefined) cfg.seqLen = positiveInt(raw.seq_len, `${where}: seq_len`);
  if (raw.windows !== undefined) cfg.windows = positiveInt(raw.windows, `${where}: windows`);
  return cfg;
}
