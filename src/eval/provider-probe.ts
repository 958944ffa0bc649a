/**
 * Whether a GPU execution provider works on this machine, found out in a child process. A provider that
 * cannot start makes onnxruntime and the GPU driver print native error lines straight to stderr (Dawn's
 * "Couldn't load Vulkan", onnxruntime's red provider-bridge error), which no option silences; in a child
 * they are captured and dropped, and the user sees quantgate's one-line fallback warning only.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { ExecutionProvider } from '../config/config.js';
import { encodeModel, type ModelProto } from '../onnx/schema.js';
import { runtimeModulePath } from './runtime.js';

export type ProbeResult = { ok: true } | { ok: false; reason: string };

const FLOAT = 1;

/** y = x · W, W 4×4: the smallest graph a provider must run to count as working. */
function probeModel(): Uint8Array {
  const model: ModelProto = {
    irVersion: 8,
    opsetImport: [{ domain: '', version: 17 }],
    producerName: 'quantgate-probe',
    graph: {
      name: 'probe',
      node: [{ opType: 'MatMul', input: ['x', 'w'], output: ['y'], name: 'matmul' }],
      initializer: [{ name: 'w', dims: [4, 4], dataType: FLOAT, floatData: Array.from({ length: 16 }, (_, i) => (i % 5 === 0 ? 1 : 0)) }],
      input: [{ name: 'x', type: { tensorType: { elemType: FLOAT, shape: { dim: [{ dimValue: 1 }, { dimValue: 4 }] } } } }],
      output: [{ name: 'y', type: { tensorType: { elemType: FLOAT, shape: { dim: [{ dimValue: 1 }, { dimValue: 4 }] } } } }],
    },
  };
  return encodeModel(model);
}

/** The child: open a session on the provider, run it once, print one JSON line. */
const CHILD = `
const ort = require(process.env.QUANTGATE_PROBE_ORT);
(async () => {
  try {
    const s = await ort.InferenceSession.create(process.env.QUANTGATE_PROBE_MODEL, { executionProviders: [process.env.QUANTGATE_PROBE_EP], logSeverityLevel: 4 });
    await s.run({ x: new ort.Tensor('float32', Float32Array.from([1, 2, 3, 4]), [1, 4]) });
    await s.release();
    process.stdout.write(JSON.stringify({ ok: true }));
  } catch (err) {
    process.stdout.write(JSON.stringify({ ok: false, reason: String(err && err.message || err) }));
  }
})();
`;

const results = new Map<ExecutionProvider, ProbeResult>();

/** The last line of onnxruntime's error worth showing: "Failed to get a WebGPU adapter: No supported adapters". */
function shortReason(message: string): string {
  const line = message.split('\n')[0] ?? message;
  const tail = line.split(/ was false\. |\] : \d+ : \w+ : /).pop() ?? line;
  return tail.length > 160 ? `${tail.slice(0, 157)}...` : tail;
}

export function probeProvider(ep: ExecutionProvider): ProbeResult {
  if (ep === 'cpu') return { ok: true };
  const known = results.get(ep);
  if (known) return known;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'quantgate-probe-'));
  let result: ProbeResult;
  try {
    const model = path.join(dir, 'probe.onnx');
    fs.writeFileSync(model, probeModel());
    const child = spawnSync(process.execPath, ['-e', CHILD], {
      // Its temporary files (onnxruntime's, the driver's) go to the probe's folder, removed below.
      env: { ...process.env, TMPDIR: dir, QUANTGATE_PROBE_ORT: runtimeModulePath(), QUANTGATE_PROBE_MODEL: model, QUANTGATE_PROBE_EP: ep },
      encoding: 'utf8',
      timeout: 120_000,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const line = child.stdout?.trim().split('\n').pop() ?? '';
    try {
      const parsed = JSON.parse(line) as ProbeResult;
      result = parsed.ok ? { ok: true } : { ok: false, reason: shortReason(parsed.reason) };
    } catch {
      result = {
        ok: false,
        reason: child.error ? child.error.message : `the provider crashed the probe (exit ${child.status ?? child.signal})`,
      };
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  results.set(ep, result);
  return result;
}
