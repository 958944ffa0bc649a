/**
 * Module paths from the three kinds of naming evidence an export may keep, strongest first:
 * the initializer's own parameter name, the dynamo exporter's node metadata, the legacy exporter's node name.
 * Each returns null when its evidence is absent or generated (`onnx::MatMul_12`, `val_93`, `node_linear_4`).
 */
import type { NodeProto } from '../onnx/schema.js';

export interface ModuleEvidence {
  /** Dotted module path, e.g. `model.layers.0.self_attn.q_proj`. */
  module: string;
  /** Parameter leaf (`weight`, `bias`, ...) when the evidence names one. */
  leaf: string | null;
  /** Class of the module when metadata names it (`LlamaRMSNorm`). */
  className: string | null;
  source: 'initializer name' | 'node metadata' | 'node name';
}

const PARAM_LEAVES = new Set(['weight', 'bias', 'scale', 'gamma', 'beta', 'g', 'b', 'w', 'kernel', 'embedding']);

/** Names exporters generate; they say nothing about the module. */
const GENERATED = /^(onnx::|val_\d|_val_\d|const_fold|ortshared_|_v_\d|arg\d|node_|initializer_?\d|tensor_?\d|\d+$)/;
const EXPORTER_TEMPS =
  /^(new_ones|clone(_\d+)?|expand(_\d+)?|unsqueeze(_\d+)?|scalar_tensor_default(_\d+)?|view(_\d+)?|mul(_\d+)?|add(_\d+)?|lift_fresh_copy(_\d+)?|_tensor_constant\d+|full(_\d+)?)$/;

export function fromInitializerName(name: string): ModuleEvidence | null {
  if (!/^[A-Za-z_][\w.]*$/.test(name) || GENERATED.test(name) || EXPORTER_TEMPS.test(name)) return null;
  const parts = name.split('.');
  const last = parts[parts.length - 1]!;
  if (parts.length > 1 && PARAM_LEAVES.has(last)) {
    return { module: parts.slice(0, -1).join('.'), leaf: last, className: null, source: 'initializer name' };
  }
  return { module: name, leaf: null, className: null, source: 'initializer name' };
}

/**
 * Legacy TorchScript node names carry the scope: `/model/layers.0/self_attn/q_proj/MatMul`.
 * Children of containers repeat the parent (`/t_embedder/mlp/mlp.0/Gemm`), which collapses to `t_embedder.mlp.0`.
 */
export function fromNodeName(nodeName: string | undefined): ModuleEvidence | null {
  if (!nodeName || !nodeName.startsWith('/')) return null;
  const parts = nodeName.split('/').filter((p) => p.length > 0);
  if (parts.length < 2) return null;
  const scopes = parts.slice(0, -1);
  const path: string[] = [];
  for (const s of scopes) {
    const prev = path[path.length - 1];
    if (prev !== undefined && s.startsWith(prev + '.')) path[path.length - 1] = s;
    else path.push(s);
  }
  return { module: path.join('.'), leaf: null, className: null, source: 'node name' };
}

function metadata(node: NodeProto, key: string): string | undefined {
  return node.metadataProps?.find((p) => p.key === key)?.value;
}

/**
 * The dynamo exporter writes `namespace` = `: Root/model: LlamaModel/model.layers.0: LlamaDecoderLayer/...
 * /linear: aten.linear.default`. The deepest entry whose class is a module (not an aten op) is the module.
 */
export function fromNodeMetadata(node: NodeProto): ModuleEvidence | null {
  const ns = metadata(node, 'namespace');
  if (ns) {
    let best: ModuleEvidence | null = null;
    for (const segment of ns.split('/')) {
      const colon = segment.lastIndexOf(': ');
      if (colon < 0) continue;
      const path = segment.slice(0, colon).trim();
      const cls = segment.slice(colon + 2).trim();
      if (!path || cls.startsWith('aten.') || cls.startsWith('prims.') || !cls.includes('.')) continue;
      best = { module: path, leaf: null, className: cls.split('.').pop() ?? cls, source: 'node metadata' };
    }
    if (best) return best;
  }
  const scopes = metadata(node, 'pkg.torch.onnx.name_scopes');
  if (scopes) {
    const list = [...scopes.matchAll(/'([^']*)'/g)].map((m) => m[1]!).filter((s) => s.length > 0);
    const classes = [...(metadata(node, 'pkg.torch.onnx.class_hierarchy') ?? '').matchAll(/'([^']*)'/g)].map((m) => m[1]!);
    // The last scope is the op itself when the last class is an aten op.
    const lastIsOp = classes.length > 0 && /^(aten|prims)\./.test(classes[classes.length - 1]!);
    const usable = lastIsOp ? list.slice(0, -1) : list;
    const module = usable[usable.length - 1];
    if (module) {
      const cls = classes[lastIsOp ? classes.length - 2 : classes.length - 1];
      return { module, leaf: null, className: cls?.split('.').pop() ?? null, source: 'node metadata' };
    }
  }
  return null;
}

/** The class path of the root module in dynamo metadata (`transformers.models.llama.modeling_llama.LlamaForCausalLM`). */
export function rootClassOf(node: NodeProto): string | null {
  const ns = metadata(node, 'namespace');
  const first = ns?.split('/')[0];
  if (first) {
    const colon = first.lastIndexOf(': ');
    if (colon >= 0) return first.slice(colon + 2).trim();
  }
  const classes = metadata(node, 'pkg.torch.onnx.class_hierarchy');
  const m = classes?.match(/'([^']*)'/);
  return m ? m[1]! : null;
}
