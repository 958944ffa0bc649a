/** Measuring a command in a child process: its wall time and peak RSS, for the bench's rows. */
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const cli = path.resolve(here, '../src/cli.js');

export interface Measured {
  /** Wall time of the child, start-up included. */
  seconds: number;
  /** Peak resident memory of the child (worker threads included), in MB. */
  maxRssMB: number;
  /** CPU time of the child (user + system, all threads): what the wall time is on an idle machine at most. */
  cpuSeconds: number;
  code: number;
}

/**
 * Runs `body` (ES module code that sets `code`) in a Node child that reports its own peak RSS: VmHWM of its
 * own address space where /proc exists. Not getrusage's maxRSS: Linux carries a process's peak over fork
 * and exec, so a child's maxRSS is at least the bench's own RSS when it was spawned.
 */
export function measureScript(body: string): Measured {
  const wrapper = `
    let code = 0;
    const peakMB = async () => {
      try {
        const status = (await import('node:fs')).readFileSync('/proc/self/status', 'utf8');
        const kB = /VmHWM:\\s+(\\d+)/.exec(status);
        if (kB) return Number(kB[1]) / 1024;
      } catch {}
      return process.resourceUsage().maxRSS / 1024;
    };
    const done = async () => {
      const u = process.resourceUsage();
      process.stderr.write('\\n@@' + JSON.stringify({ maxRssMB: await peakMB(), cpuSeconds: (u.userCPUTime + u.systemCPUTime) / 1e6, code }) + '\\n');
    };
    ${body}
    await done();`;
  const start = process.hrtime.bigint();
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', wrapper], { encoding: 'utf8', maxBuffer: 1 << 26 });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const line = r.stderr.split('\n').find((l) => l.startsWith('@@'));
  if (!line) throw new Error(`child failed: ${r.stderr}`);
  const report = JSON.parse(line.slice(2)) as { maxRssMB: number; cpuSeconds: number; code: number };
  return { seconds, maxRssMB: report.maxRssMB, cpuSeconds: report.cpuSeconds, code: report.code };
}

/**
 * `quantgate ARGS` in a child (no args: Node's start-up alone, the baseline of small commands), through
 * `main`. process.argv stays the child's own: cli.js runs a command by itself when argv[1] names it, and
 * with both, every row ran its command twice at once (the scale section's peaks were twice the direct runs').
 */
export function measureChild(args: string[]): Measured {
  if (args.length === 0) return measureScript('');
  return measureScript(`
    const m = await import(${JSON.stringify(cli)});
    code = await m.main(${JSON.stringify(args)}, { stdout: () => {}, stderr: (t) => process.stderr.write(t) });`);
}

/**
 * Drops `file`'s pages from the page cache (written back first; `dd iflag=nocache count=0` is
 * posix_fadvise(DONTNEED) on that file alone), so that the next read comes from the disk. False where
 * that is not available (no GNU dd).
 */
export function evictFromPageCache(file: string): boolean {
  const synced = spawnSync('sync', [file]);
  if (synced.status !== 0) return false;
  const r = spawnSync('dd', [`if=${file}`, 'iflag=nocache', 'count=0'], { encoding: 'utf8' });
  return r.status === 0;
}

/** onnxruntime-node creating a session for `model` from its path (CPU, as quantgate's sessions), in a child: loading's time and peak. */
export function measureOrtLoad(model: string): Measured {
  const runtime = path.resolve(here, '../src/eval/runtime.js');
  return measureScript(`
    const { loadRuntime } = await import(${JSON.stringify(runtime)});
    const ort = await loadRuntime();
    const session = await ort.InferenceSession.create(${JSON.stringify(model)}, { executionProviders: ['cpu'], graphOptimizationLevel: 'all', logSeverityLevel: 4 });
    await session.release();`);
}

/** Reading `file` once from start to end in 16 MiB reads, in a child: the baseline of streaming commands. */
export function measureRead(file: string): Measured {
  return measureScript(`
    const fs = await import('node:fs');
    const fd = fs.openSync(${JSON.stringify(file)}, 'r');
    const buffer = Buffer.allocUnsafe(16 << 20);
    while (fs.readSync(fd, buffer, 0, buffer.length, null) > 0);
    fs.closeSync(fd);`);
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}
