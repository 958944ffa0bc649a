/**
 * The bench's scale section: a Qwen2-0.5B-shaped decoder (tests/fixtures/scale-model.ts: hidden 896, 24
 * blocks, GQA 14/2 heads, MLP 4864, vocabulary 151,936, tied table; 494M parameters) with every weight in an
 * external data file, float32 (about 2 GB) and float16 (about 1 GB), written into a temporary folder as a
 * stream. Each row runs a command in a child process and reports its wall time and peak RSS against
 * baselines measured in the same run:
 * - reading the model's data file once (16 MiB reads) from the disk: the file's pages are dropped from the
 *   page cache first (where `dd iflag=nocache` exists; else the read is from the page cache and says so).
 *   This is the baseline of the issue's limits (its 3.4 s for 2 GB was a read from disk);
 * - the same read with the page cache warm (memory speed: the floor of any command that reads the file);
 * - onnxruntime-node loading the original model from its path (the baseline of `check`'s limits).
 *
 * Rows: `quantize` with the default plan, the data file on disk (limits, issue 8: wall ≤ 2.5× the read
 * from disk, peak RSS ≤ 0.3 × the weight bytes + 200 MB) and in the page cache. Other sections add their
 * rows through `rows` (e.g. `check`), functions of the ScaleContext.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { QWEN2_0_5B, writeScaleModel, type ScaleModel } from '../tests/fixtures/scale-model.js';
import { evictFromPageCache, measureChild, measureOrtLoad, measureRead, median, type Measured } from './bench-child.js';

export interface ScaleRow {
  label: string;
  measured: Measured;
  /** What the ratios are against (default: the read from disk, `c.read`). */
  baseline?: Measured;
  /** The row's limits, printed with PASS or FAIL; null when the row has none. */
  limits: { seconds: number; maxRssMB: number } | null;
}

/** What a row is given: the model, the baselines, and a folder for outputs. */
export interface ScaleContext {
  dtype: 'float32' | 'float16';
  model: ScaleModel;
  /** Reading the data file once from the disk (from the page cache when `onDisk` is false). */
  read: Measured;
  /** Reading the data file once from the page cache. */
  readCached: Measured;
  /** Whether the data file can be dropped from the page cache (`dropCache` works). */
  onDisk: boolean;
  /** onnxruntime-node loading the original model from its path. */
  load: Measured;
  work: string;
  /** Drops the model's data file from the page cache (before a run that should read it from the disk). */
  dropCache: () => void;
}

const mb = (bytes: number) => bytes / 1e6;

function quantizeRuns(c: ScaleContext, fromDisk: boolean): Measured {
  const out = path.join(c.work, `q-${c.dtype}`);
  const runs = [1, 2].map(() => {
    fs.rmSync(out, { recursive: true, force: true });
    if (fromDisk) c.dropCache();
    const m = measureChild(['quantize', c.model.file, '--out', out, '--quiet']);
    if (m.code !== 0) throw new Error(`quantize failed on the ${c.dtype} scale model`);
    return m;
  });
  fs.rmSync(out, { recursive: true, force: true });
  const best = runs.reduce((a, b) => (b.seconds < a.seconds ? b : a));
  return { ...best, maxRssMB: Math.max(...runs.map((r) => r.maxRssMB)), cpuSeconds: Math.min(...runs.map((r) => r.cpuSeconds)) };
}

/** `quantize` (default plan), its data file read from the disk, against the limits. */
export function quantizeRow(c: ScaleContext): ScaleRow {
  return {
    label: `quantize${c.onDisk ? ', data on disk' : ''}`,
    measured: quantizeRuns(c, true),
    limits: { seconds: 2.5 * c.read.seconds, maxRssMB: 0.3 * mb(c.model.weightBytes) + 200 },
  };
}

/** `quantize` with the data file in the page cache: the compute, against reading at memory speed. */
export function quantizeCachedRow(c: ScaleContext): ScaleRow {
  return { label: 'quantize, data cached', measured: quantizeRuns(c, false), baseline: c.readCached, limits: null };
}

/** The section's own rows. */
export const QUANTIZE_ROWS = [quantizeRow, quantizeCachedRow];

const line = (label: string, m: Measured, tail: string) =>
  console.log(
    `  ${label.padEnd(32)} ${m.seconds.toFixed(2).padStart(6)} s (cpu ${m.cpuSeconds.toFixed(1).padStart(5)} s), peak ${m.maxRssMB.toFixed(0).padStart(5)} MB   ${tail}`,
  );

function print(c: ScaleContext, row: ScaleRow): void {
  const m = row.measured;
  const baseline = row.baseline ?? c.read;
  const against = row.baseline === c.readCached ? 'the cached read' : row.baseline ? 'its baseline' : 'the read';
  const ratio = `${(m.seconds / baseline.seconds).toFixed(2)}× ${against} (cpu ${(m.cpuSeconds / baseline.seconds).toFixed(2)}×), peak ${(m.maxRssMB / mb(c.model.weightBytes)).toFixed(2)}× the weights`;
  const limit = row.limits
    ? `  (limits ${row.limits.seconds.toFixed(1)} s, ${row.limits.maxRssMB.toFixed(0)} MB: ${m.seconds <= row.limits.seconds && m.maxRssMB <= row.limits.maxRssMB ? 'PASS' : 'FAIL'})`
    : '';
  line(row.label, m, ratio + limit);
}

/** The section: writes both models, measures the baselines and every row, removes everything. */
export function benchScale(rows: Array<(c: ScaleContext) => ScaleRow> = QUANTIZE_ROWS): void {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'quantgate-bench-scale-'));
  try {
    const loadAverage = os.loadavg()[0]!.toFixed(1);
    console.log(
      `\nscale: a Qwen2-0.5B-shaped model with external data (child processes; ${os.availableParallelism()} cores, load ${loadAverage})`,
    );
    for (const dtype of ['float32', 'float16'] as const) {
      const dir = path.join(work, dtype);
      fs.mkdirSync(dir);
      const t0 = process.hrtime.bigint();
      const model = writeScaleModel(dir, { ...QWEN2_0_5B, dtype });
      const written = Number(process.hrtime.bigint() - t0) / 1e9;
      const dropCache = () => void evictFromPageCache(model.dataFile);
      const onDisk = evictFromPageCache(model.dataFile);
      const medianOf = (runs: Measured[]): Measured => ({ ...runs[0]!, seconds: median(runs.map((r) => r.seconds)) });
      const read = medianOf(
        [1, 2, 3].map(() => {
          if (onDisk) dropCache();
          return measureRead(model.dataFile);
        }),
      );
      const readCached = medianOf([1, 2, 3].map(() => measureRead(model.dataFile)));
      const load = measureOrtLoad(model.file);
      const c: ScaleContext = { dtype, model, read, readCached, onDisk, load, work, dropCache };
      console.log(
        ` ${dtype}: ${(model.parameters / 1e6).toFixed(0)}M parameters, ${(model.weightBytes / 1e9).toFixed(2)} GB of weights (written in ${written.toFixed(1)} s)`,
      );
      line(onDisk ? 'read the data file, from disk' : 'read the data file (cached)', read, '(baseline)');
      if (onDisk) line('read the data file, cached', readCached, '(memory speed)');
      line('onnxruntime loads the original', load, '(baseline of check)');
      for (const row of rows) print(c, row(c));
      fs.rmSync(dir, { recursive: true, force: true });
    }
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}
