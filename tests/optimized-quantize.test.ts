/**
 * Graphs from onnxruntime's tools are planned and quantized: every plain MatMul becomes MatMulNBits, the
 * weights only a fused op reads (the packed q/k/v of com.microsoft Attention, EmbedLayerNormalization's
 * tables) stay float with the reason in the plan, weights already in MatMulNBits / GatherBlockQuantized are
 * kept as they are, and the written model runs in onnxruntime close to the original.
 */
import test from 'ava';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyzeModel } from '../src/analyze/inventory.js';
import { mergePlanConfig } from '../src/config/config.js';
import { readModel } from '../src/onnx/read.js';
import { encodeModel } from '../src/onnx/schema.js';
import { makePlan } from '../src/plan/plan.js';
import { assignmentsOf } from '../src/pipeline/quantize.js';
import { quantizeModel } from '../src/quant/rewrite.js';
import { feedsFor } from './fixtures/feeds.js';
import { withoutBiasAdd } from './fixtures/families/optimized.js';
import { buildModel, type Arch } from './fixtures/onnx-builder.js';
import { outputCosine, tempDir } from './helpers.js';

for (const arch of ['bert-ort', 'gpt2-ort', 'llama-genai', 'llama-genai-int4', 'llama-ort', 'sd-ort'] as Arch[]) {
  test(`${arch}: planned and quantized (INT8 everywhere it can), the written model runs close to the original`, async (t) => {
    const built = buildModel({ arch, naming: 'legacy', blocks: 2 });
    const file = path.join(tempDir(), 'model.onnx');
    fs.writeFileSync(file, encodeModel(withoutBiasAdd(built.model)));
    const model = readModel(file);
    const inv = analyzeModel(model);
    const plan = makePlan(model, inv, mergePlanConfig({ policy: 'uniform', bits: 8 }));
    const byName = new Map(plan.layers.map((l) => [l.name, l]));
    for (const layer of inv.layers) {
      const p = byName.get(layer.name)!;
      if (layer.quantized) {
        t.is(p.bits, 32, layer.name);
        t.regex(p.reason, /^already INT4 \((MatMulNBits|GatherBlockQuantized), block 16\) → kept as it is$/);
      } else if (layer.role === 'fused') {
        t.is(p.bits, 16, layer.name);
        if (!layer.sensitive) t.regex(p.reason, /fused Attention op \(no integer form is written for it\)/);
      } else if (layer.role === 'matmul' && !layer.sensitive) {
        t.is(p.bits, 8, layer.name);
      }
    }
    const quantized = quantizeModel(model, inv, assignmentsOf(plan, 'rtn'));
    const written = quantized.proto.graph!.node.filter((n) => n.opType === 'MatMulNBits').length;
    const expected =
      plan.layers.filter((l) => l.bits === 8 && l.op === 'MatMul').length +
      inv.layers.filter((l) => l.quantized?.op === 'MatMulNBits').length;
    t.true(written > 0);
    t.is(written, expected);
    const c = await outputCosine(file, encodeModel(quantized.proto), feedsFor(built.model.graph!.input));
    t.log(`${arch}: cosine ${c.toFixed(5)}, ${written} MatMulNBits`);
    t.true(arch === 'llama-genai-int4' ? c > 0.999999 : c > 0.98, `cosine ${c}`);
  });
}
