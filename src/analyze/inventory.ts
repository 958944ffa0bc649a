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
import { DataType, isFloatType } from '../onnx/dtype.js';
import type { OnnxModel, TensorInfo } from '../onnx/read.js';
import { int64ToNumber, type NodeProto } from '../onnx/schema.js';
import { detectArchitecture } from './architecture.js';
import { blockFromName, categoryFromName, isSensitive, type Category } from './categories.js';
import { allNodes, GraphIndex, type EffectiveUse } from './graph.js';
import { fromInitializerName, fromNodeMetadata, fromNodeName, type ModuleEvidence } from './names.js';
import { Structure } from './structure.js';
import type { Evidence, Inventory, Layer, QuantizedWeight, Role, Stack, WeightUse } from './types.js';

// Biases and norm parameters rank alike: a tensor read as both (exporters de-duplicate equal zero vectors)
// takes the role of its first reader in graph order (a ViT's patch Conv bias, a BERT's embedding norm bias).
const ROLE_RANK: Record<Role, number> = { matmul: 0, gemm: 0, gather: 0, conv: 0, fused: 0, bias: 1, norm: 1, additive: 3, other: 4 };
const WEIGHT_ROLES = new Set<Role>(['matmul', 'gemm', 'gather', 'conv', 'fused']);
const MS = 'com.microsoft';

/** Norm ops and which of their inputs are the norm's own parameters. */
const NORM_PARAMS: Record<string, number[]> = {
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
const BIAS_OF_INPUT: Record<string, number> = {
  SkipLayerNormalization: 4,
  SkipSimplifiedLayerNormalization: 3,
  FastGelu: 1,
  BiasGelu: 1,
  BiasAdd: 1,
  BiasSplitGelu: 1,
  SkipGroupNorm: 3,
};

interface Candidate {
  info: TensorInfo;
  uses: WeightUse[];
  /** The node each bias use belongs to (the op it is the bias of), by use. */
  biasOf: Map<WeightUse, number>;
  quantized: QuantizedWeight | null;
  /** For quantized weights: the float matrix the codes stand for, and the bytes with scales and zero points. */
  logical?: { shape: number[]; params: number; bytes: number; dataType: number };
}

interface Decided {
  category: Category;
  evidence: Evidence;
  module: ModuleEvidence | null;
}

export function analyzeModel(model: OnnxModel): Inventory {
  const g = new GraphIndex(model.graph, model.path);
  const s = new Structure(g);
  // Stable node ids: positions in the file's node list, subgraph nodes after it (the topological order may differ).
  const nodeIds = new Map(allNodes(model.graph).map((node, i) => [node, i]));

  const candidates = findCandidates(model, g, s, nodeIds);

  // Categories. Weight ops first, in graph order, then norms, biases (which take their op's category),
  // additive parameters and the rest.
  const byOp = new Map<number, Category>();
  const decided = new Map<string, Decided>();
  const ordered = [...candidates].sort(
    (a, b) => ROLE_RANK[a.uses[0]!.role] - ROLE_RANK[b.uses[0]!.role] || a.uses[0]!.node - b.uses[0]!.node,
  );
  const embeddingOps = new Set<number>();
  for (const c of ordered) {
    const d = categorize(g, s, c, byOp, embeddingOps);
    for (const u of c.uses) {
      if (WEIGHT_ROLES.has(u.role)) {
        if (!byOp.has(u.node)) byOp.set(u.node, d.category);
        if (d.category === 'embedding') embeddingOps.add(u.node);
      }
    }
    decided.set(c.info.name, d);
  }

  const blocks = new BlockLocator(s, candidates, decided);
  const layers: Layer[] = candidates.map((c) => {
    const d = decided.get(c.info.name)!;
    const primary = c.uses[0]!;
    const place = blocks.placeOf(c, d);
    const node = g.nodes[primary.node]!;
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
      sensitive: isSensitive(d.category),
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
  layers.sort((a, b) => a.uses[0]!.node - b.uses[0]!.node || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));

  return {
    architecture: detectArchitecture(g, layers, blocks.stacks),
    numLayers: blocks.numBlocks,
    stacks: blocks.stacks,
    parameters: layers.reduce((sum, l) => sum + l.params, 0),
    layers,
  };
}

function attribute(node: NodeProto, name: string) {
  return node.attribute?.find((x) => x.name === name);
}

function attributeInt(node: NodeProto, name: string): number | undefined {
  const a = attribute(node, name);
  return a ? int64ToNumber(a.i) : undefined;
}

/** The initializer a value is, through Identity and Cast. */
function initializerBehind(g: GraphIndex, value: string): string | null {
  let v = value;
  for (let steps = 0; steps <= g.nodes.length; steps++) {
    if (g.initializerNames.has(v)) return v;
    const p = g.producerOf(v);
    if (!p || (p.opType !== 'Identity' && p.opType !== 'Cast') || !p.input[0]) return null;
    v = p.input[0];
  }
  return null;
}

/**
 * Every initializer a value is computed from, when it is computed from initializers and Constant nodes only
 * (a super-block layer's scales and zero points: quant/super-block-graph.ts); empty when a graph input
 * reaches it.
 */
function initializersBehind(g: GraphIndex, value: string): string[] {
  const found = new Set<string>();
  const seen = new Set<string>();
  const stack = [value];
  while (stack.length > 0) {
    const v = stack.pop()!;
    if (!v || seen.has(v)) continue;
    seen.add(v);
    if (g.initializerNames.has(v)) {
      found.add(v);
      continue;
    }
    const p = g.producerOf(v);
    if (!p) return [];
    if (p.opType !== 'Constant') stack.push(...p.input);
  }
  return [...found].sort();
}

/**
 * The initializers of a super-block layer's correction (quant/super-block-graph.ts): MatMulNBits' output
 * read by a Sub whose other input is computed from the same activation and constants. Walks back from that
 * input, stopping at the activation, collecting every constant subtree's initializers.
 */
function correctionInitializers(g: GraphIndex, node: NodeProto): string[] {
  const activation = node.input[0] ?? '';
  const sub = g
    .usesOf(node.output[0] ?? '')
    .map((u) => g.nodes[u.node]!)
    .find((n) => n.opType === 'Sub' && n.input[0] === node.output[0]);
  if (!sub?.input[1]) return [];
  const found = new Set<string>();
  const seen = new Set<string>();
  const stack = [sub.input[1]];
  while (stack.length > 0) {
    const v = stack.pop()!;
    if (!v || v === activation || seen.has(v)) continue;
    seen.add(v);
    const constants = initializersBehind(g, v);
    if (constants.length > 0) {
      for (const c of constants) found.add(c);
      continue;
    }
    const p = g.producerOf(v);
    if (p) stack.push(...p.input);
  }
  return [...found].sort();
}

/** The type of a value a Cast produces or an initializer holds; undefined when neither says. */
function typeOf(model: OnnxModel, g: GraphIndex, value: string): number | undefined {
  const init = model.initializers.get(value);
  if (init) return init.dataType;
  const p = g.producerOf(value);
  if (p?.opType === 'Cast') return attributeInt(p, 'to') ?? undefined;
  return undefined;
}

const INTEGER_BITS: Record<number, number> = {
  [DataType.INT8]: 8,
  [DataType.UINT8]: 8,
  [DataType.INT4]: 4,
  [DataType.UINT4]: 4,
};

function findCandidates(model: OnnxModel, g: GraphIndex, s: Structure, nodeIds: Map<NodeProto, number>): Candidate[] {
  // Integer weights and the tensors that belong to them (scales, zero points, g_idx): found first, so that the
  // float scales are not taken for weights of their own.
  const quantized = new Map<string, { q: QuantizedWeight; reader: number; extra: string[]; scaleType?: number }>();
  const auxiliary = new Set<string>();
  const sharedShapes = new Map<string, string>();
  g.nodes.forEach((node, i) => {
    const at = (k: number) => (node.input[k] ? initializerBehind(g, node.input[k]) : null);
    const add = (codes: string | null, q: QuantizedWeight, extra: Array<string | null>, scaleType?: number) => {
      if (!codes) return;
      const names = [...new Set(extra.filter((x): x is string => x !== null))];
      for (const x of names) auxiliary.add(x);
      if (!quantized.has(codes)) quantized.set(codes, { q, reader: i, extra: names, scaleType });
    };
    const zeroPoint = (k: number) => Boolean(node.input[k]);
    if (node.opType === 'MatMulNBits' && node.domain === MS) {
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
      add(
        at(1),
        {
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
        ],
        node.input[2] ? typeOf(model, g, node.input[2]) : undefined,
      );
    } else if (node.opType === 'GatherBlockQuantized' && node.domain === MS) {
      add(
        at(0),
        {
          op: 'GatherBlockQuantized',
          bits: attributeInt(node, 'bits') ?? 4,
          blockSize: attributeInt(node, 'block_size') ?? 128,
          symmetric: !zeroPoint(3),
        },
        [at(2), at(3)],
      );
    } else if (node.opType === 'DequantizeLinear') {
      const codes = at(0);
      const type = codes ? model.initializers.get(codes)?.dataType : undefined;
      const bits = type === undefined ? undefined : INTEGER_BITS[type];
      const readers = g.effectiveUses(node.output[0] ?? '').map((u) => g.nodes[u.node]!.opType);
      if (bits !== undefined && readers.some((r) => ['MatMul', 'Gemm', 'Gather', 'Conv', 'FusedMatMul'].includes(r))) {
        const block = attributeInt(node, 'block_size') ?? 0;
        add(codes, { op: 'DequantizeLinear', bits, blockSize: block > 0 ? block : null, symmetric: !zeroPoint(2) }, [at(1), at(2)]);
      }
    } else if (node.opType === 'MatMulInteger' && g.isConstant(node.input[1] ?? '')) {
      add(at(1), { op: 'MatMulInteger', bits: 8, blockSize: null, symmetric: !zeroPoint(3) }, [at(3)]);
    }
  });
  for (const [table, shape] of sharedShapes) {
    const q = quantized.get(table);
    if (q && !q.extra.includes(shape)) q.extra.push(shape);
  }

  const candidates: Candidate[] = [];
  for (const info of model.initializers.values()) {
    const q = quantized.get(info.name);
    if (!q && (!isFloatType(info.dataType) || info.numel <= 1 || auxiliary.has(info.name))) continue;
    let effective = g.effectiveUses(info.name);
    if (q && q.q.op === 'DequantizeLinear') {
      // The weight is read where the DequantizeLinear's output is.
      const dq = g.nodes[q.reader]!;
      effective = g.effectiveUses(dq.output[0] ?? '');
    }
    const biasOf = new Map<WeightUse, number>();
    const uses = effective.map((u) => {
      const { use, bias } = describeUse(g, s, info, u, nodeIds, q?.q ?? null);
      if (bias !== undefined) biasOf.set(use, bias);
      return use;
    });
    if (uses.length === 0) continue;
    uses.sort((a, b) => ROLE_RANK[a.role] - ROLE_RANK[b.role] || a.node - b.node);
    const c: Candidate = { info, uses, biasOf, quantized: q?.q ?? null };
    if (q) c.logical = logicalShape(model, g, q.q, q.reader, info, q.extra, q.scaleType);
    candidates.push(c);
  }
  return candidates;
}

/** The float matrix an integer weight stands for, and its bytes with scales and zero points. */
function logicalShape(
  model: OnnxModel,
  g: GraphIndex,
  q: QuantizedWeight,
  reader: number,
  codes: TensorInfo,
  extra: string[],
  scaleType?: number,
): { shape: number[]; params: number; bytes: number; dataType: number } {
  const node = g.nodes[reader]!;
  const extras = extra.map((n) => model.initializers.get(n)).filter((t): t is TensorInfo => t !== undefined);
  const bytes = codes.byteLength + extras.reduce((sum, t) => sum + t.byteLength, 0);
  const scales = extras.find((t) => isFloatType(t.dataType));
  const dataType = scaleType !== undefined && isFloatType(scaleType) ? scaleType : (scales?.dataType ?? DataType.FLOAT);
  let shape = codes.dims;
  if (q.op === 'MatMulNBits') shape = [attributeInt(node, 'K') ?? 0, attributeInt(node, 'N') ?? 0];
  else if (q.op === 'GatherBlockQuantized') {
    const [rows = 0, packed = 0] = codes.dims;
    shape = [rows, codes.dataType === DataType.UINT8 ? (packed * 8) / q.bits : packed];
  }
  return { shape, params: shape.reduce((a, b) => a * b, 1), bytes, dataType };
}

/** The weight op whose output `value` is, through data movement. */
function weightOpBehind(g: GraphIndex, s: Structure, value: string): number | undefined {
  let v = value;
  for (let steps = 0; steps < 16; steps++) {
    const p = g.producer.get(v);
    if (p === undefined) return undefined;
    if (s.isWeightOp(p)) return p;
    const n = g.nodes[p]!;
    if (!['Reshape', 'Transpose', 'Cast', 'Identity', 'Squeeze', 'Unsqueeze'].includes(n.opType)) return undefined;
    v = n.input[0] ?? '';
  }
  return undefined;
}

function describeUse(
  g: GraphIndex,
  s: Structure,
  info: TensorInfo,
  use: EffectiveUse,
  nodeIds: Map<NodeProto, number>,
  quantized: QuantizedWeight | null,
): { use: WeightUse; bias?: number } {
  const node = g.nodes[use.node]!;
  const base = { ...use, nodeId: nodeIds.get(node)!, op: node.opType, nodeName: node.name ?? '' };
  const rank = info.dims.filter((d) => d > 1).length;
  const other = node.input.filter((v, k) => k !== use.input && v && !g.isConstant(v));
  const ms = node.domain === MS;
  let role: Role = 'other';
  let bias: number | undefined;
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
      if (node.opType === 'MatMulNBits' && use.input === 5) [role, bias] = ['bias', use.node];
      break;
    case 'Gemm':
      // Only Y = A·B(ᵀ) with a constant B becomes MatMulNBits; a transposed A stays as it is.
      if (use.input === 2) [role, bias] = ['bias', use.node];
      else role = use.input === 1 && rank === 2 && attributeInt(node, 'transA') !== 1 ? 'gemm' : 'other';
      break;
    case 'Gather':
    case 'GatherBlockQuantized':
      role = use.input === 0 && !g.isConstant(node.input[1] ?? '') ? 'gather' : 'other';
      break;
    case 'Conv':
    case 'ConvTranspose':
      if (use.input === 1) role = 'conv';
      else if (use.input === 2) [role, bias] = ['bias', use.node];
      break;
    case 'Attention':
    case 'PackedAttention':
    case 'DecoderMaskedSelfAttention':
      if (ms && use.input === 1) role = 'fused';
      else if (ms && use.input === 2) [role, bias] = ['bias', use.node];
      break;
    case 'MultiHeadAttention':
    case 'PackedMultiHeadAttention':
    case 'DecoderMaskedMultiHeadAttention':
      if (use.input === 3) [role, bias] = ['bias', use.node];
      break;
    case 'EmbedLayerNormalization':
      role = use.input >= 2 && use.input <= 4 ? 'fused' : use.input === 5 || use.input === 6 ? 'norm' : 'other';
      break;
    case 'Mul':
      if (other.some((v) => s.isNormOutput(v, 0) || s.isNormOutput(v, 1))) role = 'norm';
      break;
    case 'Add': {
      const producer = other.map((v) => weightOpBehind(g, s, v)).find((p) => p !== undefined);
      if (other.some((v) => s.isNormOutput(v, 1))) role = 'norm';
      else if (producer !== undefined) [role, bias] = ['bias', producer];
      else if (rank >= 2 || info.dims.length >= 3) role = 'additive';
      break;
    }
    case 'Concat':
      role = info.dims.length >= 2 ? 'additive' : 'other';
      break;
    default: {
      const params = NORM_PARAMS[node.opType];
      if (params?.includes(use.input)) role = 'norm';
      else if (BIAS_OF_INPUT[node.opType] === use.input) {
        const producer = weightOpBehind(g, s, node.input[0] ?? '');
        role = 'bias';
        bias = producer;
      }
    }
  }
  // Through a view, a weight op does not read the stored tensor as it is: nothing to rewrite there.
  if (use.reshaped && (role === 'matmul' || role === 'gemm' || role === 'gather' || role === 'conv')) role = 'other';
  if (use.reshaped && (node.opType === 'Add' || node.opType === 'Concat') && role === 'other') role = 'additive';
  return { use: { ...base, role }, bias };
}

function moduleEvidence(g: GraphIndex, name: string, uses: WeightUse[]): ModuleEvidence | null {
  const own = fromInitializerName(name);
  // A dotted parameter path is a module path; a bare name only when it says something (`pos_embed`, not `w12`).
  if (own && (own.module.includes('.') || categoryFromName(own.module, null) !== null)) return own;
  for (const u of uses) {
    const node = g.nodes[u.node]!;
    const found = fromNodeMetadata(node) ?? fromNodeName(node.name);
    if (found) return found;
  }
  return null;
}

function categorize(g: GraphIndex, s: Structure, c: Candidate, byOp: Map<number, Category>, embeddingOps: Set<number>): Decided {
  const primary = c.uses[0]!;
  // A tensor read in no parameter role (a frequency table, a mask) takes no module from its readers' names.
  const module = moduleEvidence(g, c.info.name, primary.role === 'other' && !primary.reshaped ? [] : c.uses);
  const named = module ? categoryFromName(module.module, module.className) : null;
  const structural = (category: Category): Decided => ({ category, evidence: 'structure', module });
  const byRole = (category: Category): Decided => ({ category, evidence: 'role', module });

  if (c.uses.some((u) => u.role === 'gather') || (primary.role === 'fused' && primary.op === 'EmbedLayerNormalization')) {
    // Rotary caches are tables too, read inside the attention: frequencies, not parameters.
    return s.positionalTables.has(primary.node) ? structural('other') : byRole('embedding');
  }
  if (primary.role === 'norm') return byRole('norm');
  if (primary.role === 'fused') return byRole(s.projectionCore.has(primary.node) ? 'attention' : 'mlp');
  if (primary.role === 'bias') {
    // A bias belongs to the op it is added to (a Conv's bias to its Conv, a projection's to the projection).
    const op = c.biasOf.get(primary);
    if (op !== undefined) {
      if (s.coreOf.has(op) || s.projectionCore.has(op)) return byRole('attention');
      const known = byOp.get(op);
      if (known) return byRole(known);
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
  if (named) return { category: named, evidence: 'name', module };
  if (primary.role === 'additive' && s.joinsEmbedding(primary.node, c.info.name, embeddingOps)) return structural('embedding');
  if (primary.role === 'additive' || primary.role === 'other') {
    // A parameter added to the attention scores (Swin's relative-position table, a constant window mask).
    if (s.scoresCore(primary.node) >= 0) return structural('attention');
  }
  return structural('other');
}

/** Where each layer sits: its stack and block. */
interface Place {
  block: number | null;
  stack: number | null;
}

class BlockLocator {
  readonly numBlocks: number;
  readonly stacks: Stack[];
  private readonly byName: boolean;
  private readonly nameStacks = new Map<string, number>();

  constructor(
    private readonly s: Structure,
    candidates: Candidate[],
    decided: Map<string, Decided>,
  ) {
    this.byName = s.cores.length === 0;
    if (this.byName) {
      for (const c of candidates) {
        const module = decided.get(c.info.name)?.module;
        const ref = module ? blockFromName(module.module) : null;
        if (ref) this.nameStacks.set(ref.stack, Math.max(this.nameStacks.get(ref.stack) ?? 0, ref.index + 1));
      }
      this.stacks = [...this.nameStacks.values()].map((blocks) => ({ role: 'blocks' as const, blocks }));
    } else {
      this.stacks = s.stacks.map((x) => ({ ...x }));
    }
    this.numBlocks = this.stacks.reduce((m, x) => Math.max(m, x.blocks), 0);
  }

  placeOf(c: Candidate, d: Decided): Place {
    if (this.byName) {
      const ref = d.module ? blockFromName(d.module.module) : null;
      if (!ref) return { block: null, stack: null };
      return { block: ref.index, stack: [...this.nameStacks.keys()].indexOf(ref.stack) };
    }
    const s = this.s;
    const u = c.uses[0]!;
    // A bias sits where the op it is the bias of sits.
    const op = u.role === 'bias' ? (c.biasOf.get(u) ?? u.node) : u.node;
    const out = s.g.nodes[op]!.output[0] ?? '';
    const core = s.projectionCore.get(u.node) ?? s.coreOf.get(u.node) ?? (u.role === 'bias' ? this.coreOfBias(c) : undefined);
    if (core !== undefined) return this.ofCore(core);
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
        if (s.preNormModel && s.afterLastBlock(out)) return { block: null, stack: null };
        return this.before(out);
      case 'attention': {
        const joined = s.scoresCore(u.node);
        if (joined >= 0) return this.ofCore(joined);
        return this.before(out);
      }
      default:
        return this.before(out);
    }
  }

  private coreOfBias(c: Candidate): number | undefined {
    const op = c.biasOf.get(c.uses[0]!);
    if (op === undefined) return undefined;
    return this.s.projectionCore.get(op) ?? this.s.coreOf.get(op);
  }

  private ofCore(core: number): Place {
    const c = this.s.cores[core]!;
    return { block: c.block, stack: c.stack };
  }

  private stackOf(value: string): number | null {
    return this.s.stackBefore(value);
  }

  private before(value: string): Place {
    const block = this.s.blockBefore(value);
    return block === null ? { block: null, stack: null } : { block, stack: this.s.stackBefore(value) };
  }

  depthOf(place: Place, _module: ModuleEvidence | null): number {
    const size = place.stack === null ? this.numBlocks : (this.stacks[place.stack]?.blocks ?? this.numBlocks);
    return size > 0 && place.block !== null ? place.block / size : 0;
  }
}
