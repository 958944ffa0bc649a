/**
 * The layer inventory: every weight initializer with what reads it, its module path, category, block and
 * depth. Evidence is combined strongest first: what the graph does with the tensor when that is unambiguous
 * (a Gather table is an embedding, a norm op's scale is a norm), then names, then the graph's structure.
 */
import { isFloatType } from '../onnx/dtype.js';
import type { OnnxModel, TensorInfo } from '../onnx/read.js';
import { int64ToNumber, type NodeProto } from '../onnx/schema.js';
import { detectArchitecture } from './architecture.js';
import { blockFromName, categoryFromName, isSensitive, type Category } from './categories.js';
import { GraphIndex, type Use } from './graph.js';
import { fromInitializerName, fromNodeMetadata, fromNodeName, type ModuleEvidence } from './names.js';
import { Structure } from './structure.js';
import type { Evidence, Inventory, Layer, Role, WeightUse } from './types.js';

const ROLE_RANK: Record<Role, number> = { matmul: 0, gemm: 0, gather: 0, conv: 0, norm: 1, bias: 2, additive: 3, other: 4 };

export function analyzeModel(model: OnnxModel): Inventory {
  const g = new GraphIndex(model.graph);
  const s = new Structure(g);

  // Stable node ids: positions in the file's node list (the topological order may differ).
  const nodeIds = new Map(model.graph.node.map((node, i) => [node, i]));

  // 1. Candidates: floating-point initializers of more than one element that some node reads.
  const candidates: Array<{ info: TensorInfo; uses: WeightUse[] }> = [];
  for (const info of model.initializers.values()) {
    if (!isFloatType(info.dataType) || info.numel <= 1) continue;
    const uses = g.effectiveUses(info.name).map((u) => describeUse(g, s, info, u, nodeIds));
    if (uses.length === 0) continue;
    uses.sort((a, b) => ROLE_RANK[a.role] - ROLE_RANK[b.role] || a.node - b.node);
    candidates.push({ info, uses });
  }

  // 2. Categories. Weight ops first, in graph order, so an input projection can see its upstream's category.
  const byOp = new Map<number, Category>();
  const decided = new Map<string, { category: Category; evidence: Evidence; module: ModuleEvidence | null }>();
  const ordered = [...candidates].sort(
    (a, b) => ROLE_RANK[a.uses[0]!.role] - ROLE_RANK[b.uses[0]!.role] || a.uses[0]!.node - b.uses[0]!.node,
  );
  const embeddingOps = new Set<number>();
  for (const { info, uses } of ordered) {
    const primary = uses[0]!;
    // A tensor read in no parameter role (a frequency table, a mask) takes no module from its readers' names.
    const module = moduleEvidence(g, info.name, primary.role === 'other' && !primary.reshaped ? [] : uses);
    const named = module ? categoryFromName(module.module, module.className) : null;
    let category: Category;
    let evidence: Evidence;
    if (uses.some((u) => u.role === 'gather')) {
      category = 'embedding';
      evidence = 'role';
    } else if (primary.role === 'norm') {
      category = 'norm';
      evidence = 'role';
    } else if (named && !(named === 'conv' && primary.role === 'conv' && s.convIsStem(primary.node))) {
      category = named;
      evidence = 'name';
    } else {
      category = structuralCategory(s, primary, info.name, byOp, embeddingOps);
      evidence = 'structure';
    }
    for (const u of uses) {
      if (u.role === 'matmul' || u.role === 'gemm' || u.role === 'gather' || u.role === 'conv') {
        if (!byOp.has(u.node)) byOp.set(u.node, category);
        if (category === 'embedding') embeddingOps.add(u.node);
      }
    }
    decided.set(info.name, { category, evidence, module });
  }

  // 3. Blocks: from names when they carry `layers.N`, else from the attention the layer sits in.
  const blocks = new BlockLocator(s, candidates, decided);
  const layers: Layer[] = candidates.map(({ info, uses }) => {
    const d = decided.get(info.name)!;
    const primary = uses[0]!;
    const block = blocks.blockOf(uses, d.category, d.module);
    const node = g.nodes[primary.node]!;
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
      sensitive: isSensitive(d.category),
      block,
      depth: block === null ? null : blocks.depthOf(block, d.module),
      evidence: d.evidence,
      uses,
      tied: uses.some((u) => u.role === 'gather') && uses.some((u) => u.role === 'matmul' || u.role === 'gemm'),
      transB: primary.role === 'gemm' && attributeInt(node, 'transB') === 1,
    };
  });
  // Graph order of the first reader, then name: stable and readable.
  layers.sort((a, b) => a.uses[0]!.node - b.uses[0]!.node || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));

  return {
    architecture: detectArchitecture(g, layers),
    numLayers: blocks.numBlocks,
    parameters: layers.reduce((sum, l) => sum + l.params, 0),
    layers,
  };
}

function attributeInt(node: NodeProto, name: string): number | undefined {
  const a = node.attribute?.find((x) => x.name === name);
  return a ? int64ToNumber(a.i) : undefined;
}

function describeUse(
  g: GraphIndex,
  s: Structure,
  info: TensorInfo,
  use: Use & { transposed: boolean; reshaped: boolean },
  nodeIds: Map<NodeProto, number>,
): WeightUse {
  const node = g.nodes[use.node]!;
  const base = { ...use, nodeId: nodeIds.get(node)!, op: node.opType, nodeName: node.name ?? '' };
  const rank = info.dims.filter((d) => d > 1).length;
  const other = node.input.filter((v, k) => k !== use.input && v && !g.isConstant(v));
  let role: Role = 'other';
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
      if (other.some((v) => s.isNormOutput(v, 0) || s.isNormOutput(v, 1))) role = 'norm';
      break;
    case 'Add':
      if (other.some((v) => s.isNormOutput(v, 1))) role = 'norm';
      else if (
        other.some((v) => {
          const p = g.producer.get(v);
          return p !== undefined && s.isWeightOp(p);
        })
      )
        role = 'bias';
      else if (rank >= 2 || info.dims.length >= 3) role = 'additive';
      break;
    case 'Concat':
      role = info.dims.length >= 2 ? 'additive' : 'other';
      break;
    default:
      if (s.isNormOp(node) && use.input > 0) role = 'norm';
  }
  // Through a view, a weight op does not read the stored tensor as it is: nothing to rewrite there.
  if (use.reshaped && (role === 'matmul' || role === 'gemm' || role === 'gather' || role === 'conv')) role = 'other';
  if (use.reshaped && (node.opType === 'Add' || node.opType === 'Concat') && role === 'other') role = 'additive';
  return { ...base, role };
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

function structuralCategory(
  s: Structure,
  primary: WeightUse,
  param: string,
  byOp: Map<number, Category>,
  embeddingOps: Set<number>,
): Category {
  switch (primary.role) {
    case 'matmul':
    case 'gemm':
      return s.categoryOfProjection(primary.node, (op) => byOp.get(op));
    case 'conv':
      return s.convIsStem(primary.node) ? 'embedding' : 'conv';
    case 'bias': {
      // The bias belongs to the op whose output it is added to.
      const node = s.g.nodes[primary.node]!;
      if (byOp.has(primary.node)) return byOp.get(primary.node)!;
      for (const v of node.input) {
        const p = s.g.producer.get(v);
        if (p !== undefined && byOp.has(p)) return byOp.get(p)!;
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
  readonly numBlocks: number;
  private readonly stackSizes = new Map<string, number>();
  /** Topological index where each structural block starts. */
  private readonly starts: number[];
  private readonly byName: boolean;
  private readonly headOps = new Set<number>();
  private readonly attentionBlock = new Map<number, number>();
  private readonly postNorm: boolean;

  constructor(
    private readonly s: Structure,
    candidates: Array<{ info: TensorInfo; uses: WeightUse[] }>,
    decided: Map<string, { category: Category; module: ModuleEvidence | null }>,
  ) {
    for (const d of decided.values()) {
      const ref = d.module ? blockFromName(d.module.module) : null;
      if (ref) this.stackSizes.set(ref.stack, Math.max(this.stackSizes.get(ref.stack) ?? 0, ref.index + 1));
    }
    this.byName = this.stackSizes.size > 0;
    const starts = new Array<number>(s.attentionOrder.length).fill(Number.POSITIVE_INFINITY);
    for (const { info, uses } of candidates) {
      const d = decided.get(info.name)!;
      const op = uses[0]!.node;
      if (d.category === 'head') this.headOps.add(op);
      if (d.category === 'attention' && (uses[0]!.role === 'matmul' || uses[0]!.role === 'gemm')) {
        const fed = s.coreFedBy(op);
        const core = fed >= 0 ? fed : s.coreReadBy(op);
        const rank = s.coreRank.get(core);
        if (rank !== undefined) {
          this.attentionBlock.set(op, rank);
          if (fed >= 0) starts[rank] = Math.min(starts[rank]!, op);
        }
      }
    }
    // A pre-norm feeding a block's q/k/v starts that block.
    let preNorms = 0;
    for (const { uses } of candidates) {
      const u = uses[0]!;
      if (u.role !== 'norm') continue;
      const rank = s.coreRank.get(s.preNormCore(s.g.nodes[u.node]!.output[0] ?? ''));
      if (rank !== undefined) {
        starts[rank] = Math.min(starts[rank]!, u.node);
        preNorms++;
      }
    }
    // Post-norm models (BERT) end every block with a norm, so a norm before the head is the last block's.
    this.postNorm = preNorms === 0;
    this.starts = starts;
    const names = [...this.stackSizes.values()];
    this.numBlocks = this.byName ? Math.max(...names) : s.attentionOrder.length;
  }

  blockOf(uses: WeightUse[], category: Category, module: ModuleEvidence | null): number | null {
    if (this.byName) {
      const ref = module ? blockFromName(module.module) : null;
      return ref ? ref.index : null;
    }
    if (category === 'embedding' || category === 'head') return null;
    const u = uses[0]!;
    const direct = this.attentionBlock.get(u.node);
    if (direct !== undefined) return direct;
    const out = this.s.g.nodes[u.node]!.output[0] ?? '';
    if (category === 'norm') {
      const pre = this.s.coreRank.get(this.s.preNormCore(out));
      if (pre !== undefined) return pre;
      if (!this.postNorm && this.reachesHead(out)) return null;
    }
    if (category === 'modulation') {
      // A modulation belongs to the block it modulates; the one after the last block (DiT's final layer) to none.
      return this.firstAttentionBlockAfter(out);
    }
    let block: number | null = null;
    this.starts.forEach((start, b) => {
      if (start <= u.node) block = b;
    });
    return block;
  }

  depthOf(block: number, module: ModuleEvidence | null): number {
    const ref = this.byName && module ? blockFromName(module.module) : null;
    const size = ref ? this.stackSizes.get(ref.stack)! : this.numBlocks;
    return size > 0 ? block / size : 0;
  }

  private reachesHead(value: string): boolean {
    // A final norm feeds the head directly: the walk stops at weight ops, other norms and residual Adds.
    const g = this.s.g;
    return (
      g.search(
        [value],
        'forward',
        (n, i) => {
          if (this.headOps.has(i) || (this.s.isWeightOp(i) && this.s.feedsOutput(i))) return 'found';
          const residual = n.opType === 'Add' && n.input.filter((v) => v && !g.isConstant(v)).length > 1;
          return this.s.isWeightOp(i) || this.s.isNormOp(n) || residual ? 'stop' : 'continue';
        },
        32,
      ) >= 0
    );
  }

  private firstAttentionBlockAfter(value: string): number | null {
    let found: number | null = null;
    this.s.g.search(
      [value],
      'forward',
      (_n, i) => {
        const b = this.attentionBlock.get(i);
        if (b !== undefined) {
          found = b;
          return 'found';
        }
        return this.s.isWeightOp(i) ? 'stop' : 'continue';
      },
      64,
    );
    return found;
  }
}
