export const id = 800;
export const ids = [800];
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
const CATEGORIES = (/* unused pure expression or super */ null && (['embedding', 'norm', 'head', 'attention', 'mlp', 'modulation', 'router', 'conv', 'other']));
/**
 * Layers kept in high precision by default: quantizing them costs far more quality than it saves bytes.
 * A Mixture-of-Experts router is sensitive: it is tiny (experts × hidden) and an error in it sends tokens to
 * the wrong experts, so llama.cpp, AWQ and GPTQ keep it unquantized; its experts are MLP.
 */
function isSensitive(category) {
    return category === 'embedding' || category === 'norm' || category === 'head' || category === 'router';
}
const NORM = /norm|^ln(_?\d+|_f|_out|_post|_pre|_attn|_mlp|_cross_attn)?$|^rms|layer_?norm/;
/** Head leaves, recognized only outside numbered containers (a UNet's `attentions.0.proj_out` is not a head). */
const HEAD_LEAF = /^(lm_head|embed_out|proj_out|output_projection|score|qa_outputs|\w*classifier|logits?|conv_out)$/;
const HEAD = /^(lm_head|head|heads|\w*classifier|score|pooler|qa_outputs|final_layer|output_layer|output_projection|logits?|cls|predictions|prediction_head|lm_heads?)$/;
/** Conditioning projections: DiT's adaLN, a UNet ResNet's timestep projection, an AdaLayerNorm's linear. */
const MODULATION = /adaln|modulation|^time_emb_proj$/;
const EMBEDDING = /embed|^wte$|^wpe$|^shared$|cls_token|mask_token|dist_token|distillation_token|^pos_?emb|position_?emb|patch_?emb|token_?type|^tok_?emb|^word_?emb|^relative_attention_bias$/;
/** A Mixture-of-Experts router: `block_sparse_moe.gate`, `mlp.gate`, `shared_expert_gate`, `router`. */
const ROUTER = /^(gate|shared_expert_gate|router)$/;
const ATTENTION = /attn|attention(?!s)|^(q|k|v|o|qkv|query|key|value|q_proj|k_proj|v_proj|o_proj|out_proj|qkv_proj|c_attn|wqkv|query_key_value|to_q|to_k|to_v|to_qkv|to_out|wq|wk|wv|in_proj)$/;
const MLP = /mlp|ffn|feed_?forward|intermediate|^fc\d*$|^fc_(in|out)$|^c_fc$|up_proj|down_proj|gate_proj|gate_up_proj|dense_h_to_4h|dense_4h_to_h|densereludense|densegatedactdense|^w[123]$|^wi(_\d)?$|^wo$|experts?|^output$|^ff$|^net$|^reduction$/;
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
    const nested = /(^|\.)\d+(\.|$)/.test(module);
    const parent = parts[parts.length - 2] ?? '';
    if (NORM.test(last) || /norm/.test(cls))
        return 'norm';
    if (ROUTER.test(last) && parts.length > 1 && /moe|mlp|experts?/.test(parent))
        return 'router';
    if (parts.some((p) => p === 'router'))
        return 'router';
    if (!nested && HEAD_LEAF.test(last))
        return 'head';
    if (!nested && last === 'conv_in')
        return 'embedding';
    if (parts.some((p) => MODULATION.test(p)) || (last === 'linear' && /^norm\d*$/.test(parent)))
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
/* harmony export */   Bq: () => (/* binding */ allNodes),
/* harmony export */   RQ: () => (/* binding */ subgraphsOf),
/* harmony export */   p0: () => (/* binding */ GraphIndex)
/* harmony export */ });
/* unused harmony export describeNode */
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3916);
/* harmony import */ var _onnx_schema_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(7312);
/**
 * An index over one ONNX graph: who produces and who consumes each value, in topological order, with the
 * walks the analysis needs (Identity chains, forward and backward searches). Every walk is iterative and
 * visits a node at most once, so a chain of any length costs its length, and a cycle is reported as bad input
 * before anything walks it. Nodes inside subgraphs (If branches, Loop and Scan bodies) are indexed with the
 * rest: they read the outer graph's weights by name (Optimum's merged decoder reads every weight in an If).
 */


/** Ops that view their first input (the data) through a shape, index or axes input. */
const VIEW_OPS = new Set(['Expand', 'Tile', 'Slice', 'Reshape', 'Unsqueeze', 'Squeeze', 'Flatten']);
/** Ops whose output describes a shape, not data: walks never enter them. */
const SHAPE_OPS = new Set(['Shape', 'Size', 'ConstantOfShape', 'Range', 'EyeLike']);
/** Ops whose output is constant when their inputs are (how exporters wrap weights). */
const CONSTANT_PRESERVING = new Set(['Identity', 'Cast', 'DequantizeLinear', 'Transpose', 'Reshape', 'Unsqueeze', 'Squeeze']);
/** Elementwise arithmetic: `weight ∘ constant` is still the weight, transformed (Gemma's `1 + weight`). */
const ARITHMETIC = new Set(['Add', 'Sub', 'Mul', 'Div']);
/** Ops whose inputs after the first are shapes, axes, indices or sizes, not data. */
const FIRST_INPUT_ONLY = new Set([
    ...VIEW_OPS,
    'Split',
    'Pad',
    'Resize',
    'Upsample',
    'TopK',
    'ReduceMean',
    'ReduceSum',
    'ReduceMax',
    'ReduceMin',
    'ReduceProd',
    'ReduceL2',
    'ReduceSumSquare',
    'CumSum',
    'Trilu',
    'Clip',
    'Dropout',
    'RotaryEmbedding',
]);
class GraphIndex {
    nodes;
    producer = new Map();
    consumers = new Map();
    initializerNames;
    graphInputs;
    graphOutputs;
    /** Element type and rank of each graph input, from its declared type (the model's interface). */
    inputTypes = new Map();
    constants = new Set();
    initializerDims = new Map();
    /** `source` names the model in error messages (its path). */
    constructor(graph, source = 'model') {
        this.nodes = topologicalOrder(allNodes(graph), source);
        const initializers = allInitializers(graph);
        this.initializerNames = new Set(initializers.map((t) => t.name));
        for (const t of initializers)
            this.initializerDims.set(t.name, t.dims.map((d) => (0,_onnx_schema_js__WEBPACK_IMPORTED_MODULE_1__/* .int64ToNumber */ .o3)(d)));
        this.graphInputs = new Set(graph.input.map((v) => v.name).filter((n) => !this.initializerNames.has(n)));
        this.graphOutputs = outputsWithBranches(graph);
        for (const v of graph.input) {
            const t = v.type?.tensorType;
            this.inputTypes.set(v.name, { elemType: t?.elemType ?? 0, rank: t?.shape?.dim ? t.shape.dim.length : null });
        }
        for (const name of this.initializerNames)
            this.constants.add(name);
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
            // Topological order: every input's constness is known when its consumer is reached.
            const constant = node.opType === 'Constant' ||
                (CONSTANT_PRESERVING.has(node.opType) && node.input.length > 0 && node.input.every((v) => !v || this.constants.has(v)));
            if (constant)
                for (const out of node.output)
                    if (out)
                        this.constants.add(out);
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
        return this.constants.has(value);
    }
    /**
     * Dims of the initializer or Constant tensor behind a constant value (through Identity, Cast, Transpose,
     * DequantizeLinear...), or null when no single one is behind it.
     */
    constantDims(value) {
        let v = value;
        for (let steps = 0; steps < this.nodes.length + 1; steps++) {
            const dims = this.initializerDims.get(v);
            if (dims)
                return dims;
            const p = this.producerOf(v);
            if (!p)
                return null;
            if (p.opType === 'Constant') {
                const t = p.attribute?.find((a) => a.name === 'value')?.t;
                return t ? t.dims.map((d) => (0,_onnx_schema_js__WEBPACK_IMPORTED_MODULE_1__/* .int64ToNumber */ .o3)(d)) : null;
            }
            if (!CONSTANT_PRESERVING.has(p.opType) || !p.input[0])
                return null;
            v = p.input[0];
        }
        return null;
    }
    /** The inputs of a node that carry tensor data: not constants, not shapes, axes or sizes. */
    dataInputs(node) {
        const inputs = FIRST_INPUT_ONLY.has(node.opType) ? node.input.slice(0, 1) : node.input;
        return inputs.filter((v) => v && !this.constants.has(v));
    }
    /**
     * The real uses of an initializer: Identity and Cast chains are followed (legacy exporters de-duplicate
     * tensors through Identity nodes; fp16 exports cast weights), views and arithmetic with constants are
     * followed and remembered (`reshaped`), and one Transpose is followed and recorded (a tied table read as a
     * head).
     */
    effectiveUses(value) {
        const out = [];
        const pending = [{ value, transposed: false, reshaped: false }];
        const seen = new Set([value]);
        while (pending.length > 0) {
            const at = pending.pop();
            for (const use of this.usesOf(at.value)) {
                const node = this.nodes[use.node];
                // Views of the data (a class token broadcast by Expand, a position table sliced to the sequence)
                // are followed too, and remembered: the reader does not see the stored tensor's shape.
                const view = VIEW_OPS.has(node.opType) && use.input === 0;
                const arithmetic = ARITHMETIC.has(node.opType) && node.input.length === 2 && node.input.every((v, k) => k === use.input || this.constants.has(v));
                const transpose = node.opType === 'Transpose' && !at.transposed;
                const through = node.opType === 'Identity' || node.opType === 'Cast' || view || arithmetic || transpose;
                const next = node.output[0];
                if (through && next && !seen.has(next)) {
                    seen.add(next);
                    pending.push({ value: next, transposed: at.transposed || transpose, reshaped: at.reshaped || view || arithmetic });
                }
                else if (!through) {
                    out.push({ ...use, transposed: at.transposed, reshaped: at.reshaped });
                }
            }
        }
        return out.sort((a, b) => a.node - b.node || a.input - b.input);
    }
    /**
     * Breadth-first walk from `start` values, forward (to consumers) or backward (to the producers of data
     * inputs). `visit` returns 'stop' to not expand past a node, 'found' to end the walk.
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
        for (let head = 0; head < queue.length && seen.size < maxNodes; head++) {
            const i = queue[head];
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
            const next = direction === 'forward' ? node.output : this.dataInputs(node);
            next.forEach(enqueueFrom);
        }
        return -1;
    }
    isShapeOp(node) {
        return SHAPE_OPS.has(node.opType);
    }
}
/** How a node is named in messages: its name, else its position and op. */
function describeNode(node, position) {
    return node.name ? `'${node.name}' (${node.opType})` : `#${position} (${node.opType} → '${node.output[0] ?? ''}')`;
}
/** The subgraphs a node holds (If's branches, Loop's and Scan's bodies). */
function subgraphsOf(node) {
    const out = [];
    for (const a of node.attribute ?? []) {
        if (a.g)
            out.push(a.g);
        if (a.graphs)
            out.push(...a.graphs);
    }
    return out;
}
/**
 * Every node of the model: the graph's own, in file order, then those of the subgraphs, breadth first.
 * A node's position in this list is its stable id (`WeightUse.nodeId`): for the top-level graph it is its
 * index in `graph.node`.
 */
function allNodes(graph) {
    const nodes = [...graph.node];
    for (let i = 0; i < nodes.length; i++)
        for (const sub of subgraphsOf(nodes[i]))
            nodes.push(...sub.node);
    return nodes;
}
/**
 * The graph's outputs, and the If branch outputs that become them: what a branch returns in the place of
 * an If output that leaves the model leaves the model too (a merged decoder's logits).
 */
function outputsWithBranches(graph) {
    const outputs = new Set(graph.output.map((v) => v.name));
    for (const node of allNodes(graph)) {
        if (node.opType !== 'If')
            continue;
        node.output.forEach((o, i) => {
            if (!outputs.has(o))
                return;
            for (const branch of subgraphsOf(node)) {
                const inner = branch.output[i]?.name;
                if (inner)
                    outputs.add(inner);
            }
        });
    }
    return outputs;
}
/** The graph's initializers and those its subgraphs hold (constants, read where they are declared). */
function allInitializers(graph) {
    const tensors = [...graph.initializer];
    for (const node of allNodes(graph))
        for (const sub of subgraphsOf(node))
            tensors.push(...sub.initializer);
    return tensors;
}
/**
 * Nodes in an order where every producer comes before its consumers (ONNX requires it; we do not trust it).
 * A value that depends on itself is a cycle: bad input, reported with a node on it.
 */
function topologicalOrder(nodes, source) {
    const producedBy = new Map();
    nodes.forEach((n, i) => n.output.forEach((o) => o && producedBy.set(o, i)));
    const state = new Uint8Array(nodes.length); // 0 new, 1 on the stack, 2 done
    const order = [];
    // Iterative depth-first search: graphs of any depth.
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
                if (p === undefined)
                    continue;
                if (state[p] === 1) {
                    throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .BadInputError */ .Ys(`${source}: the graph has a cycle: node ${describeNode(nodes[p], p)} depends on its own output`);
                }
                if (state[p] === 0) {
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
function detectArchitecture(g, layers, stacks = []) {
    for (const node of g.nodes) {
        const root = rootClassOf(node);
        if (!root)
            continue;
        const hf = root.match(/transformers\.models\.(\w+)\./);
        if (hf)
            return FAMILY_ALIASES[hf[1]] ?? hf[1];
        if (/(^|\.)DiT\w*$/.test(root))
            return 'dit';
        if (/^diffusers\.models\.unets\./.test(root))
            return 'unet';
    }
    const modules = layers.map((l) => l.module ?? '').filter((m) => m.length > 0);
    const has = (re) => modules.some((m) => re.test(m));
    if (modules.length > 0) {
        if (has(/adaLN_modulation|adaln/i))
            return 'dit';
        if (has(/(^|\.)(down|up)_blocks\.\d+\./))
            return 'unet';
        if (has(/\.block_sparse_moe\.gate$/))
            return 'mixtral';
        if (has(/(^|\.)h\.\d+\.self_attention\.query_key_value$/))
            return 'falcon';
        if (has(/(^|\.)encoder\.layers\.\d+\.blocks\.\d+\./))
            return 'swin';
        if (has(/distillation_token|distillation_classifier/))
            return 'deit';
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
    return structuralFamily(g, layers, stacks);
}
function structuralFamily(g, layers, stacks) {
    const count = (pred) => layers.filter(pred).length;
    const convStem = count((l) => l.role === 'conv' && l.category === 'embedding');
    const decomposedNorm = g.nodes.some((n) => n.opType === 'ReduceMean') && !g.nodes.some((n) => n.opType === 'LayerNormalization');
    if (stacks.some((x) => x.role === 'encoder'))
        return convStem > 0 ? 'whisper' : decomposedNorm ? 't5' : 'encoder-decoder';
    if (count((l) => l.role === 'conv' && l.category === 'conv') > 0 && count((l) => l.category === 'modulation') > 0)
        return 'unet';
    if (count((l) => l.category === 'modulation') > 0)
        return 'dit';
    if (count((l) => l.category === 'router') > 0)
        return 'moe';
    const op = (type) => g.nodes.some((n) => n.opType === type);
    // onnxruntime's fused graphs say what they were built from.
    if (op('GroupQueryAttention') || op('SimplifiedLayerNormalization') || op('SkipSimplifiedLayerNormalization'))
        return 'llama';
    if (op('EmbedLayerNormalization'))
        return 'bert';
    const gathers = count((l) => l.role === 'gather');
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

const MS = 'com.microsoft';
const NORM_OPS = new Set([
    'LayerNormalization',
    'SimplifiedLayerNormalization',
    'SkipLayerNormalization',
    'SkipSimplifiedLayerNormalization',
    'RMSNormalization',
    'GroupNormalization',
    'InstanceNormalization',
    'BatchNormalization',
    'EmbedLayerNormalization',
    'GroupNorm',
    'SkipGroupNorm',
]);
/** Fused attention ops whose weights are their own (q, k, v all come from input 0 through a packed weight). */
const PACKED_ATTENTION = new Set(['Attention', 'PackedAttention', 'DecoderMaskedSelfAttention']);
/** Fused attention ops reading q, k, v (k and v absent: q is a packed qkv). */
const QKV_ATTENTION = new Set([
    'MultiHeadAttention',
    'GroupQueryAttention',
    'PackedMultiHeadAttention',
    'DecoderMaskedMultiHeadAttention',
    'SparseAttention',
    'PagedAttention',
]);
/** Matrix products whose constant operand is a weight. */
const PROJECTION_OPS = new Set(['MatMul', 'Gemm', 'FusedMatMul', 'MatMulNBits', 'MatMulInteger', 'Conv', 'ConvTranspose']);
/** Ops that move or reshape data without mixing in another stream. */
const MOVEMENT = new Set([
    'Identity',
    'Cast',
    'Reshape',
    'Transpose',
    'Unsqueeze',
    'Squeeze',
    'Flatten',
    'Expand',
    'Slice',
    'Gather',
    'Split',
    'Concat',
    'Dropout',
    'Tile',
    'Pad',
    'DepthToSpace',
    'SpaceToDepth',
]);
const BINARY = new Set(['Add', 'Sub', 'Mul', 'Div', 'Sum']);
class Structure {
    g;
    /** Node indices that read a weight: projections with a constant matrix operand, tables read by data indices, fused ops. */
    weightOps = new Set();
    /** Nodes whose (first) output is a normalized activation: norm ops and the end of decomposed norms. */
    normNodes = new Set();
    cores = [];
    /** Core index of each member node. */
    coreOf = new Map();
    /** Projection op → the core it serves (q/k/v or output). */
    projectionCore = new Map();
    /** Gather tables read inside the q/k paths of a core (rotary caches): frequencies, not parameters. */
    positionalTables = new Set();
    stacks = [];
    /** Pre-norm node → the core whose queries it feeds. */
    preNorms = new Map();
    origin = [];
    originOf = new Map();
    markerOf = new Map();
    markerBlock = new Map();
    /** For each value, the latest core node upstream of it. */
    coreAncestor = new Map();
    constructor(g) {
        this.g = g;
        g.nodes.forEach((node, i) => {
            if (this.readsWeight(node))
                this.weightOps.add(i);
            if (NORM_OPS.has(node.opType) || ((node.opType === 'Div' || node.opType === 'Mul') && this.hasRsqrtInput(node)))
                this.normNodes.add(i);
        });
        this.findCores();
        this.coreAncestor = this.latestAncestor((i) => this.coreOf.has(i));
        this.traceProjections();
        this.numberBlocks();
        this.findPreNorms();
        this.propagate();
    }
    isWeightOp(i) {
        return this.weightOps.has(i);
    }
    isNormOp(node) {
        return NORM_OPS.has(node.opType);
    }
    isProjection(i) {
        const node = this.g.nodes[i];
        return this.weightOps.has(i) && (PROJECTION_OPS.has(node.opType) || PACKED_ATTENTION.has(node.opType));
    }
    readsWeight(node) {
        const g = this.g;
        const c = (k) => node.input[k] !== undefined && node.input[k] !== '' && g.isConstant(node.input[k]);
        const matrix = (k) => c(k) && this.isMatrix(node.input[k]);
        switch (node.opType) {
            case 'MatMul':
            case 'FusedMatMul':
            case 'Gemm':
                return matrix(1) || matrix(0);
            case 'MatMulNBits':
            case 'MatMulInteger':
                return c(1);
            case 'Gather':
            case 'GatherBlockQuantized':
                return c(0) && !c(1);
            case 'Conv':
            case 'ConvTranspose':
                return c(1);
            case 'EmbedLayerNormalization':
                return c(2);
            case 'Attention':
            case 'PackedAttention':
            case 'DecoderMaskedSelfAttention':
                return node.domain === MS && c(1);
            default:
                return false;
        }
    }
    /** A constant with at least two dimensions above 1 (a matrix), as far as the initializer behind it tells. */
    isMatrix(value) {
        const dims = this.g.constantDims(value);
        return dims === null || dims.filter((d) => d > 1).length >= 2;
    }
    /**
     * True when `value` is a normalized activation: the output of a norm (the first output of a fused norm),
     * also through Cast and data movement, and `hops` scale Muls / bias Adds after it.
     */
    isNormOutput(value, hops = 2) {
        const g = this.g;
        let frontier = [{ value, hops }];
        const seen = new Set();
        while (frontier.length > 0) {
            const next = [];
            for (const at of frontier) {
                if (seen.has(at.value))
                    continue;
                seen.add(at.value);
                const i = g.producer.get(at.value);
                if (i === undefined)
                    continue;
                const p = g.nodes[i];
                if (this.normNodes.has(i) && p.output.indexOf(at.value) === 0)
                    return true;
                if (p.opType === 'Cast' || p.opType === 'Reshape' || p.opType === 'Transpose' || p.opType === 'Identity') {
                    next.push({ value: p.input[0] ?? '', hops: at.hops });
                }
                else if (at.hops > 0 && (p.opType === 'Mul' || p.opType === 'Add')) {
                    for (const v of p.input)
                        if (v && !g.isConstant(v))
                            next.push({ value: v, hops: at.hops - 1 });
                }
            }
            frontier = next;
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
    /** MatMul (or Einsum) of two activations: the scores or the context of an attention. */
    isActivationProduct(i) {
        const n = this.g.nodes[i];
        return ((n.opType === 'MatMul' || n.opType === 'Einsum' || n.opType === 'FusedMatMul') &&
            !this.weightOps.has(i) &&
            n.input.filter((v) => v && !this.g.isConstant(v)).length >= 2);
    }
    findCores() {
        const g = this.g;
        g.nodes.forEach((node, i) => {
            const domain = node.domain ?? '';
            if (PACKED_ATTENTION.has(node.opType) && (domain === MS || domain === '' || domain === 'ai.onnx')) {
                // ONNX's own Attention (opset 23) reads q, k, v; onnxruntime's reads an input and a packed weight.
                if (domain !== MS && node.opType === 'Attention') {
                    this.addCore(i, [i], [node.input[0] ?? ''], [node.input[1] ?? ''], [node.input[2] ?? ''], false);
                }
                else {
                    const x = node.input[0] ?? '';
                    this.addCore(i, [i], [x], [x], [x], true);
                }
            }
            else if (QKV_ATTENTION.has(node.opType)) {
                const q = node.input[0] ?? '';
                const k = node.input[1] || q;
                const v = node.input[2] || q;
                this.addCore(i, [i], [q], [k], [v], false);
            }
            else if (node.opType === 'Softmax') {
                const score = g.search(node.input.slice(0, 1), 'backward', (n, j) => (this.isActivationProduct(j) ? 'found' : this.weightOps.has(j) || n.opType === 'Softmax' ? 'stop' : 'continue'), 16);
                if (score < 0)
                    return;
                const path = new Set([i]);
                const context = g.search(node.output.slice(0, 1), 'forward', (n, j) => {
                    if (this.isActivationProduct(j))
                        return 'found';
                    if (this.weightOps.has(j) || n.opType === 'Softmax')
                        return 'stop';
                    path.add(j);
                    return 'continue';
                }, 16);
                if (context < 0)
                    return;
                const s = g.nodes[score];
                const c = g.nodes[context];
                const fromProbs = (v) => {
                    const p = g.producer.get(v);
                    return p !== undefined && path.has(p);
                };
                const v = c.input.filter((x) => x && !g.isConstant(x) && !fromProbs(x));
                this.addCore(i, [score, i, context], [s.input[0] ?? ''], [s.input[1] ?? ''], v, false, c.output.slice(0, 1));
            }
        });
    }
    addCore(node, members, q, k, v, packed, out) {
        const index = this.cores.length;
        const outputs = out ?? this.g.nodes[node].output.slice(0, 1);
        this.cores.push({
            node,
            members,
            q: q.filter((x) => x),
            k: k.filter((x) => x),
            v: v.filter((x) => x),
            out: outputs,
            packed,
            queryProjections: [],
            keyValueProjections: [],
            outputProjections: [],
            cross: false,
            block: 0,
            stack: 0,
        });
        for (const m of members)
            this.coreOf.set(m, index);
    }
    /**
     * Weight ops first reached walking backward from `values` through anything but weight ops, norms and
     * cores. Gather tables met on the way (rotary caches) are returned apart.
     */
    projectionsBehind(values) {
        const g = this.g;
        const projections = [];
        const tables = [];
        const sources = new Set();
        g.search(values, 'backward', (n, i) => {
            if (this.weightOps.has(i)) {
                if (this.isProjection(i)) {
                    projections.push(i);
                    for (const x of g.dataInputs(n))
                        sources.add(this.streamSource(x));
                }
                else
                    tables.push(i);
                return 'stop';
            }
            if (this.normNodes.has(i) || this.coreOf.has(i))
                return 'stop';
            return 'continue';
        }, 4096);
        for (const v of values)
            if (g.graphInputs.has(v))
                sources.add(v);
        return { projections, tables, sources };
    }
    /** The value a projection reads, before data movement (window partitions, reshapes, casts). */
    streamSource(value) {
        let v = value;
        for (let steps = 0; steps < 64; steps++) {
            const p = this.g.producerOf(v);
            if (!p || !MOVEMENT.has(p.opType) || p.opType === 'Concat' || p.opType === 'Split')
                return v;
            v = p.input[0] ?? v;
        }
        return v;
    }
    traceProjections() {
        const g = this.g;
        this.cores.forEach((core, index) => {
            if (core.packed) {
                core.queryProjections = [core.node];
                core.keyValueProjections = [core.node];
                this.projectionCore.set(core.node, index);
            }
            else {
                const q = this.projectionsBehind(core.q);
                const kv = this.projectionsBehind([...core.k, ...core.v]);
                core.queryProjections = q.projections;
                core.keyValueProjections = kv.projections;
                for (const t of [...q.tables, ...this.projectionsBehind(core.k).tables])
                    this.positionalTables.add(t);
                for (const p of [...q.projections, ...kv.projections])
                    if (!this.projectionCore.has(p))
                        this.projectionCore.set(p, index);
                const shared = [...q.sources].some((s) => kv.sources.has(s));
                core.cross = q.sources.size > 0 && kv.sources.size > 0 && !shared;
            }
            // The output projection: forward through data movement and elementwise ops to the first weight op.
            g.search(core.out, 'forward', (n, i) => {
                if (this.weightOps.has(i)) {
                    if (this.isProjection(i))
                        core.outputProjections.push(i);
                    return 'stop';
                }
                if (this.normNodes.has(i) || this.coreOf.has(i))
                    return 'stop';
                if (BINARY.has(n.opType) && n.input.filter((v) => v && !g.isConstant(v)).length > 1 && n.opType !== 'Mul')
                    return 'stop';
                return 'continue';
            }, 512);
            for (const p of core.outputProjections)
                if (!this.projectionCore.has(p))
                    this.projectionCore.set(p, index);
        });
    }
    /**
     * Latest ancestor by a key, propagated in topological order over data inputs: for each value, the marker
     * node with the highest topological index upstream of it (or -1).
     */
    latestAncestor(isMarker) {
        const g = this.g;
        const latest = new Map();
        g.nodes.forEach((node, i) => {
            let best = -1;
            if (isMarker(i))
                best = i;
            else
                for (const v of g.dataInputs(node))
                    best = Math.max(best, latest.get(v) ?? -1);
            if (best >= 0)
                for (const o of node.output)
                    if (o)
                        latest.set(o, best);
        });
        return latest;
    }
    numberBlocks() {
        const coreAt = new Map();
        this.cores.forEach((c, index) => {
            for (const m of c.members)
                coreAt.set(m, index);
        });
        const latest = this.latestAncestor((i) => coreAt.has(i));
        const latestCore = (values) => {
            let best = -1;
            for (const v of values)
                best = Math.max(best, latest.get(v) ?? -1);
            return best < 0 ? -1 : coreAt.get(best);
        };
        // Cores in topological order of their defining node: an upstream core is always numbered first.
        const order = this.cores.map((_, i) => i).sort((a, b) => this.cores[a].node - this.cores[b].node);
        for (const index of order) {
            const core = this.cores[index];
            const before = latestCore(core.q);
            if (before < 0) {
                core.stack = this.stacks.length;
                core.block = 0;
                this.stacks.push({ role: 'blocks', blocks: 1 });
                continue;
            }
            const prev = this.cores[before];
            core.stack = prev.stack;
            core.block = core.cross ? prev.block : prev.block + 1;
            const stack = this.stacks[core.stack];
            stack.blocks = Math.max(stack.blocks, core.block + 1);
        }
        for (const core of this.cores) {
            if (!core.cross)
                continue;
            this.stacks[core.stack].role = 'decoder';
            const source = latestCore(core.k);
            if (source >= 0 && this.cores[source].stack !== core.stack)
                this.stacks[this.cores[source].stack].role = 'encoder';
        }
    }
    /**
     * Pre-norms: the norm a core's query projections read (through modulation, window partitions...), unless
     * its output is itself the residual stream (post-norm: BERT), which a residual Add or a fused Skip norm reads.
     */
    findPreNorms() {
        const g = this.g;
        this.cores.forEach((core, index) => {
            const starts = core.packed ? core.q : core.queryProjections.flatMap((p) => g.dataInputs(g.nodes[p]));
            g.search(starts, 'backward', (_n, i) => {
                if (this.normNodes.has(i)) {
                    if (!this.isResidualNorm(i) && !this.preNorms.has(i))
                        this.preNorms.set(i, index);
                    return 'stop';
                }
                return this.weightOps.has(i) || this.coreOf.has(i) ? 'stop' : 'continue';
            }, 256);
        });
        // Parallel blocks (GPT-NeoX, Falcon with two norms): a norm reading the same stream as a pre-norm starts
        // the same block, though it feeds the MLP.
        const byStream = new Map();
        for (const [norm] of this.preNorms) {
            const x = this.normStream(norm);
            if (x !== null)
                byStream.set(x, norm);
        }
        for (const norm of this.normNodes) {
            if (this.preNorms.has(norm))
                continue;
            const x = this.normStream(norm);
            const sibling = x === null ? undefined : byStream.get(x);
            if (sibling !== undefined && !this.isResidualNorm(norm))
                this.preNorms.set(norm, this.preNorms.get(sibling));
        }
    }
    /** The activation a norm normalizes (not the root of its variance). */
    normStream(norm) {
        const node = this.g.nodes[norm];
        if (NORM_OPS.has(node.opType))
            return node.input[0] ?? null;
        const root = new Set(['Sqrt', 'Rsqrt', 'Reciprocal', 'Div', 'Cast']);
        const x = this.g.dataInputs(node).find((v) => !root.has(this.g.producerOf(v)?.opType ?? ''));
        return x ?? null;
    }
    /** The norm's output is read as the residual stream: by an Add that also reads an attention's output, or as a Skip norm's skip. */
    isResidualNorm(i) {
        const g = this.g;
        const out = g.nodes[i].output[0] ?? '';
        const pending = [out];
        for (let steps = 0; pending.length > 0 && steps < 64; steps++) {
            const v = pending.pop();
            for (const u of g.usesOf(v)) {
                const n = g.nodes[u.node];
                if ((n.opType === 'SkipLayerNormalization' || n.opType === 'SkipSimplifiedLayerNormalization') && u.input === 1)
                    return true;
                if (n.opType === 'Add' || n.opType === 'Sum') {
                    const others = n.input.filter((x, k) => k !== u.input && x && !g.isConstant(x));
                    if (others.some((x) => (this.coreAncestor.get(x) ?? -1) >= 0 && !this.isNormOutput(x, 0)))
                        return true;
                }
                if (n.opType === 'Cast' || n.opType === 'Identity')
                    pending.push(n.output[0] ?? '');
            }
        }
        return false;
    }
    /** Origins of every value and the block markers, in one topological pass each. */
    propagate() {
        const g = this.g;
        g.nodes.forEach((node, i) => {
            let origin = 'static';
            if (!g.isShapeOp(node)) {
                for (const v of g.dataInputs(node)) {
                    const o = this.originOf.get(v) ?? (g.graphInputs.has(v) ? this.inputOrigin(v) : 'static');
                    if (o === 'main')
                        origin = 'main';
                    else if (o === 'conditioning' && origin === 'static')
                        origin = 'conditioning';
                }
            }
            this.origin[i] = origin;
            for (const o of node.output)
                if (o)
                    this.originOf.set(o, origin);
        });
        // Block markers: every node of a core, and pre-norms, carry the block they start or belong to.
        this.cores.forEach((core) => {
            for (const m of core.members)
                this.markerBlock.set(m, core.block);
        });
        for (const [norm, core] of this.preNorms)
            this.markerBlock.set(norm, this.cores[core].block);
        for (const [v, m] of this.latestAncestor((i) => this.markerBlock.has(i)))
            this.markerOf.set(v, m);
    }
    /**
     * Per-sample conditioning inputs (a diffusion timestep, a class label, pooled text embeddings): rank 0 or
     * 1, or floats of rank 2. Token ids, masks, images, latents, audio features and caches are the main stream.
     */
    inputOrigin(name) {
        const t = this.g.inputTypes.get(name);
        if (!t || t.rank === null)
            return 'main';
        if (t.rank <= 1)
            return 'conditioning';
        const float = t.elemType === dtype/* DataType */.pe.FLOAT || t.elemType === dtype/* DataType */.pe.FLOAT16 || t.elemType === dtype/* DataType */.pe.BFLOAT16;
        return float && t.rank === 2 ? 'conditioning' : 'main';
    }
    originOfValue(value) {
        return this.originOf.get(value) ?? (this.g.graphInputs.has(value) ? this.inputOrigin(value) : 'static');
    }
    /** The block of the latest core or pre-norm upstream of `value`; null when there is none. */
    blockBefore(value) {
        const m = this.markerOf.get(value);
        return m === undefined ? null : this.markerBlock.get(m);
    }
    /** The stack a value's latest marker belongs to. */
    stackBefore(value) {
        const m = this.markerOf.get(value);
        if (m === undefined)
            return null;
        const core = this.coreOf.get(m) ?? this.preNorms.get(m);
        return core === undefined ? null : this.cores[core].stack;
    }
    /** Whether a pre-norm marks any block (false: a post-norm model such as BERT, whose norms close blocks). */
    get preNormModel() {
        return this.preNorms.size > 0;
    }
    /**
     * True when a graph output is reached from this op through data movement and elementwise ops only: no other
     * weight op, no norm, no core, and no binary op with the residual stream (another head's output may join:
     * DeiT averages two classifiers).
     */
    feedsOutput(opIndex) {
        const g = this.g;
        if (g.nodes[opIndex].output.some((o) => g.graphOutputs.has(o)))
            return true;
        const reached = g.search(g.nodes[opIndex].output, 'forward', (n, i) => {
            if (this.weightOps.has(i) || this.coreOf.has(i) || this.normNodes.has(i))
                return 'stop';
            if (BINARY.has(n.opType)) {
                const others = n.input.filter((v) => v && !g.isConstant(v));
                if (others.length > 1 && !others.every((v) => this.isProjectionOutput(v) || this.reachedFrom(v, opIndex)))
                    return 'stop';
            }
            if (n.output.some((o) => g.graphOutputs.has(o)))
                return 'found';
            return 'continue';
        }, 64);
        return reached >= 0;
    }
    /** `value` is a weight op's output, through data movement and unary ops. */
    isProjectionOutput(value) {
        let v = value;
        for (let steps = 0; steps < 32; steps++) {
            const i = this.g.producer.get(v);
            if (i === undefined)
                return false;
            if (this.isProjection(i))
                return true;
            const n = this.g.nodes[i];
            const data = this.g.dataInputs(n);
            if (data.length !== 1)
                return false;
            v = data[0];
        }
        return false;
    }
    reachedFrom(value, opIndex) {
        const start = this.g.nodes[opIndex].output;
        if (start.includes(value))
            return true;
        return this.g.search(start, 'forward', (n) => (n.output.includes(value) ? 'found' : 'continue'), 32) >= 0;
    }
    /** A router: its output is ranked (TopK) right away, through Softmax/Sigmoid and casts. */
    routes(opIndex) {
        return (this.g.search(this.g.nodes[opIndex].output, 'forward', (n, i) => {
            if (n.opType === 'TopK')
                return 'found';
            if (this.weightOps.has(i) || this.coreOf.has(i))
                return 'stop';
            return ['Softmax', 'Sigmoid', 'Cast', 'Reshape', 'Add', 'Identity'].includes(n.opType) ? 'continue' : 'stop';
        }, 8) >= 0);
    }
    /**
     * A stem: a weight op reading the main graph input (image, latent, audio features) through data movement
     * and activations only, or another stem's output: the patch/frame embedder whose output becomes the
     * sequence. Memoized over the graph's order.
     */
    stems = new Map();
    /** Projections before this topological index have their stem status computed (in order: no recursion). */
    stemsDone = 0;
    isStem(opIndex) {
        for (; this.stemsDone <= opIndex; this.stemsDone++) {
            if (this.isProjection(this.stemsDone))
                this.stems.set(this.stemsDone, this.stemAt(this.stemsDone));
        }
        return this.stems.get(opIndex) ?? false;
    }
    /** Stem status of one projection, given the status of every projection before it. */
    stemAt(opIndex) {
        const g = this.g;
        let input = false;
        let blocked = false;
        const starts = g.dataInputs(g.nodes[opIndex]);
        for (const v of starts)
            if (g.graphInputs.has(v) && this.inputOrigin(v) === 'main')
                input = true;
        g.search(starts, 'backward', (n, i) => {
            if (this.weightOps.has(i)) {
                if (this.stems.get(i) === true) {
                    input = true;
                    return 'stop';
                }
                blocked = true;
                return 'found';
            }
            if (this.normNodes.has(i) || this.coreOf.has(i)) {
                blocked = true;
                return 'found';
            }
            if (g.dataInputs(n).some((v) => g.graphInputs.has(v) && this.inputOrigin(v) === 'main'))
                input = true;
            return 'continue';
        }, 256);
        return input && !blocked;
    }
    /**
     * A projection of the per-sample conditioning (its input comes from conditioning inputs only) whose output
     * meets the main stream: it modulates the blocks (DiT adaLN, a UNet ResNet's timestep projection).
     */
    modulatesStream(opIndex) {
        const g = this.g;
        return (g.search(g.nodes[opIndex].output, 'forward', (n, i) => {
            if (this.weightOps.has(i) || this.coreOf.has(i) || this.normNodes.has(i))
                return 'stop';
            if (BINARY.has(n.opType) && n.input.some((v) => v && !g.isConstant(v) && this.originOfValue(v) === 'main'))
                return 'found';
            return 'continue';
        }, 64) >= 0);
    }
    /** Where the conditioning a modulation computes meets the stream: the block of the stream there, null after the last block. */
    modulatedBlock(opIndex) {
        const g = this.g;
        let block = null;
        g.search(g.nodes[opIndex].output, 'forward', (n, i) => {
            if (this.weightOps.has(i) || this.coreOf.has(i) || this.normNodes.has(i))
                return 'stop';
            if (BINARY.has(n.opType)) {
                const stream = n.input.find((v) => v && !g.isConstant(v) && this.originOfValue(v) === 'main');
                if (stream !== undefined) {
                    block = this.afterLastBlock(n.output[0] ?? '') ? null : this.blockBefore(stream);
                    return 'found';
                }
            }
            return 'continue';
        }, 64);
        return block;
    }
    /**
     * A modulation in the shape of a chunked projection whose chunks scale or shift a normalized activation,
     * for graphs without typed inputs to tell conditioning apart.
     */
    modulates(opIndex) {
        const g = this.g;
        const chunked = new Set();
        return (g.search(g.nodes[opIndex].output, 'forward', (n, i) => {
            if (this.weightOps.has(i) || this.coreOf.has(i))
                return 'stop';
            const viaChunk = n.opType === 'Split' ||
                n.opType === 'Slice' ||
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
    /**
     * The tail after a stack's last block: from `value`, through data ops and activations, a head or a graph
     * output is reached, or the keys/values of another stack's cross-attention (an encoder's final norm).
     */
    afterLastBlock(value) {
        const g = this.g;
        return (g.search([value], 'forward', (n, i) => {
            if (this.weightOps.has(i)) {
                if (!this.isProjection(i))
                    return 'stop';
                const core = this.projectionCore.get(i);
                if (core !== undefined) {
                    const c = this.cores[core];
                    return c.cross && c.keyValueProjections.includes(i) && !c.queryProjections.includes(i) ? 'found' : 'stop';
                }
                return this.feedsOutput(i) ? 'found' : 'stop';
            }
            if (this.coreOf.has(i) || this.normNodes.has(i))
                return 'stop';
            return n.output.some((o) => g.graphOutputs.has(o)) ? 'found' : 'continue';
        }, 256) >= 0);
    }
    /**
     * The core whose scores a parameter joins before the Softmax (T5's relative position buckets, Swin's
     * relative-position table, an ALiBi-like bias), or as a fused op's attention bias; -1 otherwise.
     */
    scoresCore(opIndex) {
        const g = this.g;
        const reached = new Set(g.nodes[opIndex].output);
        let core = -1;
        g.search(g.nodes[opIndex].output, 'forward', (n, i) => {
            if (this.coreOf.has(i)) {
                const fusedBias = n.opType !== 'Softmax' && !this.isActivationProduct(i) && n.input.some((v, k) => k >= 5 && reached.has(v));
                if (n.opType === 'Softmax' || fusedBias)
                    core = this.coreOf.get(i);
                return 'found';
            }
            if (this.weightOps.has(i) || this.normNodes.has(i))
                return 'stop';
            for (const o of n.output)
                reached.add(o);
            return 'continue';
        }, 32);
        return core;
    }
    /** An additive parameter (position table, class token) joins the stream right after a stem, a table or an input. */
    joinsEmbedding(opIndex, param, embeddingOps) {
        const g = this.g;
        const node = g.nodes[opIndex];
        const others = node.input.filter((v) => v && v !== param && !g.isConstant(v));
        if (others.some((v) => g.graphInputs.has(v)))
            return true;
        return (g.search(others, 'backward', (_n, i) => {
            if (embeddingOps.has(i))
                return 'found';
            return this.weightOps.has(i) || this.coreOf.has(i) || this.normNodes.has(i) ? 'stop' : 'continue';
        }, 64) >= 0);
    }
    /** Structural category of a projection (MatMul, Gemm, Conv, fused attention) weight. */
    categoryOfProjection(opIndex) {
        const node = this.g.nodes[opIndex];
        if (this.projectionCore.has(opIndex))
            return 'attention';
        if (this.routes(opIndex))
            return 'router';
        if (this.feedsOutput(opIndex))
            return 'head';
        if (this.isStem(opIndex))
            return 'embedding';
        const origins = this.g.dataInputs(node).map((v) => this.originOfValue(v));
        if (origins.length > 0 && origins.every((o) => o === 'conditioning' || o === 'static') && origins.includes('conditioning')) {
            return this.modulatesStream(opIndex) ? 'modulation' : 'embedding';
        }
        if (this.modulates(opIndex))
            return 'modulation';
        return node.opType === 'Conv' || node.opType === 'ConvTranspose' ? 'conv' : 'mlp';
    }
}

;// CONCATENATED MODULE: ./src/analyze/inventory.ts
/**
 * The layer inventory: every weight initializer with what reads it, its module path, category, block and
 * depth. Evidence is combined strongest first: what the graph does with the tensor when that is unambiguous
 * (a Gather table is an embedding, a norm op's scale is a norm, a bias belongs to the op it is added to),
 * then names, then the graph's structure (see structure.ts).
 *
 * Blocks come from the structure whenever the graph has attention: self-attentions number the blocks of each
 * stack, a cross-attention joins the block of the self-attention before it, and every other weight belongs
 * to the block of the latest attention or pre-norm upstream of it (so in a Conv-heavy UNet, a ResNet between
 * two attention blocks belongs to the earlier one, and one before the first attention to none). Weights
 * before the first block (stems, embeddings) and after a stack's last block (final norm, head) have none.
 * Without attention, block numbers come from module paths (`layers.N`) when names have them.
 *
 * Weights already quantized (MatMulNBits, GatherBlockQuantized, DequantizeLinear before a MatMul/Gather/Conv,
 * MatMulInteger) are layers too, with their current format in `quantized`; their scales and zero points are
 * part of them, not layers of their own.
 */







// Biases and norm parameters rank alike: a tensor read as both (exporters de-duplicate equal zero vectors)
// takes the role of its first reader in graph order (a ViT's patch Conv bias, a BERT's embedding norm bias).
const ROLE_RANK = { matmul: 0, gemm: 0, gather: 0, conv: 0, fused: 0, bias: 1, norm: 1, additive: 3, other: 4 };
const WEIGHT_ROLES = new Set(['matmul', 'gemm', 'gather', 'conv', 'fused']);
const inventory_MS = 'com.microsoft';
/** Norm ops and which of their inputs are the norm's own parameters. */
const NORM_PARAMS = {
    LayerNormalization: [1, 2],
    SimplifiedLayerNormalization: [1],
    RMSNormalization: [1],
    GroupNormalization: [1, 2],
    InstanceNormalization: [1, 2],
    BatchNormalization: [1, 2, 3, 4],
    SkipLayerNormalization: [2, 3],
    SkipSimplifiedLayerNormalization: [2],
    EmbedLayerNormalization: [5, 6],
    GroupNorm: [1, 2],
    SkipGroupNorm: [1, 2],
};
/** Fused ops holding the bias of the op that produces their first input: which input. */
const BIAS_OF_INPUT = {
    SkipLayerNormalization: 4,
    SkipSimplifiedLayerNormalization: 3,
    FastGelu: 1,
    BiasGelu: 1,
    BiasAdd: 1,
    BiasSplitGelu: 1,
    SkipGroupNorm: 3,
};
function analyzeModel(model) {
    const g = new graph/* GraphIndex */.p0(model.graph, model.path);
    const s = new Structure(g);
    // Stable node ids: positions in the file's node list, subgraph nodes after it (the topological order may differ).
    const nodeIds = new Map((0,graph/* allNodes */.Bq)(model.graph).map((node, i) => [node, i]));
    const candidates = findCandidates(model, g, s, nodeIds);
    // Categories. Weight ops first, in graph order, then norms, biases (which take their op's category),
    // additive parameters and the rest.
    const byOp = new Map();
    const decided = new Map();
    const ordered = [...candidates].sort((a, b) => ROLE_RANK[a.uses[0].role] - ROLE_RANK[b.uses[0].role] || a.uses[0].node - b.uses[0].node);
    const embeddingOps = new Set();
    for (const c of ordered) {
        const d = categorize(g, s, c, byOp, embeddingOps);
        for (const u of c.uses) {
            if (WEIGHT_ROLES.has(u.role)) {
                if (!byOp.has(u.node))
                    byOp.set(u.node, d.category);
                if (d.category === 'embedding')
                    embeddingOps.add(u.node);
            }
        }
        decided.set(c.info.name, d);
    }
    const blocks = new BlockLocator(s, candidates, decided);
    const layers = candidates.map((c) => {
        const d = decided.get(c.info.name);
        const primary = c.uses[0];
        const place = blocks.placeOf(c, d);
        const node = g.nodes[primary.node];
        return {
            name: c.info.name,
            module: d.module?.module ?? null,
            op: primary.op,
            role: primary.role,
            shape: c.logical?.shape ?? c.info.dims,
            params: c.logical?.params ?? c.info.numel,
            dataType: c.logical?.dataType ?? c.info.dataType,
            bytes: c.logical?.bytes ?? c.info.byteLength,
            category: d.category,
            sensitive: (0,categories/* isSensitive */.tV)(d.category),
            block: place.block,
            stack: place.stack,
            depth: place.block === null ? null : blocks.depthOf(place, d.module),
            evidence: d.evidence,
            uses: c.uses,
            tied: c.uses.some((u) => u.role === 'gather') && c.uses.some((u) => u.role === 'matmul' || u.role === 'gemm'),
            transB: primary.role === 'gemm' && attributeInt(node, 'transB') === 1,
            quantized: c.quantized,
        };
    });
    // Graph order of the first reader, then name: stable and readable.
    layers.sort((a, b) => a.uses[0].node - b.uses[0].node || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    return {
        architecture: detectArchitecture(g, layers, blocks.stacks),
        numLayers: blocks.numBlocks,
        stacks: blocks.stacks,
        parameters: layers.reduce((sum, l) => sum + l.params, 0),
        layers,
    };
}
function attribute(node, name) {
    return node.attribute?.find((x) => x.name === name);
}
function attributeInt(node, name) {
    const a = attribute(node, name);
    return a ? (0,schema/* int64ToNumber */.o3)(a.i) : undefined;
}
/** The initializer a value is, through Identity and Cast. */
function initializerBehind(g, value) {
    let v = value;
    for (let steps = 0; steps <= g.nodes.length; steps++) {
        if (g.initializerNames.has(v))
            return v;
        const p = g.producerOf(v);
        if (!p || (p.opType !== 'Identity' && p.opType !== 'Cast') || !p.input[0])
            return null;
        v = p.input[0];
    }
    return null;
}
/**
 * Every initializer a value is computed from, when it is computed from initializers and Constant nodes only
 * (a super-block layer's scales and zero points: quant/super-block-graph.ts); empty when a graph input
 * reaches it.
 */
function initializersBehind(g, value) {
    const found = new Set();
    const seen = new Set();
    const stack = [value];
    while (stack.length > 0) {
        const v = stack.pop();
        if (!v || seen.has(v))
            continue;
        seen.add(v);
        if (g.initializerNames.has(v)) {
            found.add(v);
            continue;
        }
        const p = g.producerOf(v);
        if (!p)
            return [];
        if (p.opType !== 'Constant')
            stack.push(...p.input);
    }
    return [...found].sort();
}
/**
 * The initializers of a super-block layer's correction (quant/super-block-graph.ts): MatMulNBits' output
 * read by a Sub whose other input is computed from the same activation and constants. Walks back from that
 * input, stopping at the activation, collecting every constant subtree's initializers.
 */
function correctionInitializers(g, node) {
    const activation = node.input[0] ?? '';
    const sub = g
        .usesOf(node.output[0] ?? '')
        .map((u) => g.nodes[u.node])
        .find((n) => n.opType === 'Sub' && n.input[0] === node.output[0]);
    if (!sub?.input[1])
        return [];
    const found = new Set();
    const seen = new Set();
    const stack = [sub.input[1]];
    while (stack.length > 0) {
        const v = stack.pop();
        if (!v || v === activation || seen.has(v))
            continue;
        seen.add(v);
        const constants = initializersBehind(g, v);
        if (constants.length > 0) {
            for (const c of constants)
                found.add(c);
            continue;
        }
        const p = g.producerOf(v);
        if (p)
            stack.push(...p.input);
    }
    return [...found].sort();
}
/** The type of a value a Cast produces or an initializer holds; undefined when neither says. */
function typeOf(model, g, value) {
    const init = model.initializers.get(value);
    if (init)
        return init.dataType;
    const p = g.producerOf(value);
    if (p?.opType === 'Cast')
        return attributeInt(p, 'to') ?? undefined;
    return undefined;
}
const INTEGER_BITS = {
    [dtype/* DataType */.pe.INT8]: 8,
    [dtype/* DataType */.pe.UINT8]: 8,
    [dtype/* DataType */.pe.INT4]: 4,
    [dtype/* DataType */.pe.UINT4]: 4,
};
function findCandidates(model, g, s, nodeIds) {
    // Integer weights and the tensors that belong to them (scales, zero points, g_idx): found first, so that the
    // float scales are not taken for weights of their own.
    const quantized = new Map();
    const auxiliary = new Set();
    const sharedShapes = new Map();
    g.nodes.forEach((node, i) => {
        const at = (k) => (node.input[k] ? initializerBehind(g, node.input[k]) : null);
        const add = (codes, q, extra, scaleType) => {
            if (!codes)
                return;
            const names = [...new Set(extra.filter((x) => x !== null))];
            for (const x of names)
                auxiliary.add(x);
            if (!quantized.has(codes))
                quantized.set(codes, { q, reader: i, extra: names, scaleType });
        };
        const zeroPoint = (k) => Boolean(node.input[k]);
        if (node.opType === 'MatMulNBits' && node.domain === inventory_MS) {
            // A tied table's MatMulNBits reads the Gather codes through a Reshape (quant/rewrite.ts): its shape
            // belongs to the table, whichever reader comes first.
            const reshape = node.input[1] && !at(1) ? g.producerOf(node.input[1]) : undefined;
            const table = reshape?.opType === 'Reshape' && reshape.input[0] ? initializerBehind(g, reshape.input[0]) : null;
            const target = reshape?.input[1] ? initializerBehind(g, reshape.input[1]) : null;
            if (table && target) {
                auxiliary.add(target);
                sharedShapes.set(table, target);
            }
            // A super-block layer's correction: each block's own offset, so the layer is not symmetric.
            const correction = node.input[2] && !at(2) ? correctionInitializers(g, node) : [];
            add(at(1), {
                op: 'MatMulNBits',
                bits: attributeInt(node, 'bits') ?? 4,
                blockSize: attributeInt(node, 'block_size') ?? null,
                symmetric: !zeroPoint(3) && correction.length === 0,
            }, 
            // Scales and zero points computed by constant nodes (super-blocks): every initializer behind them.
            [
                at(2),
                at(3),
                at(4),
                ...[2, 3].flatMap((k) => (node.input[k] && !at(k) ? initializersBehind(g, node.input[k]) : [])),
                ...correction,
            ], node.input[2] ? typeOf(model, g, node.input[2]) : undefined);
        }
        else if (node.opType === 'GatherBlockQuantized' && node.domain === inventory_MS) {
            add(at(0), {
                op: 'GatherBlockQuantized',
                bits: attributeInt(node, 'bits') ?? 4,
                blockSize: attributeInt(node, 'block_size') ?? 128,
                symmetric: !zeroPoint(3),
            }, [at(2), at(3)]);
        }
        else if (node.opType === 'DequantizeLinear') {
            const codes = at(0);
            const type = codes ? model.initializers.get(codes)?.dataType : undefined;
            const bits = type === undefined ? undefined : INTEGER_BITS[type];
            const readers = g.effectiveUses(node.output[0] ?? '').map((u) => g.nodes[u.node].opType);
            if (bits !== undefined && readers.some((r) => ['MatMul', 'Gemm', 'Gather', 'Conv', 'FusedMatMul'].includes(r))) {
                const block = attributeInt(node, 'block_size') ?? 0;
                add(codes, { op: 'DequantizeLinear', bits, blockSize: block > 0 ? block : null, symmetric: !zeroPoint(2) }, [at(1), at(2)]);
            }
        }
        else if (node.opType === 'MatMulInteger' && g.isConstant(node.input[1] ?? '')) {
            add(at(1), { op: 'MatMulInteger', bits: 8, blockSize: null, symmetric: !zeroPoint(3) }, [at(3)]);
        }
    });
    for (const [table, shape] of sharedShapes) {
        const q = quantized.get(table);
        if (q && !q.extra.includes(shape))
            q.extra.push(shape);
    }
    const candidates = [];
    for (const info of model.initializers.values()) {
        const q = quantized.get(info.name);
        if (!q && (!(0,dtype/* isFloatType */.Ny)(info.dataType) || info.numel <= 1 || auxiliary.has(info.name)))
            continue;
        let effective = g.effectiveUses(info.name);
        if (q && q.q.op === 'DequantizeLinear') {
            // The weight is read where the DequantizeLinear's output is.
            const dq = g.nodes[q.reader];
            effective = g.effectiveUses(dq.output[0] ?? '');
        }
        const biasOf = new Map();
        const uses = effective.map((u) => {
            const { use, bias } = describeUse(g, s, info, u, nodeIds, q?.q ?? null);
            if (bias !== undefined)
                biasOf.set(use, bias);
            return use;
        });
        if (uses.length === 0)
            continue;
        uses.sort((a, b) => ROLE_RANK[a.role] - ROLE_RANK[b.role] || a.node - b.node);
        const c = { info, uses, biasOf, quantized: q?.q ?? null };
        if (q)
            c.logical = logicalShape(model, g, q.q, q.reader, info, q.extra, q.scaleType);
        candidates.push(c);
    }
    return candidates;
}
/** The float matrix an integer weight stands for, and its bytes with scales and zero points. */
function logicalShape(model, g, q, reader, codes, extra, scaleType) {
    const node = g.nodes[reader];
    const extras = extra.map((n) => model.initializers.get(n)).filter((t) => t !== undefined);
    const bytes = codes.byteLength + extras.reduce((sum, t) => sum + t.byteLength, 0);
    const scales = extras.find((t) => (0,dtype/* isFloatType */.Ny)(t.dataType));
    const dataType = scaleType !== undefined && (0,dtype/* isFloatType */.Ny)(scaleType) ? scaleType : (scales?.dataType ?? dtype/* DataType */.pe.FLOAT);
    let shape = codes.dims;
    if (q.op === 'MatMulNBits')
        shape = [attributeInt(node, 'K') ?? 0, attributeInt(node, 'N') ?? 0];
    else if (q.op === 'GatherBlockQuantized') {
        const [rows = 0, packed = 0] = codes.dims;
        shape = [rows, codes.dataType === dtype/* DataType */.pe.UINT8 ? (packed * 8) / q.bits : packed];
    }
    return { shape, params: shape.reduce((a, b) => a * b, 1), bytes, dataType };
}
/** The weight op whose output `value` is, through data movement. */
function weightOpBehind(g, s, value) {
    let v = value;
    for (let steps = 0; steps < 16; steps++) {
        const p = g.producer.get(v);
        if (p === undefined)
            return undefined;
        if (s.isWeightOp(p))
            return p;
        const n = g.nodes[p];
        if (!['Reshape', 'Transpose', 'Cast', 'Identity', 'Squeeze', 'Unsqueeze'].includes(n.opType))
            return undefined;
        v = n.input[0] ?? '';
    }
    return undefined;
}
function describeUse(g, s, info, use, nodeIds, quantized) {
    const node = g.nodes[use.node];
    const base = { ...use, nodeId: nodeIds.get(node), op: node.opType, nodeName: node.name ?? '' };
    const rank = info.dims.filter((d) => d > 1).length;
    const other = node.input.filter((v, k) => k !== use.input && v && !g.isConstant(v));
    const ms = node.domain === inventory_MS;
    let role = 'other';
    let bias;
    switch (node.opType) {
        case 'MatMul':
            role = use.input === 1 && (rank === 2 || quantized !== null) ? 'matmul' : 'other';
            break;
        case 'FusedMatMul': {
            // Only a plain product becomes MatMulNBits; transposes and alpha stay with the fused op.
            const plain = !attributeInt(node, 'transA') && !attributeInt(node, 'transB') && (attribute(node, 'alpha')?.f ?? 1) === 1;
            role = use.input === 1 && rank === 2 ? (plain ? 'matmul' : 'fused') : 'other';
            break;
        }
        case 'MatMulNBits':
        case 'MatMulInteger':
            role = use.input === 1 ? 'matmul' : 'other';
            if (node.opType === 'MatMulNBits' && use.input === 5)
                [role, bias] = ['bias', use.node];
            break;
        case 'Gemm':
            // Only Y = A·B(ᵀ) with a constant B becomes MatMulNBits; a transposed A stays as it is.
            if (use.input === 2)
                [role, bias] = ['bias', use.node];
            else
                role = use.input === 1 && rank === 2 && attributeInt(node, 'transA') !== 1 ? 'gemm' : 'other';
            break;
        case 'Gather':
        case 'GatherBlockQuantized':
            role = use.input === 0 && !g.isConstant(node.input[1] ?? '') ? 'gather' : 'other';
            break;
        case 'Conv':
        case 'ConvTranspose':
            if (use.input === 1)
                role = 'conv';
            else if (use.input === 2)
                [role, bias] = ['bias', use.node];
            break;
        case 'Attention':
        case 'PackedAttention':
        case 'DecoderMaskedSelfAttention':
            if (ms && use.input === 1)
                role = 'fused';
            else if (ms && use.input === 2)
                [role, bias] = ['bias', use.node];
            break;
        case 'MultiHeadAttention':
        case 'PackedMultiHeadAttention':
        case 'DecoderMaskedMultiHeadAttention':
            if (use.input === 3)
                [role, bias] = ['bias', use.node];
            break;
        case 'EmbedLayerNormalization':
            role = use.input >= 2 && use.input <= 4 ? 'fused' : use.input === 5 || use.input === 6 ? 'norm' : 'other';
            break;
        case 'Mul':
            if (other.some((v) => s.isNormOutput(v, 0) || s.isNormOutput(v, 1)))
                role = 'norm';
            break;
        case 'Add': {
            const producer = other.map((v) => weightOpBehind(g, s, v)).find((p) => p !== undefined);
            if (other.some((v) => s.isNormOutput(v, 1)))
                role = 'norm';
            else if (producer !== undefined)
                [role, bias] = ['bias', producer];
            else if (rank >= 2 || info.dims.length >= 3)
                role = 'additive';
            break;
        }
        case 'Concat':
            role = info.dims.length >= 2 ? 'additive' : 'other';
            break;
        default: {
            const params = NORM_PARAMS[node.opType];
            if (params?.includes(use.input))
                role = 'norm';
            else if (BIAS_OF_INPUT[node.opType] === use.input) {
                const producer = weightOpBehind(g, s, node.input[0] ?? '');
                role = 'bias';
                bias = producer;
            }
        }
    }
    // Through a view, a weight op does not read the stored tensor as it is: nothing to rewrite there.
    if (use.reshaped && (role === 'matmul' || role === 'gemm' || role === 'gather' || role === 'conv'))
        role = 'other';
    if (use.reshaped && (node.opType === 'Add' || node.opType === 'Concat') && role === 'other')
        role = 'additive';
    return { use: { ...base, role }, bias };
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
function categorize(g, s, c, byOp, embeddingOps) {
    const primary = c.uses[0];
    // A tensor read in no parameter role (a frequency table, a mask) takes no module from its readers' names.
    const module = moduleEvidence(g, c.info.name, primary.role === 'other' && !primary.reshaped ? [] : c.uses);
    const named = module ? (0,categories/* categoryFromName */.cE)(module.module, module.className) : null;
    const structural = (category) => ({ category, evidence: 'structure', module });
    const byRole = (category) => ({ category, evidence: 'role', module });
    if (c.uses.some((u) => u.role === 'gather') || (primary.role === 'fused' && primary.op === 'EmbedLayerNormalization')) {
        // Rotary caches are tables too, read inside the attention: frequencies, not parameters.
        return s.positionalTables.has(primary.node) ? structural('other') : byRole('embedding');
    }
    if (primary.role === 'norm')
        return byRole('norm');
    if (primary.role === 'fused')
        return byRole(s.projectionCore.has(primary.node) ? 'attention' : 'mlp');
    if (primary.role === 'bias') {
        // A bias belongs to the op it is added to (a Conv's bias to its Conv, a projection's to the projection).
        const op = c.biasOf.get(primary);
        if (op !== undefined) {
            if (s.coreOf.has(op) || s.projectionCore.has(op))
                return byRole('attention');
            const known = byOp.get(op);
            if (known)
                return byRole(known);
        }
        return named ? { category: named, evidence: 'name', module } : structural('other');
    }
    if (primary.role === 'conv') {
        // A Conv's category is what it does: the stem, the head, or a convolution (names say which module, not that).
        return structural(s.categoryOfProjection(primary.node));
    }
    if (primary.role === 'matmul' || primary.role === 'gemm') {
        return named ? { category: named, evidence: 'name', module } : structural(s.categoryOfProjection(primary.node));
    }
    if (named)
        return { category: named, evidence: 'name', module };
    if (primary.role === 'additive' && s.joinsEmbedding(primary.node, c.info.name, embeddingOps))
        return structural('embedding');
    if (primary.role === 'additive' || primary.role === 'other') {
        // A parameter added to the attention scores (Swin's relative-position table, a constant window mask).
        if (s.scoresCore(primary.node) >= 0)
            return structural('attention');
    }
    return structural('other');
}
class BlockLocator {
    s;
    numBlocks;
    stacks;
    byName;
    nameStacks = new Map();
    constructor(s, candidates, decided) {
        this.s = s;
        this.byName = s.cores.length === 0;
        if (this.byName) {
            for (const c of candidates) {
                const module = decided.get(c.info.name)?.module;
                const ref = module ? (0,categories/* blockFromName */.DR)(module.module) : null;
                if (ref)
                    this.nameStacks.set(ref.stack, Math.max(this.nameStacks.get(ref.stack) ?? 0, ref.index + 1));
            }
            this.stacks = [...this.nameStacks.values()].map((blocks) => ({ role: 'blocks', blocks }));
        }
        else {
            this.stacks = s.stacks.map((x) => ({ ...x }));
        }
        this.numBlocks = this.stacks.reduce((m, x) => Math.max(m, x.blocks), 0);
    }
    placeOf(c, d) {
        if (this.byName) {
            const ref = d.module ? (0,categories/* blockFromName */.DR)(d.module.module) : null;
            if (!ref)
                return { block: null, stack: null };
            return { block: ref.index, stack: [...this.nameStacks.keys()].indexOf(ref.stack) };
        }
        const s = this.s;
        const u = c.uses[0];
        // A bias sits where the op it is the bias of sits.
        const op = u.role === 'bias' ? (c.biasOf.get(u) ?? u.node) : u.node;
        const out = s.g.nodes[op].output[0] ?? '';
        const core = s.projectionCore.get(u.node) ?? s.coreOf.get(u.node) ?? (u.role === 'bias' ? this.coreOfBias(c) : undefined);
        if (core !== undefined)
            return this.ofCore(core);
        switch (d.category) {
            case 'head':
                return { block: null, stack: null };
            case 'embedding': {
                // A table added to the scores (T5's relative position buckets) belongs to the attention it biases.
                const joined = s.scoresCore(u.node);
                return joined >= 0 ? this.ofCore(joined) : { block: null, stack: null };
            }
            case 'modulation': {
                const block = s.modulatedBlock(op);
                return block === null ? { block: null, stack: null } : { block, stack: this.stackOf(out) };
            }
            case 'norm':
                if (s.preNormModel && s.afterLastBlock(out))
                    return { block: null, stack: null };
                return this.before(out);
            case 'attention': {
                const joined = s.scoresCore(u.node);
                if (joined >= 0)
                    return this.ofCore(joined);
                return this.before(out);
            }
            default:
                return this.before(out);
        }
    }
    coreOfBias(c) {
        const op = c.biasOf.get(c.uses[0]);
        if (op === undefined)
            return undefined;
        return this.s.projectionCore.get(op) ?? this.s.coreOf.get(op);
    }
    ofCore(core) {
        const c = this.s.cores[core];
        return { block: c.block, stack: c.stack };
    }
    stackOf(value) {
        return this.s.stackBefore(value);
    }
    before(value) {
        const block = this.s.blockBefore(value);
        return block === null ? { block: null, stack: null } : { block, stack: this.s.stackBefore(value) };
    }
    depthOf(place, _module) {
        const size = place.stack === null ? this.numBlocks : (this.stacks[place.stack]?.blocks ?? this.numBlocks);
        return size > 0 && place.block !== null ? place.block / size : 0;
    }
}


/***/ }),

/***/ 9583:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  _9: () => (/* binding */ buildInputs),
  _3: () => (/* binding */ evaluate),
  nB: () => (/* binding */ isLogits)
});

// UNUSED EXPORTS: indexBounds, numeric, primaryOutput

// EXTERNAL MODULE: ./src/analyze/inventory.ts + 3 modules
var analyze_inventory = __webpack_require__(3378);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
// EXTERNAL MODULE: ./src/onnx/read.ts
var read = __webpack_require__(319);
// EXTERNAL MODULE: ./src/eval/metrics.ts
var metrics = __webpack_require__(4419);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./src/eval/scratch.ts
var scratch = __webpack_require__(2880);
;// CONCATENATED MODULE: ./src/eval/reference-store.ts
/**
 * The reference model's results, kept while the quantized model runs: only one onnxruntime session is
 * alive at a time. Small results stay in memory; past a budget (a large vocabulary's logits over many
 * windows) they are written to the scratch folder and read back one sample at a time.
 */



/** Bytes of results kept in memory before spilling to disk. */
const IN_MEMORY_BYTES = 128 * 1024 * 1024;
const bytesOf = (r) => r.primary.byteLength + [...r.presents.values()].reduce((n, p) => n + p.byteLength, 0);
class ReferenceStore {
    budget;
    kept = [];
    inMemory = 0;
    dir;
    constructor(budget = IN_MEMORY_BYTES) {
        this.budget = budget;
    }
    add(result) {
        const size = bytesOf(result);
        if (this.inMemory + size <= this.budget) {
            this.inMemory += size;
            this.kept.push(result);
            return;
        }
        this.dir ??= external_node_fs_.mkdtempSync(external_node_path_.join((0,scratch/* scratchDir */.GA)(), 'reference-'));
        const file = external_node_path_.join(this.dir, `${this.kept.length}.bin`);
        const fd = external_node_fs_.openSync(file, 'w');
        try {
            const write = (a) => external_node_fs_.writeSync(fd, new Uint8Array(a.buffer, a.byteOffset, a.byteLength));
            write(result.primary);
            for (const p of result.presents.values())
                write(p);
        }
        finally {
            external_node_fs_.closeSync(fd);
        }
        this.kept.push({
            file,
            primaryType: result.primary instanceof Float32Array ? 'f32' : 'f64',
            primaryLength: result.primary.length,
            classes: result.classes,
            presents: [...result.presents].map(([name, p]) => ({ name, length: p.length })),
        });
    }
    get length() {
        return this.kept.length;
    }
    get(i) {
        const entry = this.kept[i];
        if (!entry)
            throw new Error(`no reference result ${i}`);
        if (!('file' in entry))
            return entry;
        const bytes = external_node_fs_.readFileSync(entry.file);
        const width = entry.primaryType === 'f32' ? 4 : 8;
        let at = entry.primaryLength * width;
        const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
        const primary = entry.primaryType === 'f32' ? new Float32Array(buffer, 0, entry.primaryLength) : new Float64Array(buffer, 0, entry.primaryLength);
        const presents = new Map();
        for (const p of entry.presents) {
            presents.set(p.name, new Float32Array(buffer, at, p.length));
            at += p.length * 4;
        }
        return { primary, classes: entry.classes, presents };
    }
    /** Removes the spilled files. */
    dispose() {
        if (this.dir)
            external_node_fs_.rmSync(this.dir, { recursive: true, force: true });
        this.dir = undefined;
        this.kept.length = 0;
    }
}

// EXTERNAL MODULE: ./src/eval/runtime.ts
var runtime = __webpack_require__(2982);
// EXTERNAL MODULE: ./src/eval/samples.ts + 4 modules
var eval_samples = __webpack_require__(1804);
// EXTERNAL MODULE: ./src/eval/session.ts + 2 modules
var session = __webpack_require__(3446);
;// CONCATENATED MODULE: ./src/eval/evaluate.ts
/**
 * Original against quantized, run by onnxruntime on the same inputs: distance metrics on the primary
 * output (`logits` when there is one), top-1 agreement and KL for logits, perplexity when tokens are given,
 * and for a decoder with a KV cache the distance of its `present` outputs too.
 *
 * One session is alive at a time: the reference runs every sample and its results are kept (spilled to
 * disk when large), then it is released and the quantized model runs.
 */









/**
 * The inputs of one plain run per sample (for a KV-cache decoder: the sample as a prompt with an empty
 * past). What calibration runs on; evaluation itself runs decoders step by step.
 */
function buildInputs(reference, options, inventory = (0,analyze_inventory/* analyzeModel */.C)(reference)) {
    const set = (0,eval_samples/* buildSamples */.OZ)(reference, inventory, options);
    const windows = set.samples.map((s) => s.window).filter((w) => w !== undefined);
    return { batches: (0,eval_samples/* firstStepFeeds */.M1)(set), ...(windows.length > 0 ? { windows } : {}) };
}
/** An output of class scores: named logits, with more than one class on its last axis. */
function isLogits(output, classes) {
    return /logit/i.test(output) && classes > 1;
}
/** The quantized model must take the same inputs and give the compared outputs. */
function checkSameInterface(reference, quantized, compared) {
    const names = (m) => new Set((0,eval_samples/* modelInterface */.VE)(m).specs.map((s) => s.name));
    const refInputs = names(reference);
    const qInputs = names(quantized);
    const missing = [...refInputs].filter((n) => !qInputs.has(n));
    if (missing.length > 0)
        throw new errors/* BadInputError */.Ys(`${quantized.path}: has no input '${missing[0]}', which ${reference.path} takes`);
    const outputs = new Set(quantized.graph.output.map((o) => o.name));
    const absent = compared.find((o) => !outputs.has(o));
    if (absent)
        throw new errors/* BadInputError */.Ys(`${quantized.path}: has no output '${absent}' to compare`);
}
async function evaluate(referencePath, quantizedPath, options) {
    await (0,runtime/* loadRuntime */.BR)();
    const started = process.hrtime.bigint();
    // A caller that has read and analyzed the reference already passes it along.
    const reference = options.reference?.model ?? (0,read/* readModel */.ko)(referencePath);
    const inventory = options.reference?.inventory ?? (0,analyze_inventory/* analyzeModel */.C)(reference);
    const quantized = (0,read/* readModel */.ko)(quantizedPath);
    const set = (0,eval_samples/* buildSamples */.OZ)(reference, inventory, options);
    const { cache, samples } = set;
    const output = (0,eval_samples/* primaryOutput */.MN)(reference.graph.output.map((o) => o.name), cache);
    checkSameInterface(reference, quantized, [output, ...(cache?.presents ?? [])]);
    const limits = { timeoutSeconds: options.timeoutSeconds, cleanup: options.cleanup };
    const total = 2 * samples.length;
    const progress = options.progress;
    // The reference alone: its results kept, its session released before the quantized model loads.
    const store = new ReferenceStore();
    try {
        const ref = await (0,session/* openSession */.fA)(referencePath, options.ep, options.warn, limits);
        const refContext = { model: referencePath, cache, output, limits };
        try {
            for (const [i, sample] of samples.entries()) {
                store.add(await (0,eval_samples/* runSample */.Kc)(ref.session, sample, refContext));
                progress?.update(i + 1, total, `reference sample ${i + 1}/${samples.length}`);
            }
        }
        finally {
            await ref.session.release();
        }
        const q = await (0,session/* openSession */.fA)(quantizedPath, ref.ep, options.warn, limits);
        const qContext = { model: quantizedPath, cache, output, limits };
        const distance = new metrics/* DistanceAccumulator */.QB();
        const present = new metrics/* DistanceAccumulator */.QB();
        let logits;
        const pplRef = new metrics/* PerplexityAccumulator */.B1();
        const pplQ = new metrics/* PerplexityAccumulator */.B1();
        const positions = [];
        try {
            for (const [i, sample] of samples.entries()) {
                const a = store.get(i);
                const b = await (0,eval_samples/* runSample */.Kc)(q.session, sample, qContext);
                if (a.primary.length !== b.primary.length) {
                    throw new errors/* BadInputError */.Ys(`${quantizedPath}: output '${output}' has ${b.primary.length} values, the original's ${a.primary.length}`);
                }
                distance.add(a.primary, b.primary);
                const scoresTokens = sample.window !== undefined && isLogits(output, a.classes);
                positions.push(scoresTokens ? sample.window.length - 1 : Math.floor(a.primary.length / Math.max(1, a.classes)));
                for (const [name, values] of a.presents) {
                    const other = b.presents.get(name);
                    if (!other || other.length !== values.length)
                        throw new errors/* BadInputError */.Ys(`${quantizedPath}: output '${name}' differs in shape from the original's`);
                    present.add(values, other);
                }
                if (isLogits(output, a.classes)) {
                    logits ??= new metrics/* LogitAccumulator */.cA(a.classes);
                    logits.add(a.primary, b.primary);
                    if (sample.window) {
                        pplRef.add(a.primary, sample.window, a.classes);
                        pplQ.add(b.primary, sample.window, a.classes);
                    }
                }
                progress?.update(samples.length + i + 1, total, `quantized sample ${i + 1}/${samples.length}`);
            }
        }
        finally {
            await q.session.release();
        }
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
        if (set.source === 'tokens' && logits) {
            result.ppl_ref = pplRef.perplexity();
            result.ppl_q = pplQ.perplexity();
            result.windows = samples.length;
        }
        if (cache) {
            result.steps = 2;
            result.present = { outputs: cache.presents.length, cosine: present.cosine(), rel_l2: present.relativeL2(), max_abs: present.maxAbs };
        }
        options.coverage?.({
            source: set.source,
            synthesized: set.synthesized,
            samples: samples.length,
            positions,
            ...(set.source === 'tokens' && !logits ? { noPerplexity: `output '${output}' is not a distribution over the vocabulary` } : {}),
        });
        result.seconds = Number(process.hrtime.bigint() - started) / 1e9;
        progress?.finish(`${samples.length} sample${samples.length === 1 ? '' : 's'} on both models`);
        return result;
    }
    finally {
        store.dispose();
    }
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
/* harmony export */   Cw: () => (/* binding */ runtimeModulePath),
/* harmony export */   g3: () => (/* binding */ ort),
/* harmony export */   yS: () => (/* binding */ RUNTIME_VERSION)
/* harmony export */ });
/* unused harmony exports RUNTIME_FORMAT, runtimeArchiveName, unpack */
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
/** Where the loaded onnxruntime-node package is (for child processes that must load the same one). */
let loadedFrom;
/** The path a child process can `require` to load the same onnxruntime-node (loading it first). */
function runtimeModulePath() {
    ort();
    return loadedFrom;
}
/** The runtime, loaded on first use (synchronously: onnxruntime-node is a CommonJS package). */
function ort() {
    loaded ??= load();
    return loaded;
}
/** Kept for callers that prefer to load up front (and to surface a load error early). */
function loadRuntime() {
    return Promise.resolve(ort());
}
function load() {
    const require = (0,node_module__WEBPACK_IMPORTED_MODULE_1__.createRequire)(import.meta.url);
    try {
        // A string the bundler cannot see through: onnxruntime-node stays an ordinary package require.
        const name = ['onnxruntime', 'node'].join('-');
        const module = require(name);
        loadedFrom = require.resolve(name);
        return module;
    }
    catch (err) {
        const archive = findArchive();
        if (!archive) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_6__/* .BadInputError */ .Ys(`onnxruntime-node is not installed and no bundled runtime exists for ${process.platform}-${process.arch}: run npm install onnxruntime-node@${RUNTIME_VERSION} (and set NODE_PATH to its node_modules) (${(0,_errors_js__WEBPACK_IMPORTED_MODULE_6__/* .messageOf */ .bD)(err)})`);
        }
        const root = unpack(archive);
        loadedFrom = node_path__WEBPACK_IMPORTED_MODULE_3__.join(root, 'node_modules', 'onnxruntime-node');
        return (0,node_module__WEBPACK_IMPORTED_MODULE_1__.createRequire)(node_path__WEBPACK_IMPORTED_MODULE_3__.join(root, 'index.js'))(loadedFrom);
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

/***/ 1804:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  OZ: () => (/* binding */ buildSamples),
  M1: () => (/* binding */ firstStepFeeds),
  nI: () => (/* binding */ inputFilesOf),
  VE: () => (/* binding */ modelInterface),
  MN: () => (/* binding */ primaryOutput),
  Kc: () => (/* binding */ runSample)
});

// UNUSED EXPORTS: indexBounds, numeric

// EXTERNAL MODULE: ./src/analyze/graph.ts
var graph = __webpack_require__(5868);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
// EXTERNAL MODULE: ./src/onnx/float16.ts
var float16 = __webpack_require__(8914);
// EXTERNAL MODULE: ./src/onnx/dtype.ts
var dtype = __webpack_require__(6327);
// EXTERNAL MODULE: ./src/eval/runtime.ts
var runtime = __webpack_require__(2982);
;// CONCATENATED MODULE: ./src/eval/decoder.ts



const PAST = /^(?:past_key_values|past)\.(.+)$/;
const PRESENT_PREFIXES = ['present.', 'present_key_values.'];
/** Input names the cache derives (never synthesized or taken from the user). */
function derivedInputs(cache) {
    const names = new Set(cache.inputs.map((c) => c.past));
    for (const spec of [cache.mask, cache.positions, cache.useCacheBranch])
        if (spec)
            names.add(spec.name);
    return names;
}
/**
 * The model's cache interface, or null when it has no past inputs. A past input with no present output to
 * feed it from is bad input, as is a past shape that cannot be made empty.
 */
function kvCacheOf(file, specs, outputs) {
    const presents = outputs.filter((o) => PRESENT_PREFIXES.some((p) => o.startsWith(p)));
    const pasts = specs.filter((s) => PAST.test(s.name));
    if (pasts.length === 0)
        return null;
    const inputs = pasts.map((spec) => {
        const suffix = PAST.exec(spec.name)[1];
        const present = PRESENT_PREFIXES.map((p) => `${p}${suffix}`).find((name) => outputs.includes(name));
        if (!present) {
            throw new errors/* BadInputError */.Ys(`${file}: KV-cache input '${spec.name}' has no matching present output (expected 'present.${suffix}'; outputs: ${outputs.join(', ')})`);
        }
        return { past: spec.name, present, elemType: spec.elemType, ...pastShape(file, spec) };
    });
    const byName = (re) => specs.find((s) => re.test(s.name) && !PAST.test(s.name)) ?? null;
    const ids = specs.find((s) => s.name === 'input_ids');
    if (!ids)
        throw new errors/* BadInputError */.Ys(`${file}: a KV-cache decoder needs an 'input_ids' input to be evaluated`);
    return {
        inputs,
        presents,
        ids: ids.name,
        mask: byName(/^attention_mask$/),
        positions: byName(/^position_ids$/),
        useCacheBranch: byName(/^use_cache_branch$/),
    };
}
/** Which axis holds the past length: the one named for it, else the only open axis after the batch. */
function pastShape(file, spec) {
    const open = spec.dims.map((d, axis) => (d === null && axis > 0 ? axis : -1)).filter((a) => a >= 0);
    const named = spec.symbols.findIndex((s, axis) => axis > 0 && s !== null && /past/i.test(s));
    const pastAxis = named >= 0 ? named : open.length === 1 ? open[0] : -1;
    const unknown = open.filter((a) => a !== pastAxis);
    if (pastAxis < 0 || unknown.length > 0) {
        throw new errors/* BadInputError */.Ys(`${file}: cannot tell the shape of KV-cache input '${spec.name}' (dims [${spec.dims.map((d, i) => d ?? spec.symbols[i] ?? '?').join(', ')}]): only the batch and the past length may be symbolic`);
    }
    return { dims: spec.dims, pastAxis };
}
function intTensor(spec, values, dims) {
    return spec.elemType === dtype/* DataType */.pe.INT32
        ? new ((0,runtime/* ort */.g3)().Tensor)('int32', Int32Array.from(values), dims)
        : new ((0,runtime/* ort */.g3)().Tensor)('int64', BigInt64Array.from(values, (v) => BigInt(v)), dims);
}
/** An empty past of the input's type: [batch, ..., 0, ...]. */
function emptyPast(c, batch) {
    const dims = c.dims.map((d, axis) => (axis === 0 ? batch : axis === c.pastAxis ? 0 : d));
    if (c.elemType === dtype/* DataType */.pe.FLOAT16)
        return new ((0,runtime/* ort */.g3)().Tensor)('float16', new Uint16Array(0), dims);
    if (c.elemType !== dtype/* DataType */.pe.FLOAT)
        throw new errors/* BadInputError */.Ys(`KV-cache input '${c.past}' has element type ${c.elemType}, not float or float16`);
    return new ((0,runtime/* ort */.g3)().Tensor)('float32', new Float32Array(0), dims);
}
/**
 * Feeds of one step: `ids` [batch, n] after `past` earlier tokens, the past tensors (empty when `previous`
 * is null), a mask of ones over past + new, positions past..past+n-1, and the branch flag.
 */
function stepFeeds(cache, ids, past, previous) {
    const [batch = 1, n = 1] = ids.dims;
    const feeds = { [cache.ids]: ids };
    for (const c of cache.inputs)
        feeds[c.past] = previous ? previous[c.present] : emptyPast(c, batch);
    if (cache.mask)
        feeds[cache.mask.name] = intTensor(cache.mask, Array(batch * (past + n)).fill(1), [batch, past + n]);
    if (cache.positions) {
        const positions = Array.from({ length: batch * n }, (_, i) => past + (i % n));
        feeds[cache.positions.name] = intTensor(cache.positions, positions, [batch, n]);
    }
    if (cache.useCacheBranch) {
        const dims = cache.useCacheBranch.dims.map((d) => d ?? 1);
        const count = dims.reduce((a, b) => a * b, 1);
        feeds[cache.useCacheBranch.name] = new ((0,runtime/* ort */.g3)().Tensor)('bool', new Uint8Array(count).fill(previous ? 1 : 0), dims);
    }
    return feeds;
}
/** The first `n` ids of each row of an [batch, seq] int tensor, or the ids from `from` on. */
function sliceIds(ids, from, to) {
    const [batch = 1, seq = 1] = ids.dims;
    const width = to - from;
    const data = ids.data;
    if (data instanceof BigInt64Array) {
        const out = new BigInt64Array(batch * width);
        for (let b = 0; b < batch; b++)
            out.set(data.subarray(b * seq + from, b * seq + to), b * width);
        return new ((0,runtime/* ort */.g3)().Tensor)('int64', out, [batch, width]);
    }
    const out = new Int32Array(batch * width);
    for (let b = 0; b < batch; b++)
        out.set(data.subarray(b * seq + from, b * seq + to), b * width);
    return new ((0,runtime/* ort */.g3)().Tensor)('int32', out, [batch, width]);
}

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
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







/** Most values one synthesized input may hold (1 GiB of float32): a larger declared shape is a broken model. */
const MAX_INPUT_VALUES = 2 ** 28;
/** The graph's inputs that are not initializers; a negative or absurd static dim is bad input naming `file`. */
function inputSpecs(inputs, initializers, file = 'model') {
    return inputs
        .filter((i) => !initializers.has(i.name))
        .map((i) => {
        const shape = i.type?.tensorType?.shape?.dim ?? [];
        const dims = shape.map((d) => {
            const v = (0,schema/* int64ToNumber */.o3)(d.dimValue);
            if (v < 0 || !Number.isSafeInteger(v))
                throw new errors/* BadInputError */.Ys(`${file}: input '${i.name}' declares a dimension of ${v}`);
            if (v > MAX_INPUT_VALUES)
                throw new errors/* BadInputError */.Ys(`${file}: input '${i.name}' declares a dimension of ${v}, too large to feed`);
            return d.dimParam || v === 0 ? null : v;
        });
        return {
            name: i.name,
            elemType: i.type?.tensorType?.elemType ?? dtype/* DataType */.pe.FLOAT,
            dims,
            symbols: shape.map((d) => d.dimParam || null),
        };
    });
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
        if (count > MAX_INPUT_VALUES) {
            throw new errors/* BadInputError */.Ys(`${hints.file ?? 'model'}: input '${spec.name}' of shape [${dims.join(', ')}] would hold ${count} values, too many to synthesize (lower --seq-len)`);
        }
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
                feeds[spec.name] = new ((0,runtime/* ort */.g3)().Tensor)('float16', (0,float16/* toFloat16Array */.Iw)(normalSamples(count, seed)), dims);
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
            throw new errors/* BadInputError */.Ys(`${file}: input '${name}' has ${t.data.length} values for dims [${t.dims.join(', ')}]`);
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
    const major = bytes.readUInt8(6);
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

// EXTERNAL MODULE: ./src/eval/session.ts + 2 modules
var eval_session = __webpack_require__(3446);
;// CONCATENATED MODULE: ./src/eval/samples.ts








/** Row counts of the tables each integer input indexes, so synthesized ids stay in range. */
function indexBounds(model, inventory) {
    const g = new graph/* GraphIndex */.p0(model.graph, model.path);
    const nodes = (0,graph/* allNodes */.Bq)(model.graph);
    const bounds = new Map();
    for (const layer of inventory.layers) {
        for (const use of layer.uses) {
            if (use.role !== 'gather')
                continue;
            let value = nodes[use.nodeId]?.input[1] ?? '';
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
/** The model's input specs and its cache interface. */
function modelInterface(model) {
    const specs = inputSpecs(model.graph.input, new Set(model.initializers.keys()), model.path);
    const cache = kvCacheOf(model.path, specs, model.graph.output.map((o) => o.name));
    return { specs, cache };
}
/**
 * The samples both models run on: token windows, a user's inputs, or deterministic synthesized ones. For
 * a KV-cache decoder, a window of W tokens gives the ids [0, W−1): a prompt of W−2 tokens and one cached
 * step, whose logits score tokens 1..W−1, the same tokens a model without a cache scores on the window.
 */
function buildSamples(model, inventory, options) {
    const { specs: all, cache } = modelInterface(model);
    const derived = cache ? derivedInputs(cache) : new Set();
    const specs = all.filter((s) => !derived.has(s.name));
    const idsSpec = specs.find((s) => s.name === 'input_ids');
    const bounds = indexBounds(model, inventory);
    const hints = (seqLen) => ({ seqLen, indexBounds: bounds, file: model.path });
    if (options.tokens) {
        if (!idsSpec)
            throw new errors/* BadInputError */.Ys(`${model.path}: --tokens needs a model with an 'input_ids' input`);
        const seqLen = options.seqLen ?? idsSpec.dims[1] ?? 128;
        if (cache && seqLen < 3)
            throw new errors/* BadInputError */.Ys(`${model.path}: a KV-cache decoder needs windows of at least 3 tokens (got ${seqLen})`);
        const windows = readTokenWindows(options.tokens, seqLen, options.maxWindows);
        checkTokens(options.tokens, windows, bounds.get('input_ids'), model.path);
        const fed = cache ? seqLen - 1 : seqLen;
        const samples = windows.map((window) => {
            const feeds = synthesizeInputs(specs, hints(fed));
            feeds.input_ids = new ((0,runtime/* ort */.g3)().Tensor)('int64', window.slice(0, fed), [1, fed]);
            return { feeds, window };
        });
        return { samples, cache, source: 'tokens', synthesized: specs.filter((s) => s !== idsSpec).map((s) => s.name) };
    }
    if (options.inputs) {
        const given = readUserInputs(options.inputs, specs, all, derived, hints(options.seqLen ?? 16));
        return { samples: [{ feeds: given.feeds }], cache, source: 'inputs', synthesized: given.synthesized };
    }
    const seqLen = options.seqLen ?? 16;
    if (cache && seqLen < 2)
        throw new errors/* BadInputError */.Ys(`${model.path}: a KV-cache decoder needs a sequence of at least 2 tokens (got ${seqLen})`);
    return {
        samples: [{ feeds: synthesizeInputs(specs, hints(seqLen)) }],
        cache,
        source: 'synthetic',
        synthesized: specs.map((s) => s.name),
    };
}
/** Token ids must index the model's embedding table. */
function checkTokens(file, windows, vocabulary, model) {
    if (vocabulary === undefined)
        return;
    windows.forEach((window, w) => {
        const at = window.findIndex((v) => v < 0n || v >= BigInt(vocabulary));
        if (at >= 0) {
            throw new errors/* BadInputError */.Ys(`${file}: token id ${window[at]} (window ${w}, position ${at}) is outside the vocabulary of ${model} (${vocabulary} ids)`);
        }
    });
}
/** `NAME=FILE.npy` pairs separated by commas. */
function inputPairs(text) {
    return text.split(',').map((pair) => {
        const eq = pair.indexOf('=');
        return { name: pair.slice(0, eq), file: pair.slice(eq + 1) };
    });
}
/** The files an `--inputs` value (config `inputs`) names: the JSON file, or every .npy file of its pairs. */
function inputFilesOf(text) {
    return text.includes('=') ? inputPairs(text).map((p) => p.file) : [text];
}
/**
 * `--inputs`: a JSON file of named tensors, or `NAME=FILE.npy` pairs separated by commas. Inputs the user
 * does not give are synthesized to match the sequence length of the given ones; a decoder's cache inputs
 * are always derived.
 */
function readUserInputs(text, specs, all, derived, hints) {
    let given = {};
    if (!text.includes('=')) {
        given = readJsonInputs(text);
    }
    else {
        for (const { name, file } of inputPairs(text))
            given[name] = readNpy(file);
    }
    for (const name of Object.keys(given)) {
        if (derived.has(name))
            throw new errors/* BadInputError */.Ys(`--inputs: '${name}' is a KV-cache input of ${hints.file}; quantgate derives it from input_ids`);
        if (!all.some((s) => s.name === name))
            throw new errors/* BadInputError */.Ys(`--inputs: ${hints.file} has no input '${name}' (inputs: ${all.map((s) => s.name).join(', ')})`);
    }
    const first = Object.values(given)[0];
    const missing = specs.filter((s) => !(s.name in given));
    return {
        feeds: { ...synthesizeInputs(missing, { ...hints, seqLen: first?.dims[1] ?? hints.seqLen }), ...given },
        synthesized: missing.map((s) => s.name),
    };
}
/** The inputs of one plain run per sample (a decoder's prompt with an empty past): for calibration runs. */
function firstStepFeeds(set) {
    return set.samples.map((s) => {
        if (!set.cache)
            return s.feeds;
        const ids = s.feeds[set.cache.ids];
        return { ...s.feeds, ...stepFeeds(set.cache, ids, 0, null) };
    });
}
/** The output compared: `logits` when there is one, else the first that is not a present. */
function primaryOutput(outputNames, cache) {
    const candidates = outputNames.filter((n) => !cache?.presents.includes(n));
    return candidates.find((n) => /logit/i.test(n)) ?? candidates[0] ?? outputNames[0];
}
/** Output values as numbers: float16 widened, integers (int64 included) by value. */
function numeric(t) {
    const data = t.data;
    if (t.type === 'float16' && data instanceof Uint16Array)
        return (0,float16/* fromFloat16Array */.xf)(data);
    if (data instanceof Float32Array || data instanceof Float64Array)
        return data;
    if (data instanceof BigInt64Array || data instanceof BigUint64Array)
        return Float64Array.from(data, (v) => Number(v));
    if (Array.isArray(data))
        throw new errors/* BadInputError */.Ys(`output of type ${t.type} cannot be compared numerically`);
    return Float64Array.from(data);
}
function concat(parts) {
    if (parts.length === 1)
        return parts[0];
    const total = parts.reduce((n, p) => n + p.length, 0);
    const out = parts.every((p) => p instanceof Float32Array) ? new Float32Array(total) : new Float64Array(total);
    let at = 0;
    for (const p of parts) {
        out.set(p, at);
        at += p.length;
    }
    return out;
}
/** Runs one sample: one run, or a prompt with an empty past then one cached step. */
async function runSample(session, sample, ctx) {
    const { cache } = ctx;
    const steps = [];
    if (!cache) {
        steps.push(await (0,eval_session/* runSession */.Ie)(session, sample.feeds, ctx.model, ctx.limits));
    }
    else {
        const ids = sample.feeds[cache.ids];
        const length = ids.dims[1] ?? 1;
        const prompt = length - 1;
        const first = await (0,eval_session/* runSession */.Ie)(session, { ...sample.feeds, ...stepFeeds(cache, sliceIds(ids, 0, prompt), 0, null) }, ctx.model, ctx.limits);
        steps.push(first);
        const next = stepFeeds(cache, sliceIds(ids, prompt, length), prompt, first);
        steps.push(await (0,eval_session/* runSession */.Ie)(session, { ...sample.feeds, ...next }, ctx.model, ctx.limits));
    }
    const outputs = steps.map((s) => {
        const t = s[ctx.output];
        if (!t)
            throw new errors/* BadInputError */.Ys(`${ctx.model}: has no output '${ctx.output}'`);
        return t;
    });
    const last = steps[steps.length - 1];
    const presents = new Map();
    for (const name of cache?.presents ?? []) {
        const t = last?.[name];
        if (!t)
            continue;
        const values = numeric(t);
        presents.set(name, values instanceof Float32Array ? values : Float32Array.from(values));
    }
    const primary = concat(outputs.map(numeric));
    const dims = outputs[0]?.dims ?? [];
    return { primary, classes: dims[dims.length - 1] ?? 1, presents };
}


/***/ }),

/***/ 2880:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   GA: () => (/* binding */ scratchDir),
/* harmony export */   QZ: () => (/* binding */ inScratch)
/* harmony export */ });
/* unused harmony export removeScratch */
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8161);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_os__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_2__);
/**
 * A private temporary folder for the process's onnxruntime work: onnxruntime drops `.ses` and
 * `mat-debug-<pid>.log` files into `$TMPDIR` when it starts, and evaluation spills large reference outputs
 * to disk. Everything goes into one folder of ours, removed when the process exits (and by the watchdog
 * when it ends an overrunning step).
 */



let folder;
/** The folder, created on first use. */
function scratchDir() {
    if (folder && node_fs__WEBPACK_IMPORTED_MODULE_0__.existsSync(folder))
        return folder;
    folder = node_fs__WEBPACK_IMPORTED_MODULE_0__.mkdtempSync(node_path__WEBPACK_IMPORTED_MODULE_2__.join(node_os__WEBPACK_IMPORTED_MODULE_1__.tmpdir(), 'quantgate-ort-'));
    const created = folder;
    process.once('exit', () => node_fs__WEBPACK_IMPORTED_MODULE_0__.rmSync(created, { recursive: true, force: true }));
    return folder;
}
/** Removes the folder now (a later call to `scratchDir` makes a new one). */
function removeScratch() {
    if (folder)
        fs.rmSync(folder, { recursive: true, force: true });
    folder = undefined;
}
const TEMP_VARIABLES = ['TMPDIR', 'TMP', 'TEMP'];
/**
 * Runs `fn` with the temporary-folder variables pointing at the scratch folder, where onnxruntime writes
 * the files it makes when a session starts; restores them afterwards.
 */
async function inScratch(fn) {
    const dir = scratchDir();
    const saved = TEMP_VARIABLES.map((name) => process.env[name]);
    for (const name of TEMP_VARIABLES)
        process.env[name] = dir;
    try {
        return await fn();
    }
    finally {
        TEMP_VARIABLES.forEach((name, i) => {
            const value = saved[i];
            if (value === undefined)
                delete process.env[name];
            else
                process.env[name] = value;
        });
    }
}


/***/ }),

/***/ 3446:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  fA: () => (/* binding */ openSession),
  Ie: () => (/* binding */ runSession)
});

// UNUSED EXPORTS: resolveProvider

// EXTERNAL MODULE: ./src/eval/runtime.ts
var runtime = __webpack_require__(2982);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
// EXTERNAL MODULE: external "node:child_process"
var external_node_child_process_ = __webpack_require__(1421);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(8161);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./src/onnx/schema.ts
var schema = __webpack_require__(7312);
;// CONCATENATED MODULE: ./src/eval/provider-probe.ts
/**
 * Whether a GPU execution provider works on this machine, found out in a child process. A provider that
 * cannot start makes onnxruntime and the GPU driver print native error lines straight to stderr (Dawn's
 * "Couldn't load Vulkan", onnxruntime's red provider-bridge error), which no option silences; in a child
 * they are captured and dropped, and the user sees quantgate's one-line fallback warning only.
 */






const FLOAT = 1;
/** y = x · W, W 4×4: the smallest graph a provider must run to count as working. */
function probeModel() {
    const model = {
        irVersion: 8,
        opsetImport: [{ domain: '', version: 17 }],
        producerName: 'quantgate-probe',
        graph: {
            name: 'probe',
            node: [{ opType: 'MatMul', input: ['x', 'w'], output: ['y'], name: 'matmul' }],
            initializer: [{ name: 'w', dims: [4, 4], dataType: FLOAT, floatData: Array.from({ length: 16 }, (_, i) => (i % 5 === 0 ? 1 : 0)) }],
            input: [{ name: 'x', type: { tensorType: { elemType: FLOAT, shape: { dim: [{ dimValue: 1 }, { dimValue: 4 }] } } } }],
            output: [{ name: 'y', type: { tensorType: { elemType: FLOAT, shape: { dim: [{ dimValue: 1 }, { dimValue: 4 }] } } } }],
        },
    };
    return (0,schema/* encodeModel */.ee)(model);
}
/** The child: open a session on the provider, run it once, print one JSON line. */
const CHILD = `
const ort = require(process.env.QUANTGATE_PROBE_ORT);
(async () => {
  try {
    const s = await ort.InferenceSession.create(process.env.QUANTGATE_PROBE_MODEL, { executionProviders: [process.env.QUANTGATE_PROBE_EP], logSeverityLevel: 4 });
    await s.run({ x: new ort.Tensor('float32', Float32Array.from([1, 2, 3, 4]), [1, 4]) });
    await s.release();
    process.stdout.write(JSON.stringify({ ok: true }));
  } catch (err) {
    process.stdout.write(JSON.stringify({ ok: false, reason: String(err && err.message || err) }));
  }
})();
`;
const results = new Map();
/** The last line of onnxruntime's error worth showing: "Failed to get a WebGPU adapter: No supported adapters". */
function shortReason(message) {
    const line = message.split('\n')[0] ?? message;
    const tail = line.split(/ was false\. |\] : \d+ : \w+ : /).pop() ?? line;
    return tail.length > 160 ? `${tail.slice(0, 157)}...` : tail;
}
function probeProvider(ep) {
    if (ep === 'cpu')
        return { ok: true };
    const known = results.get(ep);
    if (known)
        return known;
    const dir = external_node_fs_.mkdtempSync(external_node_path_.join(external_node_os_.tmpdir(), 'quantgate-probe-'));
    let result;
    try {
        const model = external_node_path_.join(dir, 'probe.onnx');
        external_node_fs_.writeFileSync(model, probeModel());
        const child = (0,external_node_child_process_.spawnSync)(process.execPath, ['-e', CHILD], {
            // Its temporary files (onnxruntime's, the driver's) go to the probe's folder, removed below.
            env: { ...process.env, TMPDIR: dir, QUANTGATE_PROBE_ORT: (0,runtime/* runtimeModulePath */.Cw)(), QUANTGATE_PROBE_MODEL: model, QUANTGATE_PROBE_EP: ep },
            encoding: 'utf8',
            timeout: 120_000,
            stdio: ['ignore', 'pipe', 'pipe'],
        });
        const line = child.stdout?.trim().split('\n').pop() ?? '';
        try {
            const parsed = JSON.parse(line);
            result = parsed.ok ? { ok: true } : { ok: false, reason: shortReason(parsed.reason) };
        }
        catch {
            result = {
                ok: false,
                reason: child.error ? child.error.message : `the provider crashed the probe (exit ${child.status ?? child.signal})`,
            };
        }
    }
    finally {
        external_node_fs_.rmSync(dir, { recursive: true, force: true });
    }
    results.set(ep, result);
    return result;
}

// EXTERNAL MODULE: ./src/eval/scratch.ts
var scratch = __webpack_require__(2880);
// EXTERNAL MODULE: external "node:worker_threads"
var external_node_worker_threads_ = __webpack_require__(5919);
;// CONCATENATED MODULE: ./src/eval/watchdog.ts
/**
 * A time limit on each onnxruntime step (loading a model, one run). onnxruntime-node does its work
 * synchronously on the main thread, so no timer there can fire while a step hangs: a watchdog thread holds
 * the deadline instead. When a step overruns, the watchdog writes one line naming the file and the step on
 * stderr, removes the temporary folders it was given, and ends the process (SIGTERM, exit status 143; a
 * SIGKILL two seconds later if that was not enough): a clear error instead of a job hanging until the CI
 * system kills it.
 */

// Dynamic imports: an eval worker's code is read as CommonJS or as an ES module as the process's own
// --input-type says (a process started with --input-type=module has no require there). Messages posted
// before the imports resolve wait in the port until the listener is attached.
const WATCHDOG_SOURCE = `
(async () => {
const { parentPort } = await import('node:worker_threads');
const fs = await import('node:fs');
let timer = null;
let armed = -1;
parentPort.on('message', (m) => {
  if (m.type === 'arm') {
    clearTimeout(timer);
    armed = m.id;
    timer = setTimeout(() => fire(m), m.ms);
  } else if (m.type === 'disarm' && m.id === armed) {
    clearTimeout(timer);
    timer = null;
  }
});
function fire(m) {
  try { fs.writeSync(2, m.message + '\\n'); } catch {}
  for (const p of m.cleanup) { try { fs.rmSync(p, { recursive: true, force: true }); } catch {} }
  process.kill(process.pid, 'SIGTERM');
  setTimeout(() => process.kill(process.pid, 'SIGKILL'), 2000);
}
})();
`;
let worker;
let nextId = 0;
function watchdog() {
    if (!worker) {
        worker = new external_node_worker_threads_.Worker(WATCHDOG_SOURCE, { eval: true });
        // The watchdog never keeps the process alive on its own.
        worker.unref();
    }
    return worker;
}
/** The one-line error the watchdog prints. */
function overrunMessage(what, seconds) {
    return `quantgate: ${what} did not finish within ${seconds} s (raise --timeout or the config's 'timeout')`;
}
/** Runs `fn` (one onnxruntime step); the process ends with a one-line error if it takes longer than the limit. */
async function withinLimit(what, limit, fn) {
    const seconds = limit.seconds;
    if (seconds === undefined || !Number.isFinite(seconds))
        return fn();
    const id = nextId++;
    const w = watchdog();
    w.postMessage({ type: 'arm', id, ms: seconds * 1000, message: overrunMessage(what, seconds), cleanup: limit.cleanup ?? [] });
    try {
        return await fn();
    }
    finally {
        w.postMessage({ type: 'disarm', id });
    }
}

;// CONCATENATED MODULE: ./src/eval/session.ts





const nameOf = (source) => (typeof source === 'string' ? source : source.name);
/**
 * Session options. Graph optimizations stay at `all`: the passes cost little on real exports, and on long
 * chains of nodes the cost is in onnxruntime's session planning whatever the level (see the README's
 * measurements), which the step's time limit bounds. onnxruntime's own log lines are off: its errors come
 * back as exceptions, which quantgate reports in one line.
 */
function sessionOptions(ep) {
    return { executionProviders: [ep], graphOptimizationLevel: 'all', logSeverityLevel: 4 };
}
async function create(source, ep, limits) {
    const limit = { seconds: limits.timeoutSeconds, cleanup: [(0,scratch/* scratchDir */.GA)(), ...(limits.cleanup ?? [])] };
    return withinLimit(`${nameOf(source)}: loading the model into onnxruntime`, limit, () => (0,scratch/* inScratch */.QZ)(() => typeof source === 'string'
        ? (0,runtime/* ort */.g3)().InferenceSession.create(source, sessionOptions(ep))
        : (0,runtime/* ort */.g3)().InferenceSession.create(source.bytes, sessionOptions(ep))));
}
/** GPU providers `auto` tries, in order of preference. */
const GPU_PROVIDERS = ['cuda', 'webgpu'];
/** Warned once per process: a check opens many sessions. */
const warned = new Set();
function warnOnce(warn, message) {
    if (warned.has(message))
        return;
    warned.add(message);
    warn(message);
}
/** The provider to use for `choice` on this machine, with one warning when it falls back to cpu. */
function resolveProvider(choice, warn) {
    if (choice === 'cpu')
        return 'cpu';
    const listed = new Set((0,runtime/* ort */.g3)()
        .listSupportedBackends()
        .map((b) => b.name));
    const candidates = choice === 'auto' ? GPU_PROVIDERS : [choice];
    const reasons = [];
    for (const ep of candidates) {
        if (!listed.has(ep)) {
            reasons.push(`${ep}: not in this onnxruntime-node build`);
            continue;
        }
        const probe = probeProvider(ep);
        if (probe.ok)
            return ep;
        reasons.push(`${ep}: ${probe.reason}`);
    }
    warnOnce(warn, choice === 'auto'
        ? `execution provider auto: no GPU provider works here (${reasons.join('; ')}); running on cpu`
        : `execution provider '${choice}' is not available (${reasons.join('; ')}); running on cpu`);
    return 'cpu';
}
async function openSession(source, choice, warn, limits = {}) {
    await (0,runtime/* loadRuntime */.BR)();
    const ep = resolveProvider(choice, warn);
    if (ep !== 'cpu') {
        try {
            return { session: await create(source, ep, limits), ep };
        }
        catch (err) {
            warnOnce(warn, `execution provider '${ep}' failed to start (${oneLine((0,errors/* messageOf */.bD)(err))}); running on cpu`);
        }
    }
    try {
        return { session: await create(source, 'cpu', limits), ep: 'cpu' };
    }
    catch (err) {
        throw new errors/* BadInputError */.Ys(`${nameOf(source)}: onnxruntime cannot load the model (${oneLine((0,errors/* messageOf */.bD)(err))})`);
    }
}
/** One run of a session under the step limit; an onnxruntime error is bad input naming the model. */
async function runSession(session, feeds, model, limits = {}, fetches) {
    const limit = { seconds: limits.timeoutSeconds, cleanup: [(0,scratch/* scratchDir */.GA)(), ...(limits.cleanup ?? [])] };
    try {
        return await withinLimit(`${model}: running the model in onnxruntime`, limit, () => fetches ? session.run(feeds, fetches) : session.run(feeds));
    }
    catch (err) {
        throw new errors/* BadInputError */.Ys(`${model}: onnxruntime failed to run the model (${oneLine((0,errors/* messageOf */.bD)(err))})`);
    }
}
/** onnxruntime's messages can span lines; errors here are one line. */
function oneLine(text) {
    return text.replace(/\s*\n\s*/g, ' ').trim();
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
/* harmony export */   AU: () => (/* binding */ float32ToFloat16Bits),
/* harmony export */   EX: () => (/* binding */ float32ToFloat16Into),
/* harmony export */   Iw: () => (/* binding */ toFloat16Array),
/* harmony export */   mc: () => (/* binding */ countNonFinite),
/* harmony export */   tb: () => (/* binding */ widenHalfInto),
/* harmony export */   u7: () => (/* binding */ float16Table),
/* harmony export */   xf: () => (/* binding */ fromFloat16Array)
/* harmony export */ });
/* unused harmony exports float16BitsToFloat32, fromBfloat16Array, float32ToBfloat16Into */
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
/** Every float16 value as float32, indexed by its bits (built once). */
function float16Table() {
    halfTable ??= buildHalfTable();
    return halfTable;
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
/**
 * float32 → float16 bits for a whole array, the same rounding as `float32ToFloat16Bits` (tested equal on
 * every class of value) without a per-value function call or float write: it works on the float32 bit
 * patterns, so it runs at memory speed on large tensors. Returns how many inputs were NaN or infinite.
 */
function float32ToFloat16Into(values, out) {
    // Signed 32-bit loads: V8 keeps them in registers (unsigned ones above 2^31 become doubles).
    const bits = new Int32Array(values.buffer, values.byteOffset, values.length);
    let nonFinite = 0;
    for (let i = 0; i < bits.length; i++) {
        const x = bits[i];
        const abs = x & 0x7fffffff;
        if (abs >= 0x38800000 && abs < 0x477ff000) {
            // Normal half results (2^-14 ≤ |x| < 65520): rebias the exponent, then round to nearest even without
            // a branch (add half an ulp minus one, plus the kept lowest bit); a carry bumps the exponent.
            const r = abs - 0x38000000;
            out[i] = ((x >>> 16) & 0x8000) | ((r + 0xfff + ((r >>> 13) & 1)) >>> 13);
        }
        else {
            if ((x & 0x7f800000) === 0x7f800000)
                nonFinite++;
            out[i] = float32BitsToFloat16Slow((x >>> 16) & 0x8000, (x >>> 23) & 0xff, x & 0x7fffff, ((x >>> 23) & 0xff) - 112);
        }
    }
    return nonFinite;
}
/** The rare classes: Inf/NaN, overflow (also by rounding: 65520 ≤ |x| < 65536), subnormal and zero results. */
function float32BitsToFloat16Slow(sign, exp, mant, e) {
    if (exp === 0xff)
        return mant === 0 ? sign | 0x7c00 : sign | 0x7e00 | (mant >>> 13);
    if (e >= 0x1f)
        return sign | 0x7c00;
    if (e > 0) {
        const half = (e << 10) | (mant >>> 13);
        const rem = mant & 0x1fff;
        return sign | (half + (rem > 0x1000 || (rem === 0x1000 && (half & 1) === 1) ? 1 : 0));
    }
    if (e < -10)
        return sign;
    const m = mant | 0x800000;
    const shift = 14 - e;
    const half = m >>> shift;
    const rem = m & ((1 << shift) - 1);
    const mid = 1 << (shift - 1);
    return sign | (half + (rem > mid || (rem === mid && (half & 1) === 1) ? 1 : 0));
}
/** float32 → bfloat16 bits: round to nearest even on the low 16 bits; NaN stays a quiet NaN. */
function float32ToBfloat16Into(values, out) {
    const bits = new Int32Array(values.buffer, values.byteOffset, values.length);
    for (let i = 0; i < bits.length; i++) {
        const x = bits[i];
        if ((x & 0x7f800000) === 0x7f800000 && (x & 0x7fffff) !== 0) {
            out[i] = (x >>> 16) | 0x40;
            continue;
        }
        out[i] = ((x >>> 0) + 0x7fff + ((x >>> 16) & 1)) >>> 16;
    }
}
/**
 * Widens `count` float16 or bfloat16 values (raw little-endian bytes at `bytes`) into `out` at `outOffset`,
 * and returns how many are NaN or infinite. One pass: the non-finite count is read from the bits.
 */
function widenHalfInto(dataType, bytes, out, outOffset = 0) {
    const count = bytes.byteLength >>> 1;
    // Misaligned bytes are copied first: Uint8Array.from, because a Node Buffer's slice() is a view of its pool.
    const src = bytes.byteOffset % 2 === 0
        ? new Uint16Array(bytes.buffer, bytes.byteOffset, count)
        : new Uint16Array(Uint8Array.from(bytes).buffer, 0, count);
    let bad = 0;
    if (dataType === 'float16') {
        halfTable ??= buildHalfTable();
        const table = halfTable;
        for (let i = 0; i < count; i++) {
            const h = src[i];
            if ((h & 0x7c00) === 0x7c00)
                bad++;
            out[outOffset + i] = table[h];
        }
    }
    else {
        const outBits = new Uint32Array(out.buffer, out.byteOffset + outOffset * 4, count);
        for (let i = 0; i < count; i++) {
            const h = src[i];
            if ((h & 0x7f80) === 0x7f80)
                bad++;
            outBits[i] = h << 16;
        }
    }
    return bad;
}
/** Counts NaN and infinite values (all exponent bits set), on the bits. */
function countNonFinite(values) {
    const bits = new Int32Array(values.buffer, values.byteOffset, values.length);
    let bad = 0;
    for (let i = 0; i < bits.length; i++)
        if ((bits[i] & 0x7f800000) === 0x7f800000)
            bad++;
    return bad;
}


/***/ }),

/***/ 319:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   De: () => (/* binding */ readTensorBytes),
/* harmony export */   Jt: () => (/* binding */ readTensorFloat32),
/* harmony export */   N_: () => (/* binding */ readTensorRange),
/* harmony export */   he: () => (/* binding */ FLOAT_BYTES),
/* harmony export */   ko: () => (/* binding */ readModel),
/* harmony export */   nt: () => (/* binding */ readFloat32Range),
/* harmony export */   y2: () => (/* binding */ describeInitializer)
/* harmony export */ });
/* unused harmony export readFully */
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_buffer__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(4573);
/* harmony import */ var node_buffer__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_buffer__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_3___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_3__);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(3916);
/* harmony import */ var _dtype_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(6327);
/* harmony import */ var _float16_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(8914);
/* harmony import */ var _schema_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(7312);
/**
 * Reading ONNX models: the protobuf, its initializers' metadata, and (only on request) tensor values.
 *
 * Planning reads shapes, not weights: `readModel` decodes the .onnx file and checks every initializer's
 * byte length against its shape, stat-ing external data files instead of reading them.
 */








function fail(file, problem) {
    throw new _errors_js__WEBPACK_IMPORTED_MODULE_4__/* .BadInputError */ .Ys(`${file}: ${problem}`);
}
function readModel(file) {
    let buffer;
    try {
        buffer = node_fs__WEBPACK_IMPORTED_MODULE_2__.readFileSync(file);
    }
    catch (err) {
        const code = err.code;
        fail(file, code === 'ENOENT' ? 'file not found' : `cannot read (${(0,_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .messageOf */ .bD)(err)})`);
    }
    if (buffer.length === 0)
        fail(file, 'empty file, not an ONNX model');
    let proto;
    try {
        proto = (0,_schema_js__WEBPACK_IMPORTED_MODULE_7__/* .decodeModel */ .sd)(buffer);
    }
    catch (err) {
        fail(file, `not a valid ONNX model (truncated or not protobuf: ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .messageOf */ .bD)(err)})`);
    }
    const graph = proto.graph;
    if (!graph || inRange(file, 'IR version', proto.irVersion) <= 0 || proto.opsetImport.length === 0) {
        fail(file, 'not a valid ONNX model (no graph, IR version or opset import)');
    }
    const dir = node_path__WEBPACK_IMPORTED_MODULE_3__.dirname(node_path__WEBPACK_IMPORTED_MODULE_3__.resolve(file));
    const externalFiles = new Map();
    const initializers = new Map();
    for (const tensor of graph.initializer) {
        const info = describeTensor(file, dir, tensor, externalFiles);
        initializers.set(info.name, info);
    }
    const opsets = new Map();
    for (const o of proto.opsetImport)
        opsets.set(o.domain ?? '', inRange(file, `opset version of '${o.domain ?? ''}'`, o.version));
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
/** An int64 field of the model as a number; beyond 2^53 the file is refused, naming the field. */
function inRange(file, what, v) {
    try {
        return (0,_schema_js__WEBPACK_IMPORTED_MODULE_7__/* .int64ToNumber */ .o3)(v);
    }
    catch (err) {
        if (!(err instanceof _errors_js__WEBPACK_IMPORTED_MODULE_4__/* .Int64RangeError */ .xy))
            throw err;
        fail(file, `${what}: ${err.message}`);
    }
}
/** An initializer of the model described like the top-level ones (a subgraph's, read when it is copied). */
function describeInitializer(model, tensor) {
    return describeTensor(model.path, model.dir, tensor, new Map());
}
function describeTensor(file, dir, tensor, externalFiles) {
    const name = tensor.name;
    const dims = tensor.dims.map((d) => inRange(file, `tensor '${name}' dim`, d));
    if (dims.some((d) => !Number.isSafeInteger(d) || d < 0))
        fail(file, `tensor '${name}' has invalid dims [${dims.join(', ')}]`);
    const numel = dims.reduce((a, b) => a * b, 1);
    const expected = (0,_dtype_js__WEBPACK_IMPORTED_MODULE_5__/* .rawByteLength */ .B1)(tensor.dataType, numel);
    const shape = `[${dims.join(', ')}]`;
    if (expected === undefined) {
        // Strings and unknown types are never weights; keep them without a byte check.
        return { name, dataType: tensor.dataType, dims, numel, byteLength: 0, storage: { kind: 'typed' }, proto: tensor };
    }
    const base = { name, dataType: tensor.dataType, dims, numel, byteLength: expected, proto: tensor };
    const type = (0,_dtype_js__WEBPACK_IMPORTED_MODULE_5__/* .dataTypeName */ .Ym)(tensor.dataType);
    if (tensor.dataLocation === 1 || (tensor.externalData && tensor.externalData.length > 0)) {
        const entries = new Map((tensor.externalData ?? []).map((e) => [e.key, e.value]));
        const location = entries.get('location');
        if (!location)
            fail(file, `tensor '${name}' is stored externally but names no location`);
        const target = resolveExternal(file, dir, name, location);
        let size = externalFiles.get(target);
        if (size === undefined) {
            try {
                size = node_fs__WEBPACK_IMPORTED_MODULE_2__.statSync(target).size;
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
    if (node_path__WEBPACK_IMPORTED_MODULE_3__.isAbsolute(location))
        fail(file, `external data of tensor '${name}' uses an absolute path '${location}'`);
    const target = node_path__WEBPACK_IMPORTED_MODULE_3__.resolve(dir, location);
    const outside = (root, p) => {
        const rel = node_path__WEBPACK_IMPORTED_MODULE_3__.relative(root, p);
        return rel === '' || rel.startsWith('..') || node_path__WEBPACK_IMPORTED_MODULE_3__.isAbsolute(rel);
    };
    if (outside(dir, target))
        fail(file, `external data of tensor '${name}' points outside the model's folder ('${location}')`);
    try {
        if (outside(node_fs__WEBPACK_IMPORTED_MODULE_2__.realpathSync(dir), node_fs__WEBPACK_IMPORTED_MODULE_2__.realpathSync(target))) {
            fail(file, `external data of tensor '${name}' links outside the model's folder ('${location}')`);
        }
    }
    catch (err) {
        if (err instanceof _errors_js__WEBPACK_IMPORTED_MODULE_4__/* .BadInputError */ .Ys)
            throw err;
        fail(file, `external data file '${location}' of tensor '${name}' is missing`);
    }
    return target;
}
function typedFieldLength(t) {
    switch (t.dataType) {
        case _dtype_js__WEBPACK_IMPORTED_MODULE_5__/* .DataType */ .pe.FLOAT:
            return t.floatData?.length ?? 0;
        case _dtype_js__WEBPACK_IMPORTED_MODULE_5__/* .DataType */ .pe.INT64:
            return t.int64Data?.length ?? 0;
        case _dtype_js__WEBPACK_IMPORTED_MODULE_5__/* .DataType */ .pe.DOUBLE:
            return t.doubleData?.length ?? 0;
        case _dtype_js__WEBPACK_IMPORTED_MODULE_5__/* .DataType */ .pe.UINT32:
        case _dtype_js__WEBPACK_IMPORTED_MODULE_5__/* .DataType */ .pe.UINT64:
            return t.uint64Data?.length ?? 0;
        default:
            return t.int32Data?.length ?? 0;
    }
}
/** Reads larger than this are split: one `read` call takes at most 2 GiB − 1 bytes. */
const READ_CHUNK_BYTES = 1 << 30;
/** Reads `length` bytes of `file` at `position` into `out` (at `outOffset`), in chunks, all of them. */
function readFully(file, fd, out, outOffset, length, position, what) {
    let done = 0;
    while (done < length) {
        let n;
        try {
            n = node_fs__WEBPACK_IMPORTED_MODULE_2__.readSync(fd, out, outOffset + done, Math.min(READ_CHUNK_BYTES, length - done), position + done);
        }
        catch (err) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_4__/* .BadInputError */ .Ys(`${file}: cannot read ${what} (${(0,_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .messageOf */ .bD)(err)})`);
        }
        if (n === 0)
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_4__/* .BadInputError */ .Ys(`${file}: ended early while reading ${what}`);
        done += n;
    }
}
/**
 * Bytes [start, start + length) of the tensor's stored bytes (raw layout, little-endian), read from
 * wherever they live; into `into` when given (its first `length` bytes), else into a fresh array. A raw
 * tensor's bytes come back as a view of the model's buffer without `into`.
 */
function readTensorRange(info, start, length, into) {
    if (start < 0 || length < 0 || start + length > info.byteLength) {
        throw new Error(`readTensorRange: bytes ${start}..${start + length} of tensor '${info.name}' (${info.byteLength} bytes)`);
    }
    const s = info.storage;
    if (s.kind === 'external') {
        const out = into ?? allocBytes(info, length);
        let fd;
        try {
            fd = node_fs__WEBPACK_IMPORTED_MODULE_2__.openSync(s.file, 'r');
        }
        catch (err) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_4__/* .BadInputError */ .Ys(`${s.file}: cannot open external data of tensor '${info.name}' (${(0,_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .messageOf */ .bD)(err)})`);
        }
        try {
            readFully(s.file, fd, out, 0, length, s.offset + start, `tensor '${info.name}'`);
        }
        finally {
            node_fs__WEBPACK_IMPORTED_MODULE_2__.closeSync(fd);
        }
        return into ? out.subarray(0, length) : out;
    }
    const all = s.kind === 'raw' ? info.proto.rawData : typedToRaw(info);
    const view = all.subarray(start, start + length);
    if (!into)
        return view;
    into.set(view);
    return into.subarray(0, length);
}
/** A fresh byte array; a tensor larger than one array can hold is read in ranges, never whole. */
function allocBytes(info, length) {
    if (length > node_buffer__WEBPACK_IMPORTED_MODULE_1__.constants.MAX_LENGTH) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_4__/* .BadInputError */ .Ys(`tensor '${info.name}' holds ${length} bytes, more than one read can hold (it is read in ranges when quantized)`);
    }
    return new Uint8Array(length);
}
/** The tensor's stored bytes (raw layout, little-endian), read from wherever they live. */
function readTensorBytes(info) {
    return readTensorRange(info, 0, info.byteLength);
}
/** Bytes one element of a floating-point weight takes, by type. */
const FLOAT_BYTES = {
    [_dtype_js__WEBPACK_IMPORTED_MODULE_5__/* .DataType */ .pe.FLOAT]: 4,
    [_dtype_js__WEBPACK_IMPORTED_MODULE_5__/* .DataType */ .pe.FLOAT16]: 2,
    [_dtype_js__WEBPACK_IMPORTED_MODULE_5__/* .DataType */ .pe.BFLOAT16]: 2,
    [_dtype_js__WEBPACK_IMPORTED_MODULE_5__/* .DataType */ .pe.DOUBLE]: 8,
};
/**
 * Elements [first, first + count) of a floating-point tensor widened to float32 into `out` at `outOffset`;
 * returns how many are NaN or infinite (float32 values are only scanned when `countFloat32`: a caller whose
 * next step finds them anyway skips the pass). float32 bytes are read straight into `out`'s memory; other
 * types through `scratch` (grown as needed, reused by the caller across calls).
 */
function readFloat32Range(info, first, count, out, outOffset = 0, scratch, countFloat32 = true) {
    const size = FLOAT_BYTES[info.dataType];
    if (size === undefined)
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_4__/* .BadInputError */ .Ys(`tensor '${info.name}' is ${(0,_dtype_js__WEBPACK_IMPORTED_MODULE_5__/* .dataTypeName */ .Ym)(info.dataType)}, not a floating-point weight`);
    const target = out.subarray(outOffset, outOffset + count);
    if (info.dataType === _dtype_js__WEBPACK_IMPORTED_MODULE_5__/* .DataType */ .pe.FLOAT) {
        readTensorRange(info, first * 4, count * 4, new Uint8Array(target.buffer, target.byteOffset, count * 4));
        return countFloat32 ? (0,_float16_js__WEBPACK_IMPORTED_MODULE_6__/* .countNonFinite */ .mc)(target) : 0;
    }
    const need = count * size;
    const holder = scratch ?? { bytes: new Uint8Array(0) };
    if (holder.bytes.byteLength < need)
        holder.bytes = new Uint8Array(need);
    const bytes = readTensorRange(info, first * size, need, holder.bytes);
    if (info.dataType === _dtype_js__WEBPACK_IMPORTED_MODULE_5__/* .DataType */ .pe.DOUBLE) {
        const doubles = new Float64Array(bytes.slice().buffer);
        for (let i = 0; i < count; i++)
            target[i] = doubles[i];
        return (0,_float16_js__WEBPACK_IMPORTED_MODULE_6__/* .countNonFinite */ .mc)(target);
    }
    return (0,_float16_js__WEBPACK_IMPORTED_MODULE_6__/* .widenHalfInto */ .tb)(info.dataType === _dtype_js__WEBPACK_IMPORTED_MODULE_5__/* .DataType */ .pe.FLOAT16 ? 'float16' : 'bfloat16', bytes, target);
}
function typedToRaw(info) {
    const t = info.proto;
    const out = new Uint8Array(info.byteLength);
    const view = new DataView(out.buffer);
    switch (t.dataType) {
        case _dtype_js__WEBPACK_IMPORTED_MODULE_5__/* .DataType */ .pe.FLOAT:
            (t.floatData ?? []).forEach((v, i) => view.setFloat32(i * 4, v, true));
            break;
        case _dtype_js__WEBPACK_IMPORTED_MODULE_5__/* .DataType */ .pe.DOUBLE:
            (t.doubleData ?? []).forEach((v, i) => view.setFloat64(i * 8, v, true));
            break;
        case _dtype_js__WEBPACK_IMPORTED_MODULE_5__/* .DataType */ .pe.INT64:
            (t.int64Data ?? []).forEach((v, i) => view.setBigInt64(i * 8, (0,_schema_js__WEBPACK_IMPORTED_MODULE_7__/* .int64ToBigInt */ .s2)(v), true));
            break;
        case _dtype_js__WEBPACK_IMPORTED_MODULE_5__/* .DataType */ .pe.FLOAT16:
        case _dtype_js__WEBPACK_IMPORTED_MODULE_5__/* .DataType */ .pe.BFLOAT16:
        case _dtype_js__WEBPACK_IMPORTED_MODULE_5__/* .DataType */ .pe.UINT16:
        case _dtype_js__WEBPACK_IMPORTED_MODULE_5__/* .DataType */ .pe.INT16:
            (t.int32Data ?? []).forEach((v, i) => view.setUint16(i * 2, v, true));
            break;
        case _dtype_js__WEBPACK_IMPORTED_MODULE_5__/* .DataType */ .pe.INT32:
            (t.int32Data ?? []).forEach((v, i) => view.setInt32(i * 4, v, true));
            break;
        case _dtype_js__WEBPACK_IMPORTED_MODULE_5__/* .DataType */ .pe.UINT8:
        case _dtype_js__WEBPACK_IMPORTED_MODULE_5__/* .DataType */ .pe.INT8:
        case _dtype_js__WEBPACK_IMPORTED_MODULE_5__/* .DataType */ .pe.BOOL:
            (t.int32Data ?? []).forEach((v, i) => view.setUint8(i, v & 0xff));
            break;
        default:
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_4__/* .BadInputError */ .Ys(`tensor '${info.name}': typed storage of ${(0,_dtype_js__WEBPACK_IMPORTED_MODULE_5__/* .dataTypeName */ .Ym)(t.dataType)} is not supported`);
    }
    return out;
}
/** The tensor's values widened to float32. Only floating-point initializers are weights. */
function readTensorFloat32(info) {
    const out = new Float32Array(info.numel);
    readFloat32Range(info, 0, info.numel, out);
    return out;
}


/***/ }),

/***/ 7312:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   ee: () => (/* binding */ encodeModel),
/* harmony export */   jQ: () => (/* binding */ AttributeType),
/* harmony export */   o3: () => (/* binding */ int64ToNumber),
/* harmony export */   s2: () => (/* binding */ int64ToBigInt),
/* harmony export */   sd: () => (/* binding */ decodeModel)
/* harmony export */ });
/* unused harmony export ModelProtoType */
/* harmony import */ var protobufjs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3928);
/* harmony import */ var protobufjs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(protobufjs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3916);
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
/**
 * A protobuf int64 as a JS number (absent: 0). Range-checked like onnxruntime-web's longToNumber: a value
 * beyond ±(2^53 − 1) has no exact JS number, and is an error rather than a silently rounded count.
 */
function int64ToNumber(v) {
    if (v === undefined || v === null)
        return 0;
    const exact = typeof v === 'number' ? Number.isSafeInteger(v) : !v.greaterThan(Number.MAX_SAFE_INTEGER) && !v.lessThan(Number.MIN_SAFE_INTEGER);
    if (!exact)
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .Int64RangeError */ .xy(String(v));
    return typeof v === 'number' ? v : v.toNumber();
}
/** A protobuf int64 as a bigint, exactly, whatever its size (int64 tensor data: Slice ends hold INT64_MAX). */
function int64ToBigInt(v) {
    return typeof v === 'number' ? BigInt(v) : BigInt(v.toString());
}
/** Attribute types (AttributeProto.AttributeType) the rewrite writes, and subgraphs. */
const AttributeType = { FLOAT: 1, INT: 2, STRING: 3, TENSOR: 4, GRAPH: 5, FLOATS: 6, INTS: 7, GRAPHS: 10 };
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


/***/ }),

/***/ 2171:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   b4: () => (/* binding */ progressTo)
/* harmony export */ });
/* unused harmony exports formatSeconds, Progress */
const clock = () => Number(process.hrtime.bigint()) / 1e9;
/** Seconds as people read them: `4.2 s`, `3 min 12 s`. */
function formatSeconds(s) {
    if (s < 60)
        return `${s.toFixed(1)} s`;
    const m = Math.floor(s / 60);
    return `${m} min ${Math.round(s - m * 60)} s`;
}
class Progress {
    write;
    step;
    started;
    lastLine = Number.NEGATIVE_INFINITY;
    printed = false;
    delayS;
    intervalS;
    now;
    constructor(write, step, options = {}) {
        this.write = write;
        this.step = step;
        this.now = options.now ?? clock;
        this.delayS = options.delayS ?? 2;
        this.intervalS = options.intervalS ?? 5;
        this.started = this.now();
    }
    /**
     * `done` of `total` items finished, the last one `label`; `fraction` is the share of the work done when
     * items differ in size (default done / total), which the estimate of what is left is based on.
     */
    update(done, total, label, fraction = total > 0 ? done / total : 1) {
        if (!this.write || done >= total)
            return;
        const t = this.now();
        const elapsed = t - this.started;
        if (elapsed < this.delayS || t - this.lastLine < this.intervalS)
            return;
        this.lastLine = t;
        this.printed = true;
        const left = fraction > 0 ? (elapsed * (1 - fraction)) / fraction : null;
        const estimate = left === null ? '' : `, about ${formatSeconds(left)} left`;
        this.write(`${this.step}: ${done}/${total} ${label} (${formatSeconds(elapsed)} elapsed${estimate})`);
    }
    /** Ends the step: one closing line when progress was shown. */
    finish(summary) {
        if (!this.write || !this.printed)
            return;
        this.write(`${this.step}: ${summary} in ${formatSeconds(this.now() - this.started)}`);
    }
}
/** A progress reporter writing to the Io's stderr, or to nothing when `quiet`. */
function progressTo(io, step, quiet, options = {}) {
    return new Progress(quiet ? null : (line) => io.stderr(`${line}\n`), step, options);
}


/***/ })

};
