/**
 * Validation run against ../shared (not a test: users do not have it). Prints:
 * 1. every shared model quantized with the default plan, uniform INT4 and uniform INT2, run by
 *    onnxruntime: outputs of the original shapes;
 * 2. byte compatibility with onnxruntime's own quantizer (round-to-nearest, INT4, block 32, symmetric);
 (the perplexity table on llama-legacy is scripts/validate-perplexity.ts).
 *   node build/scripts/validate-quantize.js [../shared]
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as ort from 'onnxruntime-node';
import { main } from '../src/cli.js';
import { buildInputs } from '../src/eval/evaluate.js';
import { readModel, readTensorBytes, readTensorFloat32 } from '../src/onnx/read.js';

const shared = path.resolve(process.argv[2] ?? '../shared');
const models = path.join(shared, 'models');
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'quantgate-validate-'));
// Run where no quantgate.yml is: every setting below comes from the flags.
process.chdir(work);

async function cli(args: string[]): Promise<string> {
  let out = '';
  let err = '';
  const code = await main(args, {
    stdout: (t) => {
      out += t;
    },
    stderr: (t) => {
      err += t;
    },
  });
  if (code !== 0) throw new Error(`quantgate ${args.join(' ')} → ${code}: ${err}`);
  return out;
}

async function shapes(file: string, feeds: Record<string, ort.Tensor>): Promise<string> {
  const session = await ort.InferenceSession.create(file);
  const out = await session.run(feeds);
  return Object.entries(out)
    .map(([k, v]) => `${k}[${v.dims.join(',')}]`)
    .join(' ');
}

console.log('1. quantized shared models run in onnxruntime with the original output shapes');
for (const f of fs
  .readdirSync(models)
  .filter((x) => x.endsWith('.onnx'))
  .sort()) {
  const file = path.join(models, f);
  const feeds = buildInputs(readModel(file), {}).batches[0]!;
  const want = await shapes(file, feeds);
  const cells: string[] = [];
  for (const [label, flags] of [
    ['default', []],
    ['uniform 4', ['--bits', '4']],
    ['uniform 2', ['--bits', '2']],
  ] as const) {
    const out = path.join(work, `${f}-${label.replace(' ', '')}`);
    const r = JSON.parse(await cli(['quantize', file, '--out', out, '--json', ...flags])) as {
      output: string;
      bytes_planned: number;
      bytes_written: number;
    };
    const got = await shapes(r.output, feeds);
    cells.push(
      `${label}: ${got === want ? 'runs, same shapes' : `SHAPES DIFFER ${got}`}, ${r.bytes_written === r.bytes_planned ? 'bytes = plan' : `bytes ${r.bytes_written} vs plan ${r.bytes_planned}`}`,
    );
  }
  console.log(`  ${f.padEnd(18)} ${cells.join(' | ')}`);
}

console.log("\n2. byte compatibility with onnxruntime's quantizer (llama-legacy, INT4, block 32, symmetric, round-to-nearest)");
{
  const out = path.join(work, 'compat');
  await cli([
    'quantize',
    path.join(models, 'llama-legacy.onnx'),
    '--out',
    out,
    '--policy',
    'uniform',
    '--bits',
    '4',
    '--block-size',
    '32',
    '--symmetric',
    '--no-keep-sensitive',
  ]);
  const ours = readModel(path.join(out, 'llama-legacy.onnx'));
  const ref = readModel(path.join(models, 'reference', 'llama-legacy.ort-q4-b32-sym.onnx'));
  let weights = 0;
  let codes = 0;
  let codeDiff = 0;
  let scaleDiff = 0;
  for (const [name, info] of ref.initializers) {
    if (!name.endsWith('_Q4')) continue;
    weights++;
    const a = readTensorBytes(info);
    const b = readTensorBytes(ours.initializers.get(name)!);
    for (let i = 0; i < a.length; i++) {
      codes += 2;
      if ((a[i]! & 15) !== (b[i]! & 15)) codeDiff++;
      if (a[i]! >> 4 !== b[i]! >> 4) codeDiff++;
    }
    const sa = readTensorFloat32(ref.initializers.get(name.replace(/_Q4$/, '_scales'))!);
    const sb = readTensorFloat32(ours.initializers.get(name.replace(/_Q4$/, '_scales'))!);
    for (let i = 0; i < sa.length; i++) if (sa[i] !== sb[i]) scaleDiff++;
  }
  console.log(`  ${weights} MatMul weights, ${codes} codes: ${codeDiff} differ; scales: ${scaleDiff} differ`);
}

fs.rmSync(work, { recursive: true, force: true });
