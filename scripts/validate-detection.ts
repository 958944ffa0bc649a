/**
 * Validation run for detection (not a test): prints, per model, how many labelled weights get the right
 * category, sensitive flag and block, with names and from structure alone (names stripped strictly: every
 * initializer, node and intermediate value renamed, value_info and metadata dropped; graph inputs and outputs
 * keep their names).
 *   node build/scripts/validate-detection.js [models-dir] [--fixtures-only] [-v]
 * First every builder family and onnxruntime-optimizer fixture, then every `*.labels.json` model in the folder
 * (and `*\/model.labels.json` in its subfolders), which needs ../shared.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { readModel } from '../src/onnx/read.js';
import { buildModel, type Arch } from '../tests/fixtures/onnx-builder.js';
import { percent, readStripped, score, type Score, type Truth } from '../tests/fixtures/score.js';

const args = process.argv.slice(2);
const verbose = args.includes('-v');
const dir = args.find((a) => !a.startsWith('-')) ?? '../shared/models';
const fixturesOnly = args.includes('--fixtures-only');

export const FIXTURE_ARCHS: Arch[] = [
  'llama',
  'gpt2',
  'bert',
  'dit',
  'phi3',
  'vit',
  't5',
  'qwen2',
  'mistral',
  'mixtral',
  'gemma',
  'falcon',
  'gpt-neox',
  'whisper',
  'swin',
  'deit',
  'sd-unet',
  'bert-ort',
  'gpt2-ort',
  'llama-genai',
  'llama-genai-int4',
  'llama-ort',
  'sd-ort',
];

let worstSensitive = 1;
let worstCategory = 1;

function row(name: string, named: Score, stripped: Score): void {
  const cells = (s: Score) => [percent(s.sensitive, s.labelled), percent(s.category, s.labelled), `${s.blocks}/${s.blocksLabelled}`];
  console.log(`| ${[name, String(named.labelled), ...cells(named), ...cells(stripped), stripped.architecture].join(' | ')} |`);
  for (const s of [named, stripped]) {
    worstSensitive = Math.min(worstSensitive, s.sensitive / s.labelled);
    worstCategory = Math.min(worstCategory, s.category / s.labelled);
  }
  if (verbose) {
    for (const [what, s] of [
      ['names', named],
      ['stripped', stripped],
    ] as const)
      for (const m of s.misses) console.log(`    ${what}: ${m}`);
  }
}

const header = (title: string) => {
  console.log(`\n${title}\n`);
  console.log('| model | labelled | sensitive | category | block | stripped: sensitive | category | block | architecture (stripped) |');
  console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- |');
};

header('Builder families and onnxruntime-optimizer fixtures (3 blocks; dynamo naming, then stripped)');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'quantgate-validate-'));
try {
  for (const arch of FIXTURE_ARCHS) {
    const built = buildModel({ arch, naming: 'dynamo', blocks: 3 });
    const file = path.join(tmp, `${arch}.onnx`);
    fs.writeFileSync(file, built.bytes);
    const named = score(readModel(file), built.labels);
    const { model, renamed } = readStripped(file);
    row(arch, named, score(model, built.labels, renamed));
  }
} finally {
  fs.rmSync(tmp, { recursive: true, force: true });
}

if (!fixturesOnly) {
  header(`Exported models in ${dir} (labels matched by value to the PyTorch parameters)`);
  const found: Array<[string, string]> = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    if (entry.isFile() && entry.name.endsWith('.labels.json')) {
      found.push([entry.name.replace('.labels.json', ''), path.join(dir, entry.name)]);
    } else if (entry.isDirectory() && fs.existsSync(path.join(dir, entry.name, 'model.labels.json'))) {
      found.push([entry.name, path.join(dir, entry.name, 'model.labels.json')]);
    }
  }
  for (const [name, labelsFile] of found) {
    const labels = JSON.parse(fs.readFileSync(labelsFile, 'utf8')) as { initializers: Record<string, Truth> };
    const truth = new Map(Object.entries(labels.initializers));
    const file = labelsFile.replace(/\.labels\.json$/, '.onnx');
    const { model, renamed } = readStripped(file);
    row(name, score(readModel(file), truth), score(model, truth, renamed));
  }
}
console.log(
  `\nworst sensitive-flag agreement: ${(100 * worstSensitive).toFixed(1)}%, worst category agreement: ${(100 * worstCategory).toFixed(1)}%`,
);
