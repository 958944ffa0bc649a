/**
 * Detection on generated models of every architecture, in every naming style: each labelled weight gets
 * the right category and block, and no weight outside the labels (constants the exporter wrote: rotary
 * tables, masks, a norm's constant unit scale) is flagged sensitive unless a norm op reads it.
 */
import test from 'ava';
import { analyzeModel } from '../src/analyze/inventory.js';
import { readModel } from '../src/onnx/read.js';
import type { Arch, Naming } from './fixtures/onnx-builder.js';
import { writeModel } from './helpers.js';

const SEED_ARCHS: Arch[] = ['llama', 'gpt2', 'bert', 'dit', 'phi3', 'vit', 't5'];
const NEWER_ARCHS: Arch[] = [
  'qwen2',
  'mistral',
  'mixtral',
  'gemma',
  'falcon',
  'gpt-neox',
  'whisper',
  'swin',
  'deit',
  'sd-unet',
  'bert-ort',
  'gpt2-ort',
  'llama-genai',
  'llama-genai-int4',
  'llama-ort',
  'sd-ort',
];
const NAMINGS: Naming[] = ['legacy', 'dynamo', 'stripped'];

for (const arch of [...SEED_ARCHS, ...NEWER_ARCHS]) {
  for (const naming of NAMINGS) {
    for (const blocks of SEED_ARCHS.includes(arch) ? [3, 4] : [3]) {
      test(`${arch}, ${naming} names, ${blocks} blocks: every weight's category and block`, (t) => {
        const built = writeModel({ arch, naming, blocks });
        const inv = analyzeModel(readModel(built.file));
        // Without names a Phi-3 is structurally a LLaMA (decomposed RMSNorm, gated MLP).
        if (SEED_ARCHS.includes(arch)) t.is(inv.architecture, naming === 'stripped' && arch === 'phi3' ? 'llama' : arch);
        // Blocks counted from structure: a stack's length (Swin's across stages; the UNet has three).
        const labelledBlocks = Math.max(...[...built.labels.values()].map((l) => (l.layer ?? -1) + 1));
        t.is(inv.numLayers, labelledBlocks);
        const wrong: string[] = [];
        for (const [name, label] of built.labels) {
          const layer = inv.layers.find((l) => l.name === name);
          if (!layer) {
            wrong.push(`${label.module}: not in the inventory`);
            continue;
          }
          if (layer.category !== label.category || layer.block !== label.layer) {
            wrong.push(`${label.module}: ${layer.category}/${layer.block}, expected ${label.category}/${label.layer}`);
          }
        }
        t.deepEqual(wrong, []);
        // Constants are not parameters: flagged sensitive, they would be kept in FP16 for nothing.
        const flagged = inv.layers
          .filter((l) => !built.labels.has(l.name) && l.sensitive && l.role !== 'norm')
          .map((l) => `${l.name} (${l.op})`);
        t.deepEqual(flagged, []);
        // Every category the architecture has shows up.
        const categories = (list: Array<{ category: string }>) => [...new Set(list.map((l) => l.category))].sort();
        t.deepEqual(categories(inv.layers.filter((l) => built.labels.has(l.name))), categories([...built.labels.values()]));
      });
    }
  }
}

test('module paths come from node names (legacy) and node metadata (dynamo) when weights are renamed', (t) => {
  for (const naming of ['legacy', 'dynamo'] as const) {
    const built = writeModel({ arch: 'llama', naming, blocks: 2 });
    const inv = analyzeModel(readModel(built.file));
    const q = inv.layers.find((l) => l.module === 'model.layers.1.self_attn.q_proj');
    t.truthy(q, naming);
    t.regex(q!.name, naming === 'legacy' ? /^onnx::MatMul_\d+$/ : /^val_\d+$/);
  }
});

test('a tied embedding table read by Gather and, transposed, by the head is one embedding layer marked tied', (t) => {
  const built = writeModel({ arch: 'gpt2', naming: 'dynamo', blocks: 2 });
  const inv = analyzeModel(readModel(built.file));
  const wte = inv.layers.find((l) => l.name === 'transformer.wte.weight')!;
  t.true(wte.tied);
  t.is(wte.category, 'embedding');
  t.deepEqual(wte.uses.map((u) => u.op).sort(), ['Gather', 'MatMul']);
  t.true(wte.uses.find((u) => u.op === 'MatMul')!.transposed);
});

test("stripped names: module paths are null and the evidence is the structure (or the role: a bias is its op's)", (t) => {
  const built = writeModel({ arch: 'bert', naming: 'stripped', blocks: 3 });
  const inv = analyzeModel(readModel(built.file));
  t.true(inv.layers.every((l) => l.module === null));
  const projections = inv.layers.filter((l) => (l.category === 'attention' || l.category === 'mlp') && l.role !== 'bias');
  t.true(projections.length >= 18);
  t.true(projections.every((l) => l.evidence === 'structure'));
  t.true(inv.layers.filter((l) => l.role === 'bias').every((l) => l.evidence === 'role'));
});

for (const blocks of [32, 80]) {
  test(`llama with ${blocks} blocks, names stripped: blocks and depths are numbered from structure`, (t) => {
    const built = writeModel({ arch: 'llama', naming: 'stripped', blocks, hidden: 16, heads: 2, vocab: 32 });
    const inv = analyzeModel(readModel(built.file));
    t.is(inv.numLayers, blocks);
    for (const [name, label] of built.labels) {
      const layer = inv.layers.find((l) => l.name === name)!;
      t.is(layer.block, label.layer, label.module);
      t.is(layer.depth, label.layer === null ? null : label.layer / blocks);
    }
  });
}
