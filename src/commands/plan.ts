/** `quantgate plan`: the plan of one model, as a table (or the plan JSON with --json). */
import type { PlanConfig } from '../config/config.js';
import type { Io } from '../pipeline/io.js';
import { loadModel } from '../pipeline/model.js';
import { planModel, type MeasureChoice } from '../pipeline/plan.js';
import { formatPlanTable } from '../report/plan-table.js';

export async function runPlan(file: string, cfg: PlanConfig, measure: MeasureChoice, json: boolean, io: Io): Promise<number> {
  const { plan } = await planModel(loadModel(file), cfg, measure, io);
  io.stdout(json ? `${JSON.stringify(plan, null, 2)}\n` : formatPlanTable(plan));
  return 0;
}
