/**
 * A private temporary folder for the process's onnxruntime work: onnxruntime drops `.ses` and
 * `mat-debug-<pid>.log` files into `$TMPDIR` when it starts, and evaluation spills large reference outputs
 * to disk. Everything goes into one folder of ours, removed when the process exits (and by the watchdog
 * when it ends an overrunning step).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

let folder: string | undefined;

/** The folder, created on first use. */
export function scratchDir(): string {
  if (folder && fs.existsSync(folder)) return folder;
  folder = fs.mkdtempSync(path.join(os.tmpdir(), 'quantgate-ort-'));
  const created = folder;
  process.once('exit', () => fs.rmSync(created, { recursive: true, force: true }));
  return folder;
}

/** Removes the folder now (a later call to `scratchDir` makes a new one). */
export function removeScratch(): void {
  if (folder) fs.rmSync(folder, { recursive: true, force: true });
  folder = undefined;
}

const TEMP_VARIABLES = ['TMPDIR', 'TMP', 'TEMP'] as const;

/**
 * Runs `fn` with the temporary-folder variables pointing at the scratch folder, where onnxruntime writes
 * the files it makes when a session starts; restores them afterwards.
 */
export async function inScratch<T>(fn: () => Promise<T>): Promise<T> {
  const dir = scratchDir();
  const saved = TEMP_VARIABLES.map((name) => process.env[name]);
  for (const name of TEMP_VARIABLES) process.env[name] = dir;
  try {
    return await fn();
  } finally {
    TEMP_VARIABLES.forEach((name, i) => {
      const value = saved[i];
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    });
  }
}
