/**
 * Packs the onnxruntime-node runtime the action ships: onnxruntime-node's JavaScript and its native binding
 * for one platform, plus onnxruntime-common, into one brotli-compressed file under dist/runtime/.
 * The action runs from a checkout of this repository, where there is no node_modules; ncc cannot bundle a
 * native binding, so src/eval/runtime.ts unpacks this file on first use. Deterministic: same input, same bytes.
 *   node build/scripts/pack-runtime.js [platform-arch]   (default: linux-x64)
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import { RUNTIME_FORMAT, runtimeArchiveName } from '../src/eval/runtime.js';

const target = process.argv[2] ?? 'linux-x64';
const [platform, arch] = target.split('-') as [string, string];
const version = (JSON.parse(fs.readFileSync('node_modules/onnxruntime-node/package.json', 'utf8')) as { version: string }).version;

function walk(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => {
      const p = path.join(dir, e.name);
      return e.isDirectory() ? walk(p) : [p];
    })
    .sort();
}

const files = [
  'node_modules/onnxruntime-node/package.json',
  ...walk('node_modules/onnxruntime-node/dist').filter((f) => f.endsWith('.js')),
  ...walk(`node_modules/onnxruntime-node/bin/napi-v6/${platform}/${arch}`),
  'node_modules/onnxruntime-common/package.json',
  ...walk('node_modules/onnxruntime-common/dist/cjs').filter((f) => f.endsWith('.js') || f.endsWith('package.json')),
];
const entries = files.map((f) => ({ path: f, size: fs.statSync(f).size }));
const header = Buffer.from(JSON.stringify({ format: RUNTIME_FORMAT, version, platform, arch, entries }));
const length = Buffer.alloc(4);
length.writeUInt32LE(header.length);
const body = Buffer.concat([length, header, ...files.map((f) => fs.readFileSync(f))]);
const packed = zlib.brotliCompressSync(body, {
  params: {
    [zlib.constants.BROTLI_PARAM_QUALITY]: 9,
    [zlib.constants.BROTLI_PARAM_SIZE_HINT]: body.length,
    [zlib.constants.BROTLI_PARAM_LGWIN]: 24,
  },
});
const out = path.join('dist', 'runtime', runtimeArchiveName(version, platform, arch));
fs.mkdirSync(path.dirname(out), { recursive: true });
fs.writeFileSync(out, packed);
process.stdout.write(`${out}: ${files.length} files, ${(body.length / 1e6).toFixed(1)} MB → ${(packed.length / 1e6).toFixed(1)} MB\n`);
