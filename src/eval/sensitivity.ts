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
import type { Inventory, Layer } from '../analyze/inventory.js';
import type { OnnxModel } from '../onnx/read.js';
import { encodeModel } from '../onnx/schema.js';
import { writeFileAtomic } from '../onnx/write.js';
import { allowedBits, type Bits } from '../plan/bytes.js';
import type { ErrorModel } from '../plan/error-proxy.js';
import type { Plan, PlanLayer } from '../plan/plan.js';
import { quantizeModel, type ScaleMethod } from '../quant/rewrite.js';
import { buildInputs, isLogits, numeric, primaryOutput, type InputOptions } from './evaluate.js';
import { DistanceAccumulator, LogitAccumulator } from './metrics.js';
import { openSession, type ExecutionProvider } from './session.js';

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
  settings: SensitivitySettings & { inputs: string };
  /** errors[layer][bits] */
  errors: Record<string, Record<string, number>>;
}

export interface MeasureOptions extends InputOptions {
  ep: ExecutionProvider;
  /** Folder for cached tables; none = no cache. */
  cacheDir?: string;
  warn: (message: string) => void;
  /** Progress lines (stderr). */
  log?: (message: string) => void;
}

/** A plan with every layer unchanged except `layer` at `bits`. */
function singleLayerPlan(model: OnnxModel, inv: Inventory, layer: Layer, bits: Bits, s: SensitivitySettings): Plan {
  const layers: PlanLayer[] = inv.layers.map((l) => ({
    name: l.name, module: l.module, op: l.op, shape: l.shape, params: l.params, category: l.category, sensitive: l.sensitive,
    layer: l.layer, depth: l.depth, bits: l === layer ? bits : 32, block_size: l === layer ? s.blockSize : null,
    symmetric: l === layer ? s.symmetric : null, bytes: 0, reason: 'sensitivity probe',
  }));
  return {
    schema: 'quantgate.plan/v1',
    model: { path: model.path, sha256: model.sha256, architecture: inv.architecture, num_layers: inv.numLayers, parameters: inv.parameters, bytes: model.bytes },
    policy: { name: 'probe', block_size: s.blockSize, symmetric: s.symmetric, target_bytes: null, keep_sensitive: false, bits: null, default_bits: null, overrides: [] },
    layers,
    totals: { bytes_before: 0, bytes_after: 0, bits_per_weight: 0, params_by_bits: {} },
  };
}

function inputsKey(options: InputOptions): string {
  if (options.tokens) {
    const digest = createHash('sha256').update(fs.readFileSync(options.tokens)).digest('hex').slice(0, 16);
    return `tokens:${digest}:${options.seqLen ?? 'auto'}:${options.maxWindows ?? 'all'}`;
  }
  if (options.inputs) return `inputs:${createHash('sha256').update(fs.readFileSync(options.inputs)).digest('hex').slice(0, 16)}`;
  return `synthetic:${options.seqLen ?? 16}`;
}

function cachePath(dir: string, model: OnnxModel, settings: SensitivityTable['settings']): string {
  const key = createHash('sha256').update(JSON.stringify(settings)).digest('hex').slice(0, 16);
  return path.join(dir, `sensitivity-${model.sha256.slice(0, 16)}-${key}.json`);
}

export async function measureSensitivity(model: OnnxModel, inv: Inventory, settings: SensitivitySettings, options: MeasureOptions): Promise<SensitivityTable> {
  await loadRuntime();
  const full = { ...settings, inputs: inputsKey(options) };
  const cached = options.cacheDir ? cachePath(options.cacheDir, model, full) : undefined;
  if (cached && fs.existsSync(cached)) {
    try {
      const table = JSON.parse(fs.readFileSync(cached, 'utf8')) as SensitivityTable;
      if (table.schema === SENSITIVITY_SCHEMA && table.model_sha256 === model.sha256) return table;
    } catch {
      options.warn(`ignoring an unreadable sensitivity cache file ${cached}`);
    }
  }

  const { batches } = buildInputs(model, options);
  const ref = await openSession(model.path, options.ep, options.warn);
  const output = primaryOutput(ref.session);
  const reference = [];
  for (const feeds of batches) reference.push((await ref.session.run(feeds))[output]!);
  await ref.session.release();
  const classes = reference[0]!.dims[reference[0]!.dims.length - 1] ?? 1;
  const metric = isLogits(output, classes) ? 'kl' : 'rel_l2_squared';

  const errors: Record<string, Record<string, number>> = {};
  const candidates = inv.layers.filter((l) => allowedBits(l).some((b) => b <= 8));
  for (const [index, layer] of candidates.entries()) {
    errors[layer.name] = {};
    for (const bits of allowedBits(layer).filter((b) => b <= 8)) {
      const proto = quantizeModel(model, inv, singleLayerPlan(model, inv, layer, bits, settings), { scale: settings.scale });
      const session = await ort().InferenceSession.create(encodeModel(proto), { executionProviders: [ref.ep] });
      const distance = new DistanceAccumulator();
      const kl = new LogitAccumulator(classes);
      for (const [i, feeds] of batches.entries()) {
        const out = numeric((await session.run(feeds))[output]!);
        const expected = numeric(reference[i]!);
        if (metric === 'kl') kl.add(expected, out);
        else distance.add(expected, out);
      }
      await session.release();
      errors[layer.name]![String(bits)] = metric === 'kl' ? kl.meanKL() : distance.relativeL2() ** 2;
    }
    options.log?.(`sensitivity ${index + 1}/${candidates.length}: ${layer.name} ${JSON.stringify(errors[layer.name])}`);
  }
  const table: SensitivityTable = { schema: SENSITIVITY_SCHEMA, model_sha256: model.sha256, metric, settings: full, errors };
  if (cached) {
    fs.mkdirSync(path.dirname(cached), { recursive: true });
    writeFileAtomic(cached, `${JSON.stringify(table, null, 1)}\n`);
  }
  return table;
}

/** Measured errors as the planner's error model; FP16 and unchanged count as free. */
export function measuredErrorModel(table: SensitivityTable): ErrorModel {
  return (layer, bits) => {
    if (bits >= 16) return 0;
    const measured = table.errors[layer.name]?.[String(bits)];
    if (measured === undefined) throw new Error(`no measured error for ${layer.name} at ${bits} bits`);
    return measured;
  };
}
