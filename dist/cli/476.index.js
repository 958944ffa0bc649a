export const id = 476;
export const ids = [476];
export const modules = {

/***/ 8450:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   DR: () => (/* binding */ blockFromName),
/* harmony export */   cE: () => (/* binding */ categoryFromName),
/* harmony export */   tV: () => (/* binding */ isSensitive)
/* harmony export */ });
/* unused harmony export CATEGORIES */
/**
 * Layer categories, and the naming rules that map a module path to one.
 *
 * The rules are written against the conventions of the major families (Hugging Face transformers,
 * timm, DiT, T5, GPT-NeoX, Whisper); they match whole path components so that `c_proj` under `attn` and
 * `c_proj` under `mlp` come out differently. A path that no rule matches returns null and the caller
 * falls back to the graph's structure.
 */
const CATEGORIES = (/* unused pure expression or super */ null && (['embedding', 'norm', 'head', 'attention', 'mlp', 'modulation', 'conv', 'other']));
/** Layers kept in high precision by default: quantizing them costs far more quality than it saves bytes. */
function isSensitive(category) {
    return category === 'embedding' || category === 'norm' || category === 'head';
}
const NORM = /norm|^ln(_?\d+|_f|_out|_post|_pre)?$|^rms|layer_?norm/;
const HEAD_LEAF = /^(lm_head|embed_out|proj_out|output_projection|score|qa_outputs|classifier|logits?)$/;
const HEAD = /^(lm_head|head|heads|classifier|score|pooler|qa_outputs|final_layer|embed_out|proj_out|output_layer|output_projection|logits?|cls|predictions|prediction_head|lm_heads?)$/;
const MODULATION = /adaln|modulation/;
const EMBEDDING = /embed|^wte$|^wpe$|^shared$|cls_token|mask_token|dist_token|^pos_?emb|position_?emb|patch_?emb|token_?type|^tok_?emb|^word_?emb|^relative_attention_bias$/;
const ATTENTION = /attn|attention|^(q|k|v|o|qkv|query|key|value|q_proj|k_proj|v_proj|o_proj|out_proj|qkv_proj|c_attn|wqkv|query_key_value|to_q|to_k|to_v|to_qkv|to_out|wq|wk|wv|in_proj)$/;
const MLP = /mlp|ffn|feed_?forward|intermediate|^fc\d*$|^fc_(in|out)$|^c_fc$|up_proj|down_proj|gate_proj|gate_up_proj|dense_h_to_4h|dense_4h_to_h|densereludense|densegatedactdense|^w[123]$|^wi(_\d)?$|^wo$|experts?|^output$|^ff$|^net$/;
/** A category from a module path (dotted), the parameter leaf and the module's class, or null. */
function categoryFromName(module, className) {
    const parts = module
        .toLowerCase()
        .split('.')
        .filter((p) => p.length > 0 && !/^\d+$/.test(p));
    if (parts.length === 0)
        return null;
    const last = parts[parts.length - 1];
    const cls = (className ?? '').toLowerCase();
    if (NORM.test(last) || /norm/.test(cls))
        return 'norm';
    if (HEAD_LEAF.test(last))
        return 'head';
    if (parts.some((p) => MODULATION.test(p)))
        return 'modulation';
    if (parts.some((p) => EMBEDDING.test(p)) || /embed/.test(cls))
        return 'embedding';
    if (parts.some((p) => HEAD.test(p)))
        return 'head';
    if (parts.some((p) => ATTENTION.test(p)) || /attention/.test(cls))
        return 'attention';
    if (parts.some((p) => MLP.test(p)) || /mlp/.test(cls))
        return 'mlp';
    if (/^conv/.test(cls) || /^conv/.test(last))
        return 'conv';
    return null;
}
/** Names of containers whose numbered children are the model's blocks. */
const BLOCK_CONTAINERS = /^(layers|layer|h|blocks|block|transformer_blocks|resblocks|encoder_layers|decoder_layers|stages)$/;
/** The block a module belongs to, from the first `<container>.<N>` in its path. */
function blockFromName(module) {
    const parts = module.split('.');
    for (let i = 0; i + 1 < parts.length; i++) {
        if (BLOCK_CONTAINERS.test(parts[i].toLowerCase()) && /^\d+$/.test(parts[i + 1])) {
            return { stack: parts.slice(0, i + 1).join('.'), index: Number(parts[i + 1]) };
        }
    }
    return null;
}


/***/ }),

/***/ 5868:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   p: () => (/* binding */ GraphIndex)
/* harmony export */ });
const VIEW_OPS = new Set(['Expand', 'Tile', 'Slice', 'Reshape', 'Unsqueeze', 'Squeeze', 'Flatten']);
const SHAPE_OPS = new Set(['Shape', 'Size', 'ConstantOfShape', 'Range', 'EyeLike']);
/** Ops whose output is constant when their inputs are (how exporters wrap weights). */
const CONSTANT_PRESERVING = new Set(['Identity', 'Cast', 'DequantizeLinear', 'Transpose', 'Reshape', 'Unsqueeze', 'Squeeze']);
class GraphIndex {
    nodes;
    producer = new Map();
    consumers = new Map();
    initializerNames;
    graphInputs;
    graphOutputs;
    constructor(graph) {
        this.nodes = topologicalOrder(graph);
        this.initializerNames = new Set(graph.initializer.map((t) => t.name));
        this.graphInputs = new Set(graph.input.map((v) => v.name).filter((n) => !this.initializerNames.has(n)));
        this.graphOutputs = new Set(graph.output.map((v) => v.name));
        this.nodes.forEach((node, i) => {
            for (const out of node.output)
                if (out)
                    this.producer.set(out, i);
            node.input.forEach((name, input) => {
                if (!name)
                    return;
                let list = this.consumers.get(name);
                if (!list)
                    this.consumers.set(name, (list = []));
                list.push({ node: i, input });
            });
        });
    }
    usesOf(value) {
        return this.consumers.get(value) ?? [];
    }
    producerOf(value) {
        const i = this.producer.get(value);
        return i === undefined ? undefined : this.nodes[i];
    }
    /** True for initializers and values computed only from constants (Constant nodes, Identity of an initializer). */
    isConstant(value) {
        if (this.initializerNames.has(value))
            return true;
        const p = this.producerOf(value);
        if (!p)
            return false;
        if (p.opType === 'Constant')
            return true;
        if (CONSTANT_PRESERVING.has(p.opType)) {
            return p.input.length > 0 && p.input.every((v) => !v || this.isConstant(v));
        }
        return false;
    }
    /**
     * The real uses of an initializer: Identity and Cast chains are followed (legacy exporters de-duplicate
     * tensors through Identity nodes; fp16 exports cast weights), and a Transpose is followed and recorded
     * (a tied embedding table read as a head).
     */
    effectiveUses(value) {
        const out = [];
        const walk = (v, transposed, reshaped, depth) => {
            for (const use of this.usesOf(v)) {
                const node = this.nodes[use.node];
                // Views of the data (a class token broadcast by Expand, a position table sliced to the sequence)
                // are followed too, and remembered: the reader does not see the stored tensor's shape.
                const view = VIEW_OPS.has(node.opType) && use.input === 0;
                const through = node.opType === 'Identity' || node.opType === 'Cast' || view || (node.opType === 'Transpose' && !transposed);
                if (through && depth < 8 && node.output[0]) {
                    walk(node.output[0], transposed || node.opType === 'Transpose', reshaped || view, depth + 1);
                }
                else {
                    out.push({ ...use, transposed, reshaped });
                }
            }
        };
        walk(value, false, false, 0);
        return out;
    }
    /**
     * Breadth-first walk from `start` values, forward (to consumers) or backward (to producers).
     * `visit` returns 'stop' to not expand past a node, 'found' to end the walk.
     * Returns the index of the node where the walk was found, or -1.
     */
    search(start, direction, visit, maxNodes = 64) {
        const seen = new Set();
        const queue = [];
        const enqueueFrom = (value) => {
            if (direction === 'forward') {
                for (const u of this.usesOf(value))
                    queue.push(u.node);
            }
            else {
                const p = this.producer.get(value);
                if (p !== undefined)
                    queue.push(p);
            }
        };
        start.forEach(enqueueFrom);
        while (queue.length > 0 && seen.size < maxNodes) {
            const i = queue.shift();
            if (seen.has(i))
                continue;
            seen.add(i);
            const node = this.nodes[i];
            // Shape arithmetic (Shape → Gather → Concat → Reshape's shape input) links every op to every other:
            // it is not data flow, so walks never enter it.
            if (SHAPE_OPS.has(node.opType))
                continue;
            const verdict = visit(node, i);
            if (verdict === 'found')
                return i;
            if (verdict === 'stop')
                continue;
            const next = direction === 'forward' ? node.output : node.input.filter((v) => v && !this.isConstant(v));
            next.forEach(enqueueFrom);
        }
        return -1;
    }
}
/** Nodes in an order where every producer comes before its consumers (ONNX requires it; we do not trust it). */
function topologicalOrder(graph) {
    const nodes = graph.node;
    const producedBy = new Map();
    nodes.forEach((n, i) => n.output.forEach((o) => o && producedBy.set(o, i)));
    const state = new Uint8Array(nodes.length); // 0 new, 1 visiting, 2 done
    const order = [];
    // Iterative DFS so 80-block graphs do not exhaust the stack.
    for (let root = 0; root < nodes.length; root++) {
        if (state[root])
            continue;
        const stack = [[root, 0]];
        state[root] = 1;
        while (stack.length > 0) {
            const top = stack[stack.length - 1];
            const [i, k] = top;
            const inputs = nodes[i].input;
            if (k < inputs.length) {
                top[1] = k + 1;
                const p = producedBy.get(inputs[k]);
                if (p !== undefined && state[p] === 0) {
                    state[p] = 1;
                    stack.push([p, 0]);
                }
            }
            else {
                state[i] = 2;
                order.push(nodes[i]);
                stack.pop();
            }
        }
    }
    return order;
}


/***/ }),

/***/ 3378:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  C: () => (/* binding */ analyzeModel)
});

// EXTERNAL MODULE: ./src/onnx/dtype.ts
var dtype = __webpack_require__(6327);
// EXTERNAL MODULE: ./src/onnx/schema.ts
var schema = __webpack_require__(7312);
;// CONCATENATED MODULE: ./src/analyze/names.ts
const PARAM_LEAVES = new Set(['weight', 'bias', 'scale', 'gamma', 'beta', 'g', 'b', 'w', 'kernel', 'embedding']);
/** Names exporters generate; they say nothing about the module. */
const GENERATED = /^(onnx::|val_\d|_val_\d|const_fold|ortshared_|_v_\d|arg\d|node_|initializer_?\d|tensor_?\d|\d+$)/;
const EXPORTER_TEMPS = /^(new_ones|clone(_\d+)?|expand(_\d+)?|unsqueeze(_\d+)?|scalar_tensor_default(_\d+)?|view(_\d+)?|mul(_\d+)?|add(_\d+)?|lift_fresh_copy(_\d+)?|_tensor_constant\d+|full(_\d+)?)$/;
function fromInitializerName(name) {
    if (!/^[A-Za-z_][\w.]*$/.test(name) || GENERATED.test(name) || EXPORTER_TEMPS.test(name))
        return null;
    const parts = name.split('.');
    const last = parts[parts.length - 1];
    if (parts.length > 1 && PARAM_LEAVES.has(last)) {
        return { module: parts.slice(0, -1).join('.'), leaf: last, className: null, source: 'initializer name' };
    }
    return { module: name, leaf: null, className: null, source: 'initializer name' };
}
/**
 * Legacy TorchScript node names carry the scope: `/model/layers.0/self_attn/q_proj/MatMul`.
 * Children of containers repeat the parent (`/t_embedder/mlp/mlp.0/Gemm`), which collapses to `t_embedder.mlp.0`.
 */
function fromNodeName(nodeName) {
    if (!nodeName || !nodeName.startsWith('/'))
        return null;
    const parts = nodeName.split('/').filter((p) => p.length > 0);
    if (parts.length < 2)
        return null;
    const scopes = parts.slice(0, -1);
    const path = [];
    for (const s of scopes) {
        const prev = path[path.length - 1];
        if (prev !== undefined && s.startsWith(prev + '.'))
            path[path.length - 1] = s;
        else
            path.push(s);
    }
    return { module: path.join('.'), leaf: null, className: null, source: 'node name' };
}
function metadata(node, key) {
    return node.metadataProps?.find((p) => p.key === key)?.value;
}
/**
 * The dynamo exporter writes `namespace` = `: Root/model: LlamaModel/model.layers.0: LlamaDecoderLayer/...
 * /linear: aten.linear.default`. The deepest entry whose class is a module (not an aten op) is the module.
 */
function fromNodeMetadata(node) {
    const ns = metadata(node, 'namespace');
    if (ns) {
        let best = null;
        for (const segment of ns.split('/')) {
            const colon = segment.lastIndexOf(': ');
            if (colon < 0)
                continue;
            const path = segment.slice(0, colon).trim();
            const cls = segment.slice(colon + 2).trim();
            if (!path || cls.startsWith('aten.') || cls.startsWith('prims.') || !cls.includes('.'))
                continue;
            best = { module: path, leaf: null, className: cls.split('.').pop() ?? cls, source: 'node metadata' };
        }
        if (best)
            return best;
    }
    const scopes = metadata(node, 'pkg.torch.onnx.name_scopes');
    if (scopes) {
        const list = [...scopes.matchAll(/'([^']*)'/g)].map((m) => m[1]).filter((s) => s.length > 0);
        const classes = [...(metadata(node, 'pkg.torch.onnx.class_hierarchy') ?? '').matchAll(/'([^']*)'/g)].map((m) => m[1]);
        // The last scope is the op itself when the last class is an aten op.
        const lastIsOp = classes.length > 0 && /^(aten|prims)\./.test(classes[classes.length - 1]);
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
function rootClassOf(node) {
    const ns = metadata(node, 'namespace');
    const first = ns?.split('/')[0];
    if (first) {
        const colon = first.lastIndexOf(': ');
        if (colon >= 0)
            return first.slice(colon + 2).trim();
    }
    const classes = metadata(node, 'pkg.torch.onnx.class_hierarchy');
    const m = classes?.match(/'([^']*)'/);
    return m ? m[1] : null;
}

;// CONCATENATED MODULE: ./src/analyze/architecture.ts

const FAMILY_ALIASES = { gpt_neox: 'gpt-neox', phi3: 'phi3', qwen2: 'qwen2' };
function detectArchitecture(g, layers) {
    for (const node of g.nodes) {
        const root = rootClassOf(node);
        if (!root)
            continue;
        const hf = root.match(/transformers\.models\.(\w+)\./);
        if (hf)
            return FAMILY_ALIASES[hf[1]] ?? hf[1];
        if (/(^|\.)DiT\w*$/.test(root))
            return 'dit';
    }
    const modules = layers.map((l) => l.module ?? '').filter((m) => m.length > 0);
    const has = (re) => modules.some((m) => re.test(m));
    if (modules.length > 0) {
        if (has(/adaLN_modulation|adaln/i))
            return 'dit';
        if (has(/(^|\.)gpt_neox\./))
            return 'gpt-neox';
        if (has(/\.qkv_proj$/) && has(/\.gate_up_proj$/))
            return 'phi3';
        if (has(/(^|\.)h\.\d+\.attn\.c_attn$/))
            return 'gpt2';
        if (has(/(^|\.)block\.\d+\.layer\.\d+\.SelfAttention/))
            return 't5';
        if (has(/encoder\.layers\.\d+/) && has(/decoder\.layers\.\d+/) && has(/conv1$/))
            return 'whisper';
        if (has(/layer\.\d+\.attention\.(self|attention)\.query$/))
            return has(/patch_embeddings/) ? 'vit' : 'bert';
        if (has(/layers\.\d+\.self_attn\.q_proj$/) && has(/layers\.\d+\.mlp\.gate_proj$/)) {
            const qBias = layers.some((l) => /self_attn\.q_proj$/.test(l.module ?? '') && l.shape.length === 1);
            return qBias ? 'qwen2' : 'llama';
        }
    }
    return structuralFamily(g, layers);
}
function structuralFamily(g, layers) {
    const count = (pred) => layers.filter(pred).length;
    if (count((l) => l.category === 'modulation') > 0)
        return 'dit';
    const gathers = count((l) => l.role === 'gather');
    const convStem = count((l) => l.role === 'conv' && l.category === 'embedding');
    const layerNormOps = g.nodes.some((n) => n.opType === 'LayerNormalization');
    const decomposedRms = !layerNormOps && g.nodes.some((n) => n.opType === 'ReduceMean') && !g.nodes.some((n) => n.opType === 'Sub');
    const attention = g.nodes.some((n) => n.opType === 'Softmax' || n.opType.endsWith('Attention'));
    if (!attention)
        return 'unknown';
    if (convStem > 0 && gathers === 0)
        return 'vit';
    if (decomposedRms)
        return 'llama';
    const causal = g.nodes.some((n) => n.opType === 'Trilu') || g.nodes.some((n) => n.opType === 'LessOrEqual');
    if (gathers >= 3 && !causal)
        return 'bert';
    if (layers.some((l) => l.tied) || count((l) => l.role === 'gemm' && l.category === 'attention') > 0)
        return 'gpt2';
    if (gathers >= 2 && !causal)
        return 'bert';
    return 'transformer';
}

// EXTERNAL MODULE: ./src/analyze/categories.ts
var categories = __webpack_require__(8450);
// EXTERNAL MODULE: ./src/analyze/graph.ts
var graph = __webpack_require__(5868);
;// CONCATENATED MODULE: ./src/analyze/structure.ts
const NORM_OPS = new Set([
    'LayerNormalization',
    'SimplifiedLayerNormalization',
    'SkipLayerNormalization',
    'SkipSimplifiedLayerNormalization',
    'RMSNormalization',
    'GroupNormalization',
    'InstanceNormalization',
    'BatchNormalization',
]);
const ATTENTION_OPS = new Set([
    'Softmax',
    'Attention',
    'MultiHeadAttention',
    'GroupQueryAttention',
    'PackedAttention',
    'PackedMultiHeadAttention',
    'SparseAttention',
    'DecoderMaskedMultiHeadAttention',
]);
const MATMUL_OPS = new Set(['MatMul', 'Gemm', 'MatMulNBits', 'MatMulInteger', 'FusedMatMul']);
class Structure {
    g;
    /** Node indices that read a weight: MatMul/Gemm with a constant operand, Gather tables, Conv kernels. */
    weightOps = new Set();
    /** Attention cores: Softmax and fused attention ops, plus the score and context MatMuls around a Softmax. */
    cores = new Set();
    /** Softmax / fused attention nodes in topological order: one per attention, used to number blocks. */
    attentionOrder = [];
    /** Each core node's attention rank (position of its Softmax in `attentionOrder`): the block it belongs to. */
    coreRank = new Map();
    constructor(g) {
        this.g = g;
        g.nodes.forEach((node, i) => {
            if (this.readsWeight(node))
                this.weightOps.add(i);
            if (ATTENTION_OPS.has(node.opType)) {
                this.cores.add(i);
                this.attentionOrder.push(i);
            }
        });
        // The MatMuls on both sides of a Softmax (scores = q·kᵀ before it, context = p·v after it).
        this.attentionOrder.forEach((s, rank) => {
            this.coreRank.set(s, rank);
            const softmax = g.nodes[s];
            if (softmax.opType !== 'Softmax')
                return;
            const claim = (n, i) => {
                if (n.opType === 'MatMul' && !this.weightOps.has(i)) {
                    this.cores.add(i);
                    this.coreRank.set(i, rank);
                    return 'found';
                }
                return this.weightOps.has(i) ? 'stop' : 'continue';
            };
            g.search(softmax.input.slice(0, 1), 'backward', claim, 8);
            g.search(softmax.output.slice(0, 1), 'forward', claim, 8);
        });
    }
    readsWeight(node) {
        const c = (k) => node.input[k] !== undefined && node.input[k] !== '' && this.g.isConstant(node.input[k]);
        switch (node.opType) {
            case 'MatMul':
            case 'FusedMatMul':
                return c(1) || c(0);
            case 'Gemm':
                return c(1) || c(0);
            case 'MatMulNBits':
            case 'MatMulInteger':
                return c(1);
            case 'Gather':
            case 'GatherBlockQuantized':
                return c(0) && !c(1);
            case 'Conv':
            case 'ConvTranspose':
                return c(1);
            default:
                return false;
        }
    }
    isWeightOp(i) {
        return this.weightOps.has(i);
    }
    isNormOp(node) {
        return NORM_OPS.has(node.opType);
    }
    /**
     * True when `value` is a normalized activation: the output of a norm op, or of the Div/Mul that ends a
     * decomposed norm (x / sqrt(mean(x²) + eps), x * rsqrt(...)). `hops` allows the scale Mul and bias Add after it.
     */
    isNormOutput(value, hops = 2) {
        const p = this.g.producerOf(value);
        if (!p)
            return false;
        if (NORM_OPS.has(p.opType))
            return true;
        if (p.opType === 'Cast')
            return this.isNormOutput(p.input[0] ?? '', hops);
        if ((p.opType === 'Div' || p.opType === 'Mul') && this.hasRsqrtInput(p))
            return true;
        if (hops > 0 && (p.opType === 'Mul' || p.opType === 'Add')) {
            return p.input.some((v) => v && !this.g.isConstant(v) && this.isNormOutput(v, hops - 1));
        }
        return false;
    }
    /** Div(x, Sqrt(...)) or Mul(x, Reciprocal/Rsqrt(Sqrt(...))) with a ReduceMean behind the root. */
    hasRsqrtInput(node) {
        return node.input.some((v) => {
            const q = this.g.producerOf(v);
            if (!q)
                return false;
            let root = q;
            if (root.opType === 'Reciprocal' || root.opType === 'Cast')
                root = this.g.producerOf(root.input[0] ?? '');
            // 1 / sqrt(...) written as a Div with a constant numerator.
            else if (root.opType === 'Div' && this.g.isConstant(root.input[0] ?? ''))
                root = this.g.producerOf(root.input[1] ?? '');
            if (!root || (root.opType !== 'Sqrt' && root.opType !== 'Rsqrt'))
                return false;
            const behind = this.g.search(root.input.slice(0, 1), 'backward', (n) => (n.opType === 'ReduceMean' || n.opType === 'ReduceSumSquare' ? 'found' : 'continue'), 6);
            return behind >= 0;
        });
    }
    /** The attention core a projection feeds (q, k, v, fused qkv), or -1. */
    coreFedBy(opIndex) {
        const out = this.g.nodes[opIndex].output;
        return this.g.search(out, 'forward', (_n, i) => {
            if (this.cores.has(i))
                return 'found';
            return this.weightOps.has(i) ? 'stop' : 'continue';
        }, 96);
    }
    /** The attention core whose context a projection reads (the output projection), or -1. */
    coreReadBy(opIndex) {
        const node = this.g.nodes[opIndex];
        const activations = node.input.filter((v) => v && !this.g.isConstant(v));
        return this.g.search(activations, 'backward', (_n, i) => {
            if (this.cores.has(i))
                return 'found';
            return this.weightOps.has(i) ? 'stop' : 'continue';
        }, 64);
    }
    /**
     * True when a graph output is reached from this op through data movement only: no other weight op, and
     * no binary Add/Mul with another activation (a residual or a modulation means the stream goes on).
     */
    feedsOutput(opIndex) {
        const g = this.g;
        const reached = g.search(g.nodes[opIndex].output, 'forward', (n, i) => {
            if (this.weightOps.has(i) || this.cores.has(i))
                return 'stop';
            if ((n.opType === 'Add' || n.opType === 'Mul' || n.opType === 'Sub') && n.input.filter((v) => v && !g.isConstant(v)).length > 1)
                return 'stop';
            if (n.output.some((o) => g.graphOutputs.has(o)))
                return 'found';
            return 'continue';
        }, 48);
        return reached >= 0 || g.nodes[opIndex].output.some((o) => g.graphOutputs.has(o));
    }
    /** Weight ops reached first walking backward from an op's activation inputs; `inputs` says if a graph input was reached. */
    upstreamWeightOps(opIndex) {
        const g = this.g;
        const node = g.nodes[opIndex];
        const ops = [];
        let inputs = false;
        const activations = node.input.filter((v) => v && !g.isConstant(v));
        if (activations.some((v) => g.graphInputs.has(v)))
            inputs = true;
        g.search(activations, 'backward', (n, i) => {
            if (this.weightOps.has(i)) {
                ops.push(i);
                return 'stop';
            }
            if (n.input.some((v) => g.graphInputs.has(v)))
                inputs = true;
            return 'continue';
        }, 96);
        return { ops, inputs };
    }
    /**
     * A modulation (DiT adaLN): the output is chunked (Split/Slice) and a chunk scales or shifts a normalized
     * activation. Fused qkv and gate_up projections are chunked too, but their chunks never meet a norm output.
     */
    modulates(opIndex) {
        const g = this.g;
        const start = g.nodes[opIndex].output;
        const chunked = new Set();
        return (g.search(start, 'forward', (n, i) => {
            if (this.weightOps.has(i) || this.cores.has(i))
                return 'stop';
            const viaChunk = n.opType === 'Split' ||
                n.opType === 'Slice' ||
                n.opType === 'Chunk' ||
                n.input.some((v) => {
                    const p = g.producer.get(v);
                    return p !== undefined && chunked.has(p);
                });
            if (viaChunk)
                chunked.add(i);
            if (viaChunk && (n.opType === 'Mul' || n.opType === 'Add')) {
                const others = n.input.filter((v) => {
                    const p = g.producer.get(v);
                    return v && !g.isConstant(v) && (p === undefined || !chunked.has(p));
                });
                if (others.some((v) => this.isNormOutput(v)))
                    return 'found';
            }
            return 'continue';
        }, 48) >= 0);
    }
    /** Does this value (a norm's output) reach q/k/v projections of a core directly, as a pre-norm does? Returns the core or -1. */
    preNormCore(value) {
        const g = this.g;
        let core = -1;
        let residual = false;
        g.search([value], 'forward', (n, i) => {
            if (this.weightOps.has(i)) {
                const c = this.coreFedBy(i);
                if (c >= 0 && core < 0)
                    core = c;
                return 'stop';
            }
            if (n.opType === 'Add' &&
                n.input.filter((v) => v && !g.isConstant(v)).length > 1 &&
                !n.input.some((v) => this.isNormOutput(v, 0) && v !== value)) {
                // A residual Add reading the norm's output: this is a post-norm (BERT), whose output is the stream.
                const p = n.input.map((v) => g.producer.get(v));
                if (p.every((x) => x === undefined || !this.cores.has(x)))
                    residual = true;
                return 'stop';
            }
            return 'continue';
        }, 32);
        return residual ? -1 : core;
    }
    /** Structural category of a MatMul/Gemm weight, given the categories already decided upstream. */
    categoryOfProjection(opIndex, upstreamCategory) {
        if (this.coreFedBy(opIndex) >= 0 || this.coreReadBy(opIndex) >= 0)
            return 'attention';
        if (this.feedsOutput(opIndex))
            return 'head';
        const up = this.upstreamWeightOps(opIndex);
        const upstreamAllEmbeddingProjections = up.ops.every((o) => MATMUL_OPS.has(this.g.nodes[o].opType) && upstreamCategory(o) === 'embedding');
        if (upstreamAllEmbeddingProjections && (up.inputs || up.ops.length > 0))
            return 'embedding';
        if (this.modulates(opIndex))
            return 'modulation';
        return 'mlp';
    }
    /** A Conv reading the graph's input directly is a patch (or audio frame) embedder. */
    convIsStem(opIndex) {
        const up = this.upstreamWeightOps(opIndex);
        return up.ops.length === 0 && up.inputs;
    }
    /** An additive parameter (position table, class token) joins the stream right after an embedding op or input. */
    joinsEmbedding(opIndex, param, embeddingOps) {
        const g = this.g;
        const node = g.nodes[opIndex];
        const others = node.input.filter((v) => v && v !== param && !g.isConstant(v));
        if (others.some((v) => g.graphInputs.has(v)))
            return true;
        return (g.search(others, 'backward', (_n, i) => {
            if (embeddingOps.has(i))
                return 'found';
            return this.weightOps.has(i) || this.cores.has(i) ? 'stop' : 'continue';
        }, 24) >= 0);
    }
}

;// CONCATENATED MODULE: ./src/analyze/inventory.ts
/**
 * The layer inventory: every weight initializer with what reads it, its module path, category, block and
 * depth. Evidence is combined strongest first: what the graph does with the tensor when that is unambiguous
 * (a Gather table is an embedding, a norm op's scale is a norm), then names, then the graph's structure.
 */







const ROLE_RANK = { matmul: 0, gemm: 0, gather: 0, conv: 0, norm: 1, bias: 2, additive: 3, other: 4 };
function analyzeModel(model) {
    const g = new graph/* GraphIndex */.p(model.graph);
    const s = new Structure(g);
    // Stable node ids: positions in the file's node list (the topological order may differ).
    const nodeIds = new Map(model.graph.node.map((node, i) => [node, i]));
    // 1. Candidates: floating-point initializers of more than one element that some node reads.
    const candidates = [];
    for (const info of model.initializers.values()) {
        if (!(0,dtype/* isFloatType */.Ny)(info.dataType) || info.numel <= 1)
            continue;
        const uses = g.effectiveUses(info.name).map((u) => describeUse(g, s, info, u, nodeIds));
        if (uses.length === 0)
            continue;
        uses.sort((a, b) => ROLE_RANK[a.role] - ROLE_RANK[b.role] || a.node - b.node);
        candidates.push({ info, uses });
    }
    // 2. Categories. Weight ops first, in graph order, so an input projection can see its upstream's category.
    const byOp = new Map();
    const decided = new Map();
    const ordered = [...candidates].sort((a, b) => ROLE_RANK[a.uses[0].role] - ROLE_RANK[b.uses[0].role] || a.uses[0].node - b.uses[0].node);
    const embeddingOps = new Set();
    for (const { info, uses } of ordered) {
        const primary = uses[0];
        // A tensor read in no parameter role (a frequency table, a mask) takes no module from its readers' names.
        const module = moduleEvidence(g, info.name, primary.role === 'other' && !primary.reshaped ? [] : uses);
        const named = module ? (0,categories/* categoryFromName */.cE)(module.module, module.className) : null;
        let category;
        let evidence;
        if (uses.some((u) => u.role === 'gather')) {
            category = 'embedding';
            evidence = 'role';
        }
        else if (primary.role === 'norm') {
            category = 'norm';
            evidence = 'role';
        }
        else if (named && !(named === 'conv' && primary.role === 'conv' && s.convIsStem(primary.node))) {
            category = named;
            evidence = 'name';
        }
        else {
            category = structuralCategory(s, primary, info.name, byOp, embeddingOps);
            evidence = 'structure';
        }
        for (const u of uses) {
            if (u.role === 'matmul' || u.role === 'gemm' || u.role === 'gather' || u.role === 'conv') {
                if (!byOp.has(u.node))
                    byOp.set(u.node, category);
                if (category === 'embedding')
                    embeddingOps.add(u.node);
            }
        }
        decided.set(info.name, { category, evidence, module });
    }
    // 3. Blocks: from names when they carry `layers.N`, else from the attention the layer sits in.
    const blocks = new BlockLocator(s, candidates, decided);
    const layers = candidates.map(({ info, uses }) => {
        const d = decided.get(info.name);
        const primary = uses[0];
        const block = blocks.blockOf(uses, d.category, d.module);
        const node = g.nodes[primary.node];
        return {
            name: info.name,
            module: d.module?.module ?? null,
            op: primary.op,
            role: primary.role,
            shape: info.dims,
            params: info.numel,
            dataType: info.dataType,
            bytes: info.byteLength,
            category: d.category,
            sensitive: (0,categories/* isSensitive */.tV)(d.category),
            block,
            depth: block === null ? null : blocks.depthOf(block, d.module),
            evidence: d.evidence,
            uses,
            tied: uses.some((u) => u.role === 'gather') && uses.some((u) => u.role === 'matmul' || u.role === 'gemm'),
            transB: primary.role === 'gemm' && attributeInt(node, 'transB') === 1,
        };
    });
    // Graph order of the first reader, then name: stable and readable.
    layers.sort((a, b) => a.uses[0].node - b.uses[0].node || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    return {
        architecture: detectArchitecture(g, layers),
        numLayers: blocks.numBlocks,
        parameters: layers.reduce((sum, l) => sum + l.params, 0),
        layers,
    };
}
function attributeInt(node, name) {
    const a = node.attribute?.find((x) => x.name === name);
    return a ? (0,schema/* int64ToNumber */.o3)(a.i) : undefined;
}
function describeUse(g, s, info, use, nodeIds) {
    const node = g.nodes[use.node];
    const base = { ...use, nodeId: nodeIds.get(node), op: node.opType, nodeName: node.name ?? '' };
    const rank = info.dims.filter((d) => d > 1).length;
    const other = node.input.filter((v, k) => k !== use.input && v && !g.isConstant(v));
    let role = 'other';
    switch (node.opType) {
        case 'MatMul':
        case 'FusedMatMul':
            role = use.input === 1 && rank === 2 ? 'matmul' : 'other';
            break;
        case 'Gemm':
            // Only Y = A·B(ᵀ) with a constant B becomes MatMulNBits; a transposed A stays as it is.
            role = use.input === 2 ? 'bias' : use.input === 1 && rank === 2 && attributeInt(node, 'transA') !== 1 ? 'gemm' : 'other';
            break;
        case 'Gather':
            role = use.input === 0 && !g.isConstant(node.input[1] ?? '') ? 'gather' : 'other';
            break;
        case 'Conv':
        case 'ConvTranspose':
            role = use.input === 1 ? 'conv' : use.input === 2 ? 'bias' : 'other';
            break;
        case 'Mul':
            if (other.some((v) => s.isNormOutput(v, 0) || s.isNormOutput(v, 1)))
                role = 'norm';
            break;
        case 'Add':
            if (other.some((v) => s.isNormOutput(v, 1)))
                role = 'norm';
            else if (other.some((v) => {
                const p = g.producer.get(v);
                return p !== undefined && s.isWeightOp(p);
            }))
                role = 'bias';
            else if (rank >= 2 || info.dims.length >= 3)
                role = 'additive';
            break;
        case 'Concat':
            role = info.dims.length >= 2 ? 'additive' : 'other';
            break;
        default:
            if (s.isNormOp(node) && use.input > 0)
                role = 'norm';
    }
    // Through a view, a weight op does not read the stored tensor as it is: nothing to rewrite there.
    if (use.reshaped && (role === 'matmul' || role === 'gemm' || role === 'gather' || role === 'conv'))
        role = 'other';
    if (use.reshaped && (node.opType === 'Add' || node.opType === 'Concat') && role === 'other')
        role = 'additive';
    return { ...base, role };
}
function moduleEvidence(g, name, uses) {
    const own = fromInitializerName(name);
    // A dotted parameter path is a module path; a bare name only when it says something (`pos_embed`, not `w12`).
    if (own && (own.module.includes('.') || (0,categories/* categoryFromName */.cE)(own.module, null) !== null))
        return own;
    for (const u of uses) {
        const node = g.nodes[u.node];
        const found = fromNodeMetadata(node) ?? fromNodeName(node.name);
        if (found)
            return found;
    }
    return null;
}
function structuralCategory(s, primary, param, byOp, embeddingOps) {
    switch (primary.role) {
        case 'matmul':
        case 'gemm':
            return s.categoryOfProjection(primary.node, (op) => byOp.get(op));
        case 'conv':
            return s.convIsStem(primary.node) ? 'embedding' : 'conv';
        case 'bias': {
            // The bias belongs to the op whose output it is added to.
            const node = s.g.nodes[primary.node];
            if (byOp.has(primary.node))
                return byOp.get(primary.node);
            for (const v of node.input) {
                const p = s.g.producer.get(v);
                if (p !== undefined && byOp.has(p))
                    return byOp.get(p);
            }
            return 'other';
        }
        case 'additive':
            return s.joinsEmbedding(primary.node, param, embeddingOps) ? 'embedding' : 'other';
        default:
            return 'other';
    }
}
/** Assigns block indices, by name when the module path numbers the blocks, else by the attention around the layer. */
class BlockLocator {
    s;
    numBlocks;
    stackSizes = new Map();
    /** Topological index where each structural block starts. */
    starts;
    byName;
    headOps = new Set();
    attentionBlock = new Map();
    postNorm;
    constructor(s, candidates, decided) {
        this.s = s;
        for (const d of decided.values()) {
            const ref = d.module ? (0,categories/* blockFromName */.DR)(d.module.module) : null;
            if (ref)
                this.stackSizes.set(ref.stack, Math.max(this.stackSizes.get(ref.stack) ?? 0, ref.index + 1));
        }
        this.byName = this.stackSizes.size > 0;
        const starts = new Array(s.attentionOrder.length).fill(Number.POSITIVE_INFINITY);
        for (const { info, uses } of candidates) {
            const d = decided.get(info.name);
            const op = uses[0].node;
            if (d.category === 'head')
                this.headOps.add(op);
            if (d.category === 'attention' && (uses[0].role === 'matmul' || uses[0].role === 'gemm')) {
                const fed = s.coreFedBy(op);
                const core = fed >= 0 ? fed : s.coreReadBy(op);
                const rank = s.coreRank.get(core);
                if (rank !== undefined) {
                    this.attentionBlock.set(op, rank);
                    if (fed >= 0)
                        starts[rank] = Math.min(starts[rank], op);
                }
            }
        }
        // A pre-norm feeding a block's q/k/v starts that block.
        let preNorms = 0;
        for (const { uses } of candidates) {
            const u = uses[0];
            if (u.role !== 'norm')
                continue;
            const rank = s.coreRank.get(s.preNormCore(s.g.nodes[u.node].output[0] ?? ''));
            if (rank !== undefined) {
                starts[rank] = Math.min(starts[rank], u.node);
                preNorms++;
            }
        }
        // Post-norm models (BERT) end every block with a norm, so a norm before the head is the last block's.
        this.postNorm = preNorms === 0;
        this.starts = starts;
        const names = [...this.stackSizes.values()];
        this.numBlocks = this.byName ? Math.max(...names) : s.attentionOrder.length;
    }
    blockOf(uses, category, module) {
        if (this.byName) {
            const ref = module ? (0,categories/* blockFromName */.DR)(module.module) : null;
            return ref ? ref.index : null;
        }
        if (category === 'embedding' || category === 'head')
            return null;
        const u = uses[0];
        const direct = this.attentionBlock.get(u.node);
        if (direct !== undefined)
            return direct;
        const out = this.s.g.nodes[u.node].output[0] ?? '';
        if (category === 'norm') {
            const pre = this.s.coreRank.get(this.s.preNormCore(out));
            if (pre !== undefined)
                return pre;
            if (!this.postNorm && this.reachesHead(out))
                return null;
        }
        if (category === 'modulation') {
            // A modulation belongs to the block it modulates; the one after the last block (DiT's final layer) to none.
            return this.firstAttentionBlockAfter(out);
        }
        let block = null;
        this.starts.forEach((start, b) => {
            if (start <= u.node)
                block = b;
        });
        return block;
    }
    depthOf(block, module) {
        const ref = this.byName && module ? (0,categories/* blockFromName */.DR)(module.module) : null;
        const size = ref ? this.stackSizes.get(ref.stack) : this.numBlocks;
        return size > 0 ? block / size : 0;
    }
    reachesHead(value) {
        // A final norm feeds the head directly: the walk stops at weight ops, other norms and residual Adds.
        const g = this.s.g;
        return (g.search([value], 'forward', (n, i) => {
            if (this.headOps.has(i) || (this.s.isWeightOp(i) && this.s.feedsOutput(i)))
                return 'found';
            const residual = n.opType === 'Add' && n.input.filter((v) => v && !g.isConstant(v)).length > 1;
            return this.s.isWeightOp(i) || this.s.isNormOp(n) || residual ? 'stop' : 'continue';
        }, 32) >= 0);
    }
    firstAttentionBlockAfter(value) {
        let found = null;
        this.s.g.search([value], 'forward', (_n, i) => {
            const b = this.attentionBlock.get(i);
            if (b !== undefined) {
                found = b;
                return 'found';
            }
            return this.s.isWeightOp(i) ? 'stop' : 'continue';
        }, 64);
        return found;
    }
}


/***/ }),

/***/ 3313:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  _9: () => (/* binding */ buildInputs),
  _3: () => (/* binding */ evaluate),
  nB: () => (/* binding */ isLogits),
  sH: () => (/* binding */ numeric),
  MN: () => (/* binding */ primaryOutput)
});

// UNUSED EXPORTS: indexBounds

// EXTERNAL MODULE: ./src/eval/runtime.ts
var runtime = __webpack_require__(2982);
// EXTERNAL MODULE: ./src/analyze/inventory.ts + 3 modules
var analyze_inventory = __webpack_require__(3378);
// EXTERNAL MODULE: ./src/analyze/graph.ts
var graph = __webpack_require__(5868);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
// EXTERNAL MODULE: ./src/onnx/read.ts
var read = __webpack_require__(319);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: ./src/onnx/dtype.ts
var dtype = __webpack_require__(6327);
// EXTERNAL MODULE: ./src/onnx/schema.ts
var schema = __webpack_require__(7312);
;// CONCATENATED MODULE: ./src/eval/random.ts
/** Seeded random numbers: synthesized inputs and fixtures are the same bytes on every machine. */
/** mulberry32: a small, fast, well-mixed 32-bit generator. Returns floats in [0, 1). */
function seededRandom(seed) {
    let a = seed >>> 0;
    return () => {
        a = (a + 0x6d2b79f5) >>> 0;
        let t = a;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
}
/** Normal samples by Box–Muller. */
function normalSamples(count, seed, std = 1) {
    const rand = seededRandom(seed);
    const out = new Float32Array(count);
    for (let i = 0; i < count; i += 2) {
        const u = Math.max(rand(), 1e-12);
        const v = rand();
        const r = Math.sqrt(-2 * Math.log(u)) * std;
        out[i] = r * Math.cos(2 * Math.PI * v);
        if (i + 1 < count)
            out[i + 1] = r * Math.sin(2 * Math.PI * v);
    }
    return out;
}

;// CONCATENATED MODULE: ./src/eval/inputs.ts
/**
 * Model inputs for evaluation: synthesized deterministically from the graph's input specs, read from a
 * token file (little-endian int64 windows), or read from a JSON file of named tensors.
 */






function inputSpecs(inputs, initializers) {
    return inputs
        .filter((i) => !initializers.has(i.name))
        .map((i) => ({
        name: i.name,
        elemType: i.type?.tensorType?.elemType ?? dtype/* DataType */.pe.FLOAT,
        dims: (i.type?.tensorType?.shape?.dim ?? []).map((d) => {
            const v = (0,schema/* int64ToNumber */.o3)(d.dimValue);
            return d.dimParam || v <= 0 ? null : v;
        }),
    }));
}
function resolveDims(spec, seqLen) {
    return spec.dims.map((d, axis) => d ?? (axis === 0 ? 1 : seqLen));
}
/** Deterministic inputs: ids within their table, masks of ones, type ids zero, positions counting, floats N(0, 1). */
function synthesizeInputs(specs, hints) {
    const feeds = {};
    specs.forEach((spec, k) => {
        const dims = resolveDims(spec, hints.seqLen);
        const count = dims.reduce((a, b) => a * b, 1);
        const seed = (hints.seed ?? 1234) + k * 7919;
        const lower = spec.name.toLowerCase();
        switch (spec.elemType) {
            case dtype/* DataType */.pe.INT64:
            case dtype/* DataType */.pe.INT32: {
                const values = new Array(count);
                const last = dims[dims.length - 1] ?? 1;
                const bound = hints.indexBounds.get(spec.name) ?? 2;
                const rand = seededRandom(seed);
                for (let i = 0; i < count; i++) {
                    values[i] = /mask/.test(lower)
                        ? 1
                        : /type|segment/.test(lower)
                            ? 0
                            : /position/.test(lower)
                                ? i % last
                                : Math.floor(rand() * bound);
                }
                feeds[spec.name] =
                    spec.elemType === dtype/* DataType */.pe.INT64
                        ? new ((0,runtime/* ort */.g3)().Tensor)('int64', BigInt64Array.from(values, (v) => BigInt(v)), dims)
                        : new ((0,runtime/* ort */.g3)().Tensor)('int32', Int32Array.from(values), dims);
                break;
            }
            case dtype/* DataType */.pe.BOOL:
                feeds[spec.name] = new ((0,runtime/* ort */.g3)().Tensor)('bool', new Uint8Array(count).fill(1), dims);
                break;
            case dtype/* DataType */.pe.FLOAT16:
                feeds[spec.name] = new ((0,runtime/* ort */.g3)().Tensor)('float16', new Uint16Array(count).fill(0x3c00), dims);
                break;
            default:
                feeds[spec.name] = new ((0,runtime/* ort */.g3)().Tensor)('float32', normalSamples(count, seed), dims);
        }
    });
    return feeds;
}
/** Windows of `seqLen` tokens from a file of little-endian int64 token ids. */
function readTokenWindows(file, seqLen, maxWindows) {
    let bytes;
    try {
        bytes = external_node_fs_.readFileSync(file);
    }
    catch (err) {
        throw new errors/* BadInputError */.Ys(`${file}: cannot read tokens (${err.code === 'ENOENT' ? 'file not found' : (0,errors/* messageOf */.bD)(err)})`);
    }
    if (bytes.length % 8 !== 0)
        throw new errors/* BadInputError */.Ys(`${file}: ${bytes.length} bytes is not a whole number of int64 tokens`);
    const tokens = new BigInt64Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length));
    const count = Math.floor(tokens.length / seqLen);
    if (count === 0)
        throw new errors/* BadInputError */.Ys(`${file}: ${tokens.length} tokens is less than one window of ${seqLen}`);
    const windows = [];
    for (let w = 0; w < Math.min(count, maxWindows ?? count); w++)
        windows.push(tokens.subarray(w * seqLen, (w + 1) * seqLen));
    return windows;
}
/** `{ "name": { "type": "int64", "dims": [1, 8], "data": [...] } }`. */
function readJsonInputs(file) {
    let doc;
    try {
        doc = JSON.parse(external_node_fs_.readFileSync(file, 'utf8'));
    }
    catch (err) {
        throw new errors/* BadInputError */.Ys(`${file}: cannot read inputs (${(0,errors/* messageOf */.bD)(err)})`);
    }
    const feeds = {};
    for (const [name, t] of Object.entries(doc)) {
        if (!t || !Array.isArray(t.dims) || !Array.isArray(t.data))
            throw new errors/* BadInputError */.Ys(`${file}: input '${name}' needs dims and data`);
        const count = t.dims.reduce((a, b) => a * b, 1);
        if (count !== t.data.length)
            throw new errors/* BadInputError */.Ys(`${file}: input '${name}' has ${t.data.length} values for dims [${t.dims}]`);
        const type = t.type ?? 'float32';
        if (type === 'int64')
            feeds[name] = new ((0,runtime/* ort */.g3)().Tensor)('int64', BigInt64Array.from(t.data, (v) => BigInt(v)), t.dims);
        else if (type === 'int32')
            feeds[name] = new ((0,runtime/* ort */.g3)().Tensor)('int32', Int32Array.from(t.data), t.dims);
        else if (type === 'float32')
            feeds[name] = new ((0,runtime/* ort */.g3)().Tensor)('float32', Float32Array.from(t.data), t.dims);
        else
            throw new errors/* BadInputError */.Ys(`${file}: input '${name}' has unsupported type '${type}' (int64, int32, float32)`);
    }
    return feeds;
}

;// CONCATENATED MODULE: ./src/eval/npy.ts
/**
 * NumPy .npy files (format versions 1–3): little-endian float32, float64, int64, int32 arrays in C order.
 * Enough to feed a model the inputs a user saved with `np.save`.
 */



const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]; // \x93NUMPY
function readNpy(file) {
    let bytes;
    try {
        bytes = external_node_fs_.readFileSync(file);
    }
    catch {
        throw new errors/* BadInputError */.Ys(`${file}: cannot read (file not found)`);
    }
    if (bytes.length < 10 || MAGIC.some((b, i) => bytes[i] !== b))
        throw new errors/* BadInputError */.Ys(`${file}: not a .npy file`);
    const major = bytes[6];
    const headerLen = major === 1 ? bytes.readUInt16LE(8) : bytes.readUInt32LE(8);
    const start = major === 1 ? 10 : 12;
    const header = bytes.subarray(start, start + headerLen).toString(major === 3 ? 'utf8' : 'latin1');
    const descr = header.match(/'descr':\s*'([^']+)'/)?.[1];
    const fortran = /'fortran_order':\s*True/.test(header);
    const shapeText = header.match(/'shape':\s*\(([^)]*)\)/)?.[1];
    if (!descr || shapeText === undefined)
        throw new errors/* BadInputError */.Ys(`${file}: unreadable .npy header`);
    if (fortran)
        throw new errors/* BadInputError */.Ys(`${file}: Fortran-ordered arrays are not supported (save with np.ascontiguousarray)`);
    const dims = shapeText
        .split(',')
        .map((s) => s.trim())
        .filter((s) => s.length > 0)
        .map(Number);
    const count = dims.reduce((a, b) => a * b, 1);
    const data = bytes.subarray(start + headerLen);
    const copy = (size) => {
        if (data.length !== count * size)
            throw new errors/* BadInputError */.Ys(`${file}: ${data.length} data bytes for shape (${dims.join(', ')}) of ${descr}`);
        return data.buffer.slice(data.byteOffset, data.byteOffset + data.length);
    };
    switch (descr) {
        case '<f4':
            return new ((0,runtime/* ort */.g3)().Tensor)('float32', new Float32Array(copy(4)), dims);
        case '<f8':
            return new ((0,runtime/* ort */.g3)().Tensor)('float32', Float32Array.from(new Float64Array(copy(8))), dims);
        case '<i8':
            return new ((0,runtime/* ort */.g3)().Tensor)('int64', new BigInt64Array(copy(8)), dims);
        case '<i4':
            return new ((0,runtime/* ort */.g3)().Tensor)('int32', new Int32Array(copy(4)), dims);
        case '|b1':
            return new ((0,runtime/* ort */.g3)().Tensor)('bool', new Uint8Array(copy(1)), dims);
        default:
            throw new errors/* BadInputError */.Ys(`${file}: dtype ${descr} is not supported (float32, float64, int64, int32, bool)`);
    }
}

// EXTERNAL MODULE: ./src/eval/metrics.ts
var metrics = __webpack_require__(4419);
// EXTERNAL MODULE: ./src/eval/session.ts
var session = __webpack_require__(3010);
;// CONCATENATED MODULE: ./src/eval/evaluate.ts









/** Row counts of the tables each integer input indexes, so synthesized ids stay in range. */
function indexBounds(model, inventory) {
    const g = new graph/* GraphIndex */.p(model.graph);
    const bounds = new Map();
    for (const layer of inventory.layers) {
        for (const use of layer.uses) {
            if (use.role !== 'gather')
                continue;
            let value = model.graph.node[use.nodeId]?.input[1] ?? '';
            for (let hops = 0; hops < 6 && !g.graphInputs.has(value); hops++) {
                const p = g.producerOf(value);
                if (!p || !['Cast', 'Reshape', 'Unsqueeze', 'Squeeze', 'Identity', 'Flatten'].includes(p.opType))
                    break;
                value = p.input[0] ?? '';
            }
            if (g.graphInputs.has(value))
                bounds.set(value, Math.min(bounds.get(value) ?? Infinity, layer.shape[0] ?? 1));
        }
    }
    return bounds;
}
/** The output compared: `logits` when there is one, else the first. */
function primaryOutput(session) {
    return session.outputNames.find((n) => /logit/i.test(n)) ?? session.outputNames[0];
}
/** The inputs both models are run on: token windows, a JSON file, or deterministic synthesized inputs. */
function buildInputs(reference, options, inventory = (0,analyze_inventory/* analyzeModel */.C)(reference)) {
    const specs = inputSpecs(reference.graph.input, new Set(reference.initializers.keys()));
    const idsSpec = specs.find((s) => s.name === 'input_ids');
    const seqLen = options.seqLen ?? idsSpec?.dims[1] ?? 128;
    const bounds = indexBounds(reference, inventory);
    if (options.tokens) {
        if (!idsSpec)
            throw new errors/* BadInputError */.Ys(`${reference.path}: --tokens needs a model with an 'input_ids' input`);
        const windows = readTokenWindows(options.tokens, seqLen, options.maxWindows);
        return { batches: windows.map((w) => withTokens(specs, seqLen, bounds, w)), windows };
    }
    if (options.inputs)
        return { batches: [readUserInputs(options.inputs, specs, seqLen, bounds)] };
    return { batches: [synthesizeInputs(specs, { seqLen: options.seqLen ?? 16, indexBounds: bounds })] };
}
async function evaluate(referencePath, quantizedPath, options) {
    await (0,runtime/* loadRuntime */.BR)();
    const started = process.hrtime.bigint();
    // A caller that has read and analyzed the reference already passes it along.
    const reference = options.reference?.model ?? (0,read/* readModel */.ko)(referencePath);
    (0,read/* readModel */.ko)(quantizedPath); // same checks (and messages) for the second file
    const { batches, windows } = buildInputs(reference, options, options.reference?.inventory);
    const ref = await (0,session/* openSession */.f)(referencePath, options.ep, options.warn);
    const q = await (0,session/* openSession */.f)(quantizedPath, ref.ep, options.warn);
    const output = primaryOutput(ref.session);
    if (!q.session.outputNames.includes(output))
        throw new errors/* BadInputError */.Ys(`${quantizedPath}: has no output '${output}' to compare`);
    const distance = new metrics/* DistanceAccumulator */.QB();
    let logits;
    const pplRef = new metrics/* PerplexityAccumulator */.B1();
    const pplQ = new metrics/* PerplexityAccumulator */.B1();
    for (const [i, feeds] of batches.entries()) {
        const a = (await ref.session.run(feeds))[output];
        const b = (await q.session.run(feeds))[output];
        const av = numeric(a);
        const bv = numeric(b);
        distance.add(av, bv);
        const classes = a.dims[a.dims.length - 1] ?? 1;
        if (isLogits(output, classes)) {
            logits ??= new metrics/* LogitAccumulator */.cA(classes);
            logits.add(av, bv);
            if (windows) {
                pplRef.add(av, windows[i], classes);
                pplQ.add(bv, windows[i], classes);
            }
        }
    }
    await ref.session.release();
    await q.session.release();
    const result = {
        cosine: distance.cosine(),
        rel_l2: distance.relativeL2(),
        max_abs: distance.maxAbs,
        ep: ref.ep,
        seconds: 0,
        output,
    };
    if (logits) {
        result.top1_agree = logits.top1Agreement();
        result.kl = logits.meanKL();
    }
    if (windows && logits) {
        result.ppl_ref = pplRef.perplexity();
        result.ppl_q = pplQ.perplexity();
        result.windows = windows.length;
    }
    result.seconds = Number(process.hrtime.bigint() - started) / 1e9;
    return result;
}
/** Output values as numbers (integer outputs, int64 included, compare by value). */
function numeric(t) {
    const data = t.data;
    if (data instanceof BigInt64Array || data instanceof BigUint64Array)
        return Float64Array.from(data, (v) => Number(v));
    if (Array.isArray(data))
        throw new errors/* BadInputError */.Ys(`output of type ${t.type} cannot be compared numerically`);
    return data;
}
/** An output of class scores: named logits, with more than one class on its last axis. */
function isLogits(output, classes) {
    return /logit/i.test(output) && classes > 1;
}
/**
 * `--inputs`: a JSON file of named tensors, or `NAME=FILE.npy` pairs separated by commas. Inputs the user
 * does not give are synthesized.
 */
function readUserInputs(text, specs, seqLen, bounds) {
    let given = {};
    if (!text.includes('=')) {
        given = readJsonInputs(text);
    }
    else {
        for (const pair of text.split(',')) {
            const eq = pair.indexOf('=');
            given[pair.slice(0, eq)] = readNpy(pair.slice(eq + 1));
        }
    }
    for (const name of Object.keys(given)) {
        if (!specs.some((s) => s.name === name))
            throw new errors/* BadInputError */.Ys(`--inputs: the model has no input '${name}' (inputs: ${specs.map((s) => s.name).join(', ')})`);
    }
    // Missing inputs are synthesized to match the sequence length of the given ones.
    const first = Object.values(given)[0];
    const missing = specs.filter((s) => !(s.name in given));
    return { ...synthesizeInputs(missing, { seqLen: first?.dims[1] ?? seqLen, indexBounds: bounds }), ...given };
}
function withTokens(specs, seqLen, bounds, window) {
    const feeds = synthesizeInputs(specs, { seqLen, indexBounds: bounds });
    feeds.input_ids = new ((0,runtime/* ort */.g3)().Tensor)('int64', window, [1, seqLen]);
    return feeds;
}


/***/ }),

/***/ 4419:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   B1: () => (/* binding */ PerplexityAccumulator),
/* harmony export */   QB: () => (/* binding */ DistanceAccumulator),
/* harmony export */   cA: () => (/* binding */ LogitAccumulator)
/* harmony export */ });
/**
 * Output-quality metrics, as pure functions over typed arrays. Accumulators let evaluation stream over
 * many windows without keeping every output.
 */
/** Running sums for cosine similarity, relative L2 error and max |a − b| between reference a and candidate b. */
class DistanceAccumulator {
    dot = 0;
    aa = 0;
    bb = 0;
    diff2 = 0;
    maxAbs = 0;
    add(a, b) {
        if (a.length !== b.length)
            throw new Error(`outputs differ in size: ${a.length} vs ${b.length}`);
        for (let i = 0; i < a.length; i++) {
            const x = a[i];
            const y = b[i];
            const d = x - y;
            this.dot += x * y;
            this.aa += x * x;
            this.bb += y * y;
            this.diff2 += d * d;
            const ad = d < 0 ? -d : d;
            if (ad > this.maxAbs)
                this.maxAbs = ad;
        }
    }
    cosine() {
        return this.aa === 0 || this.bb === 0 ? (this.aa === this.bb ? 1 : 0) : this.dot / Math.sqrt(this.aa * this.bb);
    }
    relativeL2() {
        return this.aa === 0 ? Math.sqrt(this.diff2) : Math.sqrt(this.diff2 / this.aa);
    }
}
/** log Σ exp(x) over x[offset, offset + n), stably. */
function logSumExp(x, offset, n) {
    let m = -Infinity;
    for (let i = 0; i < n; i++)
        m = Math.max(m, x[offset + i]);
    let s = 0;
    for (let i = 0; i < n; i++)
        s += Math.exp(x[offset + i] - m);
    return m + Math.log(s);
}
/** Running top-1 agreement and mean KL(p_ref ‖ p_q) over rows of `classes` logits. */
class LogitAccumulator {
    classes;
    rows = 0;
    agree = 0;
    kl = 0;
    constructor(classes) {
        this.classes = classes;
    }
    add(ref, q) {
        const c = this.classes;
        for (let off = 0; off + c <= ref.length; off += c) {
            let ia = 0;
            let ib = 0;
            for (let i = 1; i < c; i++) {
                if (ref[off + i] > ref[off + ia])
                    ia = i;
                if (q[off + i] > q[off + ib])
                    ib = i;
            }
            if (ia === ib)
                this.agree++;
            const la = logSumExp(ref, off, c);
            const lb = logSumExp(q, off, c);
            let kl = 0;
            for (let i = 0; i < c; i++) {
                const lpa = ref[off + i] - la;
                kl += Math.exp(lpa) * (lpa - (q[off + i] - lb));
            }
            this.kl += Math.max(0, kl);
            this.rows++;
        }
    }
    top1Agreement() {
        return this.rows === 0 ? 1 : this.agree / this.rows;
    }
    meanKL() {
        return this.rows === 0 ? 0 : this.kl / this.rows;
    }
}
/** Running next-token negative log-likelihood: logits [L, V] of one window, its tokens [L]. */
class PerplexityAccumulator {
    nll = 0;
    count = 0;
    add(logits, tokens, vocab) {
        const L = tokens.length;
        for (let i = 0; i + 1 < L; i++) {
            const target = Number(tokens[i + 1]);
            const off = i * vocab;
            this.nll += logSumExp(logits, off, vocab) - logits[off + target];
            this.count++;
        }
    }
    perplexity() {
        return this.count === 0 ? NaN : Math.exp(this.nll / this.count);
    }
}


/***/ }),

/***/ 2982:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   BR: () => (/* binding */ loadRuntime),
/* harmony export */   g3: () => (/* binding */ ort)
/* harmony export */ });
/* unused harmony exports RUNTIME_FORMAT, RUNTIME_VERSION, runtimeArchiveName, unpack */
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_module__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8995);
/* harmony import */ var node_module__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_module__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(8161);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_os__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_3___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_3__);
/* harmony import */ var node_url__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(3136);
/* harmony import */ var node_url__WEBPACK_IMPORTED_MODULE_4___default = /*#__PURE__*/__webpack_require__.n(node_url__WEBPACK_IMPORTED_MODULE_4__);
/* harmony import */ var node_zlib__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(8522);
/* harmony import */ var node_zlib__WEBPACK_IMPORTED_MODULE_5___default = /*#__PURE__*/__webpack_require__.n(node_zlib__WEBPACK_IMPORTED_MODULE_5__);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(3916);
/**
 * Loading onnxruntime-node. Installed with npm (the CLI, the tests) it is an ordinary import. The action
 * runs from a checkout of this repository with no node_modules, and ncc cannot bundle a native binding:
 * there the runtime comes from dist/runtime/, a brotli-packed copy of onnxruntime-node for the runner's
 * platform, unpacked once into a cache folder (RUNNER_TOOL_CACHE, else the OS temp folder).
 */







const RUNTIME_FORMAT = 'quantgate.runtime/v1';
const RUNTIME_VERSION = '1.30.0';
function runtimeArchiveName(version, platform, arch) {
    return `onnxruntime-node-${version}-${platform}-${arch}.br`;
}
let loaded;
/** The runtime, loaded on first use (synchronously: onnxruntime-node is a CommonJS package). */
function ort() {
    loaded ??= load();
    return loaded;
}
/** Kept for callers that prefer to load up front (and to surface a load error early). */
async function loadRuntime() {
    return ort();
}
function load() {
    const require = (0,node_module__WEBPACK_IMPORTED_MODULE_1__.createRequire)(import.meta.url);
    try {
        // A string the bundler cannot see through: onnxruntime-node stays an ordinary package require.
        return require(['onnxruntime', 'node'].join('-'));
    }
    catch (err) {
        const archive = findArchive();
        if (!archive) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_6__/* .BadInputError */ .Ys(`onnxruntime-node is not installed and no bundled runtime exists for ${process.platform}-${process.arch}: run npm install onnxruntime-node@${RUNTIME_VERSION} (and set NODE_PATH to its node_modules) (${(0,_errors_js__WEBPACK_IMPORTED_MODULE_6__/* .messageOf */ .bD)(err)})`);
        }
        const root = unpack(archive);
        return (0,node_module__WEBPACK_IMPORTED_MODULE_1__.createRequire)(node_path__WEBPACK_IMPORTED_MODULE_3__.join(root, 'index.js'))(node_path__WEBPACK_IMPORTED_MODULE_3__.join(root, 'node_modules', 'onnxruntime-node'));
    }
}
/** dist/runtime/ next to the running bundle (dist/index.js or dist/cli/index.js), or in the source tree. */
function findArchive() {
    const here = node_path__WEBPACK_IMPORTED_MODULE_3__.dirname((0,node_url__WEBPACK_IMPORTED_MODULE_4__.fileURLToPath)(import.meta.url));
    const name = runtimeArchiveName(RUNTIME_VERSION, process.platform, process.arch);
    for (const dir of [
        node_path__WEBPACK_IMPORTED_MODULE_3__.join(here, 'runtime'),
        node_path__WEBPACK_IMPORTED_MODULE_3__.join(here, '..', 'runtime'),
        node_path__WEBPACK_IMPORTED_MODULE_3__.join(here, '..', '..', 'dist', 'runtime'),
        node_path__WEBPACK_IMPORTED_MODULE_3__.join(here, '..', '..', '..', 'dist', 'runtime'),
    ]) {
        const file = node_path__WEBPACK_IMPORTED_MODULE_3__.join(dir, name);
        if (node_fs__WEBPACK_IMPORTED_MODULE_0__.existsSync(file))
            return file;
    }
    return undefined;
}
/** Unpacks once per version and platform; a complete folder is renamed into place, so a crash leaves none. */
function unpack(archive, cacheRoot = process.env.RUNNER_TOOL_CACHE || node_os__WEBPACK_IMPORTED_MODULE_2__.tmpdir()) {
    const target = node_path__WEBPACK_IMPORTED_MODULE_3__.join(cacheRoot, 'quantgate-runtime', node_path__WEBPACK_IMPORTED_MODULE_3__.basename(archive, '.br'));
    if (node_fs__WEBPACK_IMPORTED_MODULE_0__.existsSync(node_path__WEBPACK_IMPORTED_MODULE_3__.join(target, '.complete')))
        return target;
    const body = node_zlib__WEBPACK_IMPORTED_MODULE_5__.brotliDecompressSync(node_fs__WEBPACK_IMPORTED_MODULE_0__.readFileSync(archive));
    const headerLength = body.readUInt32LE(0);
    const header = JSON.parse(body.subarray(4, 4 + headerLength).toString('utf8'));
    if (header.format !== RUNTIME_FORMAT)
        throw new Error(`${archive}: not a ${RUNTIME_FORMAT} archive`);
    const staging = `${target}.tmp-${process.pid}`;
    node_fs__WEBPACK_IMPORTED_MODULE_0__.rmSync(staging, { recursive: true, force: true });
    let offset = 4 + headerLength;
    for (const entry of header.entries) {
        const file = node_path__WEBPACK_IMPORTED_MODULE_3__.join(staging, entry.path);
        if (node_path__WEBPACK_IMPORTED_MODULE_3__.relative(staging, file).startsWith('..'))
            throw new Error(`${archive}: entry outside the archive: ${entry.path}`);
        node_fs__WEBPACK_IMPORTED_MODULE_0__.mkdirSync(node_path__WEBPACK_IMPORTED_MODULE_3__.dirname(file), { recursive: true });
        node_fs__WEBPACK_IMPORTED_MODULE_0__.writeFileSync(file, body.subarray(offset, offset + entry.size));
        offset += entry.size;
    }
    node_fs__WEBPACK_IMPORTED_MODULE_0__.writeFileSync(node_path__WEBPACK_IMPORTED_MODULE_3__.join(staging, '.complete'), header.version);
    node_fs__WEBPACK_IMPORTED_MODULE_0__.mkdirSync(node_path__WEBPACK_IMPORTED_MODULE_3__.dirname(target), { recursive: true });
    try {
        node_fs__WEBPACK_IMPORTED_MODULE_0__.renameSync(staging, target);
    }
    catch {
        // Another process unpacked it first.
        node_fs__WEBPACK_IMPORTED_MODULE_0__.rmSync(staging, { recursive: true, force: true });
    }
    return target;
}


/***/ }),

/***/ 3010:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   f: () => (/* binding */ openSession)
/* harmony export */ });
/* harmony import */ var _runtime_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(2982);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3916);


async function create(file, ep) {
    return (0,_runtime_js__WEBPACK_IMPORTED_MODULE_0__/* .ort */ .g3)().InferenceSession.create(file, {
        executionProviders: [ep],
        graphOptimizationLevel: 'all',
    });
}
async function openSession(file, ep, warn) {
    await (0,_runtime_js__WEBPACK_IMPORTED_MODULE_0__/* .loadRuntime */ .BR)();
    if (ep !== 'cpu') {
        const backend = (0,_runtime_js__WEBPACK_IMPORTED_MODULE_0__/* .ort */ .g3)()
            .listSupportedBackends()
            .find((b) => b.name === ep);
        if (!backend) {
            warn(`execution provider '${ep}' is not available in this onnxruntime-node build; running on cpu`);
        }
        else {
            try {
                return { session: await create(file, ep), ep };
            }
            catch (err) {
                warn(`execution provider '${ep}' failed to start (${(0,_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .messageOf */ .bD)(err)}); running on cpu`);
            }
        }
    }
    try {
        return { session: await create(file, 'cpu'), ep: 'cpu' };
    }
    catch (err) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .BadInputError */ .Ys(`${file}: onnxruntime cannot load the model (${(0,_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .messageOf */ .bD)(err)})`);
    }
}


/***/ }),

/***/ 6327:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   B1: () => (/* binding */ rawByteLength),
/* harmony export */   Ny: () => (/* binding */ isFloatType),
/* harmony export */   Ym: () => (/* binding */ dataTypeName),
/* harmony export */   pe: () => (/* binding */ DataType)
/* harmony export */ });
/* unused harmony export elementBits */
/** ONNX TensorProto.DataType codes and their storage sizes. */
const DataType = {
    UNDEFINED: 0,
    FLOAT: 1,
    UINT8: 2,
    INT8: 3,
    UINT16: 4,
    INT16: 5,
    INT32: 6,
    INT64: 7,
    STRING: 8,
    BOOL: 9,
    FLOAT16: 10,
    DOUBLE: 11,
    UINT32: 12,
    UINT64: 13,
    COMPLEX64: 14,
    COMPLEX128: 15,
    BFLOAT16: 16,
    FLOAT8E4M3FN: 17,
    FLOAT8E4M3FNUZ: 18,
    FLOAT8E5M2: 19,
    FLOAT8E5M2FNUZ: 20,
    UINT4: 21,
    INT4: 22,
    FLOAT4E2M1: 23,
    FLOAT8E8M0: 24,
    UINT2: 25,
    INT2: 26,
};
const BITS = {
    1: 32,
    2: 8,
    3: 8,
    4: 16,
    5: 16,
    6: 32,
    7: 64,
    9: 8,
    10: 16,
    11: 64,
    12: 32,
    13: 64,
    14: 64,
    15: 128,
    16: 16,
    17: 8,
    18: 8,
    19: 8,
    20: 8,
    21: 4,
    22: 4,
    23: 4,
    24: 8,
    25: 2,
    26: 2,
};
const NAMES = Object.fromEntries(Object.entries(DataType).map(([name, code]) => [code, name.toLowerCase()]));
/** Bits one element occupies in raw_data, or undefined for strings and unknown codes. */
function elementBits(dataType) {
    return BITS[dataType];
}
function dataTypeName(dataType) {
    return NAMES[dataType] ?? `type ${dataType}`;
}
/** Bytes that `numel` elements take in raw_data (sub-byte types are packed, rounded up). */
function rawByteLength(dataType, numel) {
    const bits = elementBits(dataType);
    return bits === undefined ? undefined : Math.ceil((numel * bits) / 8);
}
function isFloatType(dataType) {
    return dataType === DataType.FLOAT || dataType === DataType.FLOAT16 || dataType === DataType.BFLOAT16 || dataType === DataType.DOUBLE;
}


/***/ }),

/***/ 8914:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Iw: () => (/* binding */ toFloat16Array),
/* harmony export */   JZ: () => (/* binding */ fromBfloat16Array),
/* harmony export */   xf: () => (/* binding */ fromFloat16Array)
/* harmony export */ });
/* unused harmony exports float32ToFloat16Bits, float16BitsToFloat32 */
/**
 * IEEE 754 binary16 and bfloat16 conversions.
 *
 * float32 → float16 rounds to nearest, ties to even (what numpy's `astype(np.float16)` and onnxruntime do),
 * produces subnormals below 2^-14, overflows to ±Inf above 65504 (after rounding), and keeps NaN a quiet NaN.
 * float16 → float32 is exact and uses a table of all 65,536 values, built once on first use.
 */
const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);
/** Converts one float32 value to float16 bits. */
function float32ToFloat16Bits(value) {
    f32[0] = value;
    const x = u32[0];
    const sign = (x >>> 16) & 0x8000;
    const exp = (x >>> 23) & 0xff;
    const mant = x & 0x7fffff;
    if (exp === 0xff) {
        // Inf stays Inf; NaN keeps its top mantissa bits and is forced quiet so it cannot become Inf.
        return mant === 0 ? sign | 0x7c00 : sign | 0x7e00 | (mant >>> 13);
    }
    // Unbiased exponent of the half result.
    const e = exp - 127 + 15;
    if (e >= 0x1f)
        return sign | 0x7c00; // overflow
    if (e <= 0) {
        // Subnormal half (or zero): shift the mantissa, with its implicit 1, right, rounding to nearest even.
        if (e < -10)
            return sign; // underflows to ±0 even after rounding
        const m = mant | 0x800000;
        const shift = 14 - e; // 14..24
        const half = m >>> shift;
        const rem = m & ((1 << shift) - 1);
        const mid = 1 << (shift - 1);
        const roundUp = rem > mid || (rem === mid && (half & 1) === 1);
        return sign | (half + (roundUp ? 1 : 0));
    }
    // Normal: keep 10 mantissa bits, round to nearest even; a carry correctly bumps the exponent (maybe to Inf).
    const half = (e << 10) | (mant >>> 13);
    const rem = mant & 0x1fff;
    const roundUp = rem > 0x1000 || (rem === 0x1000 && (half & 1) === 1);
    return sign | (half + (roundUp ? 1 : 0));
}
let halfTable;
function buildHalfTable() {
    const table = new Float32Array(65536);
    for (let h = 0; h < 65536; h++) {
        const sign = h & 0x8000 ? -1 : 1;
        const exp = (h >>> 10) & 0x1f;
        const mant = h & 0x3ff;
        if (exp === 0)
            table[h] = sign * mant * 2 ** -24; // zero and subnormals
        else if (exp === 0x1f)
            table[h] = mant === 0 ? sign * Infinity : NaN;
        else
            table[h] = sign * (1 + mant / 1024) * 2 ** (exp - 15);
    }
    return table;
}
/** Converts float16 bits to a float32 value (exact). */
function float16BitsToFloat32(bits) {
    halfTable ??= buildHalfTable();
    return halfTable[bits & 0xffff];
}
/** Converts an array of float32 to float16 bits. */
function toFloat16Array(values) {
    const out = new Uint16Array(values.length);
    for (let i = 0; i < values.length; i++)
        out[i] = float32ToFloat16Bits(values[i]);
    return out;
}
/** Converts float16 bits to float32 values. */
function fromFloat16Array(bits) {
    halfTable ??= buildHalfTable();
    const table = halfTable;
    const out = new Float32Array(bits.length);
    for (let i = 0; i < bits.length; i++)
        out[i] = table[bits[i]];
    return out;
}
/** bfloat16 is the top half of a float32: widening is a shift. */
function fromBfloat16Array(bits) {
    const out = new Float32Array(bits.length);
    const outBits = new Uint32Array(out.buffer);
    for (let i = 0; i < bits.length; i++)
        outBits[i] = bits[i] << 16;
    return out;
}


/***/ }),

/***/ 319:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Jt: () => (/* binding */ readTensorFloat32),
/* harmony export */   ko: () => (/* binding */ readModel)
/* harmony export */ });
/* unused harmony export readTensorBytes */
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(3916);
/* harmony import */ var _dtype_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(6327);
/* harmony import */ var _float16_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(8914);
/* harmony import */ var _schema_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(7312);
/**
 * Reading ONNX models: the protobuf, its initializers' metadata, and (only on request) tensor values.
 *
 * Planning reads shapes, not weights: `readModel` decodes the .onnx file and checks every initializer's
 * byte length against its shape, stat-ing external data files instead of reading them.
 */







function fail(file, problem) {
    throw new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .BadInputError */ .Ys(`${file}: ${problem}`);
}
function readModel(file) {
    let buffer;
    try {
        buffer = node_fs__WEBPACK_IMPORTED_MODULE_1__.readFileSync(file);
    }
    catch (err) {
        const code = err.code;
        fail(file, code === 'ENOENT' ? 'file not found' : `cannot read (${(0,_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .messageOf */ .bD)(err)})`);
    }
    if (buffer.length === 0)
        fail(file, 'empty file, not an ONNX model');
    let proto;
    try {
        proto = (0,_schema_js__WEBPACK_IMPORTED_MODULE_6__/* .decodeModel */ .sd)(buffer);
    }
    catch (err) {
        fail(file, `not a valid ONNX model (truncated or not protobuf: ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .messageOf */ .bD)(err)})`);
    }
    const graph = proto.graph;
    if (!graph || (0,_schema_js__WEBPACK_IMPORTED_MODULE_6__/* .int64ToNumber */ .o3)(proto.irVersion) <= 0 || proto.opsetImport.length === 0) {
        fail(file, 'not a valid ONNX model (no graph, IR version or opset import)');
    }
    const dir = node_path__WEBPACK_IMPORTED_MODULE_2__.dirname(node_path__WEBPACK_IMPORTED_MODULE_2__.resolve(file));
    const externalFiles = new Map();
    const initializers = new Map();
    for (const tensor of graph.initializer) {
        const info = describeTensor(file, dir, tensor, externalFiles);
        initializers.set(info.name, info);
    }
    const opsets = new Map();
    for (const o of proto.opsetImport)
        opsets.set(o.domain ?? '', (0,_schema_js__WEBPACK_IMPORTED_MODULE_6__/* .int64ToNumber */ .o3)(o.version));
    let externalBytes = 0;
    for (const size of externalFiles.values())
        externalBytes += size;
    return {
        path: file,
        dir,
        proto,
        graph,
        sha256: (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)('sha256').update(buffer).digest('hex'),
        bytes: buffer.length + externalBytes,
        initializers,
        opsets,
    };
}
function describeTensor(file, dir, tensor, externalFiles) {
    const name = tensor.name;
    const dims = tensor.dims.map((d) => (0,_schema_js__WEBPACK_IMPORTED_MODULE_6__/* .int64ToNumber */ .o3)(d));
    if (dims.some((d) => !Number.isSafeInteger(d) || d < 0))
        fail(file, `tensor '${name}' has invalid dims [${dims}]`);
    const numel = dims.reduce((a, b) => a * b, 1);
    const expected = (0,_dtype_js__WEBPACK_IMPORTED_MODULE_4__/* .rawByteLength */ .B1)(tensor.dataType, numel);
    const shape = `[${dims.join(', ')}]`;
    if (expected === undefined) {
        // Strings and unknown types are never weights; keep them without a byte check.
        return { name, dataType: tensor.dataType, dims, numel, byteLength: 0, storage: { kind: 'typed' }, proto: tensor };
    }
    const base = { name, dataType: tensor.dataType, dims, numel, byteLength: expected, proto: tensor };
    const type = (0,_dtype_js__WEBPACK_IMPORTED_MODULE_4__/* .dataTypeName */ .Ym)(tensor.dataType);
    if (tensor.dataLocation === 1 || (tensor.externalData && tensor.externalData.length > 0)) {
        const entries = new Map((tensor.externalData ?? []).map((e) => [e.key, e.value]));
        const location = entries.get('location');
        if (!location)
            fail(file, `tensor '${name}' is stored externally but names no location`);
        const target = resolveExternal(file, dir, name, location);
        let size = externalFiles.get(target);
        if (size === undefined) {
            try {
                size = node_fs__WEBPACK_IMPORTED_MODULE_1__.statSync(target).size;
            }
            catch {
                fail(file, `external data file '${location}' of tensor '${name}' is missing`);
            }
            externalFiles.set(target, size);
        }
        const offset = Number(entries.get('offset') ?? '0');
        const length = entries.has('length') ? Number(entries.get('length')) : expected;
        if (!Number.isSafeInteger(offset) || offset < 0 || !Number.isSafeInteger(length) || length < 0) {
            fail(file, `tensor '${name}' has an invalid external offset or length`);
        }
        if (length !== expected) {
            fail(file, `tensor '${name}' has ${length} bytes of external data but its shape ${shape} of ${type} needs ${expected}`);
        }
        if (offset + length > size) {
            fail(file, `tensor '${name}' reads bytes ${offset}..${offset + length} of '${location}', which has only ${size}`);
        }
        return { ...base, storage: { kind: 'external', file: target, offset, length } };
    }
    if (tensor.rawData && tensor.rawData.length > 0) {
        if (tensor.rawData.length !== expected) {
            fail(file, `tensor '${name}' has ${tensor.rawData.length} bytes but its shape ${shape} of ${type} needs ${expected}`);
        }
        return { ...base, storage: { kind: 'raw' } };
    }
    const count = typedFieldLength(tensor);
    if (count !== numel && !(numel === 0 && count === 0)) {
        fail(file, `tensor '${name}' has ${count} values but its shape ${shape} needs ${numel}`);
    }
    return { ...base, storage: { kind: 'typed' } };
}
/** External data must stay inside the model's folder, also through symbolic links. */
function resolveExternal(file, dir, name, location) {
    if (node_path__WEBPACK_IMPORTED_MODULE_2__.isAbsolute(location))
        fail(file, `external data of tensor '${name}' uses an absolute path '${location}'`);
    const target = node_path__WEBPACK_IMPORTED_MODULE_2__.resolve(dir, location);
    const outside = (root, p) => {
        const rel = node_path__WEBPACK_IMPORTED_MODULE_2__.relative(root, p);
        return rel === '' || rel.startsWith('..') || node_path__WEBPACK_IMPORTED_MODULE_2__.isAbsolute(rel);
    };
    if (outside(dir, target))
        fail(file, `external data of tensor '${name}' points outside the model's folder ('${location}')`);
    try {
        if (outside(node_fs__WEBPACK_IMPORTED_MODULE_1__.realpathSync(dir), node_fs__WEBPACK_IMPORTED_MODULE_1__.realpathSync(target))) {
            fail(file, `external data of tensor '${name}' links outside the model's folder ('${location}')`);
        }
    }
    catch (err) {
        if (err instanceof _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .BadInputError */ .Ys)
            throw err;
        fail(file, `external data file '${location}' of tensor '${name}' is missing`);
    }
    return target;
}
function typedFieldLength(t) {
    switch (t.dataType) {
        case _dtype_js__WEBPACK_IMPORTED_MODULE_4__/* .DataType */ .pe.FLOAT:
            return t.floatData?.length ?? 0;
        case _dtype_js__WEBPACK_IMPORTED_MODULE_4__/* .DataType */ .pe.INT64:
            return t.int64Data?.length ?? 0;
        case _dtype_js__WEBPACK_IMPORTED_MODULE_4__/* .DataType */ .pe.DOUBLE:
            return t.doubleData?.length ?? 0;
        case _dtype_js__WEBPACK_IMPORTED_MODULE_4__/* .DataType */ .pe.UINT32:
        case _dtype_js__WEBPACK_IMPORTED_MODULE_4__/* .DataType */ .pe.UINT64:
            return t.uint64Data?.length ?? 0;
        default:
            return t.int32Data?.length ?? 0;
    }
}
/** The tensor's stored bytes (raw layout, little-endian), read from wherever they live. */
function readTensorBytes(info) {
    const s = info.storage;
    if (s.kind === 'raw')
        return info.proto.rawData;
    if (s.kind === 'external') {
        const out = Buffer.allocUnsafe(s.length);
        const fd = node_fs__WEBPACK_IMPORTED_MODULE_1__.openSync(s.file, 'r');
        try {
            let done = 0;
            while (done < s.length) {
                const n = node_fs__WEBPACK_IMPORTED_MODULE_1__.readSync(fd, out, done, s.length - done, s.offset + done);
                if (n === 0)
                    throw new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .BadInputError */ .Ys(`${s.file}: ended early while reading tensor '${info.name}'`);
                done += n;
            }
        }
        finally {
            node_fs__WEBPACK_IMPORTED_MODULE_1__.closeSync(fd);
        }
        return out;
    }
    return typedToRaw(info);
}
function typedToRaw(info) {
    const t = info.proto;
    const out = new Uint8Array(info.byteLength);
    const view = new DataView(out.buffer);
    switch (t.dataType) {
        case _dtype_js__WEBPACK_IMPORTED_MODULE_4__/* .DataType */ .pe.FLOAT:
            (t.floatData ?? []).forEach((v, i) => view.setFloat32(i * 4, v, true));
            break;
        case _dtype_js__WEBPACK_IMPORTED_MODULE_4__/* .DataType */ .pe.DOUBLE:
            (t.doubleData ?? []).forEach((v, i) => view.setFloat64(i * 8, v, true));
            break;
        case _dtype_js__WEBPACK_IMPORTED_MODULE_4__/* .DataType */ .pe.INT64:
            (t.int64Data ?? []).forEach((v, i) => view.setBigInt64(i * 8, BigInt((0,_schema_js__WEBPACK_IMPORTED_MODULE_6__/* .int64ToNumber */ .o3)(v)), true));
            break;
        case _dtype_js__WEBPACK_IMPORTED_MODULE_4__/* .DataType */ .pe.FLOAT16:
        case _dtype_js__WEBPACK_IMPORTED_MODULE_4__/* .DataType */ .pe.BFLOAT16:
        case _dtype_js__WEBPACK_IMPORTED_MODULE_4__/* .DataType */ .pe.UINT16:
        case _dtype_js__WEBPACK_IMPORTED_MODULE_4__/* .DataType */ .pe.INT16:
            (t.int32Data ?? []).forEach((v, i) => view.setUint16(i * 2, v, true));
            break;
        case _dtype_js__WEBPACK_IMPORTED_MODULE_4__/* .DataType */ .pe.INT32:
            (t.int32Data ?? []).forEach((v, i) => view.setInt32(i * 4, v, true));
            break;
        case _dtype_js__WEBPACK_IMPORTED_MODULE_4__/* .DataType */ .pe.UINT8:
        case _dtype_js__WEBPACK_IMPORTED_MODULE_4__/* .DataType */ .pe.INT8:
        case _dtype_js__WEBPACK_IMPORTED_MODULE_4__/* .DataType */ .pe.BOOL:
            (t.int32Data ?? []).forEach((v, i) => view.setUint8(i, v & 0xff));
            break;
        default:
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .BadInputError */ .Ys(`tensor '${info.name}': typed storage of ${(0,_dtype_js__WEBPACK_IMPORTED_MODULE_4__/* .dataTypeName */ .Ym)(t.dataType)} is not supported`);
    }
    return out;
}
/** Copies bytes into a fresh, aligned buffer (a protobuf slice may start at any offset). */
function aligned(bytes) {
    return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
}
/** The tensor's values widened to float32. Only floating-point initializers are weights. */
function readTensorFloat32(info) {
    const bytes = readTensorBytes(info);
    switch (info.dataType) {
        case _dtype_js__WEBPACK_IMPORTED_MODULE_4__/* .DataType */ .pe.FLOAT:
            return new Float32Array(aligned(bytes));
        case _dtype_js__WEBPACK_IMPORTED_MODULE_4__/* .DataType */ .pe.FLOAT16:
            return (0,_float16_js__WEBPACK_IMPORTED_MODULE_5__/* .fromFloat16Array */ .xf)(new Uint16Array(aligned(bytes)));
        case _dtype_js__WEBPACK_IMPORTED_MODULE_4__/* .DataType */ .pe.BFLOAT16:
            return (0,_float16_js__WEBPACK_IMPORTED_MODULE_5__/* .fromBfloat16Array */ .JZ)(new Uint16Array(aligned(bytes)));
        case _dtype_js__WEBPACK_IMPORTED_MODULE_4__/* .DataType */ .pe.DOUBLE:
            return Float32Array.from(new Float64Array(aligned(bytes)));
        default:
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .BadInputError */ .Ys(`tensor '${info.name}' is ${(0,_dtype_js__WEBPACK_IMPORTED_MODULE_4__/* .dataTypeName */ .Ym)(info.dataType)}, not a floating-point weight`);
    }
}


/***/ }),

/***/ 7312:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   ee: () => (/* binding */ encodeModel),
/* harmony export */   jQ: () => (/* binding */ AttributeType),
/* harmony export */   o3: () => (/* binding */ int64ToNumber),
/* harmony export */   sd: () => (/* binding */ decodeModel)
/* harmony export */ });
/* unused harmony export ModelProtoType */
/* harmony import */ var protobufjs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3928);
/* harmony import */ var protobufjs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(protobufjs__WEBPACK_IMPORTED_MODULE_0__);
/**
 * The ONNX protobuf schema (onnx.proto, IR version 11), declared as a protobufjs JSON descriptor.
 *
 * Why not `onnx-proto`: it predates IR 10 and silently drops `NodeProto.metadata_props` (field 9), where
 * the dynamo exporter keeps module paths. protobufjs drops unknown fields on decode, so every field of the
 * current schema is declared here, otherwise a rewrite would lose data the user's model holds.
 */

const opt = (type, id) => ({ type, id });
const rep = (type, id) => ({ type, id, rule: 'repeated', options: { packed: false } });
/** Repeated numeric fields that onnx.proto declares `[packed = true]`. */
const packed = (type, id) => ({ type, id, rule: 'repeated', options: { packed: true } });
const messages = {
    StringStringEntryProto: { fields: { key: opt('string', 1), value: opt('string', 2) } },
    OperatorSetIdProto: { fields: { domain: opt('string', 1), version: opt('int64', 2) } },
    AttributeProto: {
        fields: {
            name: opt('string', 1),
            refAttrName: opt('string', 21),
            docString: opt('string', 13),
            type: opt('int32', 20),
            f: opt('float', 2),
            i: opt('int64', 3),
            s: opt('bytes', 4),
            t: opt('TensorProto', 5),
            g: opt('GraphProto', 6),
            sparseTensor: opt('SparseTensorProto', 22),
            tp: opt('TypeProto', 14),
            floats: rep('float', 7),
            ints: rep('int64', 8),
            strings: rep('bytes', 9),
            tensors: rep('TensorProto', 10),
            graphs: rep('GraphProto', 11),
            sparseTensors: rep('SparseTensorProto', 23),
            typeProtos: rep('TypeProto', 15),
        },
    },
    ValueInfoProto: {
        fields: {
            name: opt('string', 1),
            type: opt('TypeProto', 2),
            docString: opt('string', 3),
            metadataProps: rep('StringStringEntryProto', 4),
        },
    },
    NodeProto: {
        fields: {
            input: rep('string', 1),
            output: rep('string', 2),
            name: opt('string', 3),
            opType: opt('string', 4),
            domain: opt('string', 7),
            overload: opt('string', 8),
            attribute: rep('AttributeProto', 5),
            docString: opt('string', 6),
            metadataProps: rep('StringStringEntryProto', 9),
            deviceConfigurations: rep('NodeDeviceConfigurationProto', 10),
        },
    },
    IntIntListEntryProto: { fields: { key: opt('int64', 1), value: rep('int64', 2) } },
    NodeDeviceConfigurationProto: {
        fields: {
            configurationId: opt('string', 1),
            shardingSpec: rep('ShardingSpecProto', 2),
            pipelineStage: opt('int32', 3),
        },
    },
    ShardingSpecProto: {
        fields: {
            tensorName: opt('string', 1),
            device: rep('int64', 2),
            indexToDeviceGroupMap: rep('IntIntListEntryProto', 3),
            shardedDim: rep('ShardedDimProto', 4),
        },
    },
    ShardedDimProto: { fields: { axis: opt('int64', 1), simpleSharding: rep('SimpleShardedDimProto', 2) } },
    SimpleShardedDimProto: {
        fields: { dimValue: opt('int64', 1), dimParam: opt('string', 2), numShards: opt('int64', 3) },
    },
    TrainingInfoProto: {
        fields: {
            initialization: opt('GraphProto', 1),
            algorithm: opt('GraphProto', 2),
            initializationBinding: rep('StringStringEntryProto', 3),
            updateBinding: rep('StringStringEntryProto', 4),
        },
    },
    DeviceConfigurationProto: {
        fields: { name: opt('string', 1), numDevices: opt('int32', 2), device: rep('string', 3) },
    },
    ModelProto: {
        fields: {
            irVersion: opt('int64', 1),
            opsetImport: rep('OperatorSetIdProto', 8),
            producerName: opt('string', 2),
            producerVersion: opt('string', 3),
            domain: opt('string', 4),
            modelVersion: opt('int64', 5),
            docString: opt('string', 6),
            graph: opt('GraphProto', 7),
            metadataProps: rep('StringStringEntryProto', 14),
            trainingInfo: rep('TrainingInfoProto', 20),
            functions: rep('FunctionProto', 25),
            configuration: rep('DeviceConfigurationProto', 26),
        },
    },
    TensorAnnotation: {
        fields: { tensorName: opt('string', 1), quantParameterTensorNames: rep('StringStringEntryProto', 2) },
    },
    GraphProto: {
        fields: {
            node: rep('NodeProto', 1),
            name: opt('string', 2),
            initializer: rep('TensorProto', 5),
            sparseInitializer: rep('SparseTensorProto', 15),
            docString: opt('string', 10),
            input: rep('ValueInfoProto', 11),
            output: rep('ValueInfoProto', 12),
            valueInfo: rep('ValueInfoProto', 13),
            quantizationAnnotation: rep('TensorAnnotation', 14),
            metadataProps: rep('StringStringEntryProto', 16),
        },
    },
    TensorProto: {
        fields: {
            dims: rep('int64', 1),
            dataType: opt('int32', 2),
            segment: opt('Segment', 3),
            floatData: packed('float', 4),
            int32Data: packed('int32', 5),
            stringData: rep('bytes', 6),
            int64Data: packed('int64', 7),
            name: opt('string', 8),
            docString: opt('string', 12),
            rawData: opt('bytes', 9),
            externalData: rep('StringStringEntryProto', 13),
            dataLocation: opt('int32', 14),
            doubleData: packed('double', 10),
            uint64Data: packed('uint64', 11),
            metadataProps: rep('StringStringEntryProto', 16),
        },
        nested: { Segment: { fields: { begin: opt('int64', 1), end: opt('int64', 2) } } },
    },
    SparseTensorProto: {
        fields: { values: opt('TensorProto', 1), indices: opt('TensorProto', 2), dims: rep('int64', 3) },
    },
    TensorShapeProto: {
        fields: { dim: rep('Dimension', 1) },
        nested: {
            Dimension: { fields: { dimValue: opt('int64', 1), dimParam: opt('string', 2), denotation: opt('string', 3) } },
        },
    },
    TypeProto: {
        fields: {
            tensorType: opt('Tensor', 1),
            sequenceType: opt('Sequence', 4),
            mapType: opt('Map', 5),
            optionalType: opt('Optional', 9),
            sparseTensorType: opt('SparseTensor', 8),
            opaqueType: opt('Opaque', 7),
            denotation: opt('string', 6),
        },
        nested: {
            Tensor: { fields: { elemType: opt('int32', 1), shape: opt('TensorShapeProto', 2) } },
            Sequence: { fields: { elemType: opt('TypeProto', 1) } },
            Map: { fields: { keyType: opt('int32', 1), valueType: opt('TypeProto', 2) } },
            Optional: { fields: { elemType: opt('TypeProto', 1) } },
            SparseTensor: { fields: { elemType: opt('int32', 1), shape: opt('TensorShapeProto', 2) } },
            Opaque: { fields: { domain: opt('string', 1), name: opt('string', 2) } },
        },
    },
    FunctionProto: {
        fields: {
            name: opt('string', 1),
            input: rep('string', 4),
            output: rep('string', 5),
            attribute: rep('string', 6),
            attributeProto: rep('AttributeProto', 11),
            node: rep('NodeProto', 7),
            docString: opt('string', 8),
            opsetImport: rep('OperatorSetIdProto', 9),
            domain: opt('string', 10),
            overload: opt('string', 13),
            valueInfo: rep('ValueInfoProto', 12),
            metadataProps: rep('StringStringEntryProto', 14),
        },
    },
};
const root = protobufjs__WEBPACK_IMPORTED_MODULE_0___default().Root.fromJSON({ nested: { onnx: { nested: messages } } });
const ModelProtoType = root.lookupType('onnx.ModelProto');
/** Converts a protobuf int64 to a JS number; values beyond 2^53 are a corrupt file for our purposes. */
function int64ToNumber(v) {
    if (v === undefined || v === null)
        return 0;
    return typeof v === 'number' ? v : v.toNumber();
}
/** Attribute types (AttributeProto.AttributeType) the rewrite writes. */
const AttributeType = { FLOAT: 1, INT: 2, STRING: 3, TENSOR: 4, FLOATS: 6, INTS: 7 };
function decodeModel(bytes) {
    return ModelProtoType.decode(bytes);
}
function encodeModel(model) {
    return ModelProtoType.encode(model).finish();
}


/***/ }),

/***/ 548:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   n: () => (/* binding */ warningsTo)
/* harmony export */ });
/** A warning sink: one `warning: …` line on stderr per message. */
function warningsTo(io) {
    return (message) => io.stderr(`warning: ${message}\n`);
}


/***/ })

};
