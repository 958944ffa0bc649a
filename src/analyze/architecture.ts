/**
 * The model's architecture family, from the class the dynamo exporter records, then from module paths,
 * then from structure (norm style, gated MLP, modulation, patch embedder).
 */
import type { GraphIndex } from './graph.js';
import type { Layer, Stack } from './types.js';
import { rootClassOf } from './names.js';

const FAMILY_ALIASES: Record<string, string> = { gpt_neox: 'gpt-neox', phi3: 'phi3', qwen2: 'qwen2' };

export function detectArchitecture(g: GraphIndex, layers: Layer[], stacks: Stack[] = []): string {
  for (const node of g.nodes) {
    const root = rootClassOf(node);
    if (!root) continue;
    const hf = root.match(/transformers\.models\.(\w+)\./);
    if (hf) return FAMILY_ALIASES[hf[1]!] ?? hf[1]!;
    if (/(^|\.)DiT\w*$/.test(root)) return 'dit';
    if (/^diffusers\.models\.unets\./.test(root)) return 'unet';
  }
  const modules = layers.map((l) => l.module ?? '').filter((m) => m.length > 0);
  const has = (re: RegExp) => modules.some((m) => re.test(m));
  if (modules.length > 0) {
    if (has(/adaLN_modulation|adaln/i)) return 'dit';
    if (has(/(^|\.)(down|up)_blocks\.\d+\./)) return 'unet';
    if (has(/\.block_sparse_moe\.gate$/)) return 'mixtral';
    if (has(/(^|\.)h\.\d+\.self_attention\.query_key_value$/)) return 'falcon';
    if (has(/(^|\.)encoder\.layers\.\d+\.blocks\.\d+\./)) return 'swin';
    if (has(/distillation_token|distillation_classifier/)) return 'deit';
    if (has(/(^|\.)gpt_neox\./)) return 'gpt-neox';
    if (has(/\.qkv_proj$/) && has(/\.gate_up_proj$/)) return 'phi3';
    if (has(/(^|\.)h\.\d+\.attn\.c_attn$/)) return 'gpt2';
    if (has(/(^|\.)block\.\d+\.layer\.\d+\.SelfAttention/)) return 't5';
    if (has(/encoder\.layers\.\d+/) && has(/decoder\.layers\.\d+/) && has(/conv1$/)) return 'whisper';
    if (has(/layer\.\d+\.attention\.(self|attention)\.query$/)) return has(/patch_embeddings/) ? 'vit' : 'bert';
    if (has(/layers\.\d+\.self_attn\.q_proj$/) && has(/layers\.\d+\.mlp\.gate_proj$/)) {
      const qBias = layers.some((l) => /self_attn\.q_proj$/.test(l.module ?? '') && l.shape.length === 1);
      return qBias ? 'qwen2' : 'llama';
    }
  }
  return structuralFamily(g, layers, stacks);
}

function structuralFamily(g: GraphIndex, layers: Layer[], stacks: Stack[]): string {
  const count = (pred: (l: Layer) => boolean) => layers.filter(pred).length;
  const convStem = count((l) => l.role === 'conv' && l.category === 'embedding');
  const decomposedNorm = g.nodes.some((n) => n.opType === 'ReduceMean') && !g.nodes.some((n) => n.opType === 'LayerNormalization');
  if (stacks.some((x) => x.role === 'encoder')) return convStem > 0 ? 'whisper' : decomposedNorm ? 't5' : 'encoder-decoder';
  if (count((l) => l.role === 'conv' && l.category === 'conv') > 0 && count((l) => l.category === 'modulation') > 0) return 'unet';
  if (count((l) => l.category === 'modulation') > 0) return 'dit';
  if (count((l) => l.category === 'router') > 0) return 'moe';
  const op = (type: string) => g.nodes.some((n) => n.opType === type);
  // onnxruntime's fused graphs say what they were built from.
  if (op('GroupQueryAttention') || op('SimplifiedLayerNormalization') || op('SkipSimplifiedLayerNormalization')) return 'llama';
  if (op('EmbedLayerNormalization')) return 'bert';
  const gathers = count((l) => l.role === 'gather');
  const layerNormOps = g.nodes.some((n) => n.opType === 'LayerNormalization');
  const decomposedRms = !layerNormOps && g.nodes.some((n) => n.opType === 'ReduceMean') && !g.nodes.some((n) => n.opType === 'Sub');
  const attention = g.nodes.some((n) => n.opType === 'Softmax' || n.opType.endsWith('Attention'));
  if (!attention) return 'unknown';
  if (convStem > 0 && gathers === 0) return 'vit';
  if (decomposedRms) return 'llama';
  const causal = g.nodes.some((n) => n.opType === 'Trilu') || g.nodes.some((n) => n.opType === 'LessOrEqual');
  if (gathers >= 3 && !causal) return 'bert';
  if (layers.some((l) => l.tied) || count((l) => l.role === 'gemm' && l.category === 'attention') > 0) return 'gpt2';
  if (gathers >= 2 && !causal) return 'bert';
  return 'transformer';
}
