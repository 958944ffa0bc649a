/**
 * Measured sensitivity: each quantizable layer quantized alone at each integer width, the model run by
 * onnxruntime on the evaluation inputs, and the output error recorded (mean KL of the next-token
 * distribution for logits, squared relative L2 otherwise). Errors of separate layers roughly add up, which
 * is what lets policy `auto` trade them against bytes. Results are cached by model hash and settings.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadRuntime, ort } from './runtime.js';
import type { Inventory } from '../analyze/types.js';
import type { ExecutionProvider, ScaleMethod } from '../config/config.js';
import type { OnnxModel } from '../onnx/read.js';
import { encodeModel } from '../onnx/schema.js';
import { writeFileAtomic } from '../onnx/write.js';
import { allowedBits, isIntBits } from '../formats/layout.js';
import type { ErrorModel } from '../plan/error-model.js';
import { weightErrorModel } from '../quant/weight-error.js';
import { quantizeModel } from '../quant/rewrite.js';
import { buildInputs, isLogits, numeric, outputOf, primaryOutput, type InputOptions } from './evaluate.js';
import { DistanceAccumulator, LogitAccumulator } from './metrics.js';
import { openSession } from './session.js';

export const SENSITIVITY_SCHEMA = 'quantgate.sensitivity/v1';

export interface SensitivitySettings {
  blockSize: number;
  symmetric: boolean;
  scale: ScaleMethod;
}

export interface SensitivityTable {
  schema: typeof SENSITIVITY_SCHEMA;
  model_sha256: string;
  metric: 'kl' | 'rel_l2_squared';
  settings: SensitivitySettings & { inputs: string; budget_seconds: number };
  /** errors[layer][bits], for the layers measured. */
  errors: Record<string, Record<string, number>>;
  /**
   * Layers the time budget left unmeasured: their error is the weight proxy times calibration[bits], the
   * median ratio of measured error to proxy over the measured layers.
   */
  unmeasured: string[];
  calibration: Record<string, number>;
}

export interface MeasureOptions extends InputOptions {
  ep: ExecutionProvider;
  /** Stop measuring after this many seconds (largest layers first; the largest is always measured); default 300. */
  budgetSeconds?: number;
  /** Folder for cached tables; none = no cache. */
  cacheDir?: string;
  warn: (message: string) => void;
  /** Progress lines (stderr). */
  log?: (message: string) => void;
}

function inputsKey(options: InputOptions): string {
  if (options.tokens) {
    const digest = createHash('sha256').update(fs.readFileSync(options.tokens)).digest('hex').slice(0, 16);
    return `tokens:${digest}:${options.seqLen ?? 'auto'}:${options.maxWindows ?? 'all'}`;
  }
  if (options.inputs) return `inputs:${createHash('sha256').update(fs.readFileSync(options.inputs)).digest('hex').slice(0, 16)}`;
  return `synthetic:${options.seqLen ?? 16}`;
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? 1;
}

function cachePath(dir: string, model: OnnxModel, settings: SensitivityTable['settings']): string {
  const key = createHash('sha256').update(JSON.stringify(settings)).digest('hex').slice(0, 16);
  return path.join(dir, `sensitivity-${model.sha256.slice(0, 16)}-${key}.json`);
}

export async function measureSensitivity(
  model: OnnxModel,
  inv: Inventory,
  settings: SensitivitySettings,
  options: MeasureOptions,
): Promise<SensitivityTable> {
  await loadRuntime();
  const budget = options.budgetSeconds ?? 300;
  const full = { ...settings, inputs: inputsKey(options), budget_seconds: budget };
  const cached = options.cacheDir ? cachePath(options.cacheDir, model, full) : undefined;
  if (cached && fs.existsSync(cached)) {
    try {
      const table = JSON.parse(fs.readFileSync(cached, 'utf8')) as SensitivityTable;
      if (table.schema === SENSITIVITY_SCHEMA && table.model_sha256 === model.sha256) return table;
    } catch {
      options.warn(`ignoring an unreadable sensitivity cache file ${cached}`);
    }
  }

  const { batches } = buildInputs(model, options, inv);
  const ref = await openSession(model.path, options.ep, options.warn);
  const output = primaryOutput(ref.session);
  const reference: Array<ArrayLike<number>> = [];
  let classes = 1;
  for (const feeds of batches) {
    const out = outputOf(await ref.session.run(feeds), output);
    classes = out.dims[out.dims.length - 1] ?? 1;
    reference.push(numeric(out));
  }
  await ref.session.release();
  const metric = isLogits(output, classes) ? 'kl' : 'rel_l2_squared';

  const errors: Record<string, Record<string, number>> = {};
  // Largest first: when the budget runs out, the layers that matter most for size have been measured.
  const candidates = inv.layers.filter((l) => allowedBits(l).some(isIntBits)).sort((a, b) => b.bytes - a.bytes);
  const started = process.hrtime.bigint();
  const unmeasured: string[] = [];
  for (const [index, layer] of candidates.entries()) {
    if (index > 0 && Number(process.hrtime.bigint() - started) / 1e9 >= budget) {
      unmeasured.push(layer.name);
      continue;
    }
    const measured: Record<string, number> = {};
    errors[layer.name] = measured;
    for (const bits of allowedBits(layer).filter(isIntBits)) {
      // This layer alone at `bits`; every other layer as it is.
      const { proto } = quantizeModel(model, inv, new Map([[layer.name, { bits, ...settings }]]));
      const session = await ort().InferenceSession.create(encodeModel(proto), { executionProviders: [ref.ep] });
      const distance = new DistanceAccumulator();
      const kl = new LogitAccumulator(classes);
      for (const [i, feeds] of batches.entries()) {
        const out = numeric(outputOf(await session.run(feeds), output));
        const expected = reference[i] ?? [];
        if (metric === 'kl') kl.add(expected, out);
        else distance.add(expected, out);
      }
      await session.release();
      measured[String(bits)] = metric === 'kl' ? kl.meanKL() : distance.relativeL2() ** 2;
    }
    options.log?.(`sensitivity ${index + 1}/${candidates.length}: ${layer.name} ${JSON.stringify(measured)}`);
  }
  if (unmeasured.length > 0)
    options.warn(
      `sensitivity: the ${budget} s budget measured ${candidates.length - unmeasured.length} of ${candidates.length} layers; the rest use the calibrated weight error`,
    );
  // Calibration of the weight proxy against the measurements, per width.
  const proxy = weightErrorModel(model, { blockSize: settings.blockSize, symmetric: settings.symmetric });
  const calibration: Record<string, number> = {};
  if (unmeasured.length > 0) {
    for (const bits of [8, 4, 2] as const) {
      const ratios = candidates.flatMap((l) => {
        const measured = errors[l.name]?.[String(bits)];
        if (measured === undefined) return [];
        const p = proxy(l, bits);
        return [p > 0 ? measured / p : 1];
      });
      calibration[String(bits)] = median(ratios);
    }
  }
  const table: SensitivityTable = {
    schema: SENSITIVITY_SCHEMA,
    model_sha256: model.sha256,
    metric,
    settings: full,
    errors,
    unmeasured,
    calibration,
  };
  if (cached) {
    fs.mkdirSync(path.dirname(cached), { recursive: true });
    writeFileAtomic(cached, `${JSON.stringify(table, null, 1)}\n`);
  }
  return table;
}

/** Measured errors as the planner's error model; FP16 and unchanged count as free; unmeasured layers use the calibrated proxy. */
export function measuredErrorModel(table: SensitivityTable, proxy: ErrorModel): ErrorModel {
  return (layer, bits) => {
    if (bits >= 16) return 0;
    const measured = table.errors[layer.name]?.[String(bits)];
    if (measured !== undefined) return measured;
    return proxy(layer, bits) * (table.calibration?.[String(bits)] ?? 1);
  };
}
