/**
 * Layer categories, and the naming rules that map a module path to one.
 *
 * The rules are written against the conventions of the major families (Hugging Face transformers,
 * timm, DiT, T5, GPT-NeoX, Whisper); they match whole path components so that `c_proj` under `attn` and
 * `c_proj` under `mlp` come out differently. A path that no rule matches returns null and the caller
 * falls back to the graph's structure.
 */
export const CATEGORIES = ['embedding', 'norm', 'head', 'attention', 'mlp', 'modulation', 'router', 'conv', 'other'] as const;
export type Category = (typeof CATEGORIES)[number];

/**
 * Layers kept in high precision by default: quantizing them costs far more quality than it saves bytes.
 * A Mixture-of-Experts router is sensitive: it is tiny (experts × hidden) and an error in it sends tokens to
 * the wrong experts, so llama.cpp, AWQ and GPTQ keep it unquantized; its experts are MLP.
 */
export function isSensitive(category: Category): boolean {
  return category === 'embedding' || category === 'norm' || category === 'head' || category === 'router';
}

const NORM = /norm|^ln(_?\d+|_f|_out|_post|_pre|_attn|_mlp|_cross_attn)?$|^rms|layer_?norm/;
/** Head leaves, recognized only outside numbered containers (a UNet's `attentions.0.proj_out` is not a head). */
const HEAD_LEAF = /^(lm_head|embed_out|proj_out|output_projection|score|qa_outputs|\w*classifier|logits?|conv_out)$/;
const HEAD =
  /^(lm_head|head|heads|\w*classifier|score|pooler|qa_outputs|final_layer|output_layer|output_projection|logits?|cls|predictions|prediction_head|lm_heads?)$/;
/** Conditioning projections: DiT's adaLN, a UNet ResNet's timestep projection, an AdaLayerNorm's linear. */
const MODULATION = /adaln|modulation|^time_emb_proj$/;
const EMBEDDING =
  /embed|^wte$|^wpe$|^shared$|cls_token|mask_token|dist_token|distillation_token|^pos_?emb|position_?emb|patch_?emb|token_?type|^tok_?emb|^word_?emb|^relative_attention_bias$/;
/** A Mixture-of-Experts router: `block_sparse_moe.gate`, `mlp.gate`, `shared_expert_gate`, `router`. */
const ROUTER = /^(gate|shared_expert_gate|router)$/;
const ATTENTION =
  /attn|attention(?!s)|^(q|k|v|o|qkv|query|key|value|q_proj|k_proj|v_proj|o_proj|out_proj|qkv_proj|c_attn|wqkv|query_key_value|to_q|to_k|to_v|to_qkv|to_out|wq|wk|wv|in_proj)$/;
const MLP =
  /mlp|ffn|feed_?forward|intermediate|^fc\d*$|^fc_(in|out)$|^c_fc$|up_proj|down_proj|gate_proj|gate_up_proj|dense_h_to_4h|dense_4h_to_h|densereludense|densegatedactdense|^w[123]$|^wi(_\d)?$|^wo$|experts?|^output$|^ff$|^net$|^reduction$/;

/** A category from a module path (dotted), the parameter leaf and the module's class, or null. */
export function categoryFromName(module: string, className: string | null): Category | null {
  const parts = module
    .toLowerCase()
    .split('.')
    .filter((p) => p.length > 0 && !/^\d+$/.test(p));
  if (parts.length === 0) return null;
  const last = parts[parts.length - 1]!;
  const cls = (className ?? '').toLowerCase();

  const nested = /(^|\.)\d+(\.|$)/.test(module);
  const parent = parts[parts.length - 2] ?? '';

  if (NORM.test(last) || /norm/.test(cls)) return 'norm';
  if (ROUTER.test(last) && parts.length > 1 && /moe|mlp|experts?/.test(parent)) return 'router';
  if (parts.some((p) => p === 'router')) return 'router';
  if (!nested && HEAD_LEAF.test(last)) return 'head';
  if (!nested && last === 'conv_in') return 'embedding';
  if (parts.some((p) => MODULATION.test(p)) || (last === 'linear' && /^norm\d*$/.test(parent))) return 'modulation';
  if (parts.some((p) => EMBEDDING.test(p)) || /embed/.test(cls)) return 'embedding';
  if (parts.some((p) => HEAD.test(p))) return 'head';
  if (parts.some((p) => ATTENTION.test(p)) || /attention/.test(cls)) return 'attention';
  if (parts.some((p) => MLP.test(p)) || /mlp/.test(cls)) return 'mlp';
  if (/^conv/.test(cls) || /^conv/.test(last)) return 'conv';
  return null;
}

/** Names of containers whose numbered children are the model's blocks. */
const BLOCK_CONTAINERS = /^(layers|layer|h|blocks|block|transformer_blocks|resblocks|encoder_layers|decoder_layers|stages)$/;

export interface BlockRef {
  /** The path up to the container, e.g. `model.layers` or `model.decoder.layers`: one stack of blocks. */
  stack: string;
  index: number;
}

/** The block a module belongs to, from the first `<container>.<N>` in its path. */
export function blockFromName(module: string): BlockRef | null {
  const parts = module.split('.');
  for (let i = 0; i + 1 < parts.length; i++) {
    if (BLOCK_CONTAINERS.test(parts[i]!.toLowerCase()) && /^\d+$/.test(parts[i + 1]!)) {
      return { stack: parts.slice(0, i + 1).join('.'), index: Number(parts[i + 1]) };
    }
  }
  return null;
}
