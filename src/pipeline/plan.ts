/**
 * The plan stage: settings → a plan. With a size target the planner needs an expected error per layer and
 * width: measured with onnxruntime (policy `auto`, or `--measure`), else the weights' own reconstruction
 * error.
 */
import type { PlanConfig, ProviderChoice } from '../config/config.js';
import type { InputOptions } from '../eval/evaluate.js';
import { measureSensitivity, measuredErrorModel, type SensitivityTable } from '../eval/sensitivity.js';
import type { ErrorModel } from '../plan/error-model.js';
import { makePlan, needsErrorModel, type Plan } from '../plan/plan.js';
import { SUPER_BLOCK_MIN_OPSET } from '../quant/super-blocks.js';
import { weightErrorModel } from '../quant/weight-error.js';
import type { OnnxModel } from '../onnx/read.js';
import { warningsTo, type Io } from './io.js';
import { progressTo } from './progress.js';
import type { AnalyzedModel } from './model.js';

/** How measured sensitivity is obtained, when it is. */
export interface MeasureChoice extends InputOptions {
  /** Measure even when the policy does not require it (a size target under type-depth or uniform). */
  measure: boolean;
  ep: ProviderChoice;
  /** null = no cache. */
  cacheDir: string | null;
  /** Seconds of measuring, loading included, before the calibrated weight proxy takes over (default 180). */
  budgetSeconds?: number;
  /** Seconds each onnxruntime step may take; none = no limit. */
  timeoutSeconds?: number;
  /** No progress lines. */
  quiet?: boolean;
}

export interface PlannedModel extends AnalyzedModel {
  plan: Plan;
  /** The measured sensitivity the plan was ranked by, when it was measured. */
  sensitivity: SensitivityTable | null;
}

/**
 * The settings as this model can take them: super-blocks' scale nodes need the default domain's opset 10
 * (Mod), so an older model keeps the plain layout (with a warning) rather than getting a plan its own
 * quantize refuses.
 */
function settingsFor(model: OnnxModel, cfg: PlanConfig, warn: (message: string) => void): PlanConfig {
  if (!cfg.superBlocks) return cfg;
  const opset = model.opsets.get('') ?? model.opsets.get('ai.onnx') ?? 0;
  if (opset >= SUPER_BLOCK_MIN_OPSET) return cfg;
  warn(
    `${model.path}: super-blocks need opset ${SUPER_BLOCK_MIN_OPSET} or later (their scale nodes use Mod); the model has opset ${opset}: its layers take the plain layout`,
  );
  return { ...cfg, superBlocks: false };
}

export async function planModel(analyzed: AnalyzedModel, settings: PlanConfig, measure: MeasureChoice, io: Io): Promise<PlannedModel> {
  const { model, inventory } = analyzed;
  const warn = warningsTo(io);
  const cfg = settingsFor(model, settings, warn);
  let sensitivity: SensitivityTable | null = null;
  if (needsErrorModel(cfg) && (cfg.policy === 'auto' || measure.measure)) {
    sensitivity = await measureSensitivity(
      model,
      inventory,
      { blockSize: cfg.blockSize, symmetric: cfg.symmetric, scale: cfg.scale, ...(cfg.superBlocks ? { superBlocks: true } : {}) },
      {
        ...measure,
        cacheDir: measure.cacheDir ?? undefined,
        warn,
        progress: progressTo(io, `measuring sensitivity of ${model.path}`, measure.quiet ?? false),
      },
    );
  }
  const errorModel = (): ErrorModel => {
    const proxy = weightErrorModel(model, { blockSize: cfg.blockSize, symmetric: cfg.symmetric });
    return sensitivity ? measuredErrorModel(sensitivity, proxy) : proxy;
  };
  const plan = makePlan(model, inventory, cfg, {
    errorModel,
    warn,
    measured: sensitivity !== null,
    ...(sensitivity ? { measuredErrors: { metric: sensitivity.metric, errors: sensitivity.errors } } : {}),
  });
  return { ...analyzed, plan, sensitivity };
}
