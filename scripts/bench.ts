/**
 * `npm run bench`: performance figures, each reported against a baseline measured in the same run.
 *
 * 0. Kernels (scripts/bench-kernels.ts): throughput against a warm copy of the same bytes, reconstruction
 *    error on three distributions, bits per weight, the thread pool by layer size. End-to-end quantize +
 *    eval of ../shared/models/llama-legacy.onnx (when present).
 * 1. Planning a 7B-shaped graph (LLaMA: 32 blocks, hidden 4096, MLP 11008, vocab 32000, every weight in a
 *    sparse external data file): wall time and peak memory of `quantgate plan --json` as a child process,
 *    against the same child doing nothing but start Node (the baseline). Limits: 3 s, 400 MB.
 * 2. Planning each model in ../shared/models (when present), in process, against reading its bytes.
 * 3. Scale (scripts/bench-scale.ts): a Qwen2-0.5B-shaped model with external data, float32 and float16,
 *    written into a temporary folder; `quantize` against reading its data file once; `check` with the
 *    default plan and with `policy: auto` against quantize + onnxruntime loading the models
 *    (scripts/bench-scale-check.ts). `node build/scripts/bench.js scale` runs this section alone.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildModel } from '../tests/fixtures/onnx-builder.js';
import { analyzeModel } from '../src/analyze/inventory.js';
import { mergePlanConfig } from '../src/config/config.js';
import { readModel } from '../src/onnx/read.js';
import { makePlan } from '../src/plan/plan.js';
import { benchKernels } from './bench-kernels.js';
import { measureChild, median } from './bench-child.js';
import { benchScale, QUANTIZE_ROWS } from './bench-scale.js';
import { CHECK_ROWS } from './bench-scale-check.js';
import { main } from '../src/cli.js';

const here = path.dirname(fileURLToPath(import.meta.url));

function bench7B(): void {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'quantgate-bench-'));
  const built = buildModel({
    arch: 'llama',
    naming: 'legacy',
    blocks: 32,
    hidden: 4096,
    heads: 32,
    vocab: 32000,
    mlp: 11008,
    externalData: 'weights.bin',
  });
  const file = path.join(dir, 'llama-7b-shape.onnx');
  fs.writeFileSync(file, built.bytes);
  fs.closeSync(fs.openSync(path.join(dir, 'weights.bin'), 'w'));
  fs.truncateSync(path.join(dir, 'weights.bin'), built.externalBytes); // sparse: no weight byte is ever written
  const runs = 3;
  const baseline = Array.from({ length: runs }, () => measureChild([]));
  const plan = Array.from({ length: runs }, () => measureChild(['plan', file, '--json']));
  if (plan.some((p) => p.code !== 0)) throw new Error('plan failed on the 7B-shaped graph');
  const planS = median(plan.map((p) => p.seconds));
  const baseS = median(baseline.map((p) => p.seconds));
  const rss = Math.max(...plan.map((p) => p.maxRssMB));
  const baseRss = Math.max(...baseline.map((p) => p.maxRssMB));
  console.log(
    `7B-shaped graph (${(built.externalBytes / 1e9).toFixed(1)} GB of sparse external weights, .onnx ${(built.bytes.length / 1e3).toFixed(0)} KB):`,
  );
  console.log(
    `  plan:      ${planS.toFixed(2)} s, peak ${rss.toFixed(0)} MB   (limits 3 s, 400 MB: ${planS < 3 && rss < 400 ? 'PASS' : 'FAIL'})`,
  );
  console.log(`  baseline:  ${baseS.toFixed(2)} s, peak ${baseRss.toFixed(0)} MB (node start-up alone)`);
  console.log(`  ratio:     ${(planS / baseS).toFixed(2)}× the start-up time, ${(rss / baseRss).toFixed(2)}× its memory`);
  fs.rmSync(dir, { recursive: true, force: true });
}

function benchShared(): void {
  const dir = path.resolve(here, '../../../shared/models');
  if (!fs.existsSync(dir)) {
    console.log('\n../shared/models not found: skipping the shared-model timings');
    return;
  }
  console.log('\nplanning the shared models in process (median of 5), against reading the file:');
  for (const f of fs
    .readdirSync(dir)
    .filter((x) => x.endsWith('.onnx'))
    .sort()) {
    const file = path.join(dir, f);
    const time = (fn: () => void) =>
      median(
        Array.from({ length: 5 }, () => {
          const t0 = process.hrtime.bigint();
          fn();
          return Number(process.hrtime.bigint() - t0) / 1e6;
        }),
      );
    const read = time(() => fs.readFileSync(file));
    const plan = time(() => {
      const model = readModel(file);
      makePlan(model, analyzeModel(model), mergePlanConfig());
    });
    console.log(
      `  ${f.padEnd(20)} plan ${plan.toFixed(1).padStart(6)} ms, read ${read.toFixed(2).padStart(5)} ms  (${(plan / read).toFixed(0)}×)`,
    );
  }
}

async function benchEndToEnd(): Promise<void> {
  const models = path.resolve(here, '../../../shared/models');
  const file = path.join(models, 'llama-legacy.onnx');
  if (!fs.existsSync(file)) return;
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'quantgate-bench-'));
  const quiet = { stdout: () => undefined, stderr: () => undefined };
  const readOnce = median(
    Array.from({ length: 5 }, () => {
      const t0 = process.hrtime.bigint();
      fs.readFileSync(file);
      return Number(process.hrtime.bigint() - t0) / 1e9;
    }),
  );
  const times: number[] = [];
  for (let r = 0; r < 3; r++) {
    const t0 = process.hrtime.bigint();
    const q = await main(['quantize', file, '--out', out, '--scale', 'search'], quiet);
    const e = await main(
      ['eval', file, path.join(out, 'llama-legacy.onnx'), '--tokens', path.join(models, 'eval_tokens_16x128.int64.bin'), '--windows', '4'],
      quiet,
    );
    if (q !== 0 || e !== 0) throw new Error(`end-to-end run failed (${q}, ${e})`);
    times.push(Number(process.hrtime.bigint() - t0) / 1e9);
  }
  console.log(
    `\nllama-legacy end to end (quantize, default plan, scale search + eval on 4 token windows): ${median(times).toFixed(2)} s (limit 10 s); baseline reading the file ${(readOnce * 1000).toFixed(2)} ms`,
  );
  fs.rmSync(out, { recursive: true, force: true });
}

/** `quantgate check` on the bundled example models (what the action does on this repository). */
async function benchCheck(): Promise<void> {
  const repoRoot = path.resolve(here, '../..');
  const quiet = { stdout: () => undefined, stderr: () => undefined };
  const cwd = process.cwd();
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'quantgate-bench-check-'));
  process.chdir(repoRoot);
  try {
    const times: number[] = [];
    for (let r = 0; r < 3; r++) {
      const t0 = process.hrtime.bigint();
      const code = await main(['check', '--no-cache', '--report-dir', out], quiet);
      if (code !== 0) throw new Error(`check failed with ${code}`);
      times.push(Number(process.hrtime.bigint() - t0) / 1e9);
    }
    const plans = median(
      Array.from({ length: 3 }, () => {
        const t0 = process.hrtime.bigint();
        for (const f of ['examples/tiny-llama.onnx', 'examples/tiny-dit.onnx'])
          makePlan(readModel(f), analyzeModel(readModel(f)), mergePlanConfig());
        return Number(process.hrtime.bigint() - t0) / 1e9;
      }),
    );
    console.log(
      `\ncheck on the example models (plan, quantize, eval, gates, report): ${median(times).toFixed(2)} s (limit 60 s); baseline planning them alone ${(plans * 1000).toFixed(1)} ms`,
    );
  } finally {
    process.chdir(cwd);
    fs.rmSync(out, { recursive: true, force: true });
  }
}

// `node build/scripts/bench.js scale` runs the scale section alone (about 40 minutes on 2 busy cores).
if (process.argv[2] !== 'scale') {
  benchKernels();
  await benchEndToEnd();
  await benchCheck();
  console.log('');
  bench7B();
  benchShared();
}
benchScale([...QUANTIZE_ROWS, ...CHECK_ROWS]);
