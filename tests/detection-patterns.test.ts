/**
 * One test per structural pattern detection must see without names (issue 12). Each builds a fixture, strips
 * it strictly (every initializer, node and intermediate value renamed; value_info and metadata dropped) and
 * checks the category and block of the weights that make the pattern.
 */
import test from 'ava';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyzeModel } from '../src/analyze/inventory.js';
import type { Inventory } from '../src/analyze/types.js';
import { encodeModel, type ModelProto } from '../src/onnx/schema.js';
import { buildModel, type Arch, type BuiltModel, type Label } from './fixtures/onnx-builder.js';
import { readStripped } from './fixtures/score.js';
import { tempDir } from './helpers.js';

interface Stripped {
  inv: Inventory;
  /** Labelled module path → the layers (original names) of that module. */
  labels: Map<string, Label>;
  /** Original name → its layer in the inventory. */
  layer(name: string): Inventory['layers'][number] | undefined;
}

function stripped(built: BuiltModel, edit?: (m: ModelProto) => void): Stripped {
  if (edit) edit(built.model);
  const file = path.join(tempDir(), 'model.onnx');
  fs.writeFileSync(file, edit ? encodeModel(built.model) : built.bytes);
  const { model, renamed } = readStripped(file);
  const inv = analyzeModel(model);
  const byOriginal = new Map(inv.layers.map((l) => [renamed.get(l.name) ?? l.name, l]));
  return { inv, labels: built.labels, layer: (name) => byOriginal.get(name) };
}

/** Every labelled weight whose module matches `modules` has its labelled category and block. */
function expectPattern(t: import('ava').ExecutionContext, s: Stripped, modules: RegExp, min = 1): void {
  const wrong: string[] = [];
  let checked = 0;
  for (const [name, label] of s.labels) {
    if (!modules.test(label.module)) continue;
    checked++;
    const l = s.layer(name);
    if (!l || l.category !== label.category || l.block !== label.layer) {
      wrong.push(`${label.module}: ${l ? `${l.category}/${l.block}` : 'missing'}, expected ${label.category}/${label.layer}`);
    }
  }
  t.true(checked >= min, `only ${checked} weights match ${modules}`);
  t.deepEqual(wrong, []);
}

const build = (arch: Arch, blocks = 3) => buildModel({ arch, naming: 'dynamo', blocks });

test('stem: an audio stem of two Convs and an added position table are embeddings outside the blocks (Whisper)', (t) => {
  expectPattern(t, stripped(build('whisper')), /^model\.encoder\.(conv\d|embed_positions)$/, 5);
});

test('stem: a patch Conv whose bias is the same tensor as a norm bias keeps it as the Conv bias (ViT)', (t) => {
  const built = build('vit');
  const s = stripped(built, (m) => {
    // The legacy exporter de-duplicates identical tensors (zero biases) and reads them through Identity.
    const g = m.graph!;
    const conv = g.node.find((n) => n.opType === 'Conv')!;
    const norm = g.node.find((n) => n.opType === 'LayerNormalization')!;
    const dropped = norm.input[2]!;
    g.initializer = g.initializer.filter((x) => x.name !== dropped);
    g.node.unshift({ input: [conv.input[2]!], output: ['shared_bias'], opType: 'Identity', attribute: [] });
    norm.input[2] = 'shared_bias';
    built.labels.delete(dropped);
  });
  expectPattern(t, s, /patch_embeddings\.projection$/, 2);
});

test('stem: the timestep MLP behind Sin/Cos is an embedding, its per-block projections modulation, conv_in the stem (UNet)', (t) => {
  expectPattern(t, stripped(build('sd-unet')), /^(time_embedding\.|conv_in$)|time_emb_proj$/, 10);
});

test('stem: class token, distillation token and position table added before the first block are embeddings (DeiT)', (t) => {
  expectPattern(t, stripped(build('deit')), /^deit\.embeddings/, 5);
});

test('grouped-query attention: k and v through repeat_kv and a KV cache are attention (Qwen2, Mistral)', (t) => {
  for (const arch of ['qwen2', 'mistral'] as const) expectPattern(t, stripped(build(arch)), /self_attn\.(k|v)_proj$/, 6);
});

test('grouped-query attention in a Mixture-of-Experts model: the router is found, experts are MLP (Mixtral)', (t) => {
  expectPattern(t, stripped(build('mixtral')), /self_attn|block_sparse_moe/, 40);
});

test('fused qkv split on the head axis with multi-query, and in parallel with the MLP (Falcon)', (t) => {
  expectPattern(t, stripped(build('falcon')), /^transformer\.h\.\d+\./, 15);
});

test("fused qkv with GPT-NeoX's interleaved heads and a parallel residual", (t) => {
  expectPattern(t, stripped(build('gpt-neox')), /^gpt_neox\.layers\.\d+\./, 30);
});

test('output projection reached through window reversal, a cyclic shift and reshapes (Swin)', (t) => {
  expectPattern(t, stripped(build('swin', 2)), /attention\.output\.dense$|relative_position_bias_table$/, 12);
});

test('Gemma: (1 + weight) RMSNorms are norms, the scaled table is the embedding and the tied head', (t) => {
  const s = stripped(build('gemma'));
  expectPattern(t, s, /layernorm$|^model\.norm$|embed_tokens$/, 8);
  t.true(s.inv.layers.find((l) => l.category === 'embedding')!.tied);
});

test('two heads averaged are both heads (DeiT)', (t) => {
  expectPattern(t, stripped(build('deit')), /classifier$/, 4);
});

test('encoder–decoder: two stacks numbered from 0, the encoder feeding the cross-attention (T5, Whisper)', (t) => {
  for (const arch of ['t5', 'whisper'] as const) {
    const s = stripped(build(arch));
    t.deepEqual(
      s.inv.stacks.map((x) => x.role),
      ['encoder', 'decoder'],
      arch,
    );
    t.is(s.inv.numLayers, 3);
    expectPattern(t, s, /(EncDecAttention|encoder_attn)\./, 12);
    expectPattern(t, s, /layer_norm$|^model\.(en|de)coder\.layer_norm$/, 6);
  }
});

test('every Conv of a UNet is categorized: stem, ResNet and sampling convs, 1×1 projections, the output conv', (t) => {
  expectPattern(t, stripped(build('sd-unet')), /conv|proj_in|proj_out/, 40);
});

test('onnxruntime-optimized BERT: EmbedLayerNormalization, packed Attention, SkipLayerNormalization biases, BiasGelu', (t) => {
  expectPattern(t, stripped(build('bert-ort')), /.*/, 40);
});

test('onnxruntime-optimized GPT-2: causal Attention, SkipLayerNormalization chains, FastGelu, tied head', (t) => {
  expectPattern(t, stripped(build('gpt2-ort')), /.*/, 30);
});

test('onnxruntime-genai LLaMA: SimplifiedLayerNormalization, GroupQueryAttention, in float and with MatMulNBits', (t) => {
  for (const arch of ['llama-genai', 'llama-genai-int4'] as const) expectPattern(t, stripped(build(arch)), /.*/, 28);
});

test('onnxruntime-optimized LLaMA with RotaryEmbedding and MultiHeadAttention, and UNet blocks with BiasAdd', (t) => {
  for (const arch of ['llama-ort', 'sd-ort'] as const) expectPattern(t, stripped(build(arch)), /.*/, 28);
});
