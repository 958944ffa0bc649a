/**
 * What evaluation and measured sensitivity run a model on, and how: samples (token windows, a user's
 * inputs, or deterministic synthesized ones), each one run of the model, or for a decoder with a KV cache a
 * prompt with an empty past followed by one cached step. A sample's result is the primary output's rows of
 * every step, in order, and the final `present` tensors.
 */
import type * as Ort from 'onnxruntime-node';
import { allNodes, GraphIndex } from '../analyze/graph.js';
import type { Inventory } from '../analyze/types.js';
import { BadInputError } from '../errors.js';
import { fromFloat16Array } from '../onnx/float16.js';
import type { OnnxModel } from '../onnx/read.js';
import { derivedInputs, kvCacheOf, sliceIds, stepFeeds, type KvCache } from './decoder.js';
import { inputSpecs, readJsonInputs, readTokenWindows, synthesizeInputs, type Feeds, type InputSpec } from './inputs.js';
import { readNpy } from './npy.js';
import { ort } from './runtime.js';
import { runSession, type SessionLimits } from './session.js';

export interface InputOptions {
  /** Little-endian int64 token ids, cut into windows for the `input_ids` input. */
  tokens?: string;
  /** JSON file of named input tensors, or `NAME=FILE.npy` pairs. */
  inputs?: string;
  /** Window length for tokens and for symbolic sequence dims (default: the model's static length, else 128 for tokens, 16 synthesized). */
  seqLen?: number;
  /** At most this many token windows. */
  maxWindows?: number;
}

export interface Sample {
  /** Every input the caller decides; a decoder's cache inputs are derived when it runs. */
  feeds: Feeds;
  /** The token window, when the sample comes from a token file (for perplexity). */
  window?: BigInt64Array;
}

export interface SampleSet {
  samples: Sample[];
  /** The decoder's cache interface, when it has one. */
  cache: KvCache | null;
  /** Where the samples come from, for messages and cache keys. */
  source: 'tokens' | 'inputs' | 'synthetic';
  /** The inputs quantgate made up (deterministically, from the graph's specs); cache inputs are derived, not listed. */
  synthesized: string[];
}

export interface SampleResult {
  /** The primary output's values, every step's after the previous one's. */
  primary: Float32Array | Float64Array;
  /** Its last dim (the classes of logits). */
  classes: number;
  /** Present outputs after the last step, by name. */
  presents: Map<string, Float32Array>;
}

/** Row counts of the tables each integer input indexes, so synthesized ids stay in range. */
export function indexBounds(model: OnnxModel, inventory: Inventory): Map<string, number> {
  const g = new GraphIndex(model.graph, model.path);
  const nodes = allNodes(model.graph);
  const bounds = new Map<string, number>();
  for (const layer of inventory.layers) {
    for (const use of layer.uses) {
      if (use.role !== 'gather') continue;
      let value = nodes[use.nodeId]?.input[1] ?? '';
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

/** The model's input specs and its cache interface. */
export function modelInterface(model: OnnxModel): { specs: InputSpec[]; cache: KvCache | null } {
  const specs = inputSpecs(model.graph.input, new Set(model.initializers.keys()), model.path);
  const cache = kvCacheOf(
    model.path,
    specs,
    model.graph.output.map((o) => o.name),
  );
  return { specs, cache };
}

/**
 * The samples both models run on: token windows, a user's inputs, or deterministic synthesized ones. For
 * a KV-cache decoder, a window of W tokens gives the ids [0, W−1): a prompt of W−2 tokens and one cached
 * step, whose logits score tokens 1..W−1, the same tokens a model without a cache scores on the window.
 */
export function buildSamples(model: OnnxModel, inventory: Inventory, options: InputOptions): SampleSet {
  const { specs: all, cache } = modelInterface(model);
  const derived = cache ? derivedInputs(cache) : new Set<string>();
  const specs = all.filter((s) => !derived.has(s.name));
  const idsSpec = specs.find((s) => s.name === 'input_ids');
  const bounds = indexBounds(model, inventory);
  const hints = (seqLen: number) => ({ seqLen, indexBounds: bounds, file: model.path });
  if (options.tokens) {
    if (!idsSpec) throw new BadInputError(`${model.path}: --tokens needs a model with an 'input_ids' input`);
    const seqLen = options.seqLen ?? idsSpec.dims[1] ?? 128;
    if (cache && seqLen < 3)
      throw new BadInputError(`${model.path}: a KV-cache decoder needs windows of at least 3 tokens (got ${seqLen})`);
    const windows = readTokenWindows(options.tokens, seqLen, options.maxWindows);
    checkTokens(options.tokens, windows, bounds.get('input_ids'), model.path);
    const fed = cache ? seqLen - 1 : seqLen;
    const samples = windows.map((window): Sample => {
      const feeds = synthesizeInputs(specs, hints(fed));
      feeds.input_ids = new (ort().Tensor)('int64', window.slice(0, fed), [1, fed]);
      return { feeds, window };
    });
    return { samples, cache, source: 'tokens', synthesized: specs.filter((s) => s !== idsSpec).map((s) => s.name) };
  }
  if (options.inputs) {
    const given = readUserInputs(options.inputs, specs, all, derived, hints(options.seqLen ?? 16));
    return { samples: [{ feeds: given.feeds }], cache, source: 'inputs', synthesized: given.synthesized };
  }
  const seqLen = options.seqLen ?? 16;
  if (cache && seqLen < 2)
    throw new BadInputError(`${model.path}: a KV-cache decoder needs a sequence of at least 2 tokens (got ${seqLen})`);
  return {
    samples: [{ feeds: synthesizeInputs(specs, hints(seqLen)) }],
    cache,
    source: 'synthetic',
    synthesized: specs.map((s) => s.name),
  };
}

/** Token ids must index the model's embedding table. */
function checkTokens(file: string, windows: BigInt64Array[], vocabulary: number | undefined, model: string): void {
  if (vocabulary === undefined) return;
  windows.forEach((window, w) => {
    const at = window.findIndex((v) => v < 0n || v >= BigInt(vocabulary));
    if (at >= 0) {
      throw new BadInputError(
        `${file}: token id ${window[at]} (window ${w}, position ${at}) is outside the vocabulary of ${model} (${vocabulary} ids)`,
      );
    }
  });
}

/** `NAME=FILE.npy` pairs separated by commas. */
function inputPairs(text: string): Array<{ name: string; file: string }> {
  return text.split(',').map((pair) => {
    const eq = pair.indexOf('=');
    return { name: pair.slice(0, eq), file: pair.slice(eq + 1) };
  });
}

/** The files an `--inputs` value (config `inputs`) names: the JSON file, or every .npy file of its pairs. */
export function inputFilesOf(text: string): string[] {
  return text.includes('=') ? inputPairs(text).map((p) => p.file) : [text];
}

/**
 * `--inputs`: a JSON file of named tensors, or `NAME=FILE.npy` pairs separated by commas. Inputs the user
 * does not give are synthesized to match the sequence length of the given ones; a decoder's cache inputs
 * are always derived.
 */
function readUserInputs(
  text: string,
  specs: InputSpec[],
  all: InputSpec[],
  derived: Set<string>,
  hints: { seqLen: number; indexBounds: Map<string, number>; file: string },
): { feeds: Feeds; synthesized: string[] } {
  let given: Feeds = {};
  if (!text.includes('=')) {
    given = readJsonInputs(text);
  } else {
    for (const { name, file } of inputPairs(text)) given[name] = readNpy(file);
  }
  for (const name of Object.keys(given)) {
    if (derived.has(name))
      throw new BadInputError(`--inputs: '${name}' is a KV-cache input of ${hints.file}; quantgate derives it from input_ids`);
    if (!all.some((s) => s.name === name))
      throw new BadInputError(`--inputs: ${hints.file} has no input '${name}' (inputs: ${all.map((s) => s.name).join(', ')})`);
  }
  const first = Object.values(given)[0];
  const missing = specs.filter((s) => !(s.name in given));
  return {
    feeds: { ...synthesizeInputs(missing, { ...hints, seqLen: first?.dims[1] ?? hints.seqLen }), ...given },
    synthesized: missing.map((s) => s.name),
  };
}

/** The inputs of one plain run per sample (a decoder's prompt with an empty past): for calibration runs. */
export function firstStepFeeds(set: SampleSet): Feeds[] {
  return set.samples.map((s) => {
    if (!set.cache) return s.feeds;
    const ids = s.feeds[set.cache.ids]!;
    return { ...s.feeds, ...stepFeeds(set.cache, ids, 0, null) };
  });
}

/** The output compared: `logits` when there is one, else the first that is not a present. */
export function primaryOutput(outputNames: readonly string[], cache: KvCache | null): string {
  const candidates = outputNames.filter((n) => !cache?.presents.includes(n));
  return candidates.find((n) => /logit/i.test(n)) ?? candidates[0] ?? outputNames[0]!;
}

/** Output values as numbers: float16 widened, integers (int64 included) by value. */
export function numeric(t: Ort.Tensor): Float32Array | Float64Array {
  const data = t.data;
  if (t.type === 'float16' && data instanceof Uint16Array) return fromFloat16Array(data);
  if (data instanceof Float32Array || data instanceof Float64Array) return data;
  if (data instanceof BigInt64Array || data instanceof BigUint64Array) return Float64Array.from(data, (v) => Number(v));
  if (Array.isArray(data)) throw new BadInputError(`output of type ${t.type} cannot be compared numerically`);
  return Float64Array.from(data as ArrayLike<number>);
}

function concat(parts: Array<Float32Array | Float64Array>): Float32Array | Float64Array {
  if (parts.length === 1) return parts[0]!;
  const total = parts.reduce((n, p) => n + p.length, 0);
  const out = parts.every((p) => p instanceof Float32Array) ? new Float32Array(total) : new Float64Array(total);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

export interface RunContext {
  /** The model's name in messages. */
  model: string;
  cache: KvCache | null;
  output: string;
  limits: SessionLimits;
}

/** Runs one sample: one run, or a prompt with an empty past then one cached step. */
export async function runSample(session: Ort.InferenceSession, sample: Sample, ctx: RunContext): Promise<SampleResult> {
  const { cache } = ctx;
  const steps: Array<Ort.InferenceSession.OnnxValueMapType> = [];
  if (!cache) {
    steps.push(await runSession(session, sample.feeds, ctx.model, ctx.limits));
  } else {
    const ids = sample.feeds[cache.ids]!;
    const length = ids.dims[1] ?? 1;
    const prompt = length - 1;
    const first = await runSession(
      session,
      { ...sample.feeds, ...stepFeeds(cache, sliceIds(ids, 0, prompt), 0, null) },
      ctx.model,
      ctx.limits,
    );
    steps.push(first);
    const next = stepFeeds(cache, sliceIds(ids, prompt, length), prompt, first);
    steps.push(await runSession(session, { ...sample.feeds, ...next }, ctx.model, ctx.limits));
  }
  const outputs = steps.map((s) => {
    const t = s[ctx.output];
    if (!t) throw new BadInputError(`${ctx.model}: has no output '${ctx.output}'`);
    return t;
  });
  const last = steps[steps.length - 1];
  const presents = new Map<string, Float32Array>();
  for (const name of cache?.presents ?? []) {
    const t = last?.[name];
    if (!t) continue;
    const values = numeric(t);
    presents.set(name, values instanceof Float32Array ? values : Float32Array.from(values));
  }
  const primary = concat(outputs.map(numeric));
  const dims = outputs[0]?.dims ?? [];
  return { primary, classes: dims[dims.length - 1] ?? 1, presents };
}
