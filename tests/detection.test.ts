/**
 * Detection on generated models of every architecture, in every naming style: each labelled weight gets
 * the right category and block, and the sensitive flag agrees with the labels on at least 95%.
 */
import test from 'ava';
import { analyzeModel } from '../src/analyze/inventory.js';
import { isSensitive } from '../src/analyze/categories.js';
import { readModel } from '../src/onnx/read.js';
import type { Arch, Naming } from './fixtures/onnx-builder.js';
import { writeModel } from './helpers.js';

const ARCHS: Arch[] = ['llama', 'gpt2', 'bert', 'dit', 'phi3', 'vit', 't5'];
const NAMINGS: Naming[] = ['legacy', 'dynamo', 'stripped'];

for (const arch of ARCHS) {
  for (const naming of NAMINGS) {
    for (const blocks of [3, 4]) {
      test(`${arch}, ${naming} names, ${blocks} blocks: every weight's category and block`, (t) => {
        const built = writeModel({ arch, naming, blocks });
        const inv = analyzeModel(readModel(built.file));
        // Two stacks (T5's encoder and decoder) are numbered from their names; from structure alone only
        // the categories are, so block indices are checked where a single stack or names exist.
        const blocksKnown = !(arch === 't5' && naming === 'stripped');
        // Without names a Phi-3 is structurally a LLaMA (decomposed RMSNorm, gated MLP).
        if (blocksKnown) t.is(inv.architecture, naming === 'stripped' && arch === 'phi3' ? 'llama' : arch);
        if (blocksKnown) t.is(inv.numLayers, blocks);
        const wrong: string[] = [];
        let sensitiveAgree = 0;
        for (const [name, label] of built.labels) {
          const layer = inv.layers.find((l) => l.name === name);
          if (!layer) {
            wrong.push(`${label.module}: not in the inventory`);
            continue;
          }
          if (layer.sensitive === isSensitive(label.category)) sensitiveAgree++;
          if (layer.category !== label.category || (blocksKnown && layer.block !== label.layer)) {
            wrong.push(`${label.module}: ${layer.category}/${layer.block}, expected ${label.category}/${label.layer}`);
          }
        }
        t.deepEqual(wrong, []);
        t.true(sensitiveAgree / built.labels.size >= 0.95);
        // Every category the architecture has shows up.
        const expected = new Set([...built.labels.values()].map((l) => l.category));
        t.deepEqual(new Set(inv.layers.filter((l) => built.labels.has(l.name)).map((l) => l.category)), expected);
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

test('stripped names: module paths are null and the evidence is the structure', (t) => {
  const built = writeModel({ arch: 'bert', naming: 'stripped', blocks: 3 });
  const inv = analyzeModel(readModel(built.file));
  t.true(inv.layers.every((l) => l.module === null));
  t.true(inv.layers.filter((l) => l.category === 'attention' || l.category === 'mlp').every((l) => l.evidence === 'structure'));
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
