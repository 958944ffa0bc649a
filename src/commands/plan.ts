/**
 * `quantgate plan`: read → analyze → plan → print (table, or the plan JSON with --json).
 * With a size target the planner needs an expected error per layer and width: measured with onnxruntime
 * (policy `auto`, or `--measure`), else the weights' own reconstruction error.
 */
import * as os from 'node:os';
import * as path from 'node:path';
import { analyzeModel } from '../analyze/inventory.js';
import type { Inventory } from '../analyze/types.js';
import { mergePlanConfig, readConfigFile, type ExecutionProvider, type PlanConfig } from '../config/config.js';
import type { InputOptions } from '../eval/evaluate.js';
import { measureSensitivity, measuredErrorModel, type SensitivityTable } from '../eval/sensitivity.js';
import { readModel, type OnnxModel } from '../onnx/read.js';
import type { ErrorModel } from '../plan/error-model.js';
import { makePlan, needsErrorModel, type Plan } from '../plan/plan.js';
import { weightErrorModel } from '../quant/weight-error.js';
import { formatPlanTable } from '../report/plan-table.js';

export interface Io {
  stdout(text: string): void;
  stderr(text: string): void;
}

export interface ConfigChoice {
  /** The file the user named (must exist), or undefined to read `quantgate.yml` if present. */
  file?: string;
}

export const DEFAULT_CONFIG_FILE = 'quantgate.yml';

/** How measured sensitivity is obtained, when it is. */
export interface MeasureChoice extends InputOptions {
  /** Measure even when the policy does not require it (a size target under type-depth or uniform). */
  measure: boolean;
  ep: ExecutionProvider;
  /** null = no cache. */
  cacheDir: string | null;
  /** Seconds of measuring before the calibrated weight proxy takes over (default 300). */
  budgetSeconds?: number;
}

export function defaultCacheDir(): string {
  return path.join(process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache'), 'quantgate');
}

/** Defaults, then the config file, then flags. */
export function resolvePlanConfig(choice: ConfigChoice, flags: Partial<PlanConfig>): PlanConfig {
  const file = readConfigFile(choice.file ?? DEFAULT_CONFIG_FILE, choice.file !== undefined);
  return mergePlanConfig(file?.plan, flags);
}

export interface PlannedModel {
  model: OnnxModel;
  inventory: Inventory;
  plan: Plan;
  sensitivity: SensitivityTable | null;
}

export async function planModel(file: string, cfg: PlanConfig, measure: MeasureChoice, io: Io): Promise<PlannedModel> {
  const model = readModel(file);
  const inventory = analyzeModel(model);
  let sensitivity: SensitivityTable | null = null;
  if (needsErrorModel(cfg) && (cfg.policy === 'auto' || measure.measure)) {
    sensitivity = await measureSensitivity(
      model,
      inventory,
      { blockSize: cfg.blockSize, symmetric: cfg.symmetric, scale: cfg.scale },
      {
        ...measure,
        cacheDir: measure.cacheDir ?? undefined,
        warn: (m) => io.stderr(`warning: ${m}\n`),
      },
    );
  }
  const errorModel = (): ErrorModel => {
    const proxy = weightErrorModel(model, { blockSize: cfg.blockSize, symmetric: cfg.symmetric });
    return sensitivity ? measuredErrorModel(sensitivity, proxy) : proxy;
  };
  const plan = makePlan(model, inventory, cfg, { errorModel, warn: (m) => io.stderr(`warning: ${m}\n`), measured: sensitivity !== null });
  return { model, inventory, plan, sensitivity };
}

export async function runPlan(file: string, cfg: PlanConfig, measure: MeasureChoice, json: boolean, io: Io): Promise<number> {
  const { plan } = await planModel(file, cfg, measure, io);
  io.stdout(json ? `${JSON.stringify(plan, null, 2)}\n` : formatPlanTable(plan));
  return 0;
}
