/**
 * `quantgate check`, what the action runs: for every model the config names, read and analyze it once,
 * then plan → quantize → evaluate → compare with the golden files → gates. Each model's result is a typed
 * outcome; the report (`quantgate.report/v1`) is rendered from the outcomes.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DEFAULT_MODELS, GATES, type CheckConfig, type GateMode, type GateName } from '../config/check-config.js';
import { DEFAULT_CONFIG_FILE, mergePlanConfig, type PlanConfig } from '../config/config.js';
import { BadInputError, TargetUnreachableError } from '../errors.js';
import { evaluate, type EvalResult, type InputOptions } from '../eval/evaluate.js';
import {
  detectionAccuracy,
  detectionGate,
  failedGate,
  foreignGolden,
  planChanges,
  planGate,
  qualityGate,
  sizeGate,
  skipped,
  type DetectionOutcome,
  type GateResult,
  type PlanChange,
} from '../gate/gates.js';
import {
  compareWithRecord,
  QUALITY_SCHEMA,
  recordedQuality,
  type BaselineComparison,
  type Measurement,
  type QualityRecord,
} from '../gate/regression.js';
import { ort, RUNTIME_VERSION } from '../eval/runtime.js';
import { QUANTGATE_VERSION } from '../config/version.js';
import { makeFolder, OutputSet, removeCreatedFolders, writeFileAtomic } from '../onnx/write.js';
import type { Plan } from '../plan/plan.js';
import { REPORT_SCHEMA, type AcceptInfo, type CheckReport, type ModelReport, type RunInfo } from '../report/report.js';
import { discoverModels, type DiscoveredModel } from './discover.js';
import { fileSha256, goldenPaths, inputsSha256, readGoldenPlan, readGoldenQuality, readLabels } from './golden.js';
import { warningsTo, type Io } from './io.js';
import { progressTo } from './progress.js';
import { loadModel } from './model.js';
import { planModel, type MeasureChoice, type PlannedModel } from './plan.js';
import { assignmentsOf, commitModel, filesOf, withCalibration, writeQuantized, type CalibrationTokens } from './quantize.js';

export interface CheckOptions {
  config: CheckConfig;
  updateGolden: boolean;
  /** Measurement settings (cache folder) for policies that measure. */
  cacheDir: string | null;
  /** Identifies the PR comment: one per workflow and config. */
  key: string;
  io: Io;
  /** Models already discovered by the caller (the action discovers them for its cache key). */
  models?: DiscoveredModel[];
  /** No progress lines (nor the "checking" line per model): warnings, errors and the result stay. */
  quiet?: boolean;
  /** The workflow run and commit, for the comment's link (the shells read them from the environment). */
  run?: RunInfo;
}

export type GoldenStatus = ModelReport['golden'];

interface OutcomeBase {
  model: DiscoveredModel;
  /** One per gate, in GATES order. */
  gates: GateResult[];
}

/** A model that went through every stage. */
export interface CheckedModel extends OutcomeBase {
  kind: 'checked';
  sha256: string;
  architecture: string;
  numLayers: number;
  plan: Plan;
  detection: DetectionOutcome | null;
  quality: EvalResult | null;
  /** Why the quantized model could not be written or evaluated (bad input), when that happened. */
  qualityProblem: string | null;
  /** Against the golden plan; null without one. */
  planChanges: PlanChange[] | null;
  golden: GoldenStatus;
  /** Golden files written by --update-golden (the plan, the quality record). */
  goldenWritten: string[];
  /** Against the golden quality record; null without one. */
  baseline: BaselineComparison | null;
}

/** A model no plan fits: its size gate fails and the later stages do not run. */
export interface UnplannableModel extends OutcomeBase {
  kind: 'target-unreachable';
  error: TargetUnreachableError;
}

export type ModelOutcome = CheckedModel | UnplannableModel;

export const outcomePassed = (o: ModelOutcome): boolean => !o.gates.some((g) => g.blocking);

/** In GATES order. */
function ordered(results: GateResult[]): GateResult[] {
  return GATES.map((g) => {
    const found = results.find((r) => r.gate === g);
    if (!found) throw new Error(`no result for the ${g} gate`);
    return found;
  });
}

/** Quantizes into a temporary folder and evaluates against the original; bad input is the quality gate's problem. */
async function quantizeAndEvaluate(
  planned: PlannedModel,
  cfg: PlanConfig,
  m: DiscoveredModel,
  options: CheckOptions,
  inputs: InputOptions,
  calibration: CalibrationTokens | undefined,
): Promise<{ quality: EvalResult | null; problem: string | null }> {
  const assignments = await withCalibration(planned, assignmentsOf(planned.plan, cfg.scale), calibration, options.io);
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'quantgate-check-'));
  try {
    const out = path.join(work, `${m.id}.onnx`);
    const outputs = new OutputSet(work, [out, `${out}.data`], filesOf(planned.model));
    commitModel(outputs, writeQuantized(planned, assignments, out, outputs));
    const quality = await evaluate(m.file, out, {
      ep: options.config.ep,
      ...inputs,
      reference: { model: planned.model, inventory: planned.inventory },
      warn: warningsTo(options.io),
      timeoutSeconds: options.config.timeoutSeconds,
      cleanup: [work],
      progress: progressTo(options.io, `evaluating ${m.file}`, options.quiet ?? false),
    });
    return { quality, problem: null };
  } catch (err) {
    if (!(err instanceof BadInputError)) throw err;
    return { quality: null, problem: err.message };
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

/** The plan against the golden plan; with --update-golden, the golden plan rewritten instead of gated. */
function compareWithGolden(
  plan: Plan,
  doc: Plan | null,
  goldenFile: string,
  update: boolean,
  mode: GateMode,
): { changes: PlanChange[] | null; golden: GoldenStatus; written: string | null; gate: GateResult } {
  const foreign = doc ? foreignGolden(plan, doc) : null;
  if (foreign && !update) {
    return { changes: null, golden: 'changed', written: null, gate: failedGate('plan', mode, `${goldenFile}: ${foreign}`) };
  }
  const changes = doc && !foreign ? planChanges(plan, doc) : null;
  if (!update) {
    const golden: GoldenStatus = changes === null ? 'no baseline' : changes.length === 0 ? 'match' : 'changed';
    return { changes, golden, written: null, gate: planGate(changes, mode, plan.layers.length) };
  }
  const existed = fs.existsSync(goldenFile);
  const written = writeIfChanged(goldenFile, `${JSON.stringify(plan, null, 2)}\n`) ? goldenFile : null;
  const golden: GoldenStatus = written === null ? 'match' : existed ? 'updated' : 'created';
  const gate: GateResult =
    changes === null
      ? skipped('plan', 'golden plan created')
      : {
          ...planGate(changes, 'warn', plan.layers.length),
          blocking: false,
          status: changes.length ? 'warn' : 'pass',
          summary: changes.length ? `golden plan updated (${changes.length} layers changed)` : 'golden plan unchanged',
        };
  return { changes, golden, written, gate };
}

export async function checkModel(m: DiscoveredModel, options: CheckOptions): Promise<ModelOutcome> {
  const { config } = options;
  const mode = (gate: GateName) => config.gates[gate];
  const thresholds = { ...config.thresholds, ...m.entry.thresholds };
  const cfg = mergePlanConfig(config.plan, m.entry.plan);
  const inputs: InputOptions = {
    tokens: m.entry.tokens ?? config.tokens,
    inputs: m.entry.inputs ?? config.inputs,
    seqLen: m.entry.seqLen ?? config.seqLen,
    maxWindows: m.entry.windows ?? config.windows,
  };
  const measure: MeasureChoice = {
    measure: false,
    ep: config.ep,
    cacheDir: options.cacheDir,
    ...inputs,
    timeoutSeconds: config.timeoutSeconds,
    quiet: options.quiet,
  };

  let planned: PlannedModel;
  try {
    planned = await planModel(loadModel(m.file), cfg, measure, options.io);
  } catch (err) {
    // An unreachable size target is the size gate failing; any other bad input stops the check (exit 2).
    if (!(err instanceof TargetUnreachableError)) throw err;
    const gates = GATES.map((g) =>
      g === 'size' ? sizeGate(null, null, mode('size'), err.message) : skipped(g, 'not run: no plan fits the size target'),
    );
    return { kind: 'target-unreachable', model: m, gates, error: err };
  }
  const { plan, inventory } = planned;

  // Golden files first: a damaged one stops the check before minutes of evaluation.
  const golden = goldenPaths(config.goldenDir, m.id);
  const labels = readLabels(golden.labels);
  const goldenPlan = readGoldenPlan(golden.plan);
  const detection = labels ? detectionAccuracy(inventory.layers, labels.categories) : null;
  const calibrationFile = m.entry.calibration ?? config.calibration;
  const calibration = calibrationFile ? { tokens: calibrationFile, seqLen: inputs.seqLen } : undefined;
  const goldenQuality = readGoldenQuality(golden.quality);
  const { quality, problem } = await quantizeAndEvaluate(planned, cfg, m, options, inputs, calibration);
  const compared = compareWithGolden(plan, goldenPlan, golden.plan, options.updateGolden, mode('plan'));
  const record = qualityRecord(plan, inventory.numLayers, quality, measurementOf(quality, inputs, config.ep));
  const baseline = goldenQuality ? compareWithRecord(golden.quality, goldenQuality, currentOf(record), thresholds) : null;
  const written = compared.written ? [compared.written] : [];
  if (options.updateGolden && writeIfChanged(golden.quality, `${JSON.stringify(record, null, 2)}\n`)) written.push(golden.quality);
  // Accepting a plan accepts its measurement: regressions are shown, not gated, under --update-golden.
  const gated = options.updateGolden ? null : baseline;
  const gates = ordered([
    detectionGate(detection, thresholds.detection, mode('detection'), labels?.file),
    sizeGate(plan.totals.bytes_after, plan.policy.target_bytes, mode('size'), undefined, gated),
    compared.gate,
    qualityGate(quality, thresholds, mode('quality'), problem ?? undefined, gated),
  ]);
  return {
    kind: 'checked',
    model: m,
    gates,
    sha256: planned.model.sha256,
    architecture: inventory.architecture,
    numLayers: inventory.numLayers,
    plan,
    detection,
    quality,
    qualityProblem: problem,
    planChanges: compared.changes,
    golden: compared.golden,
    goldenWritten: written,
    baseline,
  };
}

/** How this run measured quality: what a later run must match to be compared with it. */
function measurementOf(quality: EvalResult | null, inputs: InputOptions, ep: CheckConfig['ep']): Measurement {
  return {
    inputs: inputs.tokens ? 'tokens' : inputs.inputs ? 'file' : 'synthesized',
    tokens_sha256: inputs.tokens ? fileSha256(inputs.tokens) : null,
    inputs_sha256: inputs.inputs && !inputs.tokens ? inputsSha256(inputs.inputs) : null,
    windows: quality?.windows ?? 0,
    seq_len: inputs.seqLen ?? null,
    execution_provider: quality?.ep ?? ep,
    onnxruntime: quality ? (ort().env.versions.common ?? RUNTIME_VERSION) : RUNTIME_VERSION,
    quantgate: QUANTGATE_VERSION,
  };
}

/** The golden quality record of this run (written by --update-golden; timings left out: same inputs, same bytes). */
function qualityRecord(plan: Plan, layers: number, quality: EvalResult | null, measurement: Measurement): QualityRecord {
  return {
    schema: QUALITY_SCHEMA,
    model: {
      path: plan.model.path,
      sha256: plan.model.sha256,
      architecture: plan.model.architecture,
      parameters: plan.model.parameters,
      layers,
    },
    size: { bytes_before: plan.totals.bytes_before, bytes_after: plan.totals.bytes_after, bits_per_weight: plan.totals.bits_per_weight },
    quality: quality ? recordedQuality(quality) : null,
    measurement,
  };
}

function currentOf(record: QualityRecord): Parameters<typeof compareWithRecord>[2] {
  return { sha256: record.model.sha256, size: record.size, quality: record.quality, measurement: record.measurement };
}

/** Writes a golden file when its text differs; whether it did. */
function writeIfChanged(file: string, text: string): boolean {
  if (fs.existsSync(file) && fs.readFileSync(file, 'utf8') === text) return false;
  const dir = path.dirname(file);
  const created = makeFolder(dir, 'golden_dir');
  try {
    writeFileAtomic(file, text);
  } catch (err) {
    removeCreatedFolders(dir, created);
    throw err;
  }
  return true;
}

/** One model's part of the report. */
export function modelReport(o: ModelOutcome): ModelReport {
  const passed = outcomePassed(o);
  if (o.kind === 'target-unreachable') {
    return {
      id: o.model.id,
      path: o.model.file,
      sha256: null,
      architecture: null,
      num_layers: null,
      passed,
      gates: o.gates,
      size: null,
      quality: null,
      detection: null,
      plan_changes: null,
      golden: 'no baseline',
      layers: [],
      error: o.error.message,
    };
  }
  const { plan } = o;
  return {
    id: o.model.id,
    path: o.model.file,
    sha256: o.sha256,
    architecture: o.architecture,
    num_layers: o.numLayers,
    passed,
    gates: o.gates,
    size: {
      bytes_before: plan.totals.bytes_before,
      bytes_after: plan.totals.bytes_after,
      target_bytes: plan.policy.target_bytes,
      bits_per_weight: plan.totals.bits_per_weight,
    },
    quality: o.quality,
    detection: o.detection,
    plan_changes: o.planChanges,
    golden: o.golden,
    baseline: o.baseline,
    layers: plan.layers.map((l) => ({
      name: l.name,
      module: l.module,
      category: l.category,
      layer: l.layer,
      // The width as stored: a weight the model already holds quantized (planned 32, "kept") is drawn at its own.
      bits: l.quantized?.bits ?? l.bits,
      bytes: l.bytes,
      ...(l.stack !== undefined ? { stack: l.stack } : {}),
    })),
  };
}

export async function runCheck(options: CheckOptions): Promise<CheckReport> {
  const { config } = options;
  const models = options.models ?? (await discoverModels(config.models, config.only));
  if (models.length === 0) throw new BadInputError(noModelFound(config));
  const outcomes: ModelOutcome[] = [];
  for (const m of models) {
    if (!options.quiet) options.io.stderr(`quantgate: checking ${m.file} (${m.id})\n`);
    outcomes.push(await checkModel(m, options));
  }
  return {
    schema: REPORT_SCHEMA,
    passed: outcomes.every(outcomePassed),
    key: options.key,
    models: outcomes.map(modelReport),
    updated_golden: outcomes.flatMap((o) => (o.kind === 'checked' ? o.goldenWritten : [])),
    blocking_gates: GATES.filter((g) => config.gates[g] === 'fail'),
    ...(options.run ? { run: options.run } : {}),
    accept: acceptInfo(config),
  };
}

/** Why no model was found, naming where the globs came from: --models, the config file, or the default. */
export function noModelFound(config: CheckConfig): string {
  const quoted = (patterns: string[]) => patterns.map((p) => `'${p.replace(/[\r\n]+/g, ' ')}'`).join(', ');
  if (config.only !== undefined) return `no model matches ${quoted([config.only])}`;
  const byDefault = config.models.length === 1 && config.models[0]!.pattern === DEFAULT_MODELS;
  if (!byDefault) return `${config.file ?? DEFAULT_CONFIG_FILE}: models: no model matches ${quoted(config.models.map((e) => e.pattern))}`;
  const none = 'no .onnx file under the working folder (node_modules left out)';
  return config.file === null
    ? `no model to check: ${none}, and no ${DEFAULT_CONFIG_FILE} names one`
    : `${config.file} names no models, and ${none}`;
}

/** The command that accepts this check's plans, as a user would type it in the repository. */
export function acceptInfo(config: CheckConfig): AcceptInfo {
  const quote = (s: string) => (/^[\w./@%+,:=-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`);
  const args = ['quantgate', 'check'];
  if (config.file !== null && path.normalize(config.file) !== DEFAULT_CONFIG_FILE) args.push('--config', quote(config.file));
  args.push('--update-golden');
  return { command: args.join(' '), golden_dir: config.goldenDir };
}
