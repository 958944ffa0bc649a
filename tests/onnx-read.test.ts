/**
 * Reading ONNX: every storage form of a weight, and every bad input refused with one line that names the
 * file and the problem.
 */
import test from 'ava';
import * as fs from 'node:fs';
import fsModule from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import * as path from 'node:path';
import { BadInputError, Int64RangeError } from '../src/errors.js';
import { analyzeModel } from '../src/analyze/inventory.js';
import { mergePlanConfig } from '../src/config/config.js';
import { makePlan } from '../src/plan/plan.js';
import { DataType } from '../src/onnx/dtype.js';
import { readModel, readTensorBytes, readTensorFloat32 } from '../src/onnx/read.js';
import { decodeModel, encodeModel, int64ToNumber, type ModelProto, type TensorProto } from '../src/onnx/schema.js';
import { buildModel, normalSamples } from './fixtures/onnx-builder.js';
import { tempDir, writeModel } from './helpers.js';

/** A one-MatMul model whose weight `W` is stored as given. */
function matmulModel(weight: TensorProto): ModelProto {
  return {
    irVersion: 8,
    opsetImport: [{ domain: '', version: 17 }],
    graph: {
      name: 'g',
      node: [{ input: ['x', 'W'], output: ['y'], opType: 'MatMul', name: '/proj/MatMul' }],
      initializer: [weight],
      input: [{ name: 'x', type: { tensorType: { elemType: 1, shape: { dim: [{ dimValue: 1 }, { dimValue: 4 }] } } } }],
      output: [{ name: 'y', type: { tensorType: { elemType: 1, shape: { dim: [{ dimValue: 1 }, { dimValue: 2 }] } } } }],
    },
  };
}

function writeProto(dir: string, model: ModelProto, name = 'm.onnx'): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, encodeModel(model));
  return file;
}

const values = normalSamples(8, 7);
const raw = () => new Uint8Array(values.buffer.slice(0));

test('raw, typed and external storage give the same float32 values', (t) => {
  const dir = tempDir();
  fs.writeFileSync(path.join(dir, 'w.bin'), Buffer.concat([Buffer.alloc(16), Buffer.from(raw())]));
  const forms: TensorProto[] = [
    { name: 'W', dims: [4, 2], dataType: DataType.FLOAT, rawData: raw() },
    { name: 'W', dims: [4, 2], dataType: DataType.FLOAT, floatData: Array.from(values) },
    {
      name: 'W',
      dims: [4, 2],
      dataType: DataType.FLOAT,
      dataLocation: 1,
      externalData: [
        { key: 'location', value: 'w.bin' },
        { key: 'offset', value: '16' },
        { key: 'length', value: '32' },
      ],
    },
  ];
  for (const [i, w] of forms.entries()) {
    const model = readModel(writeProto(dir, matmulModel(w), `m${i}.onnx`));
    const info = model.initializers.get('W')!;
    t.deepEqual(Array.from(readTensorFloat32(info)), Array.from(values));
    t.is(info.byteLength, 32);
  }
});

test('float16 weights are widened exactly', (t) => {
  const built = writeModel({ arch: 'llama', naming: 'legacy', blocks: 1, float16: true });
  const model = readModel(built.file);
  const table = model.initializers.get('model.embed_tokens.weight')!;
  t.is(table.dataType, DataType.FLOAT16);
  t.is(table.byteLength, 64 * 32 * 2);
  const widened = readTensorFloat32(table);
  const reference = normalSamples(64 * 32, 1, 0.08);
  // float16 keeps 11 significant bits: the relative difference is below 2^-11.
  for (let i = 0; i < 50; i++) t.true(Math.abs(widened[i]! - reference[i]!) <= Math.abs(reference[i]!) * 2 ** -11 + 1e-7);
});

test('the model sha256 and byte count are those of the files', (t) => {
  const built = writeModel({ arch: 'gpt2', naming: 'dynamo', blocks: 1 });
  const model = readModel(built.file);
  t.is(model.bytes, fs.statSync(built.file).size);
  t.regex(model.sha256, /^[0-9a-f]{64}$/);
  t.is(readModel(built.file).sha256, model.sha256);
});

function rejects(t: import('ava').ExecutionContext, file: string, pattern: RegExp): void {
  const err = t.throws(() => readModel(file), { instanceOf: BadInputError });
  t.regex(err.message, pattern);
  t.true(err.message.startsWith(file), 'the message names the file');
  t.false(err.message.includes('\n'), 'one line');
}

test('a truncated file is refused', (t) => {
  const built = writeModel({ arch: 'llama', naming: 'legacy', blocks: 1 });
  const cut = path.join(built.dir, 'cut.onnx');
  fs.writeFileSync(cut, built.bytes.subarray(0, Math.floor(built.bytes.length / 2)));
  rejects(t, cut, /not a valid ONNX model/);
});

test('random bytes are refused', (t) => {
  const dir = tempDir();
  const file = path.join(dir, 'noise.onnx');
  const noise = new Uint8Array(4096);
  let x = 12345;
  for (let i = 0; i < noise.length; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    noise[i] = x >>> 24;
  }
  fs.writeFileSync(file, noise);
  rejects(t, file, /not a valid ONNX model/);
});

test('an empty or missing file is refused', (t) => {
  const dir = tempDir();
  fs.writeFileSync(path.join(dir, 'empty.onnx'), '');
  rejects(t, path.join(dir, 'empty.onnx'), /empty file/);
  rejects(t, path.join(dir, 'absent.onnx'), /file not found/);
});

test('missing external data is refused', (t) => {
  const dir = tempDir();
  const file = writeProto(
    dir,
    matmulModel({
      name: 'W',
      dims: [4, 2],
      dataType: DataType.FLOAT,
      dataLocation: 1,
      externalData: [{ key: 'location', value: 'gone.bin' }],
    }),
  );
  rejects(t, file, /external data file 'gone.bin' of tensor 'W' is missing/);
});

test('external data pointing outside the model folder is refused, also through a symbolic link', (t) => {
  const dir = tempDir();
  const inner = path.join(dir, 'model');
  fs.mkdirSync(inner);
  fs.writeFileSync(path.join(dir, 'secret.bin'), Buffer.alloc(32));
  const escape = writeProto(
    inner,
    matmulModel({
      name: 'W',
      dims: [4, 2],
      dataType: DataType.FLOAT,
      dataLocation: 1,
      externalData: [{ key: 'location', value: '../secret.bin' }],
    }),
    'escape.onnx',
  );
  rejects(t, escape, /points outside the model's folder/);
  const absolute = writeProto(
    inner,
    matmulModel({
      name: 'W',
      dims: [4, 2],
      dataType: DataType.FLOAT,
      dataLocation: 1,
      externalData: [{ key: 'location', value: '/etc/passwd' }],
    }),
    'absolute.onnx',
  );
  rejects(t, absolute, /absolute path/);
  fs.symlinkSync(path.join(dir, 'secret.bin'), path.join(inner, 'link.bin'));
  const linked = writeProto(
    inner,
    matmulModel({
      name: 'W',
      dims: [4, 2],
      dataType: DataType.FLOAT,
      dataLocation: 1,
      externalData: [{ key: 'location', value: 'link.bin' }],
    }),
    'linked.onnx',
  );
  rejects(t, linked, /links outside the model's folder/);
});

test('a tensor whose byte length disagrees with its shape is refused', (t) => {
  const dir = tempDir();
  const short = writeProto(
    dir,
    matmulModel({ name: 'W', dims: [4, 2], dataType: DataType.FLOAT, rawData: raw().subarray(0, 28) }),
    'short.onnx',
  );
  rejects(t, short, /tensor 'W' has 28 bytes but its shape \[4, 2\] of float needs 32/);
  fs.writeFileSync(path.join(dir, 'w.bin'), Buffer.alloc(64));
  const ext = writeProto(
    dir,
    matmulModel({
      name: 'W',
      dims: [4, 2],
      dataType: DataType.FLOAT,
      dataLocation: 1,
      externalData: [
        { key: 'location', value: 'w.bin' },
        { key: 'length', value: '40' },
      ],
    }),
    'ext.onnx',
  );
  rejects(t, ext, /40 bytes of external data but its shape \[4, 2\] of float needs 32/);
  const beyond = writeProto(
    dir,
    matmulModel({
      name: 'W',
      dims: [4, 2],
      dataType: DataType.FLOAT,
      dataLocation: 1,
      externalData: [
        { key: 'location', value: 'w.bin' },
        { key: 'offset', value: '48' },
      ],
    }),
    'beyond.onnx',
  );
  rejects(t, beyond, /reads bytes 48\.\.80 of 'w.bin', which has only 64/);
  const typed = writeProto(dir, matmulModel({ name: 'W', dims: [4, 2], dataType: DataType.FLOAT, floatData: [1, 2, 3] }), 'typed.onnx');
  rejects(t, typed, /tensor 'W' has 3 values but its shape \[4, 2\] needs 8/);
});

test('planning reads shapes, not weights: the external data file is never opened', (t) => {
  const built = buildModel({ arch: 'llama', naming: 'legacy', blocks: 1 });
  const dir = tempDir();
  let offset = 0;
  const chunks: Uint8Array[] = [];
  for (const init of built.model.graph!.initializer) {
    if (init.dataType !== DataType.FLOAT) continue;
    const bytes = init.rawData!;
    chunks.push(bytes);
    init.externalData = [
      { key: 'location', value: 'weights.bin' },
      { key: 'offset', value: String(offset) },
      { key: 'length', value: String(bytes.length) },
    ];
    init.dataLocation = 1;
    init.rawData = new Uint8Array(0);
    offset += bytes.length;
  }
  const file = writeProto(dir, built.model);
  const weights = path.join(dir, 'weights.bin');
  fs.writeFileSync(weights, Buffer.concat(chunks));

  // Count every open of the weights file while planning.
  const opened: string[] = [];
  const { openSync, readFileSync } = fsModule;
  fsModule.openSync = (p: fs.PathLike, ...rest: unknown[]) => {
    opened.push(String(p));
    return (openSync as (...a: unknown[]) => number)(p, ...rest);
  };
  fsModule.readFileSync = ((p: fs.PathOrFileDescriptor, ...rest: unknown[]) => {
    opened.push(String(p));
    return (readFileSync as (...a: unknown[]) => unknown)(p, ...rest);
  }) as typeof fs.readFileSync;
  syncBuiltinESMExports();
  try {
    const model = readModel(file);
    const plan = makePlan(model, analyzeModel(model), mergePlanConfig());
    t.true(plan.layers.length > 5);
    t.is(model.bytes, fs.statSync(file).size + offset);
    t.false(
      opened.some((p) => p.endsWith('weights.bin')),
      opened.join(', '),
    );
    // Reading a weight does open it, so the spy works.
    readTensorFloat32([...model.initializers.values()].find((i) => i.storage.kind === 'external')!);
    t.true(opened.some((p) => p.endsWith('weights.bin')));
  } finally {
    fsModule.openSync = openSync;
    fsModule.readFileSync = readFileSync;
    syncBuiltinESMExports();
  }
});

test('int64 counts beyond 2^53 are refused, not rounded; int64 tensor data keeps every value exactly', (t) => {
  // Encoded from decimal strings (protobufjs takes them for int64), decoded back as Long values.
  const model = matmulModel({ name: 'W', dims: [4, 2], dataType: DataType.FLOAT, rawData: raw() });
  const longs = (texts: string[]) => {
    const m = structuredClone(model);
    m.graph!.initializer[0]!.dims = texts as unknown as number[];
    return decodeModel(encodeModel(m)).graph!.initializer[0]!.dims;
  };
  const [max, min, over, under] = longs(['9007199254740991', '-9007199254740991', '9007199254740993', '-9007199254740993']);
  t.is(int64ToNumber(max), Number.MAX_SAFE_INTEGER);
  t.is(int64ToNumber(min), Number.MIN_SAFE_INTEGER);
  t.throws(() => int64ToNumber(over), { instanceOf: Int64RangeError, message: /int64 value 9007199254740993 is beyond/ });
  t.throws(() => int64ToNumber(under), { instanceOf: Int64RangeError, message: /int64 value -9007199254740993 is beyond/ });
  t.throws(() => int64ToNumber(2 ** 53), { instanceOf: Int64RangeError });
  t.is(int64ToNumber(undefined), 0);

  const dir = tempDir();
  const huge = structuredClone(model);
  huge.graph!.initializer[0]!.dims = ['9007199254740993', '2'] as unknown as number[];
  rejects(t, writeProto(dir, huge, 'huge.onnx'), /huge\.onnx: tensor 'W' dim: int64 value 9007199254740993 is beyond/);

  // A Slice's ends constant stored as int64_data: INT64_MAX survives to the raw bytes.
  const ends = structuredClone(model);
  ends.graph!.initializer.push({
    name: 'ends',
    dims: [2],
    dataType: DataType.INT64,
    int64Data: ['9223372036854775807', '-5'] as unknown as number[],
  });
  const info = readModel(writeProto(dir, ends, 'ends.onnx')).initializers.get('ends')!;
  t.deepEqual([...new BigInt64Array(readTensorBytes(info).slice().buffer)], [9223372036854775807n, -5n]);
});
