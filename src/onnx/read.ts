/**
 * Reading ONNX models: the protobuf, its initializers' metadata, and (only on request) tensor values.
 *
 * Planning reads shapes, not weights: `readModel` decodes the .onnx file and checks every initializer's
 * byte length against its shape, stat-ing external data files instead of reading them.
 */
import { createHash } from 'node:crypto';
import * as buffer from 'node:buffer';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { BadInputError, Int64RangeError, messageOf } from '../errors.js';
import { DataType, dataTypeName, rawByteLength } from './dtype.js';
import { countNonFinite, widenHalfInto } from './float16.js';
import { decodeModel, int64ToBigInt, int64ToNumber, type GraphProto, type Int64, type ModelProto, type TensorProto } from './schema.js';

/** Where an initializer's bytes live. */
export type TensorStorage = { kind: 'raw' } | { kind: 'typed' } | { kind: 'external'; file: string; offset: number; length: number };

export interface TensorInfo {
  name: string;
  dataType: number;
  dims: number[];
  numel: number;
  /** Bytes the values occupy when stored raw (what a file holds for this tensor). */
  byteLength: number;
  storage: TensorStorage;
  proto: TensorProto;
}

export interface OnnxModel {
  /** Path as the user gave it. */
  path: string;
  dir: string;
  proto: ModelProto;
  graph: GraphProto;
  /** sha256 of the .onnx file's bytes (external data is identified by its size, not hashed: see README). */
  sha256: string;
  /** Bytes on disk: the .onnx file plus every external data file it references. */
  bytes: number;
  initializers: Map<string, TensorInfo>;
  opsets: Map<string, number>;
}

function fail(file: string, problem: string): never {
  throw new BadInputError(`${file}: ${problem}`);
}

export function readModel(file: string): OnnxModel {
  let buffer: Buffer;
  try {
    buffer = fs.readFileSync(file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    fail(file, code === 'ENOENT' ? 'file not found' : `cannot read (${messageOf(err)})`);
  }
  if (buffer.length === 0) fail(file, 'empty file, not an ONNX model');
  let proto: ModelProto;
  try {
    proto = decodeModel(buffer);
  } catch (err) {
    fail(file, `not a valid ONNX model (truncated or not protobuf: ${messageOf(err)})`);
  }
  const graph = proto.graph;
  if (!graph || inRange(file, 'IR version', proto.irVersion) <= 0 || proto.opsetImport.length === 0) {
    fail(file, 'not a valid ONNX model (no graph, IR version or opset import)');
  }
  const dir = path.dirname(path.resolve(file));
  const externalFiles = new Map<string, number>();
  const initializers = new Map<string, TensorInfo>();
  for (const tensor of graph.initializer) {
    const info = describeTensor(file, dir, tensor, externalFiles);
    initializers.set(info.name, info);
  }
  const opsets = new Map<string, number>();
  for (const o of proto.opsetImport) opsets.set(o.domain ?? '', inRange(file, `opset version of '${o.domain ?? ''}'`, o.version));
  let externalBytes = 0;
  for (const size of externalFiles.values()) externalBytes += size;
  return {
    path: file,
    dir,
    proto,
    graph,
    sha256: createHash('sha256').update(buffer).digest('hex'),
    bytes: buffer.length + externalBytes,
    initializers,
    opsets,
  };
}

/** An int64 field of the model as a number; beyond 2^53 the file is refused, naming the field. */
function inRange(file: string, what: string, v: Int64 | undefined): number {
  try {
    return int64ToNumber(v);
  } catch (err) {
    if (!(err instanceof Int64RangeError)) throw err;
    fail(file, `${what}: ${err.message}`);
  }
}

/** An initializer of the model described like the top-level ones (a subgraph's, read when it is copied). */
export function describeInitializer(model: OnnxModel, tensor: TensorProto): TensorInfo {
  return describeTensor(model.path, model.dir, tensor, new Map());
}

function describeTensor(file: string, dir: string, tensor: TensorProto, externalFiles: Map<string, number>): TensorInfo {
  const name = tensor.name;
  const dims = tensor.dims.map((d) => inRange(file, `tensor '${name}' dim`, d));
  if (dims.some((d) => !Number.isSafeInteger(d) || d < 0)) fail(file, `tensor '${name}' has invalid dims [${dims.join(', ')}]`);
  const numel = dims.reduce((a, b) => a * b, 1);
  const expected = rawByteLength(tensor.dataType, numel);
  const shape = `[${dims.join(', ')}]`;
  if (expected === undefined) {
    // Strings and unknown types are never weights; keep them without a byte check.
    return { name, dataType: tensor.dataType, dims, numel, byteLength: 0, storage: { kind: 'typed' }, proto: tensor };
  }
  const base = { name, dataType: tensor.dataType, dims, numel, byteLength: expected, proto: tensor };
  const type = dataTypeName(tensor.dataType);

  if (tensor.dataLocation === 1 || (tensor.externalData && tensor.externalData.length > 0)) {
    const entries = new Map((tensor.externalData ?? []).map((e) => [e.key, e.value]));
    const location = entries.get('location');
    if (!location) fail(file, `tensor '${name}' is stored externally but names no location`);
    const target = resolveExternal(file, dir, name, location);
    let size = externalFiles.get(target);
    if (size === undefined) {
      try {
        size = fs.statSync(target).size;
      } catch {
        fail(file, `external data file '${location}' of tensor '${name}' is missing`);
      }
      externalFiles.set(target, size);
    }
    const offset = Number(entries.get('offset') ?? '0');
    const length = entries.has('length') ? Number(entries.get('length')) : expected;
    if (!Number.isSafeInteger(offset) || offset < 0 || !Number.isSafeInteger(length) || length < 0) {
      fail(file, `tensor '${name}' has an invalid external offset or length`);
    }
    if (length !== expected) {
      fail(file, `tensor '${name}' has ${length} bytes of external data but its shape ${shape} of ${type} needs ${expected}`);
    }
    if (offset + length > size) {
      fail(file, `tensor '${name}' reads bytes ${offset}..${offset + length} of '${location}', which has only ${size}`);
    }
    return { ...base, storage: { kind: 'external', file: target, offset, length } };
  }

  if (tensor.rawData && tensor.rawData.length > 0) {
    if (tensor.rawData.length !== expected) {
      fail(file, `tensor '${name}' has ${tensor.rawData.length} bytes but its shape ${shape} of ${type} needs ${expected}`);
    }
    return { ...base, storage: { kind: 'raw' } };
  }
  const count = typedFieldLength(tensor);
  if (count !== numel && !(numel === 0 && count === 0)) {
    fail(file, `tensor '${name}' has ${count} values but its shape ${shape} needs ${numel}`);
  }
  return { ...base, storage: { kind: 'typed' } };
}

/** External data must stay inside the model's folder, also through symbolic links. */
function resolveExternal(file: string, dir: string, name: string, location: string): string {
  if (path.isAbsolute(location)) fail(file, `external data of tensor '${name}' uses an absolute path '${location}'`);
  const target = path.resolve(dir, location);
  const outside = (root: string, p: string) => {
    const rel = path.relative(root, p);
    return rel === '' || rel.startsWith('..') || path.isAbsolute(rel);
  };
  if (outside(dir, target)) fail(file, `external data of tensor '${name}' points outside the model's folder ('${location}')`);
  try {
    if (outside(fs.realpathSync(dir), fs.realpathSync(target))) {
      fail(file, `external data of tensor '${name}' links outside the model's folder ('${location}')`);
    }
  } catch (err) {
    if (err instanceof BadInputError) throw err;
    fail(file, `external data file '${location}' of tensor '${name}' is missing`);
  }
  return target;
}

function typedFieldLength(t: TensorProto): number {
  switch (t.dataType) {
    case DataType.FLOAT:
      return t.floatData?.length ?? 0;
    case DataType.INT64:
      return t.int64Data?.length ?? 0;
    case DataType.DOUBLE:
      return t.doubleData?.length ?? 0;
    case DataType.UINT32:
    case DataType.UINT64:
      return t.uint64Data?.length ?? 0;
    default:
      return t.int32Data?.length ?? 0;
  }
}

/** Reads larger than this are split: one `read` call takes at most 2 GiB − 1 bytes. */
const READ_CHUNK_BYTES = 1 << 30;

/** Reads `length` bytes of `file` at `position` into `out` (at `outOffset`), in chunks, all of them. */
export function readFully(
  file: string,
  fd: number,
  out: Uint8Array,
  outOffset: number,
  length: number,
  position: number,
  what: string,
): void {
  let done = 0;
  while (done < length) {
    let n: number;
    try {
      n = fs.readSync(fd, out, outOffset + done, Math.min(READ_CHUNK_BYTES, length - done), position + done);
    } catch (err) {
      throw new BadInputError(`${file}: cannot read ${what} (${messageOf(err)})`);
    }
    if (n === 0) throw new BadInputError(`${file}: ended early while reading ${what}`);
    done += n;
  }
}

/**
 * Bytes [start, start + length) of the tensor's stored bytes (raw layout, little-endian), read from
 * wherever they live; into `into` when given (its first `length` bytes), else into a fresh array. A raw
 * tensor's bytes come back as a view of the model's buffer without `into`.
 */
export function readTensorRange(info: TensorInfo, start: number, length: number, into?: Uint8Array): Uint8Array {
  if (start < 0 || length < 0 || start + length > info.byteLength) {
    throw new Error(`readTensorRange: bytes ${start}..${start + length} of tensor '${info.name}' (${info.byteLength} bytes)`);
  }
  const s = info.storage;
  if (s.kind === 'external') {
    const out = into ?? allocBytes(info, length);
    let fd: number;
    try {
      fd = fs.openSync(s.file, 'r');
    } catch (err) {
      throw new BadInputError(`${s.file}: cannot open external data of tensor '${info.name}' (${messageOf(err)})`);
    }
    try {
      readFully(s.file, fd, out, 0, length, s.offset + start, `tensor '${info.name}'`);
    } finally {
      fs.closeSync(fd);
    }
    return into ? out.subarray(0, length) : out;
  }
  const all = s.kind === 'raw' ? info.proto.rawData! : typedToRaw(info);
  const view = all.subarray(start, start + length);
  if (!into) return view;
  into.set(view);
  return into.subarray(0, length);
}

/** A fresh byte array; a tensor larger than one array can hold is read in ranges, never whole. */
function allocBytes(info: TensorInfo, length: number): Uint8Array {
  if (length > buffer.constants.MAX_LENGTH) {
    throw new BadInputError(
      `tensor '${info.name}' holds ${length} bytes, more than one read can hold (it is read in ranges when quantized)`,
    );
  }
  return new Uint8Array(length);
}

/** The tensor's stored bytes (raw layout, little-endian), read from wherever they live. */
export function readTensorBytes(info: TensorInfo): Uint8Array {
  return readTensorRange(info, 0, info.byteLength);
}

/** Bytes one element of a floating-point weight takes, by type. */
export const FLOAT_BYTES: Partial<Record<number, number>> = {
  [DataType.FLOAT]: 4,
  [DataType.FLOAT16]: 2,
  [DataType.BFLOAT16]: 2,
  [DataType.DOUBLE]: 8,
};

/**
 * Elements [first, first + count) of a floating-point tensor widened to float32 into `out` at `outOffset`;
 * returns how many are NaN or infinite (float32 values are only scanned when `countFloat32`: a caller whose
 * next step finds them anyway skips the pass). float32 bytes are read straight into `out`'s memory; other
 * types through `scratch` (grown as needed, reused by the caller across calls).
 */
export function readFloat32Range(
  info: TensorInfo,
  first: number,
  count: number,
  out: Float32Array,
  outOffset = 0,
  scratch?: { bytes: Uint8Array },
  countFloat32 = true,
): number {
  const size = FLOAT_BYTES[info.dataType];
  if (size === undefined) throw new BadInputError(`tensor '${info.name}' is ${dataTypeName(info.dataType)}, not a floating-point weight`);
  const target = out.subarray(outOffset, outOffset + count);
  if (info.dataType === DataType.FLOAT) {
    readTensorRange(info, first * 4, count * 4, new Uint8Array(target.buffer, target.byteOffset, count * 4));
    return countFloat32 ? countNonFinite(target) : 0;
  }
  const need = count * size;
  const holder = scratch ?? { bytes: new Uint8Array(0) };
  if (holder.bytes.byteLength < need) holder.bytes = new Uint8Array(need);
  const bytes = readTensorRange(info, first * size, need, holder.bytes);
  if (info.dataType === DataType.DOUBLE) {
    const doubles = new Float64Array(bytes.slice().buffer);
    for (let i = 0; i < count; i++) target[i] = doubles[i]!;
    return countNonFinite(target);
  }
  return widenHalfInto(info.dataType === DataType.FLOAT16 ? 'float16' : 'bfloat16', bytes, target);
}

function typedToRaw(info: TensorInfo): Uint8Array {
  const t = info.proto;
  const out = new Uint8Array(info.byteLength);
  const view = new DataView(out.buffer);
  switch (t.dataType) {
    case DataType.FLOAT:
      (t.floatData ?? []).forEach((v, i) => view.setFloat32(i * 4, v, true));
      break;
    case DataType.DOUBLE:
      (t.doubleData ?? []).forEach((v, i) => view.setFloat64(i * 8, v, true));
      break;
    case DataType.INT64:
      (t.int64Data ?? []).forEach((v, i) => view.setBigInt64(i * 8, int64ToBigInt(v), true));
      break;
    case DataType.FLOAT16:
    case DataType.BFLOAT16:
    case DataType.UINT16:
    case DataType.INT16:
      (t.int32Data ?? []).forEach((v, i) => view.setUint16(i * 2, v, true));
      break;
    case DataType.INT32:
      (t.int32Data ?? []).forEach((v, i) => view.setInt32(i * 4, v, true));
      break;
    case DataType.UINT8:
    case DataType.INT8:
    case DataType.BOOL:
      (t.int32Data ?? []).forEach((v, i) => view.setUint8(i, v & 0xff));
      break;
    default:
      throw new BadInputError(`tensor '${info.name}': typed storage of ${dataTypeName(t.dataType)} is not supported`);
  }
  return out;
}

/** The tensor's values widened to float32. Only floating-point initializers are weights. */
export function readTensorFloat32(info: TensorInfo): Float32Array {
  const out = new Float32Array(info.numel);
  readFloat32Range(info, 0, info.numel, out);
  return out;
}
