/**
 * What the analysis hands to the later stages: the inventory of a model's weights. Plain data (no protobuf
 * objects), so an inventory means the same thing whichever read of the model it came from.
 */
import type { Category } from './categories.js';

/**
 * How the graph reads a weight. `fused`: a fused onnxruntime op reads it (the packed q/k/v weight of
 * com.microsoft Attention, EmbedLayerNormalization's tables): no integer form is written for those.
 */
export type Role = 'matmul' | 'gemm' | 'gather' | 'conv' | 'fused' | 'norm' | 'bias' | 'additive' | 'other';

/**
 * A weight the model already holds in an integer format, as its node says: MatMulNBits and
 * GatherBlockQuantized (bits and block_size attributes, symmetric when no zero points are given),
 * DequantizeLinear feeding a MatMul/Gemm/Gather/Conv (bits from the stored integer type, block_size from the
 * attribute, null when per-tensor or per-axis), MatMulInteger (8 bits, per tensor).
 */
export interface QuantizedWeight {
  op: 'MatMulNBits' | 'GatherBlockQuantized' | 'DequantizeLinear' | 'MatMulInteger';
  bits: number;
  blockSize: number | null;
  symmetric: boolean;
}

/** A stack of blocks: one for decoder-only and encoder-only models, two for encoder–decoder models. */
export interface Stack {
  /** `encoder`: its output feeds another stack's cross-attention; `decoder`: its blocks have cross-attention. */
  role: 'encoder' | 'decoder' | 'blocks';
  blocks: number;
}

/** Which evidence decided a layer's category. */
export type Evidence = 'role' | 'name' | 'structure';

/** One node that reads a weight. */
export interface WeightUse {
  /** The reading node's index in the analysis's topological order (`GraphIndex.nodes`). */
  node: number;
  /**
   * The reading node's stable id: its index in `allNodes(graph)` (the model's `graph.node` list, then the
   * nodes of subgraphs), the same for every read of the file (the quantizer finds the node to rewrite by it).
   */
  nodeId: number;
  /** Which input of that node reads the weight. */
  input: number;
  op: string;
  nodeName: string;
  /** Read through a Transpose (a tied table used as a head). */
  transposed: boolean;
  /** Read through a view (Expand, Slice, Reshape...): the reader does not see the stored shape. */
  reshaped: boolean;
  role: Role;
}

/** One weight initializer and what the analysis found out about it. */
export interface Layer {
  /** The initializer's name. */
  name: string;
  /** The module path the weight belongs to, when names or metadata tell. */
  module: string | null;
  /** The op that decides how the layer is quantized (MatMul, Gemm, Gather, Conv, or the norm/bias op). */
  op: string;
  role: Role;
  shape: number[];
  params: number;
  /** ONNX TensorProto data type of the stored tensor. */
  dataType: number;
  /** Bytes the tensor holds now. */
  bytes: number;
  category: Category;
  sensitive: boolean;
  /** Index of the transformer block the layer sits in, within its stack; null outside the blocks (the plan JSON's `layer`). */
  block: number | null;
  /** Index of its stack in `Inventory.stacks` (encoder–decoder models have two); null outside the blocks. */
  stack: number | null;
  /** block / number of blocks in its stack; null outside the blocks. */
  depth: number | null;
  evidence: Evidence;
  /** Its readers, the primary one (the role's) first. */
  uses: WeightUse[];
  /** One table read both as an embedding and (transposed) as a head. */
  tied: boolean;
  /** For Gemm: whether B is transposed ([N, K] instead of [K, N]). */
  transB: boolean;
  /**
   * Already quantized in the input model (its format, bits and block size as the node says); null for float
   * weights. For these, `name` is the integer codes' initializer, `shape` the float matrix they stand for
   * ([K, N] for a matmul, [rows, columns] for a table), `params` its element count, `bytes` the codes plus
   * their scales and zero points, `dataType` the scales' float type. Planning keeps them as they are.
   */
  quantized: QuantizedWeight | null;
}

export interface Inventory {
  architecture: string;
  /** Number of transformer blocks (of the longest stack). */
  numLayers: number;
  /** The stacks of blocks, in graph order (an encoder before its decoder). */
  stacks: Stack[];
  parameters: number;
  layers: Layer[];
}
