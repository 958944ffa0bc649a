/**
 * What the analysis hands to the later stages: the inventory of a model's weights. Plain data (no protobuf
 * objects), so an inventory means the same thing whichever read of the model it came from.
 */
import type { Category } from './categories.js';

/** How the graph reads a weight. */
export type Role = 'matmul' | 'gemm' | 'gather' | 'conv' | 'norm' | 'bias' | 'additive' | 'other';

/** Which evidence decided a layer's category. */
export type Evidence = 'role' | 'name' | 'structure';

/** One node that reads a weight. */
export interface WeightUse {
  /** The reading node's index in the analysis's topological order (`GraphIndex.nodes`). */
  node: number;
  /**
   * The reading node's stable id: its index in the model's `graph.node` list, the same for every read of
   * the file (the quantizer finds the node to rewrite by it).
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
  /** Index of the transformer block the layer sits in; null outside the blocks (the plan JSON's `layer`). */
  block: number | null;
  /** block / number of blocks in its stack; null outside the blocks. */
  depth: number | null;
  evidence: Evidence;
  /** Its readers, the primary one (the role's) first. */
  uses: WeightUse[];
  /** One table read both as an embedding and (transposed) as a head. */
  tied: boolean;
  /** For Gemm: whether B is transposed ([N, K] instead of [K, N]). */
  transB: boolean;
}

export interface Inventory {
  architecture: string;
  /** Number of transformer blocks. */
  numLayers: number;
  parameters: number;
  layers: Layer[];
}
