/**
 * Model inputs for evaluation: synthesized deterministically from the graph's input specs, read from a
 * token file (little-endian int64 windows), or read from a JSON file of named tensors.
 */
import * as fs from 'node:fs';
import type * as Ort from 'onnxruntime-node';
import { ort } from './runtime.js';
import { BadInputError, messageOf } from '../errors.js';
import { DataType } from '../onnx/dtype.js';
import { int64ToNumber, type ValueInfo } from '../onnx/schema.js';
import { toFloat16Array } from '../onnx/float16.js';
import { normalSamples, seededRandom } from './random.js';

export type Feeds = Record<string, Ort.Tensor>;

export interface InputSpec {
  name: string;
  elemType: number;
  /** Static dims, or null where the dim is symbolic. */
  dims: Array<number | null>;
  /** The symbolic dims' names (`dim_param`), null where a dim has none. */
  symbols: Array<string | null>;
}

/** Most values one synthesized input may hold (1 GiB of float32): a larger declared shape is a broken model. */
export const MAX_INPUT_VALUES = 2 ** 28;

/** The graph's inputs that are not initializers; a negative or absurd static dim is bad input naming `file`. */
export function inputSpecs(inputs: ValueInfo[], initializers: Set<string>, file = 'model'): InputSpec[] {
  return inputs
    .filter((i) => !initializers.has(i.name))
    .map((i) => {
      const shape = i.type?.tensorType?.shape?.dim ?? [];
      const dims = shape.map((d) => {
        const v = int64ToNumber(d.dimValue);
        if (v < 0 || !Number.isSafeInteger(v)) throw new BadInputError(`${file}: input '${i.name}' declares a dimension of ${v}`);
        if (v > MAX_INPUT_VALUES) throw new BadInputError(`${file}: input '${i.name}' declares a dimension of ${v}, too large to feed`);
        return d.dimParam || v === 0 ? null : v;
      });
      return {
        name: i.name,
        elemType: i.type?.tensorType?.elemType ?? DataType.FLOAT,
        dims,
        symbols: shape.map((d) => d.dimParam || null),
      };
    });
}

export interface SynthesisHints {
  /** Sequence length for symbolic non-batch dims. */
  seqLen: number;
  /** Exclusive upper bound of each integer input that indexes a table (its row count). */
  indexBounds: Map<string, number>;
  seed?: number;
  /** The model, for messages. */
  file?: string;
}

function resolveDims(spec: InputSpec, seqLen: number): number[] {
  return spec.dims.map((d, axis) => d ?? (axis === 0 ? 1 : seqLen));
}

/** Deterministic inputs: ids within their table, masks of ones, type ids zero, positions counting, floats N(0, 1). */
export function synthesizeInputs(specs: InputSpec[], hints: SynthesisHints): Feeds {
  const feeds: Feeds = {};
  specs.forEach((spec, k) => {
    const dims = resolveDims(spec, hints.seqLen);
    const count = dims.reduce((a, b) => a * b, 1);
    if (count > MAX_INPUT_VALUES) {
      throw new BadInputError(
        `${hints.file ?? 'model'}: input '${spec.name}' of shape [${dims.join(', ')}] would hold ${count} values, too many to synthesize (lower --seq-len)`,
      );
    }
    const seed = (hints.seed ?? 1234) + k * 7919;
    const lower = spec.name.toLowerCase();
    switch (spec.elemType) {
      case DataType.INT64:
      case DataType.INT32: {
        const values = new Array<number>(count);
        const last = dims[dims.length - 1] ?? 1;
        const bound = hints.indexBounds.get(spec.name) ?? 2;
        const rand = seededRandom(seed);
        for (let i = 0; i < count; i++) {
          values[i] = /mask/.test(lower)
            ? 1
            : /type|segment/.test(lower)
              ? 0
              : /position/.test(lower)
                ? i % last
                : Math.floor(rand() * bound);
        }
        feeds[spec.name] =
          spec.elemType === DataType.INT64
            ? new (ort().Tensor)(
                'int64',
                BigInt64Array.from(values, (v) => BigInt(v)),
                dims,
              )
            : new (ort().Tensor)('int32', Int32Array.from(values), dims);
        break;
      }
      case DataType.BOOL:
        feeds[spec.name] = new (ort().Tensor)('bool', new Uint8Array(count).fill(1), dims);
        break;
      case DataType.FLOAT16:
        feeds[spec.name] = new (ort().Tensor)('float16', toFloat16Array(normalSamples(count, seed)), dims);
        break;
      default:
        feeds[spec.name] = new (ort().Tensor)('float32', normalSamples(count, seed), dims);
    }
  });
  return feeds;
}

/** Windows of `seqLen` tokens from a file of little-endian int64 token ids. */
export function readTokenWindows(file: string, seqLen: number, maxWindows?: number): BigInt64Array[] {
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch (err) {
    throw new BadInputError(
      `${file}: cannot read tokens (${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'file not found' : messageOf(err)})`,
    );
  }
  if (bytes.length % 8 !== 0) throw new BadInputError(`${file}: ${bytes.length} bytes is not a whole number of int64 tokens`);
  const tokens = new BigInt64Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length));
  const count = Math.floor(tokens.length / seqLen);
  if (count === 0) throw new BadInputError(`${file}: ${tokens.length} tokens is less than one window of ${seqLen}`);
  const windows: BigInt64Array[] = [];
  for (let w = 0; w < Math.min(count, maxWindows ?? count); w++) windows.push(tokens.subarray(w * seqLen, (w + 1) * seqLen));
  return windows;
}

interface JsonTensor {
  type?: string;
  dims: number[];
  data: number[];
}

/** `{ "name": { "type": "int64", "dims": [1, 8], "data": [...] } }`. */
export function readJsonInputs(file: string): Feeds {
  let doc: Record<string, JsonTensor>;
  try {
    doc = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, JsonTensor>;
  } catch (err) {
    throw new BadInputError(`${file}: cannot read inputs (${messageOf(err)})`);
  }
  const feeds: Feeds = {};
  for (const [name, t] of Object.entries(doc)) {
    if (!t || !Array.isArray(t.dims) || !Array.isArray(t.data)) throw new BadInputError(`${file}: input '${name}' needs dims and data`);
    const count = t.dims.reduce((a, b) => a * b, 1);
    if (count !== t.data.length)
      throw new BadInputError(`${file}: input '${name}' has ${t.data.length} values for dims [${t.dims.join(', ')}]`);
    const type = t.type ?? 'float32';
    if (type === 'int64')
      feeds[name] = new (ort().Tensor)(
        'int64',
        BigInt64Array.from(t.data, (v) => BigInt(v)),
        t.dims,
      );
    else if (type === 'int32') feeds[name] = new (ort().Tensor)('int32', Int32Array.from(t.data), t.dims);
    else if (type === 'float32') feeds[name] = new (ort().Tensor)('float32', Float32Array.from(t.data), t.dims);
    else throw new BadInputError(`${file}: input '${name}' has unsupported type '${type}' (int64, int32, float32)`);
  }
  return feeds;
}
