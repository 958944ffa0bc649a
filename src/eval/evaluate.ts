/**
 * Original against quantized, run by onnxruntime on the same inputs: distance metrics on the primary
 * output (`logits` when there is one), top-1 agreement and KL for logits, perplexity when tokens are given.
 */
import type * as Ort from 'onnxruntime-node';
import { loadRuntime, ort } from './runtime.js';
import { analyzeModel } from '../analyze/inventory.js';
import type { Inventory } from '../analyze/types.js';
import { GraphIndex } from '../analyze/graph.js';
import type { ExecutionProvider } from '../config/config.js';
import { BadInputError } from '../errors.js';
import { readModel, type OnnxModel } from '../onnx/read.js';
import { inputSpecs, readJsonInputs, readTokenWindows, synthesizeInputs, type Feeds, type InputSpec } from './inputs.js';
import { readNpy } from './npy.js';
import { DistanceAccumulator, LogitAccumulator, PerplexityAccumulator } from './metrics.js';
import { openSession } from './session.js';

export interface EvalOptions {
  ep: ExecutionProvider;
  /** Little-endian int64 token ids, cut into windows for the `input_ids` input. */
  tokens?: string;
  /** JSON file of named input tensors. */
  inputs?: string;
  /** Window length for tokens and for symbolic sequence dims (default: the model's static length, else 128). */
  seqLen?: number;
  /** At most this many token windows. */
  maxWindows?: number;
  warn: (message: string) => void;
  /** The reference, already read and analyzed by the caller (saves reading it again). */
  reference?: { model: OnnxModel; inventory: Inventory };
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
}

/** Row counts of the tables each integer input indexes, so synthesized ids stay in range. */
export function indexBounds(model: OnnxModel, inventory: Inventory): Map<string, number> {
  const g = new GraphIndex(model.graph);
  const bounds = new Map<string, number>();
  for (const layer of inventory.layers) {
    for (const use of layer.uses) {
      if (use.role !== 'gather') continue;
      let value = model.graph.node[use.nodeId]?.input[1] ?? '';
      for (let hops = 0; hops < 6 && !g.graphInputs.has(value); hops++) {
        const p = g.producerOf(value);
        if (!p || !['Cast', 'Reshape', 'Unsqueeze', 'Squeeze', 'Identity', 'Flatten'].includes(p.opType)) break;
        value = p.input[0] ?? '';
      }
      if (g.graphInputs.has(value)) bounds.set(value, Math.min(bounds.get(value) ?? Infinity, layer.shape[0] ?? 1));
    }
  }
  return bounds;
}

/** The output compared: `logits` when there is one, else the first. */
export function primaryOutput(session: Ort.InferenceSession): string {
  const output = session.outputNames.find((n) => /logit/i.test(n)) ?? session.outputNames[0];
  if (output === undefined) throw new BadInputError('the model has no output to compare');
  return output;
}

/** One named output of a run (the session was asked for it: absent is onnxruntime's fault, not the user's). */
export function outputOf(results: Ort.InferenceSession.ReturnType, name: string): Ort.Tensor {
  const tensor = results[name];
  if (!tensor) throw new Error(`onnxruntime returned no output '${name}'`);
  return tensor;
}

export interface EvalInputs {
  batches: Feeds[];
  /** The token windows, when the batches come from a token file (for perplexity). */
  windows?: BigInt64Array[];
}

export type InputOptions = Pick<EvalOptions, 'tokens' | 'inputs' | 'seqLen' | 'maxWindows'>;

/** The inputs both models are run on: token windows, a JSON file, or deterministic synthesized inputs. */
export function buildInputs(reference: OnnxModel, options: InputOptions, inventory = analyzeModel(reference)): EvalInputs {
  const specs = inputSpecs(reference.graph.input, new Set(reference.initializers.keys()));
  const idsSpec = specs.find((s) => s.name === 'input_ids');
  const seqLen = options.seqLen ?? idsSpec?.dims[1] ?? 128;
  const bounds = indexBounds(reference, inventory);
  if (options.tokens) {
    if (!idsSpec) throw new BadInputError(`${reference.path}: --tokens needs a model with an 'input_ids' input`);
    const windows = readTokenWindows(options.tokens, seqLen, options.maxWindows);
    return { batches: windows.map((w) => withTokens(specs, seqLen, bounds, w)), windows };
  }
  if (options.inputs) return { batches: [readUserInputs(options.inputs, specs, seqLen, bounds)] };
  return { batches: [synthesizeInputs(specs, { seqLen: options.seqLen ?? 16, indexBounds: bounds })] };
}

export async function evaluate(referencePath: string, quantizedPath: string, options: EvalOptions): Promise<EvalResult> {
  await loadRuntime();
  const started = process.hrtime.bigint();
  // A caller that has read and analyzed the reference already passes it along.
  const reference = options.reference?.model ?? readModel(referencePath);
  readModel(quantizedPath); // same checks (and messages) for the second file
  const { batches, windows } = buildInputs(reference, options, options.reference?.inventory);
  const ref = await openSession(referencePath, options.ep, options.warn);
  const q = await openSession(quantizedPath, ref.ep, options.warn);
  const output = primaryOutput(ref.session);
  if (!q.session.outputNames.includes(output)) throw new BadInputError(`${quantizedPath}: has no output '${output}' to compare`);

  const distance = new DistanceAccumulator();
  let logits: LogitAccumulator | undefined;
  const pplRef = new PerplexityAccumulator();
  const pplQ = new PerplexityAccumulator();
  for (const [i, feeds] of batches.entries()) {
    const a = outputOf(await ref.session.run(feeds), output);
    const b = outputOf(await q.session.run(feeds), output);
    const av = numeric(a);
    const bv = numeric(b);
    distance.add(av, bv);
    const classes = a.dims[a.dims.length - 1] ?? 1;
    if (isLogits(output, classes)) {
      logits ??= new LogitAccumulator(classes);
      logits.add(av, bv);
      const window = windows?.[i];
      if (window) {
        pplRef.add(av, window, classes);
        pplQ.add(bv, window, classes);
      }
    }
  }
  await ref.session.release();
  await q.session.release();
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
  if (windows && logits) {
    result.ppl_ref = pplRef.perplexity();
    result.ppl_q = pplQ.perplexity();
    result.windows = windows.length;
  }
  result.seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return result;
}

/** Output values as numbers (integer outputs, int64 included, compare by value). */
export function numeric(t: Ort.Tensor): ArrayLike<number> {
  const data = t.data;
  if (data instanceof BigInt64Array || data instanceof BigUint64Array) return Float64Array.from(data, (v) => Number(v));
  if (Array.isArray(data)) throw new BadInputError(`output of type ${t.type} cannot be compared numerically`);
  return data;
}

/** An output of class scores: named logits, with more than one class on its last axis. */
export function isLogits(output: string, classes: number): boolean {
  return /logit/i.test(output) && classes > 1;
}

/**
 * `--inputs`: a JSON file of named tensors, or `NAME=FILE.npy` pairs separated by commas. Inputs the user
 * does not give are synthesized.
 */
function readUserInputs(text: string, specs: InputSpec[], seqLen: number, bounds: Map<string, number>): Feeds {
  let given: Feeds = {};
  if (!text.includes('=')) {
    given = readJsonInputs(text);
  } else {
    for (const pair of text.split(',')) {
      const eq = pair.indexOf('=');
      given[pair.slice(0, eq)] = readNpy(pair.slice(eq + 1));
    }
  }
  for (const name of Object.keys(given)) {
    if (!specs.some((s) => s.name === name))
      throw new BadInputError(`--inputs: the model has no input '${name}' (inputs: ${specs.map((s) => s.name).join(', ')})`);
  }
  // Missing inputs are synthesized to match the sequence length of the given ones.
  const first = Object.values(given)[0];
  const missing = specs.filter((s) => !(s.name in given));
  return { ...synthesizeInputs(missing, { seqLen: first?.dims[1] ?? seqLen, indexBounds: bounds }), ...given };
}

function withTokens(specs: InputSpec[], seqLen: number, bounds: Map<string, number>, window: BigInt64Array): Feeds {
  const feeds = synthesizeInputs(specs, { seqLen, indexBounds: bounds });
  feeds.input_ids = new (ort().Tensor)('int64', window, [1, seqLen]);
  return feeds;
}
