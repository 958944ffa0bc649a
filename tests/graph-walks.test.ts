/**
 * Graph walks are iterative: a cycle is bad input (one line naming the file and the node, exit 2), and a chain
 * of 100,000 Identity nodes is a valid graph that analyzes with work linear in its length (counted, not
 * timed), on the weight's side and on the activations' side.
 */
import test from 'ava';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyzeModel } from '../src/analyze/inventory.js';
import { BadInputError } from '../src/errors.js';
import { DataType } from '../src/onnx/dtype.js';
import { readModel } from '../src/onnx/read.js';
import type { NodeProto } from '../src/onnx/schema.js';
import { GraphBuilder } from './fixtures/graph-builder.js';
import { runCli, tempDir } from './helpers.js';

/** input → [Identity chain] → MatMul(W through [Identity chain]) → logits. */
function chainModel(weightChain: number, activationChain: number, cycle?: 'self' | 'pair'): { file: string; weight: string } {
  const g = new GraphBuilder('stripped', 'fixtures.Chain', 1);
  let x = g.input('x', DataType.FLOAT, ['batch', 8]);
  for (let i = 0; i < activationChain; i++) x = g.one('Identity', [x], '');
  const weight = g.param('w', [8, 4], { label: { category: 'head', layer: null } });
  let w = weight;
  for (let i = 0; i < weightChain; i++) w = g.one('Identity', [w], '');
  if (cycle === 'self') {
    // An Identity that reads its own output, feeding the MatMul's activation side.
    const loop = g.one('Identity', ['self_loop'], '');
    g.nodes[g.nodes.length - 1]!.output = ['self_loop'];
    x = g.one('Add', [x, loop], '');
  } else if (cycle === 'pair') {
    g.nodes.push({ input: ['pair_b'], output: ['pair_a'], opType: 'Identity', name: 'first_of_pair', attribute: [] });
    g.nodes.push({ input: ['pair_a'], output: ['pair_b'], opType: 'Identity', name: 'second_of_pair', attribute: [] });
    x = g.one('Add', [x, 'pair_b'], '');
  }
  g.output(g.one('MatMul', [x, w], ''), 'logits', DataType.FLOAT, ['batch', 4]);
  const dir = tempDir();
  const file = path.join(dir, 'chain.onnx');
  fs.writeFileSync(file, g.build().bytes);
  return { file, weight };
}

for (const cycle of ['self', 'pair'] as const) {
  test(`an Identity ${cycle === 'self' ? 'self-loop' : 'cycle of two nodes'} is bad input naming the file and a node on the cycle`, (t) => {
    const { file } = chainModel(0, 0, cycle);
    const err = t.throws(() => analyzeModel(readModel(file)), { instanceOf: BadInputError });
    t.true(err.message.startsWith(`${file}: `), err.message);
    t.regex(err.message, cycle === 'self' ? /cycle.*Identity/ : /cycle.*(first_of_pair|second_of_pair)/);
    t.false(err.message.includes('\n'));
  });
}

test('the CLI answers a cyclic graph with exit 2 and one line, no stack', (t) => {
  const { file } = chainModel(0, 0, 'self');
  const r = runCli(['plan', file]);
  t.is(r.code, 2, r.stderr);
  const lines = r.stderr.trim().split('\n');
  t.is(lines.length, 1, r.stderr);
  t.regex(lines[0]!, /chain\.onnx.*cycle/);
  t.notRegex(r.stderr, /RangeError|at \w+/);
});

/**
 * Analyzes the model with every node wrapped to count reads of its fields: every step of a walk reads the
 * node it reaches (its op, inputs or outputs), so the count measures the analysis' work, without a clock.
 */
function analyzeCountingReads(file: string): { inventory: ReturnType<typeof analyzeModel>; reads: number; nodes: number } {
  const model = readModel(file);
  let reads = 0;
  const counting: ProxyHandler<NodeProto> = {
    get(target, key, receiver) {
      reads++;
      return Reflect.get(target, key, receiver) as unknown;
    },
  };
  model.graph.node = model.graph.node.map((node) => new Proxy(node, counting));
  const inventory = analyzeModel(model);
  return { inventory, reads, nodes: model.graph.node.length };
}

test('a chain of 100,000 Identity nodes on the weight and on the activations is analyzed, with work linear in its length', (t) => {
  const small = analyzeCountingReads(chainModel(1_000, 1_000).file);
  const { file, weight } = chainModel(100_000, 100_000);
  const { inventory: inv, reads, nodes } = analyzeCountingReads(file);
  t.is(inv.layers.length, 1);
  const w = inv.layers[0]!;
  t.is(w.name, weight);
  t.is(w.op, 'MatMul');
  t.is(w.role, 'matmul');
  t.is(w.category, 'head');
  t.true(nodes > 200_000, `${nodes} nodes`);
  // Reads per node stay what they are on a chain 100 times shorter (a walk repeated per node would
  // multiply them by about 100), and few in any case.
  const perNode = reads / nodes;
  const perNodeSmall = small.reads / small.nodes;
  t.true(
    perNode <= perNodeSmall * 1.25,
    `${perNode.toFixed(1)} reads per node at ${nodes} nodes, ${perNodeSmall.toFixed(1)} at ${small.nodes}`,
  );
  t.log(`${perNode.toFixed(1)} reads per node`);
  t.true(perNode < 100, `${perNode.toFixed(1)} reads per node`);
});
