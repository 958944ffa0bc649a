/**
 * Writing ONNX models safely.
 *
 * - Tensors are written as they are produced (`TensorSink`): a quantizer hands over one layer's tensors at
 *   a time and never holds the whole model. Tensors of an input that stay as they are (`keep`) are copied
 *   in chunks from wherever they live: the output never refers to the input's data file.
 * - Large models (protobuf cannot hold more than 2 GiB) keep their tensors of 1 KiB or more in the output's
 *   own `<name>.onnx.data`, each at an offset aligned to 4096 (readers can map them).
 * - Everything goes to temporary names first (`OutputSet`); the written model is verified (every tensor's
 *   bytes exist where it says they are) before anything is renamed into place, and temporaries are removed on
 *   every error. No output path may be a file the command reads (compared by real path and device + inode).
 * - Write errors (full disk, read-only folder) are bad input: one line naming the file.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { BadInputError, messageOf } from '../errors.js';
import { dataTypeName, rawByteLength } from './dtype.js';
import { readTensorRange, type TensorInfo } from './read.js';
import { encodeModel, int64ToNumber, type GraphProto, type ModelProto, type TensorProto } from './schema.js';

/** Tensors smaller than this stay inside the .onnx file when data goes external. */
export const EXTERNAL_MIN_BYTES = 1024;
/** Above this many tensor bytes the model is written with external data. */
export const EXTERNAL_THRESHOLD_BYTES = 1_500_000_000;
/** External tensors start at multiples of this (a page: onnxruntime can map them instead of copying). */
export const EXTERNAL_ALIGNMENT = 4096;
/** Kept tensors are copied through a buffer of this size. */
const COPY_CHUNK_BYTES = 16 * 1024 * 1024;

/** A file system error as one line: what could not be done to which file, and why. */
export function writeError(file: string, err: unknown): BadInputError {
  if (err instanceof BadInputError) return err;
  const code = (err as NodeJS.ErrnoException).code;
  const why =
    code === 'ENOSPC'
      ? 'no space left on the device'
      : code === 'EACCES' || code === 'EPERM'
        ? 'permission denied'
        : code === 'EROFS'
          ? 'read-only file system'
          : code === 'EDQUOT'
            ? 'disk quota exceeded'
            : code === 'ENOTDIR'
              ? 'a part of the path is a file, not a folder'
              : messageOf(err);
  return new BadInputError(`${file}: cannot write (${why})`);
}

/** Writes `data` to `file` through a temporary name in the same folder, then renames it. */
export function writeFileAtomic(file: string, data: Uint8Array | string): void {
  const tmp = tempPathFor(file);
  try {
    fs.writeFileSync(tmp, data);
    fs.renameSync(tmp, file);
  } catch (err) {
    fs.rmSync(tmp, { force: true });
    throw writeError(file, err);
  }
}

/** The temporary name of `file` while this process writes it. */
export function tempPathFor(file: string): string {
  return path.join(path.dirname(file), `.${path.basename(file)}.tmp-${process.pid}`);
}

/** A tensor written in pieces. */
export interface TensorStream {
  write(chunk: Uint8Array): void;
  end(): TensorProto;
}

/** Where the tensors of a model being written go, one at a time. */
export interface TensorSink {
  /** A whole tensor. */
  add(name: string, dims: number[], dataType: number, bytes: Uint8Array): TensorProto;
  /** A tensor of `byteLength` bytes written in pieces. */
  begin(name: string, dims: number[], dataType: number, byteLength: number): TensorStream;
  /** An input tensor that stays as it is. */
  keep(info: TensorInfo): TensorProto;
}

/** Copies a proto's fields that describe the tensor (dims, type, doc), without its data. */
function header(t: TensorProto): TensorProto {
  const { rawData: _raw, externalData: _ext, dataLocation: _loc, ...rest } = t;
  return rest;
}

/**
 * Tensors kept in memory, in the .onnx itself. `keep` returns the input's own entry: an external one still
 * names the input's data file, which only a session opened next to the input resolves (sensitivity probes);
 * a model written to disk uses `FileSink`.
 */
export class MemorySink implements TensorSink {
  add(name: string, dims: number[], dataType: number, bytes: Uint8Array): TensorProto {
    return { name, dims, dataType, rawData: bytes };
  }

  begin(name: string, dims: number[], dataType: number, byteLength: number): TensorStream {
    const bytes = new Uint8Array(byteLength);
    let at = 0;
    return {
      write: (chunk) => {
        bytes.set(chunk, at);
        at += chunk.byteLength;
      },
      end: () => {
        if (at !== byteLength) throw new Error(`tensor '${name}': ${at} of ${byteLength} bytes written`);
        return { name, dims, dataType, rawData: bytes };
      },
    };
  }

  keep(info: TensorInfo): TensorProto {
    return info.proto;
  }
}

/**
 * Tensors for a model written to disk. With a data file, tensors of at least `EXTERNAL_MIN_BYTES` are
 * appended to it (aligned) as they come and the proto names the output's own data file; without one, every
 * tensor stays in the .onnx (kept external tensors are read in, so the output never names the input's file).
 */
export class FileSink implements TensorSink {
  private fd: number | null = null;
  private offset = 0;
  private readonly copyBuffer: { bytes: Uint8Array | null } = { bytes: null };

  /**
   * @param data the temporary path the data file is written to, the name the model refers to it by
   *   (`location`, relative to the model's folder), and the final path (for messages); null: no data file.
   */
  constructor(readonly data: { tmp: string; location: string; final: string } | null) {
    if (data) {
      try {
        this.fd = fs.openSync(data.tmp, 'wx');
      } catch (err) {
        throw writeError(data.final, err);
      }
    }
  }

  /** Bytes of the data file so far. */
  get dataBytes(): number {
    return this.offset;
  }

  private writeAt(bytes: Uint8Array): void {
    const d = this.data!;
    let done = 0;
    try {
      while (done < bytes.byteLength) done += fs.writeSync(this.fd!, bytes, done, bytes.byteLength - done, this.offset + done);
    } catch (err) {
      throw writeError(d.final, err);
    }
    this.offset += bytes.byteLength;
  }

  private align(): void {
    const pad = (EXTERNAL_ALIGNMENT - (this.offset % EXTERNAL_ALIGNMENT)) % EXTERNAL_ALIGNMENT;
    if (pad) this.writeAt(new Uint8Array(pad));
  }

  private external(t: TensorProto, offset: number, length: number): TensorProto {
    return {
      ...header(t),
      dataLocation: 1,
      externalData: [
        { key: 'location', value: this.data!.location },
        { key: 'offset', value: String(offset) },
        { key: 'length', value: String(length) },
      ],
    };
  }

  add(name: string, dims: number[], dataType: number, bytes: Uint8Array): TensorProto {
    if (!this.data || bytes.byteLength < EXTERNAL_MIN_BYTES) return { name, dims, dataType, rawData: bytes };
    this.align();
    const at = this.offset;
    this.writeAt(bytes);
    return this.external({ name, dims, dataType }, at, bytes.byteLength);
  }

  begin(name: string, dims: number[], dataType: number, byteLength: number): TensorStream {
    if (!this.data || byteLength < EXTERNAL_MIN_BYTES) return new MemorySink().begin(name, dims, dataType, byteLength);
    this.align();
    const at = this.offset;
    return {
      write: (chunk) => this.writeAt(chunk),
      end: () => {
        if (this.offset - at !== byteLength) throw new Error(`tensor '${name}': ${this.offset - at} of ${byteLength} bytes written`);
        return this.external({ name, dims, dataType }, at, byteLength);
      },
    };
  }

  keep(info: TensorInfo): TensorProto {
    const t = info.proto;
    if (info.storage.kind === 'typed' || info.byteLength === 0) return t;
    if (info.storage.kind === 'raw' && (!this.data || info.byteLength < EXTERNAL_MIN_BYTES)) return t;
    if (!this.data || info.byteLength < EXTERNAL_MIN_BYTES) {
      // An external input tensor that stays inside this (small) output.
      return { ...header(t), rawData: readTensorRange(info, 0, info.byteLength).slice() };
    }
    const stream = this.begin(t.name, info.dims, t.dataType, info.byteLength);
    const chunk = Math.min(COPY_CHUNK_BYTES, info.byteLength);
    if (!this.copyBuffer.bytes || this.copyBuffer.bytes.byteLength < chunk) this.copyBuffer.bytes = new Uint8Array(chunk);
    for (let at = 0; at < info.byteLength; at += chunk) {
      const n = Math.min(chunk, info.byteLength - at);
      stream.write(readTensorRange(info, at, n, this.copyBuffer.bytes));
    }
    return { ...stream.end(), ...keptFields(t) };
  }

  /**
   * Closes the data file. No fsync: the set is safe against a killed process (nothing is renamed before
   * it is whole), not against a power cut, and flushing a gigabyte would cost seconds.
   */
  close(): void {
    if (this.fd === null) return;
    const fd = this.fd;
    this.fd = null;
    try {
      fs.closeSync(fd);
    } catch (err) {
      throw writeError(this.data!.final, err);
    }
  }

  /** Closes without flushing (on an error path). */
  abandon(): void {
    if (this.fd !== null) fs.closeSync(this.fd);
    this.fd = null;
  }
}

/** Fields of a kept tensor that a copy must carry over besides dims and type. */
function keptFields(t: TensorProto): Partial<TensorProto> {
  return t.docString ? { docString: t.docString } : {};
}

/** Every initializer of a graph and of its subgraphs (If/Loop/Scan bodies). */
export function allInitializers(graph: GraphProto): TensorProto[] {
  const out: TensorProto[] = [];
  const stack: GraphProto[] = [graph];
  while (stack.length > 0) {
    const g = stack.pop()!;
    out.push(...g.initializer);
    for (const node of g.node) {
      for (const a of node.attribute ?? []) {
        if (a.g) stack.push(a.g);
        for (const sub of a.graphs ?? []) stack.push(sub);
      }
    }
  }
  return out;
}

/**
 * Checks a model about to be written: every tensor's bytes are where it says, in the .onnx or at offsets
 * that exist in the output's own data file (`dataFile`: the location it is referred to by, and the bytes
 * written). Throws a one-line BadInputError naming `file` and the tensor.
 */
export function verifyWrittenModel(file: string, model: ModelProto, dataFile: { location: string; bytes: number } | null): void {
  for (const t of allInitializers(model.graph!)) {
    const dims = t.dims.map((d) => int64ToNumber(d));
    const numel = dims.reduce((a, d) => a * d, 1);
    const expected = rawByteLength(t.dataType, numel);
    const isExternal = t.dataLocation === 1 || (t.externalData?.length ?? 0) > 0;
    if (!isExternal) {
      const raw = t.rawData?.byteLength ?? 0;
      if (raw > 0 && expected !== undefined && raw !== expected) {
        throw new BadInputError(
          `${file}: written tensor '${t.name}' has ${raw} bytes but its shape [${dims.join(', ')}] of ${dataTypeName(t.dataType)} needs ${expected}`,
        );
      }
      continue;
    }
    const entries = new Map((t.externalData ?? []).map((e) => [e.key, e.value]));
    const location = entries.get('location') ?? '';
    const offset = Number(entries.get('offset') ?? '0');
    const length = Number(entries.get('length') ?? String(expected));
    if (!dataFile || location !== dataFile.location) {
      throw new BadInputError(`${file}: written tensor '${t.name}' refers to '${location}', which is not this model's own data file`);
    }
    if (!Number.isSafeInteger(offset) || !Number.isSafeInteger(length) || offset < 0 || offset + length > dataFile.bytes) {
      throw new BadInputError(
        `${file}: written tensor '${t.name}' reads bytes ${offset}..${offset + length} of '${location}', which has only ${dataFile.bytes}`,
      );
    }
    if (expected !== undefined && length !== expected) {
      throw new BadInputError(
        `${file}: written tensor '${t.name}' has ${length} bytes of external data but its shape [${dims.join(', ')}] of ${dataTypeName(t.dataType)} needs ${expected}`,
      );
    }
  }
}

/** A file the command reads: its real path and identity, so that no output can land on it. */
interface ReadFile {
  path: string;
  real: string;
  dev: number;
  ino: number;
}

function identify(file: string): ReadFile | null {
  try {
    const st = fs.statSync(file);
    return { path: file, real: fs.realpathSync(file), dev: st.dev, ino: st.ino };
  } catch {
    return null;
  }
}

/** The real path `file` would have: its folder's real path (as far as it exists) and its name. */
function realTarget(file: string): string {
  const abs = path.resolve(file);
  try {
    return fs.realpathSync(abs);
  } catch {
    const dir = path.dirname(abs);
    return dir === abs ? abs : path.join(realTarget(dir), path.basename(abs));
  }
}

/** Whether a process with this id is running (another writer's temporaries are left alone). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * The outputs of one command, written under temporary names and renamed into place together by `commit`,
 * in the order given there (the record that names the others last: a reader that finds it finds a complete
 * set). Temporaries are removed by `discard` on every error, and temporaries of earlier runs that were
 * killed (their process is gone) when the set is created.
 */
export class OutputSet {
  private readonly temps = new Map<string, string>();
  private readonly reads: ReadFile[];
  private createdDir: string | null = null;

  /**
   * @param dir the output folder (created when missing; removed again by `discard` if this set created it)
   * @param finals every path the command may write or remove, checked now against every file it reads
   * @param reads the files the command reads (the model and its external data files)
   */
  constructor(
    readonly dir: string,
    finals: string[],
    reads: string[],
    what = '--out',
  ) {
    this.reads = reads.map(identify).filter((r): r is ReadFile => r !== null);
    checkIsFolder(dir, what);
    for (const final of finals) this.checkNotRead(final, what);
    this.createdDir = makeFolder(dir, what);
    for (const final of finals) removeStaleTemps(final);
  }

  private checkNotRead(file: string, what: string): void {
    const real = realTarget(file);
    const id = identify(file);
    for (const r of this.reads) {
      if (r.real === real || (id && id.dev === r.dev && id.ino === r.ino)) {
        throw new BadInputError(`${r.path}: ${what} ${this.dir} would overwrite the input (${file} is this file)`);
      }
    }
  }

  /** The temporary path to write `final` to. */
  temp(final: string): string {
    let tmp = this.temps.get(final);
    if (!tmp) {
      tmp = tempPathFor(final);
      this.temps.set(final, tmp);
    }
    return tmp;
  }

  /**
   * Renames the temporaries into place: first removes `remove` (the previous set's record, so that no
   * reader takes a half-replaced set for a complete one, and files the new set no longer has), then renames
   * in `order`. (The crash-safety tests kill the process between two of these steps from outside:
   * tests/fixtures/kill-at-step.ts.)
   */
  commit(order: string[], remove: string[] = []): void {
    const steps: Array<() => void> = [
      ...remove.map((file) => () => fs.rmSync(file, { force: true })),
      ...order.map((final) => () => fs.renameSync(this.temps.get(final)!, final)),
    ];
    steps.forEach((step, i) => {
      try {
        step();
      } catch (err) {
        throw writeError(order[Math.max(0, i - remove.length)] ?? this.dir, err);
      }
    });
    this.temps.clear();
    this.createdDir = null;
  }

  /** Removes every temporary (and the output folder if this set created it and it is empty). */
  discard(): void {
    for (const tmp of this.temps.values()) fs.rmSync(tmp, { force: true });
    this.temps.clear();
    removeCreatedFolders(this.dir, this.createdDir);
    this.createdDir = null;
  }
}

/** A path that exists must be a folder (`what` names the option or key, for the message). */
function checkIsFolder(dir: string, what: string): void {
  let st: fs.Stats | null = null;
  try {
    st = fs.statSync(dir);
  } catch {
    st = null;
  }
  if (st && !st.isDirectory()) throw new BadInputError(`${dir}: ${what} must be a folder, and this is a file`);
}

/**
 * Creates the output folder `dir` (and its missing parents) unless it exists; returns the outermost folder
 * it created, or null. A file in the way, a file among its parents, a read-only or full file system: one
 * line naming the folder and the cause.
 */
export function makeFolder(dir: string, what: string): string | null {
  checkIsFolder(dir, what);
  try {
    return fs.mkdirSync(dir, { recursive: true }) ?? null;
  } catch (err) {
    throw writeError(dir, mkdirCause(dir, err));
  }
}

/** Removes the folders `makeFolder` created (`top` and those under it down to `dir`), innermost first, only while empty. */
export function removeCreatedFolders(dir: string, top: string | null): void {
  if (!top) return;
  let d = path.resolve(dir);
  const outer = path.resolve(top);
  for (;;) {
    try {
      fs.rmdirSync(d);
    } catch {
      break;
    }
    if (d === outer) break;
    d = path.dirname(d);
  }
}

/**
 * The real reason a recursive mkdir failed: Node reports ENOENT for a read-only or unwritable parent; the
 * first missing folder made on its own tells EROFS or EACCES.
 */
function mkdirCause(dir: string, err: unknown): unknown {
  let missing = path.resolve(dir);
  while (!fs.existsSync(path.dirname(missing)) && path.dirname(missing) !== missing) missing = path.dirname(missing);
  try {
    fs.mkdirSync(missing);
    fs.rmdirSync(missing);
    return err;
  } catch (cause) {
    return cause;
  }
}

/** Removes `.<name>.tmp-<pid>` files next to `final` left by a process that no longer runs. */
function removeStaleTemps(final: string): void {
  const dir = path.dirname(final);
  const prefix = `.${path.basename(final)}.tmp-`;
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return;
  }
  for (const name of names) {
    if (!name.startsWith(prefix)) continue;
    const pid = Number(name.slice(prefix.length));
    if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && !alive(pid)) fs.rmSync(path.join(dir, name), { force: true });
  }
}

/** Writes the encoded model to `tmp` (a temporary path), returning its bytes. */
export function writeModelFile(tmp: string, final: string, model: ModelProto): Uint8Array {
  let bytes: Uint8Array;
  try {
    bytes = encodeModel(model);
  } catch (err) {
    throw new BadInputError(`${final}: cannot encode the model (${messageOf(err)})`);
  }
  try {
    const fd = fs.openSync(tmp, 'wx');
    try {
      let done = 0;
      while (done < bytes.byteLength) done += fs.writeSync(fd, bytes, done, bytes.byteLength - done);
    } finally {
      fs.closeSync(fd);
    }
  } catch (err) {
    throw writeError(final, err);
  }
  return bytes;
}
