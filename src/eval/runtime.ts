/**
 * Loading onnxruntime-node. Installed with npm (the CLI, the tests) it is an ordinary import. The action
 * runs from a checkout of this repository with no node_modules, and ncc cannot bundle a native binding:
 * there the runtime comes from dist/runtime/, a brotli-packed copy of onnxruntime-node for the runner's
 * platform, unpacked once into a cache folder (RUNNER_TOOL_CACHE, else the OS temp folder).
 */
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as zlib from 'node:zlib';
import type * as Ort from 'onnxruntime-node';
import { BadInputError, messageOf } from '../errors.js';

export type OrtModule = typeof Ort;

export const RUNTIME_FORMAT = 'quantgate.runtime/v1';
export const RUNTIME_VERSION = '1.30.0';

export function runtimeArchiveName(version: string, platform: string, arch: string): string {
  return `onnxruntime-node-${version}-${platform}-${arch}.br`;
}

let loaded: OrtModule | undefined;
/** Where the loaded onnxruntime-node package is (for child processes that must load the same one). */
let loadedFrom: string | undefined;

/** The path a child process can `require` to load the same onnxruntime-node (loading it first). */
export function runtimeModulePath(): string {
  ort();
  return loadedFrom!;
}

/** The runtime, loaded on first use (synchronously: onnxruntime-node is a CommonJS package). */
export function ort(): OrtModule {
  loaded ??= load();
  return loaded;
}

/** Kept for callers that prefer to load up front (and to surface a load error early). */
export function loadRuntime(): Promise<OrtModule> {
  return Promise.resolve(ort());
}

function load(): OrtModule {
  const require = createRequire(import.meta.url);
  try {
    // A string the bundler cannot see through: onnxruntime-node stays an ordinary package require.
    const name = ['onnxruntime', 'node'].join('-');
    const module = require(name) as OrtModule;
    loadedFrom = require.resolve(name);
    return module;
  } catch (err) {
    const archive = findArchive();
    if (!archive) {
      throw new BadInputError(
        `onnxruntime-node is not installed and no bundled runtime exists for ${process.platform}-${process.arch}: run npm install onnxruntime-node@${RUNTIME_VERSION} (and set NODE_PATH to its node_modules) (${messageOf(err)})`,
      );
    }
    const root = unpack(archive);
    loadedFrom = path.join(root, 'node_modules', 'onnxruntime-node');
    return createRequire(path.join(root, 'index.js'))(loadedFrom) as OrtModule;
  }
}

/** dist/runtime/ next to the running bundle (dist/index.js or dist/cli/index.js), or in the source tree. */
function findArchive(): string | undefined {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const name = runtimeArchiveName(RUNTIME_VERSION, process.platform, process.arch);
  for (const dir of [
    path.join(here, 'runtime'),
    path.join(here, '..', 'runtime'),
    path.join(here, '..', '..', 'dist', 'runtime'),
    path.join(here, '..', '..', '..', 'dist', 'runtime'),
  ]) {
    const file = path.join(dir, name);
    if (fs.existsSync(file)) return file;
  }
  return undefined;
}

interface Header {
  format: string;
  version: string;
  entries: Array<{ path: string; size: number }>;
}

/** Unpacks once per version and platform; a complete folder is renamed into place, so a crash leaves none. */
export function unpack(archive: string, cacheRoot = process.env.RUNNER_TOOL_CACHE || os.tmpdir()): string {
  const target = path.join(cacheRoot, 'quantgate-runtime', path.basename(archive, '.br'));
  if (fs.existsSync(path.join(target, '.complete'))) return target;
  const body = zlib.brotliDecompressSync(fs.readFileSync(archive));
  const headerLength = body.readUInt32LE(0);
  const header = JSON.parse(body.subarray(4, 4 + headerLength).toString('utf8')) as Header;
  if (header.format !== RUNTIME_FORMAT) throw new Error(`${archive}: not a ${RUNTIME_FORMAT} archive`);
  const staging = `${target}.tmp-${process.pid}`;
  fs.rmSync(staging, { recursive: true, force: true });
  let offset = 4 + headerLength;
  for (const entry of header.entries) {
    const file = path.join(staging, entry.path);
    if (path.relative(staging, file).startsWith('..')) throw new Error(`${archive}: entry outside the archive: ${entry.path}`);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, body.subarray(offset, offset + entry.size));
    offset += entry.size;
  }
  fs.writeFileSync(path.join(staging, '.complete'), header.version);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  try {
    fs.renameSync(staging, target);
  } catch {
    // Another process unpacked it first.
    fs.rmSync(staging, { recursive: true, force: true });
  }
  return target;
}
