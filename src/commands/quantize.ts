/**
 * `quantgate quantize`: read → analyze → plan (or a reviewed plan file) → rewrite → write
 * DIR/<name>.onnx and DIR/<name>.plan.json, never touching the input.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyzeModel } from '../analyze/inventory.js';
import type { Inventory } from '../analyze/types.js';
import type { PlanConfig } from '../config/config.js';
import { BadInputError, messageOf } from '../errors.js';
import { readModel, type OnnxModel } from '../onnx/read.js';
import { writeFileAtomic, writeModel } from '../onnx/write.js';
import { PLAN_SCHEMA, type Plan } from '../plan/plan.js';
import { quantizeModel, type ScaleMethod } from '../quant/rewrite.js';
import { formatSize } from '../report/plan-table.js';
import { planModel, type Io, type MeasureChoice } from './plan.js';

export interface QuantizeOptions {
  model: string;
  outDir: string;
  config: PlanConfig;
  /** A reviewed plan to apply instead of planning. */
  planFile?: string;
  measure: MeasureChoice;
}

export interface QuantizeResult {
  model: string;
  output: string;
  plan_path: string;
  scale: ScaleMethod;
  bytes_before: number;
  bytes_planned: number;
  /** Bytes the written file holds for the planned layers' tensors (to compare with the plan). */
  bytes_written: number;
  file_bytes: number;
  plan: Plan;
}

export function readPlanFile(file: string): Plan {
  let plan: Plan;
  try {
    plan = JSON.parse(fs.readFileSync(file, 'utf8')) as Plan;
  } catch (err) {
    throw new BadInputError(
      `${file}: cannot read plan (${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'file not found' : messageOf(err)})`,
    );
  }
  if (plan?.schema !== PLAN_SCHEMA || !Array.isArray(plan.layers)) throw new BadInputError(`${file}: not a ${PLAN_SCHEMA} document`);
  return plan;
}

export async function quantize(options: QuantizeOptions, io: Io): Promise<QuantizeResult> {
  let model: OnnxModel;
  let inventory: Inventory;
  let plan: Plan;
  if (options.planFile) {
    model = readModel(options.model);
    inventory = analyzeModel(model);
    plan = readPlanFile(options.planFile);
  } else {
    ({ model, inventory, plan } = await planModel(options.model, options.config, options.measure, io));
  }
  const scale = (plan.policy.scale as ScaleMethod | undefined) ?? options.config.scale;
  const base = path.basename(options.model).replace(/\.onnx$/i, '');
  const output = path.join(options.outDir, `${base}.onnx`);
  const planPath = path.join(options.outDir, `${base}.plan.json`);
  const resolvedInput = path.resolve(options.model);
  if ([output, `${output}.data`, planPath].some((p) => path.resolve(p) === resolvedInput)) {
    throw new BadInputError(`${options.model}: --out ${options.outDir} would overwrite the input model`);
  }
  const rewritten = quantizeModel(model, inventory, plan, { scale });
  fs.mkdirSync(options.outDir, { recursive: true });
  const hadExternal = [...model.initializers.values()].some((i) => i.storage.kind === 'external');
  const written = writeModel(rewritten.proto, output, hadExternal ? { external: true } : {});
  writeFileAtomic(planPath, `${JSON.stringify(plan, null, 2)}\n`);
  return {
    model: options.model,
    output,
    plan_path: planPath,
    scale,
    bytes_before: plan.totals.bytes_before,
    bytes_planned: plan.totals.bytes_after,
    bytes_written: rewritten.weightBytes,
    file_bytes: written.bytes,
    plan,
  };
}

export async function runQuantize(options: QuantizeOptions, json: boolean, io: Io): Promise<number> {
  const r = await quantize(options, io);
  if (json) {
    const { plan, ...rest } = r;
    io.stdout(`${JSON.stringify({ ...rest, totals: plan.totals }, null, 2)}\n`);
  } else {
    io.stdout(
      [
        `wrote ${r.output} (${formatSize(r.file_bytes)}) and ${r.plan_path}`,
        `weights: ${formatSize(r.bytes_before)} → ${formatSize(r.bytes_written)} written (plan: ${formatSize(r.bytes_planned)}), ${r.plan.totals.bits_per_weight.toFixed(2)} bits per weight, scales by ${r.scale === 'rtn' ? 'round-to-nearest' : 'error-minimizing search'}`,
        '',
      ].join('\n'),
    );
  }
  return 0;
}
