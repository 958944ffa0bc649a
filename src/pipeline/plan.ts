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
import { weightErrorModel } from '../quant/weight-error.js';
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

export async function planModel(analyzed: AnalyzedModel, cfg: PlanConfig, measure: MeasureChoice, io: Io): Promise<PlannedModel> {
  const { model, inventory } = analyzed;
  const warn = warningsTo(io);
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
