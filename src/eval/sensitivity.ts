/**
 * Measured sensitivity: each quantizable layer quantized alone at each integer width, the model run by
 * onnxruntime on the evaluation inputs (a KV-cache decoder step by step, as evaluation runs it), and the
 * output error recorded (mean KL of the next-token distribution for logits, squared relative L2 otherwise).
 * Errors of separate layers roughly add up, which is what lets policy `auto` trade them against bytes.
 * One probe session serves every measurement (probe.ts: the weights are its inputs, a probed layer is fed
 * its quantized values), loaded once. Results are cached by model hash and settings.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadRuntime } from './runtime.js';
import type { Inventory, Layer } from '../analyze/types.js';
import type { ProviderChoice, ScaleMethod } from '../config/config.js';
import type { OnnxModel } from '../onnx/read.js';
import { messageOf } from '../errors.js';
import { readValidated } from '../schemas/validate.js';
import { makeFolder, removeCreatedFolders, writeFileAtomic } from '../onnx/write.js';
import { allowedBits, isIntBits, type Bits } from '../formats/layout.js';
import type { ErrorModel } from '../plan/error-model.js';
import { layerWeightErrors, weightErrorModel } from '../quant/weight-error.js';
import { fromFloat16Array } from '../onnx/float16.js';
import { isLogits, type ProgressSink } from './evaluate.js';
import type { Feeds } from './inputs.js';
import { DistanceAccumulator, LogitAccumulator } from './metrics.js';
import { buildProbe, fakeQuantized, feedable, probeSamples, ProbeScratch } from './probe.js';
import { buildSamples, primaryOutput, runSample, type InputOptions, type RunContext } from './samples.js';
import { openSession } from './session.js';

export const SENSITIVITY_SCHEMA = 'quantgate.sensitivity/v1';

export interface SensitivitySettings {
  blockSize: number;
  symmetric: boolean;
  scale: ScaleMethod;
  /** Layers that can take super-blocks are measured in them (absent: plain blocks; absent from the cache key). */
  superBlocks?: boolean;
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
  /**
   * estimates[layer][bits] for the unmeasured layers: their weight error times calibration[bits], computed
   * while the weights were in memory (planning then reads no weight again).
   */
  estimates?: Record<string, Record<string, number>>;
}

/**
 * Seconds of measuring by default (loading the probe, the reference run and the probes) before the
 * calibrated weight proxy takes over. On a Qwen2-0.5B-shaped model (2 GB float32, or 1 GB float16) this
 * measures the layers holding 98–99% of the weight bytes on 2 shared cores, and keeps `check` with
 * `policy: auto` under 4 minutes (README, performance).
 */
export const DEFAULT_BUDGET_SECONDS = 180;

export interface MeasureOptions extends InputOptions {
  ep: ProviderChoice;
  /**
   * Stop measuring after this many seconds from the start of the step, loading included (largest layers
   * first; the largest is always measured).
   */
  budgetSeconds?: number;
  /** Seconds each onnxruntime step (loading the probe, one run) may take; none = no limit. */
  timeoutSeconds?: number;
  /** Progress of the layers measured. */
  progress?: ProgressSink;
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

/** The share of the candidates' weight bytes held by the measured layers, as a percentage. */
function measuredShare(candidates: Layer[], errors: SensitivityTable['errors']): string {
  const total = candidates.reduce((sum, l) => sum + l.bytes, 0);
  const measured = candidates.filter((l) => errors[l.name]).reduce((sum, l) => sum + l.bytes, 0);
  return `${total > 0 ? Math.floor((100 * measured) / total) : 100}%`;
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s.length === 0 ? 1 : s[Math.floor(s.length / 2)]!;
}

function cachePath(dir: string, model: OnnxModel, settings: SensitivityTable['settings']): string {
  const key = createHash('sha256').update(JSON.stringify(settings)).digest('hex').slice(0, 16);
  return path.join(dir, `sensitivity-${model.sha256.slice(0, 16)}-${key}.json`);
}

/** Cache folders already reported as unwritable (one warning each per process). */
const unwritableCaches = new Set<string>();

/** The cache is optional: a folder that cannot be made or written is one warning, and the run goes on without it. */
function saveToCache(file: string, table: SensitivityTable, warn: (message: string) => void): void {
  const dir = path.dirname(file);
  let created: string | null = null;
  try {
    created = makeFolder(dir, 'the sensitivity cache folder (--cache-dir)');
    writeFileAtomic(file, `${JSON.stringify(table, null, 1)}\n`);
  } catch (err) {
    removeCreatedFolders(dir, created);
    if (!unwritableCaches.has(dir)) warn(`not caching sensitivity: ${messageOf(err)}`);
    unwritableCaches.add(dir);
  }
}

export async function measureSensitivity(
  model: OnnxModel,
  inv: Inventory,
  settings: SensitivitySettings,
  options: MeasureOptions,
): Promise<SensitivityTable> {
  await loadRuntime();
  const budget = options.budgetSeconds ?? DEFAULT_BUDGET_SECONDS;
  const full = { ...settings, inputs: inputsKey(options), budget_seconds: budget };
  const cached = options.cacheDir ? cachePath(options.cacheDir, model, full) : undefined;
  if (cached && fs.existsSync(cached)) {
    try {
      const table = readValidated<SensitivityTable>('sensitivity', cached);
      if (table.model_sha256 === model.sha256) return table;
    } catch (err) {
      // A cache is never trusted blindly: a damaged entry is measured again (and rewritten).
      options.warn(`ignoring a damaged sensitivity cache file (${messageOf(err)})`);
    }
  }

  const started = process.hrtime.bigint();
  const elapsed = () => Number(process.hrtime.bigint() - started) / 1e9;
  // Largest first: when the budget runs out, the layers that matter most for size have been measured.
  const candidates = inv.layers.filter((l) => allowedBits(l).some(isIntBits)).sort((a, b) => b.bytes - a.bytes);
  const probed = candidates.filter(feedable);
  const limits = { timeoutSeconds: options.timeoutSeconds };
  const probe = buildProbe(model, probed);
  const { session } = await openSession({ bytes: probe.bytes, name: model.path }, options.ep, options.warn, limits);
  const set = probeSamples(probe, buildSamples(model, inv, options));
  const output = primaryOutput(
    model.graph.output.map((o) => o.name),
    set.cache,
  );
  const weights: Feeds = Object.fromEntries(probe.originals);
  const scratch = new ProbeScratch();
  const ctx: RunContext = { model: model.path, cache: set.cache, output, limits };
  const run = async (feeds: Feeds) => {
    const results = [];
    for (const sample of set.samples) results.push(await runSample(session, { ...sample, feeds: { ...sample.feeds, ...feeds } }, ctx));
    return results;
  };

  const errors: Record<string, Record<string, number>> = {};
  const unmeasured: string[] = candidates.filter((l) => !feedable(l)).map((l) => l.name);
  let metric: SensitivityTable['metric'] = 'kl';
  try {
    // The reference: every weight as it is.
    const reference = await run(weights);
    metric = isLogits(output, reference[0]!.classes) ? 'kl' : 'rel_l2_squared';
    for (const [index, layer] of probed.entries()) {
      if (index > 0 && elapsed() >= budget) {
        unmeasured.push(layer.name);
        continue;
      }
      errors[layer.name] = {};
      const original = probe.originals.get(layer.name)!;
      for (const bits of allowedBits(layer).filter(isIntBits)) {
        // This layer alone at `bits`; every other layer as it is.
        const feeds = { ...weights, [layer.name]: fakeQuantized(layer, original, { bits, ...settings }, scratch) };
        const results = await run(feeds);
        const distance = new DistanceAccumulator();
        const kl = new LogitAccumulator(reference[0]!.classes);
        results.forEach((r, i) => {
          if (metric === 'kl') kl.add(reference[i]!.primary, r.primary);
          else distance.add(reference[i]!.primary, r.primary);
        });
        errors[layer.name]![String(bits)] = metric === 'kl' ? kl.meanKL() : distance.relativeL2() ** 2;
      }
      // Done when the layers run out or the budget does, whichever is sooner (each probe costs about one
      // run of the model, whatever the layer's size).
      const fraction = Math.max((index + 1) / probed.length, budget > 0 ? elapsed() / budget : 1);
      options.progress?.update(index + 1, probed.length, layer.name, Math.min(1, fraction));
      options.log?.(`sensitivity ${index + 1}/${probed.length}: ${layer.name} ${JSON.stringify(errors[layer.name])}`);
    }
  } finally {
    await session.release();
  }
  const measured = `${candidates.length - unmeasured.length} of ${candidates.length} layers (${measuredShare(candidates, errors)} of their bytes)`;
  options.progress?.finish(`${measured} measured`);
  if (unmeasured.length > 0)
    options.warn(`sensitivity: the ${budget} s budget measured ${measured}; the rest use the calibrated weight error`);
  // Calibration of the weight proxy against the measurements, per width; the proxy of a probed layer comes
  // from the values the probe holds (float16 widened), of any other from the file.
  const q = { blockSize: settings.blockSize, symmetric: settings.symmetric };
  const fromFile = weightErrorModel(model, q);
  const known = new Map<string, Map<Bits, number>>();
  const proxy: ErrorModel = (layer, bits) => {
    const original = probe.originals.get(layer.name);
    if (!original) return fromFile(layer, bits);
    let errors = known.get(layer.name);
    if (!errors) {
      const stored = original.data as Float32Array | Uint16Array;
      known.set(layer.name, (errors = layerWeightErrors(layer, stored instanceof Float32Array ? stored : fromFloat16Array(stored), q)));
    }
    return errors.get(bits) ?? fromFile(layer, bits);
  };
  const calibration: Record<string, number> = {};
  const estimates: Record<string, Record<string, number>> = {};
  if (unmeasured.length > 0) {
    for (const bits of [8, 4, 2] as const) {
      const ratios = candidates
        .filter((l) => errors[l.name]?.[String(bits)] !== undefined)
        .map((l) => {
          const p = proxy(l, bits);
          return p > 0 ? errors[l.name]![String(bits)]! / p : 1;
        });
      calibration[String(bits)] = median(ratios);
    }
    for (const name of unmeasured) {
      const layer = candidates.find((l) => l.name === name)!;
      estimates[name] = Object.fromEntries(
        allowedBits(layer)
          .filter(isIntBits)
          .map((bits) => [String(bits), proxy(layer, bits) * (calibration[String(bits)] ?? 1)]),
      );
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
    estimates,
  };
  if (cached) saveToCache(cached, table, options.warn);
  return table;
}

/** Measured errors as the planner's error model; FP16 and unchanged count as free; unmeasured layers use the calibrated proxy. */
export function measuredErrorModel(table: SensitivityTable, proxy: ErrorModel): ErrorModel {
  return (layer, bits) => {
    if (bits >= 16) return 0;
    const measured = table.errors[layer.name]?.[String(bits)] ?? table.estimates?.[layer.name]?.[String(bits)];
    if (measured !== undefined) return measured;
    return proxy(layer, bits) * (table.calibration?.[String(bits)] ?? 1);
  };
}
