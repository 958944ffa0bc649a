/**
 * What the graph's structure alone says about its weights: the evidence that survives when every name,
 * value_info and metadata entry is gone. It uses only ops, attributes, initializer shapes, the graph's inputs
 * and outputs, and the topology.
 *
 * The skeleton is the attention cores: a Softmax between two activation×activation MatMuls (scores and
 * context), or a fused attention op (onnxruntime's Attention, MultiHeadAttention, GroupQueryAttention...,
 * ONNX's Attention). From each core, walks that stop at weight ops find its projections: backward from q, k
 * and v through whatever the exporter put in between (head splits, rotary embeddings, repeat_kv's
 * Unsqueeze/Expand/Reshape, Split/Slice/Gather of a fused qkv, KV-cache Concats), forward from its context
 * through Transpose/Reshape chains to the output projection. A core whose keys come from another stream than
 * its queries is a cross-attention and joins the block of the self-attention before it; self-attentions
 * number the blocks, and a self-attention with no attention upstream of its queries starts a new stack
 * (an encoder–decoder has two). Every other weight belongs to the block of the latest core or pre-norm
 * upstream of it.
 *
 * Every walk is iterative; the unbounded ones stop at weight ops, norms or cores, so each costs the size of
 * one layer's neighbourhood.
 */
import type { NodeProto } from '../onnx/schema.js';
import { DataType } from '../onnx/dtype.js';
import type { Category } from './categories.js';
import { GraphIndex } from './graph.js';
import type { Stack } from './types.js';

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

/** Where a value's data comes from: only constants and shapes, per-sample conditioning inputs, or the main stream. */
type Origin = 'static' | 'conditioning' | 'main';

export interface Core {
  /** The Softmax or fused attention node. */
  node: number;
  /** Nodes that make up the core: the Softmax with its score and context MatMuls, or the fused op. */
  members: number[];
  q: string[];
  k: string[];
  v: string[];
  out: string[];
  /** onnxruntime's Attention: the core reads its packed q/k/v weight itself. */
  packed: boolean;
  /** Weight ops projecting into the queries, and into the keys and values. */
  queryProjections: number[];
  keyValueProjections: number[];
  /** Weight ops reading the context. */
  outputProjections: number[];
  /** Keys come from another stream than the queries. */
  cross: boolean;
  block: number;
  stack: number;
}

export class Structure {
  readonly g: GraphIndex;
  /** Node indices that read a weight: projections with a constant matrix operand, tables read by data indices, fused ops. */
  readonly weightOps = new Set<number>();
  /** Nodes whose (first) output is a normalized activation: norm ops and the end of decomposed norms. */
  readonly normNodes = new Set<number>();
  readonly cores: Core[] = [];
  /** Core index of each member node. */
  readonly coreOf = new Map<number, number>();
  /** Projection op → the core it serves (q/k/v or output). */
  readonly projectionCore = new Map<number, number>();
  /** Gather tables read inside the q/k paths of a core (rotary caches): frequencies, not parameters. */
  readonly positionalTables = new Set<number>();
  readonly stacks: Stack[] = [];
  /** Pre-norm node → the core whose queries it feeds. */
  readonly preNorms = new Map<number, number>();
  private readonly origin: Origin[] = [];
  private readonly originOf = new Map<string, Origin>();
  private readonly markerOf = new Map<string, number>();
  private readonly markerBlock = new Map<number, number>();
  /** For each value, the latest core node upstream of it. */
  private coreAncestor = new Map<string, number>();

  constructor(g: GraphIndex) {
    this.g = g;
    g.nodes.forEach((node, i) => {
      if (this.readsWeight(node)) this.weightOps.add(i);
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

  isWeightOp(i: number): boolean {
    return this.weightOps.has(i);
  }

  isNormOp(node: NodeProto): boolean {
    return NORM_OPS.has(node.opType);
  }

  isProjection(i: number): boolean {
    const node = this.g.nodes[i]!;
    return this.weightOps.has(i) && (PROJECTION_OPS.has(node.opType) || PACKED_ATTENTION.has(node.opType));
  }

  private readsWeight(node: NodeProto): boolean {
    const g = this.g;
    const c = (k: number) => node.input[k] !== undefined && node.input[k] !== '' && g.isConstant(node.input[k]);
    const matrix = (k: number) => c(k) && this.isMatrix(node.input[k]!);
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
  private isMatrix(value: string): boolean {
    const dims = this.g.constantDims(value);
    return dims === null || dims.filter((d) => d > 1).length >= 2;
  }

  /**
   * True when `value` is a normalized activation: the output of a norm (the first output of a fused norm),
   * also through Cast and data movement, and `hops` scale Muls / bias Adds after it.
   */
  isNormOutput(value: string, hops = 2): boolean {
    const g = this.g;
    let frontier: Array<{ value: string; hops: number }> = [{ value, hops }];
    const seen = new Set<string>();
    while (frontier.length > 0) {
      const next: typeof frontier = [];
      for (const at of frontier) {
        if (seen.has(at.value)) continue;
        seen.add(at.value);
        const i = g.producer.get(at.value);
        if (i === undefined) continue;
        const p = g.nodes[i]!;
        if (this.normNodes.has(i) && p.output.indexOf(at.value) === 0) return true;
        if (p.opType === 'Cast' || p.opType === 'Reshape' || p.opType === 'Transpose' || p.opType === 'Identity') {
          next.push({ value: p.input[0] ?? '', hops: at.hops });
        } else if (at.hops > 0 && (p.opType === 'Mul' || p.opType === 'Add')) {
          for (const v of p.input) if (v && !g.isConstant(v)) next.push({ value: v, hops: at.hops - 1 });
        }
      }
      frontier = next;
    }
    return false;
  }

  /** Div(x, Sqrt(...)) or Mul(x, Reciprocal/Rsqrt(Sqrt(...))) with a ReduceMean behind the root. */
  private hasRsqrtInput(node: NodeProto): boolean {
    return node.input.some((v) => {
      const q = this.g.producerOf(v);
      if (!q) return false;
      let root: NodeProto | undefined = q;
      if (root.opType === 'Reciprocal' || root.opType === 'Cast') root = this.g.producerOf(root.input[0] ?? '');
      // 1 / sqrt(...) written as a Div with a constant numerator.
      else if (root.opType === 'Div' && this.g.isConstant(root.input[0] ?? '')) root = this.g.producerOf(root.input[1] ?? '');
      if (!root || (root.opType !== 'Sqrt' && root.opType !== 'Rsqrt')) return false;
      const behind = this.g.search(
        root.input.slice(0, 1),
        'backward',
        (n) => (n.opType === 'ReduceMean' || n.opType === 'ReduceSumSquare' ? 'found' : 'continue'),
        6,
      );
      return behind >= 0;
    });
  }

  /** MatMul (or Einsum) of two activations: the scores or the context of an attention. */
  private isActivationProduct(i: number): boolean {
    const n = this.g.nodes[i]!;
    return (
      (n.opType === 'MatMul' || n.opType === 'Einsum' || n.opType === 'FusedMatMul') &&
      !this.weightOps.has(i) &&
      n.input.filter((v) => v && !this.g.isConstant(v)).length >= 2
    );
  }

  private findCores(): void {
    const g = this.g;
    g.nodes.forEach((node, i) => {
      const domain = node.domain ?? '';
      if (PACKED_ATTENTION.has(node.opType) && (domain === MS || domain === '' || domain === 'ai.onnx')) {
        // ONNX's own Attention (opset 23) reads q, k, v; onnxruntime's reads an input and a packed weight.
        if (domain !== MS && node.opType === 'Attention') {
          this.addCore(i, [i], [node.input[0] ?? ''], [node.input[1] ?? ''], [node.input[2] ?? ''], false);
        } else {
          const x = node.input[0] ?? '';
          this.addCore(i, [i], [x], [x], [x], true);
        }
      } else if (QKV_ATTENTION.has(node.opType)) {
        const q = node.input[0] ?? '';
        const k = node.input[1] || q;
        const v = node.input[2] || q;
        this.addCore(i, [i], [q], [k], [v], false);
      } else if (node.opType === 'Softmax') {
        const score = g.search(
          node.input.slice(0, 1),
          'backward',
          (n, j) => (this.isActivationProduct(j) ? 'found' : this.weightOps.has(j) || n.opType === 'Softmax' ? 'stop' : 'continue'),
          16,
        );
        if (score < 0) return;
        const path = new Set<number>([i]);
        const context = g.search(
          node.output.slice(0, 1),
          'forward',
          (n, j) => {
            if (this.isActivationProduct(j)) return 'found';
            if (this.weightOps.has(j) || n.opType === 'Softmax') return 'stop';
            path.add(j);
            return 'continue';
          },
          16,
        );
        if (context < 0) return;
        const s = g.nodes[score]!;
        const c = g.nodes[context]!;
        const fromProbs = (v: string) => {
          const p = g.producer.get(v);
          return p !== undefined && path.has(p);
        };
        const v = c.input.filter((x) => x && !g.isConstant(x) && !fromProbs(x));
        this.addCore(i, [score, i, context], [s.input[0] ?? ''], [s.input[1] ?? ''], v, false, c.output.slice(0, 1));
      }
    });
  }

  private addCore(node: number, members: number[], q: string[], k: string[], v: string[], packed: boolean, out?: string[]): void {
    const index = this.cores.length;
    const outputs = out ?? this.g.nodes[node]!.output.slice(0, 1);
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
    for (const m of members) this.coreOf.set(m, index);
  }

  /**
   * Weight ops first reached walking backward from `values` through anything but weight ops, norms and
   * cores. Gather tables met on the way (rotary caches) are returned apart.
   */
  private projectionsBehind(values: string[]): { projections: number[]; tables: number[]; sources: Set<string> } {
    const g = this.g;
    const projections: number[] = [];
    const tables: number[] = [];
    const sources = new Set<string>();
    g.search(
      values,
      'backward',
      (n, i) => {
        if (this.weightOps.has(i)) {
          if (this.isProjection(i)) {
            projections.push(i);
            for (const x of g.dataInputs(n)) sources.add(this.streamSource(x));
          } else tables.push(i);
          return 'stop';
        }
        if (this.normNodes.has(i) || this.coreOf.has(i)) return 'stop';
        return 'continue';
      },
      4096,
    );
    for (const v of values) if (g.graphInputs.has(v)) sources.add(v);
    return { projections, tables, sources };
  }

  /** The value a projection reads, before data movement (window partitions, reshapes, casts). */
  private streamSource(value: string): string {
    let v = value;
    for (let steps = 0; steps < 64; steps++) {
      const p = this.g.producerOf(v);
      if (!p || !MOVEMENT.has(p.opType) || p.opType === 'Concat' || p.opType === 'Split') return v;
      v = p.input[0] ?? v;
    }
    return v;
  }

  private traceProjections(): void {
    const g = this.g;
    this.cores.forEach((core, index) => {
      if (core.packed) {
        core.queryProjections = [core.node];
        core.keyValueProjections = [core.node];
        this.projectionCore.set(core.node, index);
      } else {
        const q = this.projectionsBehind(core.q);
        const kv = this.projectionsBehind([...core.k, ...core.v]);
        core.queryProjections = q.projections;
        core.keyValueProjections = kv.projections;
        for (const t of [...q.tables, ...this.projectionsBehind(core.k).tables]) this.positionalTables.add(t);
        for (const p of [...q.projections, ...kv.projections]) if (!this.projectionCore.has(p)) this.projectionCore.set(p, index);
        const shared = [...q.sources].some((s) => kv.sources.has(s));
        core.cross = q.sources.size > 0 && kv.sources.size > 0 && !shared;
      }
      // The output projection: forward through data movement and elementwise ops to the first weight op.
      g.search(
        core.out,
        'forward',
        (n, i) => {
          if (this.weightOps.has(i)) {
            if (this.isProjection(i)) core.outputProjections.push(i);
            return 'stop';
          }
          if (this.normNodes.has(i) || this.coreOf.has(i)) return 'stop';
          if (BINARY.has(n.opType) && n.input.filter((v) => v && !g.isConstant(v)).length > 1 && n.opType !== 'Mul') return 'stop';
          return 'continue';
        },
        512,
      );
      for (const p of core.outputProjections) if (!this.projectionCore.has(p)) this.projectionCore.set(p, index);
    });
  }

  /**
   * Latest ancestor by a key, propagated in topological order over data inputs: for each value, the marker
   * node with the highest topological index upstream of it (or -1).
   */
  private latestAncestor(isMarker: (node: number) => boolean): Map<string, number> {
    const g = this.g;
    const latest = new Map<string, number>();
    g.nodes.forEach((node, i) => {
      let best = -1;
      if (isMarker(i)) best = i;
      else for (const v of g.dataInputs(node)) best = Math.max(best, latest.get(v) ?? -1);
      if (best >= 0) for (const o of node.output) if (o) latest.set(o, best);
    });
    return latest;
  }

  private numberBlocks(): void {
    const coreAt = new Map<number, number>();
    this.cores.forEach((c, index) => {
      for (const m of c.members) coreAt.set(m, index);
    });
    const latest = this.latestAncestor((i) => coreAt.has(i));
    const latestCore = (values: string[]) => {
      let best = -1;
      for (const v of values) best = Math.max(best, latest.get(v) ?? -1);
      return best < 0 ? -1 : coreAt.get(best)!;
    };
    // Cores in topological order of their defining node: an upstream core is always numbered first.
    const order = this.cores.map((_, i) => i).sort((a, b) => this.cores[a]!.node - this.cores[b]!.node);
    for (const index of order) {
      const core = this.cores[index]!;
      const before = latestCore(core.q);
      if (before < 0) {
        core.stack = this.stacks.length;
        core.block = 0;
        this.stacks.push({ role: 'blocks', blocks: 1 });
        continue;
      }
      const prev = this.cores[before]!;
      core.stack = prev.stack;
      core.block = core.cross ? prev.block : prev.block + 1;
      const stack = this.stacks[core.stack]!;
      stack.blocks = Math.max(stack.blocks, core.block + 1);
    }
    for (const core of this.cores) {
      if (!core.cross) continue;
      this.stacks[core.stack]!.role = 'decoder';
      const source = latestCore(core.k);
      if (source >= 0 && this.cores[source]!.stack !== core.stack) this.stacks[this.cores[source]!.stack]!.role = 'encoder';
    }
  }

  /**
   * Pre-norms: the norm a core's query projections read (through modulation, window partitions...), unless
   * its output is itself the residual stream (post-norm: BERT), which a residual Add or a fused Skip norm reads.
   */
  private findPreNorms(): void {
    const g = this.g;
    this.cores.forEach((core, index) => {
      const starts = core.packed ? core.q : core.queryProjections.flatMap((p) => g.dataInputs(g.nodes[p]!));
      g.search(
        starts,
        'backward',
        (_n, i) => {
          if (this.normNodes.has(i)) {
            if (!this.isResidualNorm(i) && !this.preNorms.has(i)) this.preNorms.set(i, index);
            return 'stop';
          }
          return this.weightOps.has(i) || this.coreOf.has(i) ? 'stop' : 'continue';
        },
        256,
      );
    });
    // Parallel blocks (GPT-NeoX, Falcon with two norms): a norm reading the same stream as a pre-norm starts
    // the same block, though it feeds the MLP.
    const byStream = new Map<string, number>();
    for (const [norm] of this.preNorms) {
      const x = this.normStream(norm);
      if (x !== null) byStream.set(x, norm);
    }
    for (const norm of this.normNodes) {
      if (this.preNorms.has(norm)) continue;
      const x = this.normStream(norm);
      const sibling = x === null ? undefined : byStream.get(x);
      if (sibling !== undefined && !this.isResidualNorm(norm)) this.preNorms.set(norm, this.preNorms.get(sibling)!);
    }
  }

  /** The activation a norm normalizes (not the root of its variance). */
  private normStream(norm: number): string | null {
    const node = this.g.nodes[norm]!;
    if (NORM_OPS.has(node.opType)) return node.input[0] ?? null;
    const root = new Set(['Sqrt', 'Rsqrt', 'Reciprocal', 'Div', 'Cast']);
    const x = this.g.dataInputs(node).find((v) => !root.has(this.g.producerOf(v)?.opType ?? ''));
    return x ?? null;
  }

  /** The norm's output is read as the residual stream: by an Add that also reads an attention's output, or as a Skip norm's skip. */
  private isResidualNorm(i: number): boolean {
    const g = this.g;
    const out = g.nodes[i]!.output[0] ?? '';
    const pending = [out];
    for (let steps = 0; pending.length > 0 && steps < 64; steps++) {
      const v = pending.pop()!;
      for (const u of g.usesOf(v)) {
        const n = g.nodes[u.node]!;
        if ((n.opType === 'SkipLayerNormalization' || n.opType === 'SkipSimplifiedLayerNormalization') && u.input === 1) return true;
        if (n.opType === 'Add' || n.opType === 'Sum') {
          const others = n.input.filter((x, k) => k !== u.input && x && !g.isConstant(x));
          if (others.some((x) => (this.coreAncestor.get(x) ?? -1) >= 0 && !this.isNormOutput(x, 0))) return true;
        }
        if (n.opType === 'Cast' || n.opType === 'Identity') pending.push(n.output[0] ?? '');
      }
    }
    return false;
  }

  /** Origins of every value and the block markers, in one topological pass each. */
  private propagate(): void {
    const g = this.g;
    g.nodes.forEach((node, i) => {
      let origin: Origin = 'static';
      if (!g.isShapeOp(node)) {
        for (const v of g.dataInputs(node)) {
          const o = this.originOf.get(v) ?? (g.graphInputs.has(v) ? this.inputOrigin(v) : 'static');
          if (o === 'main') origin = 'main';
          else if (o === 'conditioning' && origin === 'static') origin = 'conditioning';
        }
      }
      this.origin[i] = origin;
      for (const o of node.output) if (o) this.originOf.set(o, origin);
    });
    // Block markers: every node of a core, and pre-norms, carry the block they start or belong to.
    this.cores.forEach((core) => {
      for (const m of core.members) this.markerBlock.set(m, core.block);
    });
    for (const [norm, core] of this.preNorms) this.markerBlock.set(norm, this.cores[core]!.block);
    for (const [v, m] of this.latestAncestor((i) => this.markerBlock.has(i))) this.markerOf.set(v, m);
  }

  /**
   * Per-sample conditioning inputs (a diffusion timestep, a class label, pooled text embeddings): rank 0 or
   * 1, or floats of rank 2. Token ids, masks, images, latents, audio features and caches are the main stream.
   */
  private inputOrigin(name: string): Origin {
    const t = this.g.inputTypes.get(name);
    if (!t || t.rank === null) return 'main';
    if (t.rank <= 1) return 'conditioning';
    const float = t.elemType === DataType.FLOAT || t.elemType === DataType.FLOAT16 || t.elemType === DataType.BFLOAT16;
    return float && t.rank === 2 ? 'conditioning' : 'main';
  }

  originOfValue(value: string): Origin {
    return this.originOf.get(value) ?? (this.g.graphInputs.has(value) ? this.inputOrigin(value) : 'static');
  }

  /** The block of the latest core or pre-norm upstream of `value`; null when there is none. */
  blockBefore(value: string): number | null {
    const m = this.markerOf.get(value);
    return m === undefined ? null : this.markerBlock.get(m)!;
  }

  /** The stack a value's latest marker belongs to. */
  stackBefore(value: string): number | null {
    const m = this.markerOf.get(value);
    if (m === undefined) return null;
    const core = this.coreOf.get(m) ?? this.preNorms.get(m);
    return core === undefined ? null : this.cores[core]!.stack;
  }

  /** Whether a pre-norm marks any block (false: a post-norm model such as BERT, whose norms close blocks). */
  get preNormModel(): boolean {
    return this.preNorms.size > 0;
  }

  /**
   * True when a graph output is reached from this op through data movement and elementwise ops only: no other
   * weight op, no norm, no core, and no binary op with the residual stream (another head's output may join:
   * DeiT averages two classifiers).
   */
  feedsOutput(opIndex: number): boolean {
    const g = this.g;
    if (g.nodes[opIndex]!.output.some((o) => g.graphOutputs.has(o))) return true;
    const reached = g.search(
      g.nodes[opIndex]!.output,
      'forward',
      (n, i) => {
        if (this.weightOps.has(i) || this.coreOf.has(i) || this.normNodes.has(i)) return 'stop';
        if (BINARY.has(n.opType)) {
          const others = n.input.filter((v) => v && !g.isConstant(v));
          if (others.length > 1 && !others.every((v) => this.isProjectionOutput(v) || this.reachedFrom(v, opIndex))) return 'stop';
        }
        if (n.output.some((o) => g.graphOutputs.has(o))) return 'found';
        return 'continue';
      },
      64,
    );
    return reached >= 0;
  }

  /** `value` is a weight op's output, through data movement and unary ops. */
  private isProjectionOutput(value: string): boolean {
    let v = value;
    for (let steps = 0; steps < 32; steps++) {
      const i = this.g.producer.get(v);
      if (i === undefined) return false;
      if (this.isProjection(i)) return true;
      const n = this.g.nodes[i]!;
      const data = this.g.dataInputs(n);
      if (data.length !== 1) return false;
      v = data[0]!;
    }
    return false;
  }

  private reachedFrom(value: string, opIndex: number): boolean {
    const start = this.g.nodes[opIndex]!.output;
    if (start.includes(value)) return true;
    return this.g.search(start, 'forward', (n) => (n.output.includes(value) ? 'found' : 'continue'), 32) >= 0;
  }

  /** A router: its output is ranked (TopK) right away, through Softmax/Sigmoid and casts. */
  routes(opIndex: number): boolean {
    return (
      this.g.search(
        this.g.nodes[opIndex]!.output,
        'forward',
        (n, i) => {
          if (n.opType === 'TopK') return 'found';
          if (this.weightOps.has(i) || this.coreOf.has(i)) return 'stop';
          return ['Softmax', 'Sigmoid', 'Cast', 'Reshape', 'Add', 'Identity'].includes(n.opType) ? 'continue' : 'stop';
        },
        8,
      ) >= 0
    );
  }

  /**
   * A stem: a weight op reading the main graph input (image, latent, audio features) through data movement
   * and activations only, or another stem's output: the patch/frame embedder whose output becomes the
   * sequence. Memoized over the graph's order.
   */
  private readonly stems = new Map<number, boolean>();
  /** Projections before this topological index have their stem status computed (in order: no recursion). */
  private stemsDone = 0;
  isStem(opIndex: number): boolean {
    for (; this.stemsDone <= opIndex; this.stemsDone++) {
      if (this.isProjection(this.stemsDone)) this.stems.set(this.stemsDone, this.stemAt(this.stemsDone));
    }
    return this.stems.get(opIndex) ?? false;
  }

  /** Stem status of one projection, given the status of every projection before it. */
  private stemAt(opIndex: number): boolean {
    const g = this.g;
    let input = false;
    let blocked = false;
    const starts = g.dataInputs(g.nodes[opIndex]!);
    for (const v of starts) if (g.graphInputs.has(v) && this.inputOrigin(v) === 'main') input = true;
    g.search(
      starts,
      'backward',
      (n, i) => {
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
        if (g.dataInputs(n).some((v) => g.graphInputs.has(v) && this.inputOrigin(v) === 'main')) input = true;
        return 'continue';
      },
      256,
    );
    return input && !blocked;
  }

  /**
   * A projection of the per-sample conditioning (its input comes from conditioning inputs only) whose output
   * meets the main stream: it modulates the blocks (DiT adaLN, a UNet ResNet's timestep projection).
   */
  modulatesStream(opIndex: number): boolean {
    const g = this.g;
    return (
      g.search(
        g.nodes[opIndex]!.output,
        'forward',
        (n, i) => {
          if (this.weightOps.has(i) || this.coreOf.has(i) || this.normNodes.has(i)) return 'stop';
          if (BINARY.has(n.opType) && n.input.some((v) => v && !g.isConstant(v) && this.originOfValue(v) === 'main')) return 'found';
          return 'continue';
        },
        64,
      ) >= 0
    );
  }

  /** Where the conditioning a modulation computes meets the stream: the block of the stream there, null after the last block. */
  modulatedBlock(opIndex: number): number | null {
    const g = this.g;
    let block: number | null = null;
    g.search(
      g.nodes[opIndex]!.output,
      'forward',
      (n, i) => {
        if (this.weightOps.has(i) || this.coreOf.has(i) || this.normNodes.has(i)) return 'stop';
        if (BINARY.has(n.opType)) {
          const stream = n.input.find((v) => v && !g.isConstant(v) && this.originOfValue(v) === 'main');
          if (stream !== undefined) {
            block = this.afterLastBlock(n.output[0] ?? '') ? null : this.blockBefore(stream);
            return 'found';
          }
        }
        return 'continue';
      },
      64,
    );
    return block;
  }

  /**
   * A modulation in the shape of a chunked projection whose chunks scale or shift a normalized activation,
   * for graphs without typed inputs to tell conditioning apart.
   */
  modulates(opIndex: number): boolean {
    const g = this.g;
    const chunked = new Set<number>();
    return (
      g.search(
        g.nodes[opIndex]!.output,
        'forward',
        (n, i) => {
          if (this.weightOps.has(i) || this.coreOf.has(i)) return 'stop';
          const viaChunk =
            n.opType === 'Split' ||
            n.opType === 'Slice' ||
            n.input.some((v) => {
              const p = g.producer.get(v);
              return p !== undefined && chunked.has(p);
            });
          if (viaChunk) chunked.add(i);
          if (viaChunk && (n.opType === 'Mul' || n.opType === 'Add')) {
            const others = n.input.filter((v) => {
              const p = g.producer.get(v);
              return v && !g.isConstant(v) && (p === undefined || !chunked.has(p));
            });
            if (others.some((v) => this.isNormOutput(v))) return 'found';
          }
          return 'continue';
        },
        48,
      ) >= 0
    );
  }

  /**
   * The tail after a stack's last block: from `value`, through data ops and activations, a head or a graph
   * output is reached, or the keys/values of another stack's cross-attention (an encoder's final norm).
   */
  afterLastBlock(value: string): boolean {
    const g = this.g;
    return (
      g.search(
        [value],
        'forward',
        (n, i) => {
          if (this.weightOps.has(i)) {
            if (!this.isProjection(i)) return 'stop';
            const core = this.projectionCore.get(i);
            if (core !== undefined) {
              const c = this.cores[core]!;
              return c.cross && c.keyValueProjections.includes(i) && !c.queryProjections.includes(i) ? 'found' : 'stop';
            }
            return this.feedsOutput(i) ? 'found' : 'stop';
          }
          if (this.coreOf.has(i) || this.normNodes.has(i)) return 'stop';
          return n.output.some((o) => g.graphOutputs.has(o)) ? 'found' : 'continue';
        },
        256,
      ) >= 0
    );
  }

  /**
   * The core whose scores a parameter joins before the Softmax (T5's relative position buckets, Swin's
   * relative-position table, an ALiBi-like bias), or as a fused op's attention bias; -1 otherwise.
   */
  scoresCore(opIndex: number): number {
    const g = this.g;
    const reached = new Set<string>(g.nodes[opIndex]!.output);
    let core = -1;
    g.search(
      g.nodes[opIndex]!.output,
      'forward',
      (n, i) => {
        if (this.coreOf.has(i)) {
          const fusedBias = n.opType !== 'Softmax' && !this.isActivationProduct(i) && n.input.some((v, k) => k >= 5 && reached.has(v));
          if (n.opType === 'Softmax' || fusedBias) core = this.coreOf.get(i)!;
          return 'found';
        }
        if (this.weightOps.has(i) || this.normNodes.has(i)) return 'stop';
        for (const o of n.output) reached.add(o);
        return 'continue';
      },
      32,
    );
    return core;
  }

  /** An additive parameter (position table, class token) joins the stream right after a stem, a table or an input. */
  joinsEmbedding(opIndex: number, param: string, embeddingOps: Set<number>): boolean {
    const g = this.g;
    const node = g.nodes[opIndex]!;
    const others = node.input.filter((v) => v && v !== param && !g.isConstant(v));
    if (others.some((v) => g.graphInputs.has(v))) return true;
    return (
      g.search(
        others,
        'backward',
        (_n, i) => {
          if (embeddingOps.has(i)) return 'found';
          return this.weightOps.has(i) || this.coreOf.has(i) || this.normNodes.has(i) ? 'stop' : 'continue';
        },
        64,
      ) >= 0
    );
  }

  /** Structural category of a projection (MatMul, Gemm, Conv, fused attention) weight. */
  categoryOfProjection(opIndex: number): Category {
    const node = this.g.nodes[opIndex]!;
    if (this.projectionCore.has(opIndex)) return 'attention';
    if (this.routes(opIndex)) return 'router';
    if (this.feedsOutput(opIndex)) return 'head';
    if (this.isStem(opIndex)) return 'embedding';
    const origins = this.g.dataInputs(node).map((v) => this.originOfValue(v));
    if (origins.length > 0 && origins.every((o) => o === 'conditioning' || o === 'static') && origins.includes('conditioning')) {
      return this.modulatesStream(opIndex) ? 'modulation' : 'embedding';
    }
    if (this.modulates(opIndex)) return 'modulation';
    return node.opType === 'Conv' || node.opType === 'ConvTranspose' ? 'conv' : 'mlp';
  }
}
