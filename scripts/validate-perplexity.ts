/**
 * The perplexity table of the README (not a test: users do not have ../shared):
 *   npm run build && node build/scripts/validate-perplexity.js [../shared]
 * llama-legacy scored on windows 0–3 of eval_tokens_16x128; every data-aware method (imatrix, gptq) and the
 * measured sensitivity of `auto` calibrate on windows 8–15, never on the scored windows.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { main } from '../src/cli.js';

const shared = path.resolve(process.argv[2] ?? '../shared');
const models = path.join(shared, 'models');
const model = path.join(models, 'llama-legacy.onnx');
const tokens = path.join(models, 'eval_tokens_16x128.int64.bin');
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'quantgate-perplexity-'));
// Run where no quantgate.yml is: every setting below comes from the flags.
process.chdir(work);

// Windows 8–15 (128 tokens each) as a file of their own, for measuring sensitivity (`auto` reads --tokens).
const calibrationFile = path.join(work, 'calibration.bin');
fs.writeFileSync(calibrationFile, fs.readFileSync(tokens).subarray(8 * 128 * 8, 16 * 128 * 8));
const calibrate = ['--calibration', tokens, '--calibration-windows', '8-15'];
const measure = ['--tokens', calibrationFile, '--cache-dir', path.join(work, 'cache')];

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

async function row(label: string, file: string, bytes: number): Promise<void> {
  const r = JSON.parse(await cli(['eval', model, file, '--tokens', tokens, '--windows', '4', '--json'])) as {
    ppl_ref: number;
    ppl_q: number;
  };
  const delta = (100 * (r.ppl_q - r.ppl_ref)) / r.ppl_ref;
  console.log(`| ${label} | ${bytes.toLocaleString('en-US')} | ${r.ppl_q.toFixed(4)} | ${delta >= 0 ? '+' : ''}${delta.toFixed(2)}% |`);
}

async function quantized(label: string, name: string, flags: string[]): Promise<void> {
  const r = JSON.parse(await cli(['quantize', model, '--out', path.join(work, name), '--json', ...flags])) as {
    output: string;
    bytes_written: number;
  };
  await row(label, r.output, r.bytes_written);
}

const ortLayout = (bits: number) => [
  '--bits',
  String(bits),
  '--no-keep-sensitive',
  '--override',
  'model.embed_tokens*=32',
  '--override',
  '*norm*=32',
];
const scaleFlags = (scale: string) => ['--scale', scale, ...(scale === 'imatrix' || scale === 'gptq' ? calibrate : [])];
const SCALES = ['rtn', 'search', 'imatrix', 'gptq'];

console.log('llama-legacy, perplexity on windows 0–3 of eval_tokens_16x128; calibration and measuring on windows 8–15');
console.log('| model | weight bytes | perplexity | vs fp32 |');
console.log('| --- | --- | --- | --- |');
const weightBytes = (JSON.parse(await cli(['plan', model, '--json'])) as { totals: { bytes_before: number } }).totals.bytes_before;
await row('fp32 (original)', model, weightBytes);
await row(
  'onnxruntime MatMulNBitsQuantizer INT4 b32 sym (reference)',
  path.join(models, 'reference', 'llama-legacy.ort-q4-b32-sym.onnx'),
  647680,
);
for (const scale of SCALES)
  await quantized(`INT4 b32 sym, onnxruntime's layers, \`${scale}\``, `q4-${scale}`, [...ortLayout(4), ...scaleFlags(scale)]);
await quantized("INT4 b64 asym, onnxruntime's layers, `gptq` (fewer bytes)", 'q4-asym64-gptq', [
  ...ortLayout(4),
  '--asymmetric',
  '--block-size',
  '64',
  ...scaleFlags('gptq'),
]);
for (const scale of SCALES)
  await quantized(`INT2 b32 sym, onnxruntime's layers, \`${scale}\``, `q2-${scale}`, [...ortLayout(2), ...scaleFlags(scale)]);
for (const scale of ['search', 'gptq'])
  await quantized(`\`auto\` at the INT2 bytes (442,880 B), measured sensitivity, \`${scale}\``, `auto2-${scale}`, [
    '--policy',
    'auto',
    '--target-size',
    '442880B',
    ...measure,
    ...scaleFlags(scale),
  ]);
for (const scale of SCALES) await quantized(`default plan (type-depth), \`${scale}\``, `default-${scale}`, scaleFlags(scale));
// Super-blocks (k-quants' layout): INT4 at 4.5 and INT2 at 2.625 bits per weight where K allows (here every
// MatMul: K is 128 or 384). `gptq` on super-blocks weighs by importance without GPTQ's compensation (= imatrix).
const SUPER_SCALES = ['rtn', 'search', 'imatrix'];
for (const bits of [4, 2])
  for (const scale of SUPER_SCALES)
    await quantized(`INT${bits} super-blocks, onnxruntime's layers, \`${scale}\``, `sb${bits}-${scale}`, [
      ...ortLayout(bits),
      '--super-blocks',
      ...scaleFlags(scale),
    ]);
for (const scale of ['search', 'imatrix'])
  await quantized(`\`auto\` at the INT2 bytes (442,880 B), super-blocks, measured sensitivity, \`${scale}\``, `sb-auto2-${scale}`, [
    '--policy',
    'auto',
    '--target-size',
    '442880B',
    '--super-blocks',
    ...measure,
    ...scaleFlags(scale),
  ]);
for (const scale of SUPER_SCALES)
  await quantized(`default plan (type-depth), super-blocks, \`${scale}\``, `sb-default-${scale}`, ['--super-blocks', ...scaleFlags(scale)]);
fs.rmSync(work, { recursive: true, force: true });
