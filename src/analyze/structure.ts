/**
 * What the graph's structure alone says about a weight: the evidence that survives when every name was
 * stripped or renamed. Each question is a bounded walk over the graph that stops at other weight ops, so
 * the answer is about this layer's neighbourhood, not the whole model.
 */
import type { NodeProto } from '../onnx/schema.js';
import type { Category } from './categories.js';
import { GraphIndex } from './graph.js';

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

export class Structure {
  readonly g: GraphIndex;
  /** Node indices that read a weight: MatMul/Gemm with a constant operand, Gather tables, Conv kernels. */
  readonly weightOps = new Set<number>();
  /** Attention cores: Softmax and fused attention ops, plus the score and context MatMuls around a Softmax. */
  readonly cores = new Set<number>();
  /** Softmax / fused attention nodes in topological order: one per attention, used to number blocks. */
  readonly attentionOrder: number[] = [];
  /** Each core node's attention rank (position of its Softmax in `attentionOrder`): the block it belongs to. */
  readonly coreRank = new Map<number, number>();

  constructor(g: GraphIndex) {
    this.g = g;
    g.nodes.forEach((node, i) => {
      if (this.readsWeight(node)) this.weightOps.add(i);
      if (ATTENTION_OPS.has(node.opType)) {
        this.cores.add(i);
        this.attentionOrder.push(i);
      }
    });
    // The MatMuls on both sides of a Softmax (scores = q·kᵀ before it, context = p·v after it).
    this.attentionOrder.forEach((s, rank) => {
      this.coreRank.set(s, rank);
      const softmax = g.nodes[s]!;
      if (softmax.opType !== 'Softmax') return;
      const claim = (n: NodeProto, i: number) => {
        if (n.opType === 'MatMul' && !this.weightOps.has(i)) {
          this.cores.add(i);
          this.coreRank.set(i, rank);
          return 'found' as const;
        }
        return this.weightOps.has(i) ? ('stop' as const) : ('continue' as const);
      };
      g.search(softmax.input.slice(0, 1), 'backward', claim, 8);
      g.search(softmax.output.slice(0, 1), 'forward', claim, 8);
    });
  }

  private readsWeight(node: NodeProto): boolean {
    const c = (k: number) => node.input[k] !== undefined && node.input[k] !== '' && this.g.isConstant(node.input[k]!);
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

  isWeightOp(i: number): boolean {
    return this.weightOps.has(i);
  }

  isNormOp(node: NodeProto): boolean {
    return NORM_OPS.has(node.opType);
  }

  /**
   * True when `value` is a normalized activation: the output of a norm op, or of the Div/Mul that ends a
   * decomposed norm (x / sqrt(mean(x²) + eps), x * rsqrt(...)). `hops` allows the scale Mul and bias Add after it.
   */
  isNormOutput(value: string, hops = 2): boolean {
    const p = this.g.producerOf(value);
    if (!p) return false;
    if (NORM_OPS.has(p.opType)) return true;
    if (p.opType === 'Cast') return this.isNormOutput(p.input[0] ?? '', hops);
    if ((p.opType === 'Div' || p.opType === 'Mul') && this.hasRsqrtInput(p)) return true;
    if (hops > 0 && (p.opType === 'Mul' || p.opType === 'Add')) {
      return p.input.some((v) => v && !this.g.isConstant(v) && this.isNormOutput(v, hops - 1));
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

  /** The attention core a projection feeds (q, k, v, fused qkv), or -1. */
  coreFedBy(opIndex: number): number {
    const out = this.g.nodes[opIndex]!.output;
    return this.g.search(
      out,
      'forward',
      (_n, i) => {
        if (this.cores.has(i)) return 'found';
        return this.weightOps.has(i) ? 'stop' : 'continue';
      },
      96,
    );
  }

  /** The attention core whose context a projection reads (the output projection), or -1. */
  coreReadBy(opIndex: number): number {
    const node = this.g.nodes[opIndex]!;
    const activations = node.input.filter((v) => v && !this.g.isConstant(v));
    return this.g.search(
      activations,
      'backward',
      (_n, i) => {
        if (this.cores.has(i)) return 'found';
        return this.weightOps.has(i) ? 'stop' : 'continue';
      },
      64,
    );
  }

  /**
   * True when a graph output is reached from this op through data movement only: no other weight op, and
   * no binary Add/Mul with another activation (a residual or a modulation means the stream goes on).
   */
  feedsOutput(opIndex: number): boolean {
    const g = this.g;
    const reached = g.search(
      g.nodes[opIndex]!.output,
      'forward',
      (n, i) => {
        if (this.weightOps.has(i) || this.cores.has(i)) return 'stop';
        if ((n.opType === 'Add' || n.opType === 'Mul' || n.opType === 'Sub') && n.input.filter((v) => v && !g.isConstant(v)).length > 1)
          return 'stop';
        if (n.output.some((o) => g.graphOutputs.has(o))) return 'found';
        return 'continue';
      },
      48,
    );
    return reached >= 0 || g.nodes[opIndex]!.output.some((o) => g.graphOutputs.has(o));
  }

  /** Weight ops reached first walking backward from an op's activation inputs; `inputs` says if a graph input was reached. */
  upstreamWeightOps(opIndex: number): { ops: number[]; inputs: boolean } {
    const g = this.g;
    const node = g.nodes[opIndex]!;
    const ops: number[] = [];
    let inputs = false;
    const activations = node.input.filter((v) => v && !g.isConstant(v));
    if (activations.some((v) => g.graphInputs.has(v))) inputs = true;
    g.search(
      activations,
      'backward',
      (n, i) => {
        if (this.weightOps.has(i)) {
          ops.push(i);
          return 'stop';
        }
        if (n.input.some((v) => g.graphInputs.has(v))) inputs = true;
        return 'continue';
      },
      96,
    );
    return { ops, inputs };
  }

  /**
   * A modulation (DiT adaLN): the output is chunked (Split/Slice) and a chunk scales or shifts a normalized
   * activation. Fused qkv and gate_up projections are chunked too, but their chunks never meet a norm output.
   */
  modulates(opIndex: number): boolean {
    const g = this.g;
    const start = g.nodes[opIndex]!.output;
    const chunked = new Set<number>();
    return (
      g.search(
        start,
        'forward',
        (n, i) => {
          if (this.weightOps.has(i) || this.cores.has(i)) return 'stop';
          const viaChunk =
            n.opType === 'Split' ||
            n.opType === 'Slice' ||
            n.opType === 'Chunk' ||
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

  /** Does this value (a norm's output) reach q/k/v projections of a core directly, as a pre-norm does? Returns the core or -1. */
  preNormCore(value: string): number {
    const g = this.g;
    let core = -1;
    let residual = false;
    g.search(
      [value],
      'forward',
      (n, i) => {
        if (this.weightOps.has(i)) {
          const c = this.coreFedBy(i);
          if (c >= 0 && core < 0) core = c;
          return 'stop';
        }
        if (
          n.opType === 'Add' &&
          n.input.filter((v) => v && !g.isConstant(v)).length > 1 &&
          !n.input.some((v) => this.isNormOutput(v, 0) && v !== value)
        ) {
          // A residual Add reading the norm's output: this is a post-norm (BERT), whose output is the stream.
          const p = n.input.map((v) => g.producer.get(v));
          if (p.every((x) => x === undefined || !this.cores.has(x))) residual = true;
          return 'stop';
        }
        return 'continue';
      },
      32,
    );
    return residual ? -1 : core;
  }

  /** Structural category of a MatMul/Gemm weight, given the categories already decided upstream. */
  categoryOfProjection(opIndex: number, upstreamCategory: (op: number) => Category | undefined): Category {
    if (this.coreFedBy(opIndex) >= 0 || this.coreReadBy(opIndex) >= 0) return 'attention';
    if (this.feedsOutput(opIndex)) return 'head';
    const up = this.upstreamWeightOps(opIndex);
    const upstreamAllEmbeddingProjections = up.ops.every(
      (o) => MATMUL_OPS.has(this.g.nodes[o]!.opType) && upstreamCategory(o) === 'embedding',
    );
    if (upstreamAllEmbeddingProjections && (up.inputs || up.ops.length > 0)) return 'embedding';
    if (this.modulates(opIndex)) return 'modulation';
    return 'mlp';
  }

  /** A Conv reading the graph's input directly is a patch (or audio frame) embedder. */
  convIsStem(opIndex: number): boolean {
    const up = this.upstreamWeightOps(opIndex);
    return up.ops.length === 0 && up.inputs;
  }

  /** An additive parameter (position table, class token) joins the stream right after an embedding op or input. */
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
          return this.weightOps.has(i) || this.cores.has(i) ? 'stop' : 'continue';
        },
        24,
      ) >= 0
    );
  }
}
