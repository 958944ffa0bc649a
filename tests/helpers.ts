/** Shared test helpers: temporary folders, writing fixtures, running the built CLI as a user would. */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildModel, type BuildOptions } from './fixtures/onnx-builder.js';

export const CLI = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../src/cli.js');

export function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'quantgate-test-'));
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

export function runCli(args: string[], cwd = process.cwd()): CliResult {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** Every file under `dir`, for "nothing was written" checks. */
export function listFiles(dir: string): string[] {
  return fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }).sort();
}
