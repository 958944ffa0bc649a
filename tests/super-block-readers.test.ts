/**
 * Super-block layers as onnxruntime runs them, across the readers real exports have: MatMul on rank-3
 * activations, Gemm with transB, alpha, bias and beta, a weight read by two MatMuls, a weight read in If
 * branches; float32, float16 graphs, float16 and bfloat16 weights behind Casts, external data; K spanning
 * 192- and 256-value super-blocks. Each output equals the float model's with the weight replaced by the codes'
 * own dequantization; the quantized output planned again lists the layer with its plan bytes; the same input
 * gives the same bytes; and a model whose opset cannot run the scale nodes gets the plain layout.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import test from 'ava';
import * as ort from 'onnxruntime-node';
import { normalSamples } from '../src/eval/random.js';
import { dequantize } from '../src/quant/blockwise.js';
import { quantizeSuperBlocks } from '../src/quant/super-blocks.js';
import { DataType } from '../src/onnx/dtype.js';
import { fromFloat16Array, toFloat16Array } from '../src/onnx/float16.js';
import { AttributeType, encodeModel, type GraphProto, type ModelProto, type NodeProto, type TensorProto } from '../src/onnx/schema.js';
import { castWeights, toFloat16Graph } from './fixtures/float-types.js';
import { writeExternal } from './fixtures/external.js';
import { modelOutput, runCli, tempDir, writeModel } from './helpers.js';

const f32bytes = (a: Float32Array) => new Uint8Array(a.buffer.slice(a.byteOffset, a.byteOffset + a.byteLength));
const vi = (name: string, dims: Array<number | string>, elemType: number = DataType.FLOAT) => ({
  name,
  type: { tensorType: { elemType, shape: { dim: dims.map((d) => (typeof d === 'number' ? { dimValue: d } : { dimParam: d })) } } },
});
const init = (name: string, dims: number[], values: Float32Array): TensorProto => ({
  name,
  dims,
  dataType: DataType.FLOAT,
  rawData: f32bytes(values),
});
const fAttr = (name: string, f: number) => ({ name, type: AttributeType.FLOAT, f });
const iAttr = (name: string, i: number) => ({ name, type: AttributeType.INT, i });

interface Case {
  name: string;
  K: number;
  N: number;
  /** The weight as stored: [K, N] (MatMul, Gemm transB 0) or [N, K] (Gemm transB 1). */
  transB: boolean;
  model: (W: Float32Array) => ModelProto;
  feeds: () => Record<string, ort.Tensor>;
}

function model(graph: GraphProto, opset = 17): ModelProto {
  return { irVersion: 8, opsetImport: [{ domain: '', version: opset }], producerName: 'test', graph };
}

function matmul3(K: number, N: number): Case {
  return {
    name: `MatMul rank 3 K=${K}`,
    K,
    N,
    transB: false,
    model: (W) =>
      model({
        name: 'g',
        node: [{ input: ['A', 'w'], output: ['out'], name: 'proj/MatMul', opType: 'MatMul' }],
        initializer: [init('w', [K, N], W)],
        input: [vi('A', ['batch', 'seq', K])],
        output: [vi('out', ['batch', 'seq', N])],
      }),
    feeds: () => ({ A: new ort.Tensor('float32', normalSamples(2 * 5 * K, 91), [2, 5, K]) }),
  };
}

function gemm(K: number, N: number, transB: boolean, alpha: number, beta: number | null, transA = false): Case {
  const node = (): NodeProto => ({
    input: ['A', 'w', ...(beta !== null ? ['c'] : [])],
    output: ['out'],
    name: 'fc/Gemm',
    opType: 'Gemm',
    attribute: [
      fAttr('alpha', alpha),
      ...(beta !== null ? [fAttr('beta', beta)] : []),
      iAttr('transB', transB ? 1 : 0),
      iAttr('transA', transA ? 1 : 0),
    ],
  });
  return {
    name: `Gemm transA=${transA} transB=${transB} alpha=${alpha} beta=${beta} K=${K}`,
    K,
    N,
    transB,
    model: (W) =>
      model({
        name: 'g',
        node: [node()],
        initializer: [init('w', transB ? [N, K] : [K, N], W), ...(beta !== null ? [init('c', [N], normalSamples(N, 5))] : [])],
        input: [vi('A', transA ? [K, 3] : [3, K])],
        output: [vi('out', [3, N])],
      }),
    feeds: () => ({ A: new ort.Tensor('float32', normalSamples(3 * K, 92), transA ? [K, 3] : [3, K]) }),
  };
}

function shared(K: number, N: number): Case {
  return {
    name: `two MatMuls read one weight K=${K}`,
    K,
    N,
    transB: false,
    model: (W) =>
      model({
        name: 'g',
        node: [
          { input: ['A', 'w'], output: ['x'], name: 'a/MatMul', opType: 'MatMul' },
          { input: ['B', 'w'], output: ['y'], name: 'b/MatMul', opType: 'MatMul' },
          { input: ['x', 'y'], output: ['out'], name: 'add', opType: 'Add' },
        ],
        initializer: [init('w', [K, N], W)],
        input: [vi('A', [2, 4, K]), vi('B', [4, K])],
        output: [vi('out', [2, 4, N])],
      }),
    feeds: () => ({
      A: new ort.Tensor('float32', normalSamples(8 * K, 93), [2, 4, K]),
      B: new ort.Tensor('float32', normalSamples(4 * K, 94), [4, K]),
    }),
  };
}

function ifBranches(K: number, N: number): Case {
  const branch = (name: string, scale: number): GraphProto => ({
    name,
    node: [
      { input: ['A', 'w'], output: [`${name}_p`], name: `${name}/MatMul`, opType: 'MatMul' },
      { input: [`${name}_p`, `${name}_s`], output: [`${name}_out`], name: `${name}/Mul`, opType: 'Mul' },
    ],
    initializer: [init(`${name}_s`, [], Float32Array.of(scale))],
    input: [],
    output: [vi(`${name}_out`, [2, N])],
  });
  return {
    name: `If branches read one weight K=${K}`,
    K,
    N,
    transB: false,
    model: (W) =>
      model({
        name: 'g',
        node: [
          {
            input: ['cond'],
            output: ['out'],
            name: 'if',
            opType: 'If',
            attribute: [
              { name: 'then_branch', type: AttributeType.GRAPH, g: branch('then', 1) },
              { name: 'else_branch', type: AttributeType.GRAPH, g: branch('else', -2) },
            ],
          },
        ],
        initializer: [init('w', [K, N], W)],
        input: [vi('A', [2, K]), vi('cond', [], DataType.BOOL)],
        output: [vi('out', [2, N])],
      }),
    feeds: () => ({ A: new ort.Tensor('float32', normalSamples(2 * K, 95), [2, K]), cond: new ort.Tensor('bool', Uint8Array.of(0), []) }),
  };
}

function loopBody(K: number): Case {
  const body = (): GraphProto => ({
    name: 'body',
    node: [
      { input: ['cond_in'], output: ['cond_out'], name: 'body/Identity', opType: 'Identity' },
      { input: ['x_in', 'w'], output: ['p'], name: 'body/MatMul', opType: 'MatMul' },
      { input: ['p', 'norm'], output: ['x_out'], name: 'body/Mul', opType: 'Mul' },
    ],
    // Each pass keeps the activations' size (W is N(0,1)): the tolerance stays relative to the outputs.
    initializer: [init('norm', [], Float32Array.of(1 / Math.sqrt(K)))],
    input: [vi('iter', [], DataType.INT64), vi('cond_in', [], DataType.BOOL), vi('x_in', [2, K])],
    output: [vi('cond_out', [], DataType.BOOL), vi('x_out', [2, K])],
  });
  return {
    name: `Loop body reads a weight K=${K}`,
    K,
    N: K,
    transB: false,
    model: (W) =>
      model({
        name: 'g',
        node: [
          {
            input: ['trips', 'go', 'A'],
            output: ['out'],
            name: 'loop',
            opType: 'Loop',
            attribute: [{ name: 'body', type: AttributeType.GRAPH, g: body() }],
          },
        ],
        initializer: [
          init('w', [K, K], W),
          { name: 'trips', dims: [], dataType: DataType.INT64, rawData: new Uint8Array(BigInt64Array.of(3n).buffer) },
          { name: 'go', dims: [], dataType: DataType.BOOL, rawData: Uint8Array.of(1) },
        ],
        input: [vi('A', [2, K])],
        output: [vi('out', [2, K])],
      }),
    feeds: () => ({ A: new ort.Tensor('float32', normalSamples(2 * K, 96), [2, K]) }),
  };
}

type Variant = 'float32' | 'float16' | 'bfloat16' | 'external' | 'f16weights';

/** Rows [N, K] from the stored weight (values as stored, widened). */
function rowsOf(W: Float32Array, K: number, N: number, transB: boolean): Float32Array {
  if (transB) return W;
  const rows = new Float32Array(N * K);
  for (let k = 0; k < K; k++) for (let n = 0; n < N; n++) rows[n * K + k] = W[k * N + n]!;
  return rows;
}

function storedOf(rows: Float32Array, K: number, N: number, transB: boolean): Float32Array {
  if (transB) return rows;
  const W = new Float32Array(N * K);
  for (let k = 0; k < K; k++) for (let n = 0; n < N; n++) W[k * N + n] = rows[n * K + k]!;
  return W;
}

const bf16 = (x: Float32Array) => {
  const u = new Uint32Array(Float32Array.from(x).buffer);
  for (let i = 0; i < u.length; i++) u[i] = (u[i]! + 0x7fff + ((u[i]! >>> 16) & 1)) & 0xffff0000;
  return new Float32Array(u.buffer);
};

async function check(t: import('ava').ExecutionContext, c: Case, bits: 4 | 2, variant: Variant) {
  const { K, N, transB } = c;
  const W = normalSamples(K * N, 7);
  const dir = tempDir();
  let file = path.join(dir, 'm.onnx');
  const m = c.model(W);
  if (variant === 'float16') toFloat16Graph(m);
  if (variant === 'bfloat16') castWeights(m, DataType.BFLOAT16);
  if (variant === 'f16weights') castWeights(m, DataType.FLOAT16);
  if (variant === 'f16weights' || variant === 'bfloat16')
    for (const n of m.graph!.node)
      for (const a of n.attribute ?? []) if (a.g) for (const b of a.g.node) b.input = b.input.map((i) => (i === 'w' ? 'w_f32' : i));
  if (variant === 'external') file = writeExternal(m, dir, 'm.onnx', 'm.onnx.data', { alignment: 4096 });
  else fs.writeFileSync(file, encodeModel(m));
  const cwd = tempDir();
  const r = runCli(['quantize', file, '--bits', String(bits), '--super-blocks', '--no-keep-sensitive', '--out', 'out', '--json'], cwd);
  t.is(r.code, 0, r.stderr);
  if (r.code !== 0) return;
  const report = JSON.parse(r.stdout) as { output: string; bytes_planned: number; bytes_written: number };
  const plan = JSON.parse(fs.readFileSync(path.join(cwd, 'out', 'm.plan.json'), 'utf8')) as {
    layers: Array<{ name: string; bits: number; super_blocks?: boolean; bytes: number }>;
  };
  t.true(
    plan.layers.some((l) => l.super_blocks),
    JSON.stringify(plan.layers),
  );
  t.is(report.bytes_written, report.bytes_planned);
  const outFile = path.join(cwd, 'out', path.basename(report.output));
  const again = runCli(['plan', outFile, '--json']);
  t.is(again.code, 0, again.stderr);
  const replanned = JSON.parse(again.stdout) as {
    layers: Array<{ name: string; bytes: number; quantized?: { bits: number; block_size: number; symmetric: boolean } }>;
  };
  const sbLayer = plan.layers.find((l) => l.super_blocks)!;
  const q = replanned.layers.filter((l) => l.quantized);
  t.is(q.length, 1, JSON.stringify(replanned.layers.map((l) => [l.name, l.bytes])));
  t.is(q[0]?.bytes, sbLayer.bytes, 'replanned bytes');
  // Described as stored: each block has its own offset (the layer is not symmetric).
  t.deepEqual(q[0]?.quantized, { op: 'MatMulNBits', bits, block_size: bits === 4 ? 32 : 16, symmetric: false });
  // Same input, same bytes.
  const twice = runCli(['quantize', file, '--bits', String(bits), '--super-blocks', '--no-keep-sensitive', '--out', 'out2', '--json'], cwd);
  t.is(twice.code, 0, twice.stderr);
  t.true(
    Buffer.compare(fs.readFileSync(outFile), fs.readFileSync(path.join(cwd, 'out2', path.basename(report.output)))) === 0,
    'deterministic',
  );

  const storedValues =
    variant === 'float16'
      ? fromFloat16Array(toFloat16Array(W))
      : variant === 'bfloat16'
        ? bf16(W)
        : variant === 'f16weights'
          ? fromFloat16Array(toFloat16Array(W))
          : W;
  const half = variant === 'float16' || variant === 'bfloat16' || variant === 'f16weights';
  const back = dequantize(quantizeSuperBlocks(rowsOf(storedValues, K, N, transB), N, K, bits, { float16: half, magnitudeWeights: false }));
  let feeds = c.feeds();
  if (variant === 'float16') {
    const f16: Record<string, ort.Tensor> = {};
    const f32: Record<string, ort.Tensor> = {};
    for (const [k, v] of Object.entries(feeds)) {
      if (v.type === 'float32') {
        const h = toFloat16Array(v.data as Float32Array);
        f16[k] = new ort.Tensor('float16', h, v.dims);
        f32[k] = new ort.Tensor('float32', fromFloat16Array(h), v.dims);
      } else f16[k] = f32[k] = v;
    }
    feeds = f32;
    const want = await modelOutput(encodeModel(c.model(storedOf(back, K, N, transB))), feeds);
    const got = await modelOutput(path.join(cwd, 'out', path.basename(report.output)), f16);
    compare(t, got, want, 4e-3, `${c.name} INT${bits} ${variant}`);
    return;
  }
  const want = await modelOutput(encodeModel(c.model(storedOf(back, K, N, transB))), feeds);
  const got = await modelOutput(path.join(cwd, 'out', path.basename(report.output)), feeds);
  compare(t, got, want, half ? 4e-3 : 2e-5, `${c.name} INT${bits} ${variant}`);
}

function compare(t: import('ava').ExecutionContext, got: Float32Array, want: Float32Array, tol: number, what: string) {
  t.is(got.length, want.length);
  let worst = 0;
  let scale = 0;
  for (let i = 0; i < want.length; i++) {
    worst = Math.max(worst, Math.abs(got[i]! - want[i]!));
    scale = Math.max(scale, Math.abs(want[i]!));
  }
  t.log(`${what}: max |Δ| ${worst.toExponential(2)} of ${scale.toFixed(2)}`);
  t.true(worst <= scale * tol, `${what}: max |Δ| ${worst} of outputs up to ${scale}`);
}

const runs: Array<[Case, 4 | 2, Variant]> = [
  [matmul3(384, 24), 4, 'float32'],
  [matmul3(768, 16), 2, 'float16'],
  [matmul3(4096, 8), 4, 'external'],
  [gemm(384, 24, true, 1, null), 2, 'bfloat16'],
  [gemm(768, 24, true, 0.5, 2), 4, 'float32'],
  [gemm(512, 24, false, 1.5, 1), 2, 'f16weights'],
  [gemm(256, 24, false, 2, null), 4, 'float16'],
  [shared(512, 24), 4, 'f16weights'],
  [shared(512, 24), 2, 'float32'],
  [ifBranches(512, 24), 2, 'bfloat16'],
  [ifBranches(512, 24), 4, 'external'],
  [loopBody(256), 4, 'float32'],
  [loopBody(256), 2, 'float16'],
];
for (const [c, bits, v] of runs)
  test.serial(`${c.name}, INT${bits}, ${v}: onnxruntime computes the codes' dequantization`, async (t) => {
    await check(t, c, bits, v);
  });

test('a model of opset 9 (no Mod for the scale nodes) plans and quantizes its layers in the plain layout, with a warning', (t) => {
  const K = 256;
  const N = 16;
  const m = model(
    {
      name: 'g',
      node: [{ input: ['A', 'w'], output: ['out'], name: 'proj/MatMul', opType: 'MatMul' }],
      initializer: [init('w', [K, N], normalSamples(K * N, 3))],
      input: [vi('A', [2, K])],
      output: [vi('out', [2, N])],
    },
    9,
  );
  const dir = tempDir();
  const file = path.join(dir, 'old.onnx');
  fs.writeFileSync(file, encodeModel(m));
  const planned = runCli(['plan', file, '--bits', '4', '--super-blocks', '--no-keep-sensitive', '--json']);
  t.is(planned.code, 0, planned.stderr);
  t.regex(planned.stderr, /old\.onnx: super-blocks need opset 10 or later .*opset 9.* plain layout/);
  const plan = JSON.parse(planned.stdout) as { layers: Array<{ super_blocks?: boolean; symmetric: boolean | null; bytes: number }> };
  t.is(plan.layers[0]!.super_blocks, undefined);
  t.is(plan.layers[0]!.symmetric, true);
  const r = runCli(['quantize', file, '--bits', '4', '--super-blocks', '--no-keep-sensitive', '--out', path.join(dir, 'out'), '--json']);
  t.is(r.code, 0, r.stderr);
  const report = JSON.parse(r.stdout) as { bytes_written: number };
  t.is(report.bytes_written, plan.layers[0]!.bytes);
});

test('a plan asking super-blocks of an FP16 or unchanged layer is refused with exit 2, one line, nothing written', (t) => {
  const K = 256;
  const N = 16;
  const dir = tempDir();
  const file = path.join(dir, 'one.onnx');
  fs.writeFileSync(file, encodeModel(matmul3(K, N).model(normalSamples(K * N, 4))));
  for (const bits of [16, 32]) {
    const planned = runCli(['plan', file, '--bits', String(bits), '--super-blocks', '--no-keep-sensitive', '--json']);
    t.is(planned.code, 0, planned.stderr);
    const plan = JSON.parse(planned.stdout) as { layers: Array<{ bits: number; super_blocks?: boolean }> };
    t.is(plan.layers[0]!.bits, bits);
    plan.layers[0]!.super_blocks = true;
    const planFile = path.join(dir, `fp${bits}.plan.json`);
    fs.writeFileSync(planFile, JSON.stringify(plan));
    const out = path.join(dir, `out${bits}`);
    const r = runCli(['quantize', file, '--plan', planFile, '--out', out]);
    t.is(r.code, 2, r.stderr);
    t.regex(r.stderr, new RegExp(`layer 'w' cannot take super-blocks at ${bits} bits`));
    t.is(r.stderr.trim().split('\n').length, 1);
    t.false(fs.existsSync(out));
  }
});

test('a quantized tied table planned again keeps its bytes: the Reshape shape through which MatMulNBits reads its codes is its own', (t) => {
  const built = writeModel({ arch: 'gpt2', blocks: 1, naming: 'dynamo', hidden: 64, mlp: 128 });
  const cwd = tempDir();
  for (const flags of [
    ['--bits', '8'],
    ['--bits', '4', '--super-blocks'],
  ]) {
    const out = `out${flags.join('')}`;
    const r = runCli(['quantize', built.file, ...flags, '--no-keep-sensitive', '--out', out, '--json'], cwd);
    t.is(r.code, 0, r.stderr);
    const report = JSON.parse(r.stdout) as { output: string; bytes_written: number };
    const plan = JSON.parse(fs.readFileSync(path.join(cwd, out, 'model.plan.json'), 'utf8')) as {
      layers: Array<{ name: string; op: string; bits: number; bytes: number }>;
    };
    const again = runCli(['plan', path.resolve(cwd, report.output), '--json']);
    t.is(again.code, 0, again.stderr);
    const replanned = JSON.parse(again.stdout) as { totals: { bytes_before: number }; layers: Array<{ name: string; bytes: number }> };
    t.is(replanned.totals.bytes_before, report.bytes_written, flags.join(' '));
    // Every quantized layer (the tied table among them: read by Gather and by the head's MatMul) keeps its bytes.
    const quantized = plan.layers.filter((l) => l.bits <= 8);
    t.true(quantized.some((l) => l.op === 'Gather'));
    for (const l of quantized) {
      const found = replanned.layers.find((r) => r.name.startsWith(`${l.name}_Q`));
      t.is(found?.bytes, l.bytes, `${flags.join(' ')}: ${l.name}`);
    }
  }
});
