/**
 * Validation run (not a test: it needs ../shared): compares the inventory of each shared model with its
 * ground-truth labels and prints sensitive-flag and category agreement.
 *   node build/scripts/validate-detection.js [../shared/models]
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyzeModel } from '../src/analyze/inventory.js';
import { readModel, type OnnxModel } from '../src/onnx/read.js';

interface Label {
  category: string;
  layer?: number | null;
}
const dir = process.argv[2] ?? '../shared/models';
const verbose = process.argv.includes('-v');
const strip = process.argv.includes('--strip');

/** Structure only: every value, initializer and node renamed, metadata dropped. Returns new name → old name. */
function stripNames(model: OnnxModel): Map<string, string> {
  const rename = new Map<string, string>();
  const fresh = (old: string) => {
    if (!old) return old;
    let n = rename.get(old);
    if (!n) {
      n = `t${rename.size}`;
      rename.set(old, n);
    }
    return n;
  };
  const g = model.graph;
  for (const v of [...g.input, ...g.output]) rename.set(v.name, v.name);
  for (const t of g.initializer) t.name = fresh(t.name);
  for (const node of g.node) {
    node.name = '';
    node.metadataProps = [];
    node.input = node.input.map(fresh);
    node.output = node.output.map(fresh);
  }
  model.initializers = new Map(
    [...model.initializers.values()].map((i) => [rename.get(i.name) ?? i.name, { ...i, name: rename.get(i.name) ?? i.name }]),
  );
  return new Map([...rename].map(([a, b]) => [b, a]));
}
const SENSITIVE = new Set(['embedding', 'norm', 'head']);
let worst = 1;
for (const file of fs
  .readdirSync(dir)
  .filter((f) => f.endsWith('.labels.json'))
  .sort()) {
  const labels = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as { initializers: Record<string, Label> };
  const model = readModel(path.join(dir, file.replace('.labels.json', '.onnx')));
  const renamed = strip ? stripNames(model) : new Map<string, string>();
  const inv = analyzeModel(model);
  const byName = new Map(inv.layers.map((l) => [renamed.get(l.name) ?? l.name, l]));
  let n = 0,
    sens = 0,
    catN = 0,
    cat = 0,
    missing = 0,
    layerN = 0,
    layerOk = 0;
  for (const [name, label] of Object.entries(labels.initializers)) {
    if (label.category === 'constant') continue;
    n++;
    const l = byName.get(name);
    if (!l) {
      missing++;
      if (verbose) console.log('  missing', name);
      continue;
    }
    if (l.sensitive === SENSITIVE.has(label.category)) sens++;
    else if (verbose) console.log('  sensitive mismatch', name, l.category, 'label', label.category);
    if (['embedding', 'norm', 'head', 'attention', 'mlp'].includes(label.category)) {
      catN++;
      if (l.category === label.category) cat++;
      else if (verbose) console.log('  category mismatch', name, l.module, l.category, 'label', label.category);
    }
    if (label.layer !== undefined) {
      layerN++;
      if ((label.layer ?? null) === l.block) layerOk++;
      else if (verbose) console.log('  layer mismatch', name, l.block, 'label', label.layer);
    }
  }
  const s = sens / n,
    c = cat / catN;
  worst = Math.min(worst, s, c);
  console.log(
    `${file.replace('.labels.json', '').padEnd(14)} arch=${inv.architecture.padEnd(6)} blocks=${inv.numLayers} labelled=${n} missing=${missing} sensitive=${(100 * s).toFixed(1)}% category=${(100 * c).toFixed(1)}% layer=${layerOk}/${layerN} extra=${inv.layers.length - (n - missing)}`,
  );
}
console.log(`worst agreement: ${(100 * worst).toFixed(1)}%`);
