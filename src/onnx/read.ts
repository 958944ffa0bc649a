/**
 * Reading ONNX models: the protobuf, its initializers' metadata, and (only on request) tensor values.
 *
 * Planning reads shapes, not weights: `readModel` decodes the .onnx file and checks every initializer's
 * byte length against its shape, stat-ing external data files instead of reading them.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { BadInputError, Int64RangeError, messageOf } from '../errors.js';
import { DataType, dataTypeName, rawByteLength } from './dtype.js';
import { fromBfloat16Array, fromFloat16Array } from './float16.js';
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

/** The tensor's stored bytes (raw layout, little-endian), read from wherever they live. */
export function readTensorBytes(info: TensorInfo): Uint8Array {
  const s = info.storage;
  if (s.kind === 'raw') return info.proto.rawData!;
  if (s.kind === 'external') {
    const out = Buffer.allocUnsafe(s.length);
    const fd = fs.openSync(s.file, 'r');
    try {
      let done = 0;
      while (done < s.length) {
        const n = fs.readSync(fd, out, done, s.length - done, s.offset + done);
        if (n === 0) throw new BadInputError(`${s.file}: ended early while reading tensor '${info.name}'`);
        done += n;
      }
    } finally {
      fs.closeSync(fd);
    }
    return out;
  }
  return typedToRaw(info);
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

/** Copies bytes into a fresh, aligned buffer (a protobuf slice may start at any offset). */
function aligned(bytes: Uint8Array): ArrayBuffer {
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}

/** The tensor's values widened to float32. Only floating-point initializers are weights. */
export function readTensorFloat32(info: TensorInfo): Float32Array {
  const bytes = readTensorBytes(info);
  switch (info.dataType) {
    case DataType.FLOAT:
      return new Float32Array(aligned(bytes));
    case DataType.FLOAT16:
      return fromFloat16Array(new Uint16Array(aligned(bytes)));
    case DataType.BFLOAT16:
      return fromBfloat16Array(new Uint16Array(aligned(bytes)));
    case DataType.DOUBLE:
      return Float32Array.from(new Float64Array(aligned(bytes)));
    default:
      throw new BadInputError(`tensor '${info.name}' is ${dataTypeName(info.dataType)}, not a floating-point weight`);
  }
}
