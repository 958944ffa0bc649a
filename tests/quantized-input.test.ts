/**
 * Already-quantized input: weights a model holds as DequantizeLinear → MatMul (QDQ, per-axis int8 or
 * blockwise int4), MatMulInteger, MatMulNBits or GatherBlockQuantized are layers with their category, block and
 * current format, their scales and zero points are not layers of their own, and a plan keeps them as they are.
 */
import test from 'ava';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as ort from 'onnxruntime-node';
import { analyzeModel } from '../src/analyze/inventory.js';
import { mergePlanConfig } from '../src/config/config.js';
import { DataType } from '../src/onnx/dtype.js';
import { readModel } from '../src/onnx/read.js';
import { encodeModel, type ModelProto, type TensorProto } from '../src/onnx/schema.js';
import { makePlan } from '../src/plan/plan.js';
import { assignmentsOf } from '../src/pipeline/quantize.js';
import { quantizeModel } from '../src/quant/rewrite.js';
import { feedsFor } from './fixtures/feeds.js';
import { buildModel } from './fixtures/onnx-builder.js';
import { tempDir } from './helpers.js';

/** Every MatMul weight [K, N] becomes int8 codes per output column read through DequantizeLinear (axis 1). */
function toQdq(model: ModelProto, asymmetric: boolean): Map<string, string> {
  const g = model.graph!;
  const byName = new Map(g.initializer.map((t) => [t.name, t]));
  const renamed = new Map<string, string>();
  const nodes = [];
  for (const node of g.node) {
    const w = node.opType === 'MatMul' ? byName.get(node.input[1] ?? '') : undefined;
    if (!w || w.dims.length !== 2) {
      nodes.push(node);
      continue;
    }
    const [K, N] = w.dims.map(Number) as [number, number];
    const values = new Float32Array(w.rawData!.slice().buffer);
    const scales = new Float32Array(N);
    for (let n = 0; n < N; n++) for (let k = 0; k < K; k++) scales[n] = Math.max(scales[n]!, Math.abs(values[k * N + n]!) / 127);
    const codes = new Int8Array(K * N).map((_, i) => Math.round(values[i]! / scales[i % N]!));
    const q: TensorProto = { name: `${w.name}_q`, dims: [K, N], dataType: DataType.INT8, rawData: new Uint8Array(codes.buffer) };
    const s: TensorProto = { name: `${w.name}_scale`, dims: [N], dataType: DataType.FLOAT, rawData: new Uint8Array(scales.buffer) };
    g.initializer.push(q, s);
    const inputs = [q.name, s.name];
    if (asymmetric) {
      g.initializer.push({ name: `${w.name}_zp`, dims: [N], dataType: DataType.INT8, rawData: new Uint8Array(N) });
      inputs.push(`${w.name}_zp`);
    }
    nodes.push({ input: inputs, output: [`${w.name}_dq`], opType: 'DequantizeLinear', attribute: [{ name: 'axis', type: 2, i: 1 }] });
    nodes.push({ ...node, input: [node.input[0]!, `${w.name}_dq`] });
    g.initializer = g.initializer.filter((t) => t !== w);
    renamed.set(q.name, w.name);
  }
  g.node = nodes;
  return renamed;
}

test('DequantizeLinear → MatMul weights (int8 per column) are layers with category, block and format; the plan keeps them', async (t) => {
  const built = buildModel({ arch: 'llama', naming: 'stripped', blocks: 2 });
  const renamed = toQdq(built.model, true);
  const file = path.join(tempDir(), 'qdq.onnx');
  fs.writeFileSync(file, encodeModel(built.model));
  const model = readModel(file);
  const inv = analyzeModel(model);
  t.is(inv.numLayers, 2);
  t.is(renamed.size, 15);
  for (const [codes, original] of renamed) {
    const layer = inv.layers.find((l) => l.name === codes)!;
    const label = built.labels.get(original)!;
    t.is(layer.category, label.category, original);
    t.is(layer.block, label.layer, original);
    t.deepEqual(layer.quantized, { op: 'DequantizeLinear', bits: 8, blockSize: null, symmetric: false });
    t.is(layer.op, 'MatMul');
    // Codes, scales and zero points: int8 [K, N] + float32 [N] + int8 [N].
    t.is(layer.bytes, layer.params + layer.shape[1]! * 5);
  }
  // Scales and zero points are part of their weight, not layers.
  t.false(inv.layers.some((l) => /_(scale|zp)$/.test(l.name)));
  const plan = makePlan(model, inv, mergePlanConfig({ policy: 'uniform', bits: 4 }));
  for (const p of plan.layers.filter((l) => renamed.has(l.name))) {
    t.is(p.bits, 32);
    t.is(p.reason, 'already INT8 (DequantizeLinear, asymmetric) → kept as it is');
  }
  // Quantizing leaves them alone, and the model still runs.
  const q = quantizeModel(model, inv, assignmentsOf(plan, 'rtn'));
  t.is(q.proto.graph!.node.filter((n) => n.opType === 'DequantizeLinear').length, 15);
  t.is(q.proto.graph!.node.filter((n) => n.opType === 'MatMulNBits').length, 0);
  const feeds = feedsFor(built.model.graph!.input);
  const before = await (await ort.InferenceSession.create(file)).run(feeds);
  const after = await (await ort.InferenceSession.create(encodeModel(q.proto))).run(feeds);
  t.deepEqual(after.logits!.dims, before.logits!.dims);
});

test('blockwise int4 DequantizeLinear and MatMulInteger weights report their bits, block and symmetry', (t) => {
  const built = buildModel({ arch: 'llama', naming: 'stripped', blocks: 1 });
  const g = built.model.graph!;
  const matmuls = g.node.filter((n) => n.opType === 'MatMul' && g.initializer.some((w) => w.name === n.input[1] && w.dims.length === 2));
  const [first, second] = matmuls as [(typeof matmuls)[number], (typeof matmuls)[number]];
  const dims = (name: string) => g.initializer.find((w) => w.name === name)!.dims.map(Number) as [number, number];
  // q_proj: int4 codes, blocks of 16 along K, symmetric (no zero point).
  const [K1, N1] = dims(first.input[1]!);
  g.initializer.push(
    { name: 'q4', dims: [K1, N1], dataType: DataType.INT4, rawData: new Uint8Array((K1 * N1) / 2) },
    { name: 'q4_scale', dims: [K1 / 16, N1], dataType: DataType.FLOAT, rawData: new Uint8Array((K1 / 16) * N1 * 4) },
  );
  g.node.unshift({
    input: ['q4', 'q4_scale'],
    output: ['q4_dq'],
    opType: 'DequantizeLinear',
    attribute: [
      { name: 'axis', type: 2, i: 0 },
      { name: 'block_size', type: 2, i: 16 },
    ],
  });
  first.input[1] = 'q4_dq';
  // k_proj: MatMulInteger on int8 codes with a weight zero point.
  const [K2, N2] = dims(second.input[1]!);
  g.initializer.push(
    { name: 'i8', dims: [K2, N2], dataType: DataType.INT8, rawData: new Uint8Array(K2 * N2) },
    { name: 'i8_zp', dims: [N2], dataType: DataType.INT8, rawData: new Uint8Array(N2) },
  );
  const activation = second.input[0]!;
  second.opType = 'MatMulInteger';
  second.input = [activation, 'i8', '', 'i8_zp'];
  const file = path.join(tempDir(), 'mixed.onnx');
  fs.writeFileSync(file, encodeModel(built.model));
  const inv = analyzeModel(readModel(file));
  const q4 = inv.layers.find((l) => l.name === 'q4')!;
  t.deepEqual(q4.quantized, { op: 'DequantizeLinear', bits: 4, blockSize: 16, symmetric: true });
  t.is(q4.category, 'attention');
  t.is(q4.block, 0);
  t.is(q4.bytes, (K1 * N1) / 2 + (K1 / 16) * N1 * 4);
  const i8 = inv.layers.find((l) => l.name === 'i8')!;
  t.deepEqual(i8.quantized, { op: 'MatMulInteger', bits: 8, blockSize: null, symmetric: false });
  t.is(i8.category, 'attention');
  t.is(i8.block, 0);
  t.false(inv.layers.some((l) => l.name === 'q4_scale' || l.name === 'i8_zp'));
});
