/**
 * An index over one ONNX graph: who produces and who consumes each value, in topological order, with the
 * walks the analysis needs (Identity chains, forward and backward searches). Every walk is iterative and
 * visits a node at most once, so a chain of any length costs its length, and a cycle is reported as bad input
 * before anything walks it. Nodes inside subgraphs (If branches, Loop and Scan bodies) are indexed with the
 * rest: they read the outer graph's weights by name (Optimum's merged decoder reads every weight in an If).
 */
import { BadInputError } from '../errors.js';
import { int64ToNumber, type GraphProto, type NodeProto, type TensorProto } from '../onnx/schema.js';

export interface Use {
  /** Index of the consuming node in `nodes`. */
  node: number;
  /** Which input of that node reads the value. */
  input: number;
}

/** A use reached through Identity/Cast chains, views or arithmetic with constants. */
export interface EffectiveUse extends Use {
  /** Read through a Transpose (a tied table used as a head). */
  transposed: boolean;
  /** The reader does not see the stored tensor as it is: a view of it (Expand, Slice...) or `weight ∘ constant`. */
  reshaped: boolean;
}

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

export class GraphIndex {
  readonly nodes: NodeProto[];
  readonly producer = new Map<string, number>();
  readonly consumers = new Map<string, Use[]>();
  readonly initializerNames: Set<string>;
  readonly graphInputs: Set<string>;
  readonly graphOutputs: Set<string>;
  /** Element type and rank of each graph input, from its declared type (the model's interface). */
  readonly inputTypes = new Map<string, { elemType: number; rank: number | null }>();
  private readonly constants = new Set<string>();
  private readonly initializerDims = new Map<string, number[]>();

  /** `source` names the model in error messages (its path). */
  constructor(graph: GraphProto, source = 'model') {
    this.nodes = topologicalOrder(allNodes(graph), source);
    const initializers = allInitializers(graph);
    this.initializerNames = new Set(initializers.map((t) => t.name));
    for (const t of initializers)
      this.initializerDims.set(
        t.name,
        t.dims.map((d) => int64ToNumber(d)),
      );
    this.graphInputs = new Set(graph.input.map((v) => v.name).filter((n) => !this.initializerNames.has(n)));
    this.graphOutputs = outputsWithBranches(graph);
    for (const v of graph.input) {
      const t = v.type?.tensorType;
      this.inputTypes.set(v.name, { elemType: t?.elemType ?? 0, rank: t?.shape?.dim ? t.shape.dim.length : null });
    }
    for (const name of this.initializerNames) this.constants.add(name);
    this.nodes.forEach((node, i) => {
      for (const out of node.output) if (out) this.producer.set(out, i);
      node.input.forEach((name, input) => {
        if (!name) return;
        let list = this.consumers.get(name);
        if (!list) this.consumers.set(name, (list = []));
        list.push({ node: i, input });
      });
      // Topological order: every input's constness is known when its consumer is reached.
      const constant =
        node.opType === 'Constant' ||
        (CONSTANT_PRESERVING.has(node.opType) && node.input.length > 0 && node.input.every((v) => !v || this.constants.has(v)));
      if (constant) for (const out of node.output) if (out) this.constants.add(out);
    });
  }

  usesOf(value: string): Use[] {
    return this.consumers.get(value) ?? [];
  }

  producerOf(value: string): NodeProto | undefined {
    const i = this.producer.get(value);
    return i === undefined ? undefined : this.nodes[i];
  }

  /** True for initializers and values computed only from constants (Constant nodes, Identity of an initializer). */
  isConstant(value: string): boolean {
    return this.constants.has(value);
  }

  /**
   * Dims of the initializer or Constant tensor behind a constant value (through Identity, Cast, Transpose,
   * DequantizeLinear...), or null when no single one is behind it.
   */
  constantDims(value: string): number[] | null {
    let v = value;
    for (let steps = 0; steps < this.nodes.length + 1; steps++) {
      const dims = this.initializerDims.get(v);
      if (dims) return dims;
      const p = this.producerOf(v);
      if (!p) return null;
      if (p.opType === 'Constant') {
        const t = p.attribute?.find((a) => a.name === 'value')?.t;
        return t ? t.dims.map((d) => int64ToNumber(d)) : null;
      }
      if (!CONSTANT_PRESERVING.has(p.opType) || !p.input[0]) return null;
      v = p.input[0];
    }
    return null;
  }

  /** The inputs of a node that carry tensor data: not constants, not shapes, axes or sizes. */
  dataInputs(node: NodeProto): string[] {
    const inputs = FIRST_INPUT_ONLY.has(node.opType) ? node.input.slice(0, 1) : node.input;
    return inputs.filter((v) => v && !this.constants.has(v));
  }

  /**
   * The real uses of an initializer: Identity and Cast chains are followed (legacy exporters de-duplicate
   * tensors through Identity nodes; fp16 exports cast weights), views and arithmetic with constants are
   * followed and remembered (`reshaped`), and one Transpose is followed and recorded (a tied table read as a
   * head).
   */
  effectiveUses(value: string): EffectiveUse[] {
    const out: EffectiveUse[] = [];
    const pending: Array<{ value: string; transposed: boolean; reshaped: boolean }> = [{ value, transposed: false, reshaped: false }];
    const seen = new Set<string>([value]);
    while (pending.length > 0) {
      const at = pending.pop()!;
      for (const use of this.usesOf(at.value)) {
        const node = this.nodes[use.node]!;
        // Views of the data (a class token broadcast by Expand, a position table sliced to the sequence)
        // are followed too, and remembered: the reader does not see the stored tensor's shape.
        const view = VIEW_OPS.has(node.opType) && use.input === 0;
        const arithmetic =
          ARITHMETIC.has(node.opType) && node.input.length === 2 && node.input.every((v, k) => k === use.input || this.constants.has(v));
        const transpose = node.opType === 'Transpose' && !at.transposed;
        const through = node.opType === 'Identity' || node.opType === 'Cast' || view || arithmetic || transpose;
        const next = node.output[0];
        if (through && next && !seen.has(next)) {
          seen.add(next);
          pending.push({ value: next, transposed: at.transposed || transpose, reshaped: at.reshaped || view || arithmetic });
        } else if (!through) {
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
  search(
    start: string[],
    direction: 'forward' | 'backward',
    visit: (node: NodeProto, index: number) => 'continue' | 'stop' | 'found',
    maxNodes = 64,
  ): number {
    const seen = new Set<number>();
    const queue: number[] = [];
    const enqueueFrom = (value: string) => {
      if (direction === 'forward') {
        for (const u of this.usesOf(value)) queue.push(u.node);
      } else {
        const p = this.producer.get(value);
        if (p !== undefined) queue.push(p);
      }
    };
    start.forEach(enqueueFrom);
    for (let head = 0; head < queue.length && seen.size < maxNodes; head++) {
      const i = queue[head]!;
      if (seen.has(i)) continue;
      seen.add(i);
      const node = this.nodes[i]!;
      // Shape arithmetic (Shape → Gather → Concat → Reshape's shape input) links every op to every other:
      // it is not data flow, so walks never enter it.
      if (SHAPE_OPS.has(node.opType)) continue;
      const verdict = visit(node, i);
      if (verdict === 'found') return i;
      if (verdict === 'stop') continue;
      const next = direction === 'forward' ? node.output : this.dataInputs(node);
      next.forEach(enqueueFrom);
    }
    return -1;
  }

  isShapeOp(node: NodeProto): boolean {
    return SHAPE_OPS.has(node.opType);
  }
}

/** How a node is named in messages: its name, else its position and op. */
export function describeNode(node: NodeProto, position: number): string {
  return node.name ? `'${node.name}' (${node.opType})` : `#${position} (${node.opType} → '${node.output[0] ?? ''}')`;
}

/** The subgraphs a node holds (If's branches, Loop's and Scan's bodies). */
export function subgraphsOf(node: NodeProto): GraphProto[] {
  const out: GraphProto[] = [];
  for (const a of node.attribute ?? []) {
    if (a.g) out.push(a.g);
    if (a.graphs) out.push(...a.graphs);
  }
  return out;
}

/**
 * Every node of the model: the graph's own, in file order, then those of the subgraphs, breadth first.
 * A node's position in this list is its stable id (`WeightUse.nodeId`): for the top-level graph it is its
 * index in `graph.node`.
 */
export function allNodes(graph: GraphProto): NodeProto[] {
  const nodes = [...graph.node];
  for (let i = 0; i < nodes.length; i++) for (const sub of subgraphsOf(nodes[i]!)) nodes.push(...sub.node);
  return nodes;
}

/**
 * The graph's outputs, and the If branch outputs that become them: what a branch returns in the place of
 * an If output that leaves the model leaves the model too (a merged decoder's logits).
 */
function outputsWithBranches(graph: GraphProto): Set<string> {
  const outputs = new Set(graph.output.map((v) => v.name));
  for (const node of allNodes(graph)) {
    if (node.opType !== 'If') continue;
    node.output.forEach((o, i) => {
      if (!outputs.has(o)) return;
      for (const branch of subgraphsOf(node)) {
        const inner = branch.output[i]?.name;
        if (inner) outputs.add(inner);
      }
    });
  }
  return outputs;
}

/** The graph's initializers and those its subgraphs hold (constants, read where they are declared). */
function allInitializers(graph: GraphProto): TensorProto[] {
  const tensors = [...graph.initializer];
  for (const node of allNodes(graph)) for (const sub of subgraphsOf(node)) tensors.push(...sub.initializer);
  return tensors;
}

/**
 * Nodes in an order where every producer comes before its consumers (ONNX requires it; we do not trust it).
 * A value that depends on itself is a cycle: bad input, reported with a node on it.
 */
function topologicalOrder(nodes: NodeProto[], source: string): NodeProto[] {
  const producedBy = new Map<string, number>();
  nodes.forEach((n, i) => n.output.forEach((o) => o && producedBy.set(o, i)));
  const state = new Uint8Array(nodes.length); // 0 new, 1 on the stack, 2 done
  const order: NodeProto[] = [];
  // Iterative depth-first search: graphs of any depth.
  for (let root = 0; root < nodes.length; root++) {
    if (state[root]) continue;
    const stack: Array<[number, number]> = [[root, 0]];
    state[root] = 1;
    while (stack.length > 0) {
      const top = stack[stack.length - 1]!;
      const [i, k] = top;
      const inputs = nodes[i]!.input;
      if (k < inputs.length) {
        top[1] = k + 1;
        const p = producedBy.get(inputs[k]!);
        if (p === undefined) continue;
        if (state[p] === 1) {
          throw new BadInputError(`${source}: the graph has a cycle: node ${describeNode(nodes[p]!, p)} depends on its own output`);
        }
        if (state[p] === 0) {
          state[p] = 1;
          stack.push([p, 0]);
        }
      } else {
        state[i] = 2;
        order.push(nodes[i]!);
        stack.pop();
      }
    }
  }
  return order;
}
