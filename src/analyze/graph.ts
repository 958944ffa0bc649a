/**
 * An index over one ONNX graph: who produces and who consumes each value, in topological order,
 * with the helpers the analysis needs to walk it (Identity chains, forward and backward searches).
 */
import type { GraphProto, NodeProto } from '../onnx/schema.js';

export interface Use {
  /** Index of the consuming node in `nodes`. */
  node: number;
  /** Which input of that node reads the value. */
  input: number;
}

const VIEW_OPS = new Set(['Expand', 'Tile', 'Slice', 'Reshape', 'Unsqueeze', 'Squeeze', 'Flatten']);

const SHAPE_OPS = new Set(['Shape', 'Size', 'ConstantOfShape', 'Range', 'EyeLike']);

/** Ops whose output is constant when their inputs are (how exporters wrap weights). */
const CONSTANT_PRESERVING = new Set(['Identity', 'Cast', 'DequantizeLinear', 'Transpose', 'Reshape', 'Unsqueeze', 'Squeeze']);

export class GraphIndex {
  readonly nodes: NodeProto[];
  readonly producer = new Map<string, number>();
  readonly consumers = new Map<string, Use[]>();
  readonly initializerNames: Set<string>;
  readonly graphInputs: Set<string>;
  readonly graphOutputs: Set<string>;

  constructor(graph: GraphProto) {
    this.nodes = topologicalOrder(graph);
    this.initializerNames = new Set(graph.initializer.map((t) => t.name));
    this.graphInputs = new Set(graph.input.map((v) => v.name).filter((n) => !this.initializerNames.has(n)));
    this.graphOutputs = new Set(graph.output.map((v) => v.name));
    this.nodes.forEach((node, i) => {
      for (const out of node.output) if (out) this.producer.set(out, i);
      node.input.forEach((name, input) => {
        if (!name) return;
        let list = this.consumers.get(name);
        if (!list) this.consumers.set(name, (list = []));
        list.push({ node: i, input });
      });
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
    if (this.initializerNames.has(value)) return true;
    const p = this.producerOf(value);
    if (!p) return false;
    if (p.opType === 'Constant') return true;
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
  effectiveUses(value: string): Array<Use & { transposed: boolean; reshaped: boolean }> {
    const out: Array<Use & { transposed: boolean; reshaped: boolean }> = [];
    const walk = (v: string, transposed: boolean, reshaped: boolean, depth: number) => {
      for (const use of this.usesOf(v)) {
        const node = this.nodes[use.node]!;
        // Views of the data (a class token broadcast by Expand, a position table sliced to the sequence)
        // are followed too, and remembered: the reader does not see the stored tensor's shape.
        const view = VIEW_OPS.has(node.opType) && use.input === 0;
        const through = node.opType === 'Identity' || node.opType === 'Cast' || view || (node.opType === 'Transpose' && !transposed);
        if (through && depth < 8 && node.output[0]) {
          walk(node.output[0], transposed || node.opType === 'Transpose', reshaped || view, depth + 1);
        } else {
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
    while (queue.length > 0 && seen.size < maxNodes) {
      const i = queue.shift()!;
      if (seen.has(i)) continue;
      seen.add(i);
      const node = this.nodes[i]!;
      // Shape arithmetic (Shape → Gather → Concat → Reshape's shape input) links every op to every other:
      // it is not data flow, so walks never enter it.
      if (SHAPE_OPS.has(node.opType)) continue;
      const verdict = visit(node, i);
      if (verdict === 'found') return i;
      if (verdict === 'stop') continue;
      const next = direction === 'forward' ? node.output : node.input.filter((v) => v && !this.isConstant(v));
      next.forEach(enqueueFrom);
    }
    return -1;
  }
}

/** Nodes in an order where every producer comes before its consumers (ONNX requires it; we do not trust it). */
function topologicalOrder(graph: GraphProto): NodeProto[] {
  const nodes = graph.node;
  const producedBy = new Map<string, number>();
  nodes.forEach((n, i) => n.output.forEach((o) => o && producedBy.set(o, i)));
  const state = new Uint8Array(nodes.length); // 0 new, 1 visiting, 2 done
  const order: NodeProto[] = [];
  // Iterative DFS so 80-block graphs do not exhaust the stack.
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
        if (p !== undefined && state[p] === 0) {
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
