/**
 * Original against quantized, run by onnxruntime on the same inputs: distance metrics on the primary
 * output (`logits` when there is one), top-1 agreement and KL for logits, perplexity when tokens are given,
 * and for a decoder with a KV cache the distance of its `present` outputs too.
 *
 * One session is alive at a time: the reference runs every sample and its results are kept (spilled to
 * disk when large), then it is released and the quantized model runs.
 */
import { analyzeModel } from '../analyze/inventory.js';
import type { Inventory } from '../analyze/types.js';
import type { ExecutionProvider, ProviderChoice } from '../config/config.js';
import { BadInputError } from '../errors.js';
import { readModel, type OnnxModel } from '../onnx/read.js';
import type { Feeds } from './inputs.js';
import { DistanceAccumulator, LogitAccumulator, PerplexityAccumulator } from './metrics.js';
import { ReferenceStore } from './reference-store.js';
import { loadRuntime } from './runtime.js';
import { buildSamples, firstStepFeeds, modelInterface, primaryOutput, runSample, type InputOptions, type RunContext } from './samples.js';
import { openSession } from './session.js';

export type { InputOptions } from './samples.js';
export { indexBounds, numeric, primaryOutput } from './samples.js';

/** Where long steps report how far they are (the pipeline's progress lines; structurally typed). */
export interface ProgressSink {
  update(done: number, total: number, label: string, fraction?: number): void;
  finish(summary: string): void;
}

export interface EvalOptions extends InputOptions {
  ep: ProviderChoice;
  warn: (message: string) => void;
  /** Seconds each onnxruntime step (loading a model, one run) may take; none = no limit. */
  timeoutSeconds?: number;
  /** Folders to remove if a step overruns (the caller's temporary files). */
  cleanup?: string[];
  /** Progress of the runs. */
  progress?: ProgressSink;
  /** Told what the comparison ran on (for the CLI's stderr lines). */
  coverage?: (coverage: EvalCoverage) => void;
  /** The reference, already read and analyzed by the caller (saves reading it again). */
  reference?: { model: OnnxModel; inventory: Inventory };
}

/** Distance between the two models' `present` outputs (the KV cache they hand to the next step). */
export interface PresentDistance {
  /** How many present outputs were compared. */
  outputs: number;
  cosine: number;
  rel_l2: number;
  max_abs: number;
}

export interface EvalResult {
  cosine: number;
  rel_l2: number;
  max_abs: number;
  top1_agree?: number;
  kl?: number;
  ppl_ref?: number;
  ppl_q?: number;
  ep: ExecutionProvider;
  seconds: number;
  output: string;
  windows?: number;
  /** A KV-cache decoder: steps per sample (a prompt with an empty past, then one cached step). */
  steps?: number;
  present?: PresentDistance;
}

/** What a comparison ran on: where the samples came from and how many positions were scored. */
export interface EvalCoverage {
  source: 'tokens' | 'inputs' | 'synthetic';
  /** Inputs quantgate made up from the graph's specs. */
  synthesized: string[];
  samples: number;
  /** Positions scored in each sample: next-token predictions for perplexity, else output rows compared. */
  positions: number[];
  /** Why there is no perplexity although tokens were given. */
  noPerplexity?: string;
}

export interface EvalInputs {
  batches: Feeds[];
  /** The token windows, when the batches come from a token file (for perplexity). */
  windows?: BigInt64Array[];
}

/**
 * The inputs of one plain run per sample (for a KV-cache decoder: the sample as a prompt with an empty
 * past). What calibration runs on; evaluation itself runs decoders step by step.
 */
export function buildInputs(reference: OnnxModel, options: InputOptions, inventory = analyzeModel(reference)): EvalInputs {
  const set = buildSamples(reference, inventory, options);
  const windows = set.samples.map((s) => s.window).filter((w): w is BigInt64Array => w !== undefined);
  return { batches: firstStepFeeds(set), ...(windows.length > 0 ? { windows } : {}) };
}

/** An output of class scores: named logits, with more than one class on its last axis. */
export function isLogits(output: string, classes: number): boolean {
  return /logit/i.test(output) && classes > 1;
}

/** The quantized model must take the same inputs and give the compared outputs. */
function checkSameInterface(reference: OnnxModel, quantized: OnnxModel, compared: string[]): void {
  const names = (m: OnnxModel) => new Set(modelInterface(m).specs.map((s) => s.name));
  const refInputs = names(reference);
  const qInputs = names(quantized);
  const missing = [...refInputs].filter((n) => !qInputs.has(n));
  if (missing.length > 0) throw new BadInputError(`${quantized.path}: has no input '${missing[0]}', which ${reference.path} takes`);
  const outputs = new Set(quantized.graph.output.map((o) => o.name));
  const absent = compared.find((o) => !outputs.has(o));
  if (absent) throw new BadInputError(`${quantized.path}: has no output '${absent}' to compare`);
}

export async function evaluate(referencePath: string, quantizedPath: string, options: EvalOptions): Promise<EvalResult> {
  await loadRuntime();
  const started = process.hrtime.bigint();
  // A caller that has read and analyzed the reference already passes it along.
  const reference = options.reference?.model ?? readModel(referencePath);
  const inventory = options.reference?.inventory ?? analyzeModel(reference);
  const quantized = readModel(quantizedPath);
  const set = buildSamples(reference, inventory, options);
  const { cache, samples } = set;
  const output = primaryOutput(
    reference.graph.output.map((o) => o.name),
    cache,
  );
  checkSameInterface(reference, quantized, [output, ...(cache?.presents ?? [])]);
  const limits = { timeoutSeconds: options.timeoutSeconds, cleanup: options.cleanup };
  const total = 2 * samples.length;
  const progress = options.progress;

  // The reference alone: its results kept, its session released before the quantized model loads.
  const store = new ReferenceStore();
  try {
    const ref = await openSession(referencePath, options.ep, options.warn, limits);
    const refContext: RunContext = { model: referencePath, cache, output, limits };
    try {
      for (const [i, sample] of samples.entries()) {
        store.add(await runSample(ref.session, sample, refContext));
        progress?.update(i + 1, total, `reference sample ${i + 1}/${samples.length}`);
      }
    } finally {
      await ref.session.release();
    }

    const q = await openSession(quantizedPath, ref.ep, options.warn, limits);
    const qContext: RunContext = { model: quantizedPath, cache, output, limits };
    const distance = new DistanceAccumulator();
    const present = new DistanceAccumulator();
    let logits: LogitAccumulator | undefined;
    const pplRef = new PerplexityAccumulator();
    const pplQ = new PerplexityAccumulator();
    const positions: number[] = [];
    try {
      for (const [i, sample] of samples.entries()) {
        const a = store.get(i);
        const b = await runSample(q.session, sample, qContext);
        if (a.primary.length !== b.primary.length) {
          throw new BadInputError(
            `${quantizedPath}: output '${output}' has ${b.primary.length} values, the original's ${a.primary.length}`,
          );
        }
        distance.add(a.primary, b.primary);
        const scoresTokens = sample.window !== undefined && isLogits(output, a.classes);
        positions.push(scoresTokens ? sample.window!.length - 1 : Math.floor(a.primary.length / Math.max(1, a.classes)));
        for (const [name, values] of a.presents) {
          const other = b.presents.get(name);
          if (!other || other.length !== values.length)
            throw new BadInputError(`${quantizedPath}: output '${name}' differs in shape from the original's`);
          present.add(values, other);
        }
        if (isLogits(output, a.classes)) {
          logits ??= new LogitAccumulator(a.classes);
          logits.add(a.primary, b.primary);
          if (sample.window) {
            pplRef.add(a.primary, sample.window, a.classes);
            pplQ.add(b.primary, sample.window, a.classes);
          }
        }
        progress?.update(samples.length + i + 1, total, `quantized sample ${i + 1}/${samples.length}`);
      }
    } finally {
      await q.session.release();
    }
    const result: EvalResult = {
      cosine: distance.cosine(),
      rel_l2: distance.relativeL2(),
      max_abs: distance.maxAbs,
      ep: ref.ep,
      seconds: 0,
      output,
    };
    if (logits) {
      result.top1_agree = logits.top1Agreement();
      result.kl = logits.meanKL();
    }
    if (set.source === 'tokens' && logits) {
      result.ppl_ref = pplRef.perplexity();
      result.ppl_q = pplQ.perplexity();
      result.windows = samples.length;
    }
    if (cache) {
      result.steps = 2;
      result.present = { outputs: cache.presents.length, cosine: present.cosine(), rel_l2: present.relativeL2(), max_abs: present.maxAbs };
    }
    options.coverage?.({
      source: set.source,
      synthesized: set.synthesized,
      samples: samples.length,
      positions,
      ...(set.source === 'tokens' && !logits ? { noPerplexity: `output '${output}' is not a distribution over the vocabulary` } : {}),
    });
    result.seconds = Number(process.hrtime.bigint() - started) / 1e9;
    progress?.finish(`${samples.length} sample${samples.length === 1 ? '' : 's'} on both models`);
    return result;
  } finally {
    store.dispose();
  }
}
