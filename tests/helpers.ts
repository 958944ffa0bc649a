/** Shared test helpers: temporary folders, writing fixtures, running the CLI (in this process, or as a user would). */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as ort from 'onnxruntime-node';
import { main } from '../src/cli.js';
import { fromFloat16Array } from '../src/onnx/float16.js';
import { buildModel, type BuildOptions } from './fixtures/onnx-builder.js';

export const CLI = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../src/cli.js');

const made: string[] = [];
// Every folder a test file made goes when its process ends (QUANTGATE_KEEP_TEST_DIRS=1 keeps them to look at).
process.on('exit', () => {
  if (process.env.QUANTGATE_KEEP_TEST_DIRS) return;
  for (const dir of made) fs.rmSync(dir, { recursive: true, force: true });
});

export function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'quantgate-test-'));
  made.push(dir);
  return dir;
}

/** Writes a generated model to a fresh folder; returns its path and labels. */
export function writeModel(options: BuildOptions, name = 'model.onnx') {
  const built = buildModel(options);
  const dir = tempDir();
  const file = path.join(dir, name);
  fs.writeFileSync(file, built.bytes);
  return { ...built, dir, file };
}

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** The CLI as a separate process, exactly as a user runs it (the smoke tests: real exit codes and streams). */
export function runCli(args: string[], cwd = process.cwd()): CliResult {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** Every file under `dir`, for "nothing was written" checks. */
export function listFiles(dir: string): string[] {
  return fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }).sort();
}

let queue: Promise<unknown> = Promise.resolve();

/**
 * `quantgate ARGS` run in `cwd`, in this process: the same `main` the binary runs, without a Node start
 * per call. Calls run one at a time, because the working folder is the process's.
 */
export function cli(args: string[], cwd = process.cwd()): Promise<CliResult> {
  const run = queue.then(async () => {
    const home = process.cwd();
    let stdout = '';
    let stderr = '';
    process.chdir(cwd);
    try {
      const code = await main(args, {
        stdout: (text) => {
          stdout += text;
        },
        stderr: (text) => {
          stderr += text;
        },
      });
      return { code, stdout, stderr };
    } finally {
      process.chdir(home);
    }
  });
  queue = run.catch(() => undefined);
  return run;
}

/**
 * A model (a file or its bytes) run once by onnxruntime on `feeds`: its main output (logits, else a last
 * hidden state or `out`, else the first) as float32, a float16 output widened. The session is released.
 */
export async function modelOutput(model: string | Uint8Array, feeds: Record<string, ort.Tensor>): Promise<Float32Array> {
  // Two calls: create's overloads take a path or bytes, not the union.
  const session = typeof model === 'string' ? await ort.InferenceSession.create(model) : await ort.InferenceSession.create(model);
  try {
    const name = session.outputNames.find((n) => /logits|last_hidden|^out$/.test(n)) ?? session.outputNames[0]!;
    const out = (await session.run(feeds))[name]!;
    return out.type === 'float16' ? fromFloat16Array(out.data as Uint16Array) : Float32Array.from(out.data as Float32Array);
  } finally {
    await session.release();
  }
}

/** Cosine similarity of two outputs of the same length. */
export function cosine(a: Float32Array, b: Float32Array): number {
  if (a.length !== b.length) throw new Error(`outputs of ${a.length} and ${b.length} values`);
  let ab = 0;
  let aa = 0;
  let bb = 0;
  for (let i = 0; i < a.length; i++) {
    ab += a[i]! * b[i]!;
    aa += a[i]! * a[i]!;
    bb += b[i]! * b[i]!;
  }
  return ab / Math.sqrt(aa * bb);
}

/** The original and a quantized model run on the same feeds: the cosine of their main outputs. */
export async function outputCosine(
  original: string | Uint8Array,
  quantized: string | Uint8Array,
  feeds: Record<string, ort.Tensor>,
): Promise<number> {
  return cosine(await modelOutput(original, feeds), await modelOutput(quantized, feeds));
}
