/**
 * Writing ONNX models safely: everything goes to temporary names first and is renamed into place only
 * when complete, external data before the model that points at it, so a reader never sees half a file.
 * Large models (protobuf cannot hold more than 2 GiB) keep their big tensors in `<name>.onnx.data`.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { encodeModel, type ModelProto, type TensorProto } from './schema.js';

/** Tensors smaller than this stay inside the .onnx file when data goes external. */
const EXTERNAL_MIN_BYTES = 1024;
/** Above this many tensor bytes the model is written with external data. */
export const EXTERNAL_THRESHOLD_BYTES = 1_500_000_000;

export interface WriteOptions {
  /** Force external data on (the input had it) or off; default: only when the tensors are large. */
  external?: boolean;
}

export interface WrittenModel {
  file: string;
  dataFile: string | null;
  bytes: number;
}

function tensorBytes(model: ModelProto): number {
  return (model.graph?.initializer ?? []).reduce((s, t) => s + (t.rawData?.length ?? 0), 0);
}

/** Writes `data` to `file` through a temporary name in the same folder, then renames it. */
export function writeFileAtomic(file: string, data: Uint8Array | string): void {
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.tmp-${process.pid}`);
  try {
    fs.writeFileSync(tmp, data);
    fs.renameSync(tmp, file);
  } catch (err) {
    fs.rmSync(tmp, { force: true });
    throw err;
  }
}

export function writeModel(model: ModelProto, file: string, options: WriteOptions = {}): WrittenModel {
  const external = options.external ?? tensorBytes(model) > EXTERNAL_THRESHOLD_BYTES;
  if (!external) {
    const bytes = encodeModel(model);
    writeFileAtomic(file, bytes);
    return { file, dataFile: null, bytes: bytes.length };
  }
  const dataName = `${path.basename(file)}.data`;
  const dataFile = path.join(path.dirname(file), dataName);
  const tmpData = path.join(path.dirname(file), `.${dataName}.tmp-${process.pid}`);
  const fd = fs.openSync(tmpData, 'w');
  let offset = 0;
  const initializers: TensorProto[] = [];
  try {
    for (const t of model.graph!.initializer) {
      const raw = t.rawData;
      if (!raw || raw.length < EXTERNAL_MIN_BYTES) {
        initializers.push(t);
        continue;
      }
      // 16-byte alignment lets readers map tensors directly.
      const pad = (16 - (offset % 16)) % 16;
      if (pad) fs.writeSync(fd, new Uint8Array(pad));
      offset += pad;
      fs.writeSync(fd, raw);
      initializers.push({
        ...t,
        rawData: new Uint8Array(0),
        dataLocation: 1,
        externalData: [
          { key: 'location', value: dataName },
          { key: 'offset', value: String(offset) },
          { key: 'length', value: String(raw.length) },
        ],
      });
      offset += raw.length;
    }
  } finally {
    fs.closeSync(fd);
  }
  const slim: ModelProto = { ...model, graph: { ...model.graph!, initializer: initializers } };
  const bytes = encodeModel(slim);
  try {
    fs.renameSync(tmpData, dataFile);
    writeFileAtomic(file, bytes);
  } catch (err) {
    fs.rmSync(tmpData, { force: true });
    throw err;
  }
  return { file, dataFile, bytes: bytes.length + offset };
}
