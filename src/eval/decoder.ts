/**
 * Decoders with a KV cache, in Hugging Face Optimum's layout: `past_key_values.N.key|value` (or
 * `past.N.key|value`) inputs of shape [batch, heads, past, headDim], `present.N.key|value` outputs over
 * past + new, an `attention_mask` over past + new, `position_ids` counting from the past's length, and for
 * merged decoders a `use_cache_branch` flag selecting an `If` branch.
 *
 * They are evaluated the way they are used: a prompt with an empty past (length 0), then one more token
 * fed with the prompt's `present` as its past. The cache inputs are always derived here; the caller gives
 * the token ids (and any other input).
 */
import type * as Ort from 'onnxruntime-node';
import { BadInputError } from '../errors.js';
import { DataType } from '../onnx/dtype.js';
import type { InputSpec } from './inputs.js';
import { ort } from './runtime.js';

export interface CacheInput {
  /** The past input, e.g. `past_key_values.0.key`. */
  past: string;
  /** The present output it is fed from, e.g. `present.0.key`. */
  present: string;
  elemType: number;
  /** Dims with the batch (axis 0) and the past length (`pastAxis`) left open. */
  dims: Array<number | null>;
  pastAxis: number;
}

export interface KvCache {
  inputs: CacheInput[];
  /** Every present output (compared between the models). */
  presents: string[];
  ids: string;
  mask: InputSpec | null;
  positions: InputSpec | null;
  useCacheBranch: InputSpec | null;
}

const PAST = /^(?:past_key_values|past)\.(.+)$/;
const PRESENT_PREFIXES = ['present.', 'present_key_values.'];

/** Input names the cache derives (never synthesized or taken from the user). */
export function derivedInputs(cache: KvCache): Set<string> {
  const names = new Set(cache.inputs.map((c) => c.past));
  for (const spec of [cache.mask, cache.positions, cache.useCacheBranch]) if (spec) names.add(spec.name);
  return names;
}

/**
 * The model's cache interface, or null when it has no past inputs. A past input with no present output to
 * feed it from is bad input, as is a past shape that cannot be made empty.
 */
export function kvCacheOf(file: string, specs: InputSpec[], outputs: string[]): KvCache | null {
  const presents = outputs.filter((o) => PRESENT_PREFIXES.some((p) => o.startsWith(p)));
  const pasts = specs.filter((s) => PAST.test(s.name));
  if (pasts.length === 0) return null;
  const inputs = pasts.map((spec): CacheInput => {
    const suffix = PAST.exec(spec.name)![1]!;
    const present = PRESENT_PREFIXES.map((p) => `${p}${suffix}`).find((name) => outputs.includes(name));
    if (!present) {
      throw new BadInputError(
        `${file}: KV-cache input '${spec.name}' has no matching present output (expected 'present.${suffix}'; outputs: ${outputs.join(', ')})`,
      );
    }
    return { past: spec.name, present, elemType: spec.elemType, ...pastShape(file, spec) };
  });
  const byName = (re: RegExp) => specs.find((s) => re.test(s.name) && !PAST.test(s.name)) ?? null;
  const ids = specs.find((s) => s.name === 'input_ids');
  if (!ids) throw new BadInputError(`${file}: a KV-cache decoder needs an 'input_ids' input to be evaluated`);
  return {
    inputs,
    presents,
    ids: ids.name,
    mask: byName(/^attention_mask$/),
    positions: byName(/^position_ids$/),
    useCacheBranch: byName(/^use_cache_branch$/),
  };
}

/** Which axis holds the past length: the one named for it, else the only open axis after the batch. */
function pastShape(file: string, spec: InputSpec): { dims: Array<number | null>; pastAxis: number } {
  const open = spec.dims.map((d, axis) => (d === null && axis > 0 ? axis : -1)).filter((a) => a >= 0);
  const named = spec.symbols.findIndex((s, axis) => axis > 0 && s !== null && /past/i.test(s));
  const pastAxis = named >= 0 ? named : open.length === 1 ? open[0]! : -1;
  const unknown = open.filter((a) => a !== pastAxis);
  if (pastAxis < 0 || unknown.length > 0) {
    throw new BadInputError(
      `${file}: cannot tell the shape of KV-cache input '${spec.name}' (dims [${spec.dims.map((d, i) => d ?? spec.symbols[i] ?? '?').join(', ')}]): only the batch and the past length may be symbolic`,
    );
  }
  return { dims: spec.dims, pastAxis };
}

function intTensor(spec: InputSpec, values: number[], dims: number[]): Ort.Tensor {
  return spec.elemType === DataType.INT32
    ? new (ort().Tensor)('int32', Int32Array.from(values), dims)
    : new (ort().Tensor)(
        'int64',
        BigInt64Array.from(values, (v) => BigInt(v)),
        dims,
      );
}

/** An empty past of the input's type: [batch, ..., 0, ...]. */
function emptyPast(c: CacheInput, batch: number): Ort.Tensor {
  const dims = c.dims.map((d, axis) => (axis === 0 ? batch : axis === c.pastAxis ? 0 : d!));
  if (c.elemType === DataType.FLOAT16) return new (ort().Tensor)('float16', new Uint16Array(0), dims);
  if (c.elemType !== DataType.FLOAT)
    throw new BadInputError(`KV-cache input '${c.past}' has element type ${c.elemType}, not float or float16`);
  return new (ort().Tensor)('float32', new Float32Array(0), dims);
}

/**
 * Feeds of one step: `ids` [batch, n] after `past` earlier tokens, the past tensors (empty when `previous`
 * is null), a mask of ones over past + new, positions past..past+n-1, and the branch flag.
 */
export function stepFeeds(
  cache: KvCache,
  ids: Ort.Tensor,
  past: number,
  previous: Ort.InferenceSession.OnnxValueMapType | null,
): Record<string, Ort.Tensor> {
  const [batch = 1, n = 1] = ids.dims;
  const feeds: Record<string, Ort.Tensor> = { [cache.ids]: ids };
  for (const c of cache.inputs) feeds[c.past] = previous ? (previous[c.present] as Ort.Tensor) : emptyPast(c, batch);
  if (cache.mask) feeds[cache.mask.name] = intTensor(cache.mask, Array<number>(batch * (past + n)).fill(1), [batch, past + n]);
  if (cache.positions) {
    const positions = Array.from({ length: batch * n }, (_, i) => past + (i % n));
    feeds[cache.positions.name] = intTensor(cache.positions, positions, [batch, n]);
  }
  if (cache.useCacheBranch) {
    const dims = cache.useCacheBranch.dims.map((d) => d ?? 1);
    const count = dims.reduce((a, b) => a * b, 1);
    feeds[cache.useCacheBranch.name] = new (ort().Tensor)('bool', new Uint8Array(count).fill(previous ? 1 : 0), dims);
  }
  return feeds;
}

/** The first `n` ids of each row of an [batch, seq] int tensor, or the ids from `from` on. */
export function sliceIds(ids: Ort.Tensor, from: number, to: number): Ort.Tensor {
  const [batch = 1, seq = 1] = ids.dims;
  const width = to - from;
  const data = ids.data as BigInt64Array | Int32Array;
  if (data instanceof BigInt64Array) {
    const out = new BigInt64Array(batch * width);
    for (let b = 0; b < batch; b++) out.set(data.subarray(b * seq + from, b * seq + to), b * width);
    return new (ort().Tensor)('int64', out, [batch, width]);
  }
  const out = new Int32Array(batch * width);
  for (let b = 0; b < batch; b++) out.set(data.subarray(b * seq + from, b * seq + to), b * width);
  return new (ort().Tensor)('int32', out, [batch, width]);
}
