/** Shared test helpers: temporary folders, writing fixtures, running the CLI (in this process, or as a user would). */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { main } from '../src/cli.js';
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
