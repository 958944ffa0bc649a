/**
 * The bench's scale section: a Qwen2-0.5B-shaped decoder (tests/fixtures/scale-model.ts: hidden 896, 24
 * blocks, GQA 14/2 heads, MLP 4864, vocabulary 151,936, tied table; 494M parameters) with every weight in an
 * external data file, float32 (about 2 GB) and float16 (about 1 GB), written into a temporary folder as a
 * stream. Each row runs a command in a child process and reports its wall time and peak RSS against the
 * baseline of the same run: reading the model's data file once (16 MiB reads, page cache warm as for the
 * command: the file was just written and read).
 *
 * Rows: `quantize` with the default plan. Limits (issue 8): wall ≤ 2.5× reading the data file once, peak
 * RSS ≤ 0.3 × the weight bytes + 200 MB. Other sections add their rows through `rows` (e.g. `check`).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { QWEN2_0_5B, writeScaleModel, type ScaleModel } from '../tests/fixtures/scale-model.js';
import { measureChild, measureRead, median, type Measured } from './bench-child.js';

export interface ScaleRow {
  label: string;
  measured: Measured;
  /** The row's limits, printed with PASS or FAIL; null when the row has none. */
  limits: { seconds: number; maxRssMB: number } | null;
}

/** A row of the section: the model, its read baseline, and where to write outputs. */
export interface ScaleContext {
  dtype: 'float32' | 'float16';
  model: ScaleModel;
  read: Measured;
  work: string;
}

const mb = (bytes: number) => bytes / 1e6;

function quantizeRow(c: ScaleContext): ScaleRow {
  const out = path.join(c.work, `q-${c.dtype}`);
  const runs = [1, 2].map(() => {
    fs.rmSync(out, { recursive: true, force: true });
    const m = measureChild(['quantize', c.model.file, '--out', out, '--quiet']);
    if (m.code !== 0) throw new Error(`quantize failed on the ${c.dtype} scale model`);
    return m;
  });
  fs.rmSync(out, { recursive: true, force: true });
  const best = runs.reduce((a, b) => (b.seconds < a.seconds ? b : a));
  return {
    label: 'quantize (default plan)',
    measured: { ...best, maxRssMB: Math.max(...runs.map((r) => r.maxRssMB)) },
    limits: { seconds: 2.5 * c.read.seconds, maxRssMB: 0.3 * mb(c.model.weightBytes) + 200 },
  };
}

function print(c: ScaleContext, row: ScaleRow): void {
  const m = row.measured;
  const ratio = `${(m.seconds / c.read.seconds).toFixed(2)}× the read, peak ${((m.maxRssMB - 200) / mb(c.model.weightBytes)).toFixed(2)}× weights + 200 MB`;
  const limit = row.limits
    ? `  (limits ${row.limits.seconds.toFixed(1)} s, ${row.limits.maxRssMB.toFixed(0)} MB: ${m.seconds <= row.limits.seconds && m.maxRssMB <= row.limits.maxRssMB ? 'PASS' : 'FAIL'})`
    : '';
  console.log(
    `  ${row.label.padEnd(28)} ${m.seconds.toFixed(2).padStart(6)} s, peak ${m.maxRssMB.toFixed(0).padStart(5)} MB   ${ratio}${limit}`,
  );
}

/** The section: writes both models, measures the baseline and every row, removes everything. */
export function benchScale(rows: Array<(c: ScaleContext) => ScaleRow> = [quantizeRow]): void {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'quantgate-bench-scale-'));
  try {
    console.log(`\nscale: a Qwen2-0.5B-shaped model with external data (child processes; ${os.availableParallelism()} cores)`);
    for (const dtype of ['float32', 'float16'] as const) {
      const dir = path.join(work, dtype);
      fs.mkdirSync(dir);
      const t0 = process.hrtime.bigint();
      const model = writeScaleModel(dir, { ...QWEN2_0_5B, dtype });
      const written = Number(process.hrtime.bigint() - t0) / 1e9;
      const read = [1, 2, 3].map(() => measureRead(model.dataFile));
      const c: ScaleContext = { dtype, model, read: { ...read[0]!, seconds: median(read.map((r) => r.seconds)) }, work };
      console.log(
        ` ${dtype}: ${(model.parameters / 1e6).toFixed(0)}M parameters, ${(model.weightBytes / 1e9).toFixed(2)} GB of weights (written in ${written.toFixed(1)} s)`,
      );
      console.log(
        `  ${'read the data file once'.padEnd(28)} ${c.read.seconds.toFixed(2).padStart(6)} s, peak ${c.read.maxRssMB.toFixed(0).padStart(5)} MB   (baseline)`,
      );
      for (const row of rows) print(c, row(c));
      fs.rmSync(dir, { recursive: true, force: true });
    }
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}
