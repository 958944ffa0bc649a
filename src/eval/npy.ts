/**
 * NumPy .npy files (format versions 1–3): little-endian float32, float64, int64, int32 arrays in C order.
 * Enough to feed a model the inputs a user saved with `np.save`.
 */
import * as fs from 'node:fs';
import type * as Ort from 'onnxruntime-node';
import { ort } from './runtime.js';
import { BadInputError } from '../errors.js';

const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]; // \x93NUMPY

export function readNpy(file: string): Ort.Tensor {
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch {
    throw new BadInputError(`${file}: cannot read (file not found)`);
  }
  if (bytes.length < 10 || MAGIC.some((b, i) => bytes[i] !== b)) throw new BadInputError(`${file}: not a .npy file`);
  const major = bytes.readUInt8(6);
  const headerLen = major === 1 ? bytes.readUInt16LE(8) : bytes.readUInt32LE(8);
  const start = major === 1 ? 10 : 12;
  const header = bytes.subarray(start, start + headerLen).toString(major === 3 ? 'utf8' : 'latin1');
  const descr = header.match(/'descr':\s*'([^']+)'/)?.[1];
  const fortran = /'fortran_order':\s*True/.test(header);
  const shapeText = header.match(/'shape':\s*\(([^)]*)\)/)?.[1];
  if (!descr || shapeText === undefined) throw new BadInputError(`${file}: unreadable .npy header`);
  if (fortran) throw new BadInputError(`${file}: Fortran-ordered arrays are not supported (save with np.ascontiguousarray)`);
  const dims = shapeText
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0)
    .map(Number);
  const count = dims.reduce((a, b) => a * b, 1);
  const data = bytes.subarray(start + headerLen);
  const copy = (size: number) => {
    if (data.length !== count * size)
      throw new BadInputError(`${file}: ${data.length} data bytes for shape (${dims.join(', ')}) of ${descr}`);
    return data.buffer.slice(data.byteOffset, data.byteOffset + data.length);
  };
  switch (descr) {
    case '<f4':
      return new (ort().Tensor)('float32', new Float32Array(copy(4)), dims);
    case '<f8':
      return new (ort().Tensor)('float32', Float32Array.from(new Float64Array(copy(8))), dims);
    case '<i8':
      return new (ort().Tensor)('int64', new BigInt64Array(copy(8)), dims);
    case '<i4':
      return new (ort().Tensor)('int32', new Int32Array(copy(4)), dims);
    case '|b1':
      return new (ort().Tensor)('bool', new Uint8Array(copy(1)), dims);
    default:
      throw new BadInputError(`${file}: dtype ${descr} is not supported (float32, float64, int64, int32, bool)`);
  }
}
