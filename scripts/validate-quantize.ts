/**
 * Validation run against ../shared (not a test: users do not have it). Prints:
 * 1. every shared model quantized with the default plan, uniform INT4 and uniform INT2, run by
 *    onnxruntime: outputs of the original shapes;
 * 2. byte compatibility with onnxruntime's own quantizer (round-to-nearest, INT4, block 32, symmetric);
 * 3. the perplexity table on llama-legacy (first 4 windows of the evaluation tokens).
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
const tokens = path.join(models, 'eval_tokens_16x128.int64.bin');
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

console.log('\n3. perplexity, llama-legacy, first 4 windows of eval_tokens_16x128');
const evalRow = async (label: string, file: string, bytes: number | string) => {
  const r = JSON.parse(
    await cli(['eval', path.join(models, 'llama-legacy.onnx'), file, '--tokens', tokens, '--windows', '4', '--json']),
  ) as { ppl_ref: number; ppl_q: number };
  const delta = (100 * (r.ppl_q - r.ppl_ref)) / r.ppl_ref;
  console.log(
    `  | ${label.padEnd(58)} | ${String(bytes).padStart(9)} | ${r.ppl_q.toFixed(4)} | ${delta >= 0 ? '+' : ''}${delta.toFixed(2)}% |`,
  );
  return r;
};
const quant = async (name: string, flags: string[]) => {
  const r = JSON.parse(
    await cli([
      'quantize',
      path.join(models, 'llama-legacy.onnx'),
      '--out',
      path.join(work, name),
      '--json',
      '--tokens',
      tokens,
      '--windows',
      '4',
      '--cache-dir',
      path.join(work, 'cache'),
      ...flags,
    ]),
  ) as { output: string; bytes_written: number };
  return r;
};
console.log('  | model | weight bytes | perplexity | vs fp32 |');
console.log('  | --- | --- | --- | --- |');
const weightBytes = (
  JSON.parse(await cli(['plan', path.join(models, 'llama-legacy.onnx'), '--json'])) as { totals: { bytes_before: number } }
).totals.bytes_before;
await evalRow('fp32 (original)', path.join(models, 'llama-legacy.onnx'), weightBytes);
await evalRow(
  'onnxruntime MatMulNBitsQuantizer INT4 b32 sym (reference)',
  path.join(models, 'reference', 'llama-legacy.ort-q4-b32-sym.onnx'),
  647680,
);
const ortLayout = ['--bits', '4', '--no-keep-sensitive', '--override', 'model.embed_tokens*=32', '--override', '*norm*=32'];
const rtn4 = await quant('rtn4', ortLayout);
await evalRow('quantgate INT4 round-to-nearest, same layers as onnxruntime', rtn4.output, rtn4.bytes_written);
const s4 = await quant('s4', [...ortLayout, '--scale', 'search']);
await evalRow('quantgate INT4 scale search, same layers and bytes', s4.output, s4.bytes_written);
const ort2 = ['--bits', '2', '--no-keep-sensitive', '--override', 'model.embed_tokens*=32', '--override', '*norm*=32'];
const rtn2 = await quant('rtn2', ort2);
await evalRow('quantgate INT2 round-to-nearest (= onnxruntime q2 b32 sym)', rtn2.output, rtn2.bytes_written);
const s2 = await quant('s2', [...ort2, '--scale', 'search']);
await evalRow('quantgate INT2 scale search, same bytes', s2.output, s2.bytes_written);
const td = await quant('td', ['--scale', 'search']);
await evalRow('quantgate type-depth (default policy), scale search', td.output, td.bytes_written);
const auto = await quant('auto', ['--policy', 'auto', '--target-size', `${rtn2.bytes_written}B`, '--scale', 'search']);
await evalRow('quantgate auto at the INT2 bytes, measured sensitivity, search', auto.output, auto.bytes_written);
fs.rmSync(work, { recursive: true, force: true });
