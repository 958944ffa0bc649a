/**
 * `quantgate plan`: read → analyze → plan → print (table, or the plan JSON with --json).
 */
import { analyzeModel, type Inventory } from '../analyze/inventory.js';
import { mergePlanConfig, readConfigFile, type PlanConfig } from '../config/config.js';
import { readModel, type OnnxModel } from '../onnx/read.js';
import { weightErrorModel } from '../plan/error-proxy.js';
import { makePlan, type Plan } from '../plan/plan.js';
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

/** Defaults, then the config file, then flags. */
export function resolvePlanConfig(choice: ConfigChoice, flags: Partial<PlanConfig>, extraKeys: readonly string[] = []): PlanConfig {
  const file = readConfigFile(choice.file ?? DEFAULT_CONFIG_FILE, choice.file !== undefined, extraKeys);
  return mergePlanConfig(file?.plan, flags);
}

export function planModel(path: string, cfg: PlanConfig, warn: (m: string) => void): { model: OnnxModel; inventory: Inventory; plan: Plan } {
  const model = readModel(path);
  const inventory = analyzeModel(model);
  const plan = makePlan(model, inventory, cfg, {
    errorModel: () => weightErrorModel(model, { blockSize: cfg.blockSize, symmetric: cfg.symmetric }),
    warn,
  });
  return { model, inventory, plan };
}

export function runPlan(modelPath: string, cfg: PlanConfig, json: boolean, io: Io): number {
  const { plan } = planModel(modelPath, cfg, (m) => io.stderr(`warning: ${m}\n`));
  io.stdout(json ? `${JSON.stringify(plan, null, 2)}\n` : formatPlanTable(plan));
  return 0;
}
