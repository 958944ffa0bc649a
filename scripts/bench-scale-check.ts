/**
 * The `check` rows of the bench's scale section (scripts/bench-scale.ts): `check` with the default plan and
 * with `policy: auto` (target 25%, the default measuring budget) on the Qwen2-0.5B-shaped model, each in a
 * child process whose config names the model by its path in another folder, against baselines of the same
 * run: `quantize` and onnxruntime loading the original (the section's `c.load`) and the quantized model.
 *
 * Limits (issue 8): `check` (default plan) wall ≤ 1.5 × (quantize + onnxruntime loading the original and the
 * quantized model), peak RSS ≤ 1.2 × onnxruntime's own peak loading the original; `check` with `auto` wall
 * ≤ 300 s and the same peak, measuring layers that hold at least half of the candidates' weight bytes.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyzeModel } from '../src/analyze/inventory.js';
import { allowedBits, isIntBits } from '../src/formats/layout.js';
import { readModel } from '../src/onnx/read.js';
import { measureChild, measureOrtLoad, type Measured } from './bench-child.js';
import type { ScaleContext, ScaleRow } from './bench-scale.js';

/** A check config naming the scale model by its path (the child runs in the bench's folder, not the model's). */
function checkConfig(c: ScaleContext, name: string, extra: string): string {
  const file = path.join(c.work, `${name}.yml`);
  fs.writeFileSync(file, `models:\n  - path: ${c.model.file}\n    id: scale\n${extra}`);
  return file;
}

/** `check` in a child: exit 0 or 1 (random weights may fail the quality gate), never 2 or 3. */
function measureCheck(c: ScaleContext, args: string[]): Measured {
  const reportDir = path.join(c.work, 'report');
  fs.rmSync(reportDir, { recursive: true, force: true });
  const m = measureChild(['check', ...args, '--quiet', '--report-dir', reportDir]);
  fs.rmSync(reportDir, { recursive: true, force: true });
  if (m.code !== 0 && m.code !== 1) throw new Error(`check ${args.join(' ')} failed (exit ${m.code}) on the ${c.dtype} scale model`);
  return m;
}

/** The default check's baseline: quantize, then onnxruntime loading the original and the quantized model. */
function checkBaseline(c: ScaleContext): Measured {
  const out = path.join(c.work, `check-baseline-${c.dtype}`);
  fs.rmSync(out, { recursive: true, force: true });
  const quantize = measureChild(['quantize', c.model.file, '--out', out, '--quiet']);
  if (quantize.code !== 0) throw new Error(`quantize failed on the ${c.dtype} scale model`);
  const quantized = measureOrtLoad(path.join(out, path.basename(c.model.file)));
  fs.rmSync(out, { recursive: true, force: true });
  return {
    seconds: quantize.seconds + c.load.seconds + quantized.seconds,
    cpuSeconds: quantize.cpuSeconds + c.load.cpuSeconds + quantized.cpuSeconds,
    maxRssMB: c.load.maxRssMB,
    code: 0,
  };
}

/** `check` with the default plan. */
export function checkDefaultRow(c: ScaleContext): ScaleRow {
  const baseline = checkBaseline(c);
  console.log(
    `  ${'quantize + ort loads both'.padEnd(32)} ${baseline.seconds.toFixed(2).padStart(6)} s (cpu ${baseline.cpuSeconds.toFixed(1).padStart(5)} s)   (baseline of check; peak: ort loading the original)`,
  );
  return {
    label: 'check (default plan)',
    measured: measureCheck(c, ['--config', checkConfig(c, 'default', ''), '--no-cache']),
    baseline,
    limits: { seconds: 1.5 * baseline.seconds, maxRssMB: 1.2 * c.load.maxRssMB },
  };
}

/** The share of the candidates' weight bytes that the cached sensitivity table measured. */
function measuredShare(c: ScaleContext, cacheDir: string): { layers: string; share: number } {
  const [name] = fs.readdirSync(cacheDir).filter((f) => f.startsWith('sensitivity-'));
  if (!name) throw new Error('check with policy auto left no sensitivity table');
  const table = JSON.parse(fs.readFileSync(path.join(cacheDir, name), 'utf8')) as { errors: Record<string, unknown> };
  const candidates = analyzeModel(readModel(c.model.file)).layers.filter((l) => allowedBits(l).some(isIntBits));
  const total = candidates.reduce((sum, l) => sum + l.bytes, 0);
  const measured = candidates.filter((l) => table.errors[l.name] !== undefined);
  return { layers: `${measured.length} of ${candidates.length}`, share: measured.reduce((sum, l) => sum + l.bytes, 0) / total };
}

/** `check` with `policy: auto`, target 25%, the default measuring budget. */
export function checkAutoRow(c: ScaleContext): ScaleRow {
  const cacheDir = path.join(c.work, 'sensitivity-cache');
  fs.rmSync(cacheDir, { recursive: true, force: true });
  const measured = measureCheck(c, ['--config', checkConfig(c, 'auto', 'policy: auto\ntarget_size: 25%\n'), '--cache-dir', cacheDir]);
  const { layers, share } = measuredShare(c, cacheDir);
  fs.rmSync(cacheDir, { recursive: true, force: true });
  console.log(
    `  (auto measured ${layers} layers, ${(100 * share).toFixed(1)}% of their bytes: ${share >= 0.5 ? 'PASS' : 'FAIL'}, at least half)`,
  );
  return {
    label: `check (auto, ${Math.floor(100 * share)}% measured)`,
    measured,
    baseline: c.load,
    limits: { seconds: 300, maxRssMB: 1.2 * c.load.maxRssMB },
  };
}

/** The section's check rows (scripts/bench.ts adds them after the quantize rows). */
export const CHECK_ROWS = [checkDefaultRow, checkAutoRow];
