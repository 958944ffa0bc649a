/**
 * The quantize stage: a plan (made here, or a reviewed plan file) → layer assignments → the rewritten
 * model, written next to its plan, never over the input.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { isDataAware, parseBits, parseScale, type PlanConfig, type ScaleMethod } from '../config/config.js';
import { BadInputError } from '../errors.js';
import { isBlockSize, isIntBits } from '../formats/layout.js';
import type { OnnxModel } from '../onnx/read.js';
import { EXTERNAL_THRESHOLD_BYTES, FileSink, OutputSet, verifyWrittenModel, writeError, writeModelFile } from '../onnx/write.js';
import type { Plan } from '../plan/plan.js';
import { readValidated } from '../schemas/validate.js';
import { quantizeModel, type Assignments, type LayerAssignment } from '../quant/rewrite.js';
import { collectActivations } from '../eval/calibrate.js';
import { inputFilesOf } from '../eval/samples.js';
import { warningsTo, type Io } from './io.js';
import { hasExternalData, loadModel, type AnalyzedModel } from './model.js';
import { planModel, type MeasureChoice } from './plan.js';
import { progressTo, type ProgressOptions } from './progress.js';

/** A plan file as written by `plan --json` or `quantize` (and perhaps edited by a reviewer), checked. */
export function readPlanFile(file: string): Plan {
  return checkPlan(readValidated<Plan>('plan', file), file);
}

/** What the schema cannot say: widths, block layouts and the scale method are ones quantgate knows. */
export function checkPlan(plan: Plan, file: string): Plan {
  if (plan.policy.scale !== undefined) parseScale(plan.policy.scale, `${file}: policy.scale`);
  checkLayout(plan.policy, `${file}: policy`, false);
  plan.layers.forEach((layer, i) => {
    const where = `${file}: layers[${i}] '${layer.name}'`;
    parseBits(layer.bits, where);
    checkLayout(layer, where, true);
  });
  return plan;
}

/** block_size and symmetric: valid values, or null where `nullable` (a layer then takes the policy's). */
function checkLayout(doc: { block_size: number | null; symmetric: boolean | null }, where: string, nullable: boolean): void {
  const size = doc.block_size;
  if (!(nullable && size === null) && !(typeof size === 'number' && isBlockSize(size))) {
    throw new BadInputError(`${where}: block_size must be a power of two from 16 to 256 (got '${String(size)}')`);
  }
  if (!(nullable && doc.symmetric === null) && typeof doc.symmetric !== 'boolean') {
    throw new BadInputError(`${where}: symmetric must be true or false (got '${String(doc.symmetric)}')`);
  }
}

/** A plan applies to the model it was made for, and to no other. */
export function checkPlanIsFor(plan: Plan, model: OnnxModel): void {
  if (plan.model.sha256 !== model.sha256) {
    throw new BadInputError(
      `${model.path}: the plan is for another model (sha256 ${plan.model.sha256.slice(0, 12)}…, this model is ${model.sha256.slice(0, 12)}…)`,
    );
  }
}

/**
 * The plan's layers as the quantizer takes them, `scale` for every block-quantized layer. A layer without
 * its own block_size or symmetric (a reviewer raised an FP16 layer to an integer width) takes the policy's.
 * `super_blocks` goes with every layer that has it, so that quantize refuses it where a layer cannot take it.
 */
export function assignmentsOf(plan: Plan, scale: ScaleMethod): Assignments {
  return new Map(
    plan.layers.map((l): [string, LayerAssignment] => [
      l.name,
      isIntBits(l.bits)
        ? {
            bits: l.bits,
            blockSize: l.block_size ?? plan.policy.block_size,
            symmetric: l.symmetric ?? plan.policy.symmetric,
            ...(l.super_blocks === true ? { superBlocks: true } : {}),
            scale,
          }
        : { bits: l.bits, ...(l.super_blocks === true ? { superBlocks: true } : {}) },
    ]),
  );
}

/** Token windows to calibrate the data-aware scale methods on (never the windows that are scored). */
export interface CalibrationTokens {
  /** Token file (little-endian int64). */
  tokens: string;
  seqLen?: number;
  /** Windows [first, last] of the file, 0-based and inclusive; all when absent. */
  windows?: { first: number; last: number };
}

/**
 * The assignments with calibration statistics attached to every layer whose scale method is data-aware
 * (`imatrix`, `gptq`): one run of the model per calibration window, its MatMul inputs as extra outputs.
 */
export async function withCalibration(
  analyzed: AnalyzedModel,
  assignments: Assignments,
  calibration: CalibrationTokens | undefined,
  io: Io,
): Promise<Assignments> {
  const aware = [...assignments].filter(([, a]) => isIntBits(a.bits) && 'scale' in a && isDataAware(a.scale));
  if (aware.length === 0) return assignments;
  const scale = (aware[0]![1] as { scale: ScaleMethod }).scale;
  if (!calibration) {
    throw new BadInputError(
      `${analyzed.model.path}: scale '${scale}' needs calibration tokens (--calibration FILE, or 'calibration' in the config)`,
    );
  }
  const stats = await collectActivations(
    analyzed.model,
    analyzed.inventory,
    aware.map(([name]) => name),
    {
      tokens: calibration.tokens,
      seqLen: calibration.seqLen,
      windows: calibration.windows,
      hessian: aware.some(([, a]) => 'scale' in a && a.scale === 'gptq'),
      warn: warningsTo(io),
    },
  );
  return new Map(
    [...assignments].map(([name, a]): [string, LayerAssignment] => {
      const s = stats.get(name);
      return [name, s && 'scale' in a ? { ...a, activations: s } : a];
    }),
  );
}

/** The quantized model as written (under temporary names until its output set is committed). */
export interface WrittenQuantized {
  file: string;
  /** The data file beside it, or null when every tensor is inside the .onnx. */
  dataFile: string | null;
  /** sha256 of the .onnx file. */
  sha256: string;
  /** Bytes on disk: the .onnx file and its data file. */
  bytes: number;
  /** Bytes the file holds for the assigned layers (to compare with the plan). */
  weightBytes: number;
}

/** The files a model is read from: the .onnx file and every external data file it names. */
export function filesOf(model: OnnxModel): string[] {
  const files = new Set([model.path]);
  for (const info of model.initializers.values()) if (info.storage.kind === 'external') files.add(info.storage.file);
  return [...files];
}

/**
 * Quantizes the model and writes it to `file` (and `file.data` when the input had external data or is
 * large) under `outputs`' temporary names, a layer at a time; verifies what was written. The caller commits
 * or discards `outputs`.
 */
export function writeQuantized(
  analyzed: AnalyzedModel,
  assignments: Assignments,
  file: string,
  outputs: OutputSet,
  onLayer?: (done: number, total: number, name: string, fraction: number) => void,
): WrittenQuantized {
  const { model, inventory } = analyzed;
  const external = hasExternalData(model) || model.bytes > EXTERNAL_THRESHOLD_BYTES;
  const dataFile = `${file}.data`;
  const location = path.basename(dataFile);
  const sink = new FileSink(external ? { tmp: outputs.temp(dataFile), location, final: dataFile } : null);
  try {
    const rewritten = quantizeModel(model, inventory, assignments, { sink, onLayer });
    sink.close();
    // Against the file as it is on disk, not as this process counted it.
    const dataBytes = external ? fileSize(outputs.temp(dataFile), dataFile) : 0;
    verifyWrittenModel(file, rewritten.proto, external ? { location, bytes: dataBytes } : null);
    const bytes = writeModelFile(outputs.temp(file), file, rewritten.proto);
    return {
      file,
      dataFile: external ? dataFile : null,
      sha256: createHash('sha256').update(bytes).digest('hex'),
      bytes: bytes.byteLength + dataBytes,
      weightBytes: rewritten.weightBytes,
    };
  } finally {
    sink.abandon();
  }
}

function fileSize(tmp: string, file: string): number {
  try {
    return fs.statSync(tmp).size;
  } catch (err) {
    throw writeError(file, err);
  }
}

/** Commits a written model alone (no plan beside it): data first, then the model. */
export function commitModel(outputs: OutputSet, written: WrittenQuantized): void {
  outputs.commit(written.dataFile ? [written.dataFile, written.file] : [written.file], written.dataFile ? [] : [`${written.file}.data`]);
}

export interface QuantizeOptions {
  model: string;
  outDir: string;
  config: PlanConfig;
  /** A reviewed plan to apply instead of planning. */
  planFile?: string;
  measure: MeasureChoice;
  /** Calibration tokens for `imatrix` and `gptq`. */
  calibration?: CalibrationTokens;
  /** No progress lines. */
  quiet?: boolean;
  /** When progress lines start and how often they come (tests set them). */
  progress?: ProgressOptions;
}

/** The files a quantize command reads besides the model: --plan, calibration tokens, --tokens, --inputs. */
function optionFiles(options: QuantizeOptions): string[] {
  const files: string[] = [];
  if (options.planFile) files.push(options.planFile);
  if (options.calibration) files.push(options.calibration.tokens);
  if (options.measure.tokens) files.push(options.measure.tokens);
  if (options.measure.inputs) files.push(...inputFilesOf(options.measure.inputs));
  return files;
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
  /** Whether DIR already held a model of that name, which this run replaced. */
  replaced: boolean;
  plan: Plan;
}

/**
 * `quantgate quantize`: DIR/<name>.onnx (and <name>.onnx.data) and DIR/<name>.plan.json, one set: all
 * written under temporary names, then the previous plan removed, the model renamed into place, and the
 * plan, which names the model's sha256 (`output`), renamed last. A plan beside a model is the record that
 * the set is complete; no output may be a file the command reads.
 */
export async function quantizeToDir(options: QuantizeOptions, io: Io): Promise<QuantizeResult> {
  const analyzed = loadModel(options.model);
  const plan = options.planFile ? readPlanFile(options.planFile) : (await planModel(analyzed, options.config, options.measure, io)).plan;
  const scale = plan.policy.scale ?? options.config.scale;
  const base = path.basename(options.model).replace(/\.onnx$/i, '');
  const output = path.join(options.outDir, `${base}.onnx`);
  const dataPath = `${output}.data`;
  const planPath = path.join(options.outDir, `${base}.plan.json`);
  const replaced = fs.existsSync(output);
  checkPlanIsFor(plan, analyzed.model);
  const assignments = await withCalibration(analyzed, assignmentsOf(plan, scale), options.calibration, io);
  const outputs = new OutputSet(options.outDir, [output, dataPath, planPath], [...filesOf(analyzed.model), ...optionFiles(options)]);
  const progress = progressTo(io, 'quantize', options.quiet ?? false, options.progress);
  try {
    const written = writeQuantized(analyzed, assignments, output, outputs, (done, total, name, fraction) =>
      progress.update(done, total, `layers (${name})`, fraction),
    );
    const record: Plan = {
      ...plan,
      output: {
        file: path.basename(output),
        sha256: written.sha256,
        data_file: written.dataFile ? path.basename(written.dataFile) : null,
        bytes: written.bytes,
      },
    };
    try {
      fs.writeFileSync(outputs.temp(planPath), `${JSON.stringify(record, null, 2)}\n`, { flag: 'wx' });
    } catch (err) {
      throw writeError(planPath, err);
    }
    const order = written.dataFile ? [written.dataFile, output, planPath] : [output, planPath];
    outputs.commit(order, written.dataFile ? [planPath] : [planPath, dataPath]);
    progress.finish('wrote the model');
    return {
      model: options.model,
      output,
      plan_path: planPath,
      scale,
      bytes_before: plan.totals.bytes_before,
      bytes_planned: plan.totals.bytes_after,
      bytes_written: written.weightBytes,
      file_bytes: written.bytes,
      replaced,
      plan: record,
    };
  } catch (err) {
    outputs.discard();
    throw err;
  }
}
