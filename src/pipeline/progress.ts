/**
 * Progress of long steps, one line at a time on stderr (the CLI) or the log (the action): the step, the
 * item `i/N`, elapsed time and an estimate of what is left. Quiet for steps that end within `delayS` (no
 * noise on small models), then at most one line every `intervalS`, and a last line when a step that printed
 * anything ends. `--quiet` turns it off; stdout (and `--json`) never sees it.
 */
import type { Io } from './io.js';

export interface ProgressOptions {
  /** No line before this many seconds have passed (default 2). */
  delayS?: number;
  /** At most one line per this many seconds (default 5). */
  intervalS?: number;
  /** The clock, in seconds (tests pass their own). */
  now?: () => number;
}

const clock = () => Number(process.hrtime.bigint()) / 1e9;

/** Seconds as people read them: `4.2 s`, `3 min 12 s`. */
export function formatSeconds(s: number): string {
  if (s < 60) return `${s.toFixed(1)} s`;
  const m = Math.floor(s / 60);
  return `${m} min ${Math.round(s - m * 60)} s`;
}

export class Progress {
  private readonly started: number;
  private lastLine = Number.NEGATIVE_INFINITY;
  private printed = false;
  private readonly delayS: number;
  private readonly intervalS: number;
  private readonly now: () => number;

  constructor(
    private readonly write: ((line: string) => void) | null,
    readonly step: string,
    options: ProgressOptions = {},
  ) {
    this.now = options.now ?? clock;
    this.delayS = options.delayS ?? 2;
    this.intervalS = options.intervalS ?? 5;
    this.started = this.now();
  }

  /**
   * `done` of `total` items finished, the last one `label`; `fraction` is the share of the work done when
   * items differ in size (default done / total), which the estimate of what is left is based on.
   */
  update(done: number, total: number, label: string, fraction = total > 0 ? done / total : 1): void {
    if (!this.write || done >= total) return;
    const t = this.now();
    const elapsed = t - this.started;
    if (elapsed < this.delayS || t - this.lastLine < this.intervalS) return;
    this.lastLine = t;
    this.printed = true;
    const left = fraction > 0 ? (elapsed * (1 - fraction)) / fraction : null;
    const estimate = left === null ? '' : `, about ${formatSeconds(left)} left`;
    this.write(`${this.step}: ${done}/${total} ${label} (${formatSeconds(elapsed)} elapsed${estimate})`);
  }

  /** Ends the step: one closing line when progress was shown. */
  finish(summary: string): void {
    if (!this.write || !this.printed) return;
    this.write(`${this.step}: ${summary} in ${formatSeconds(this.now() - this.started)}`);
  }
}

/** A progress reporter writing to the Io's stderr, or to nothing when `quiet`. */
export function progressTo(io: Io, step: string, quiet: boolean, options: ProgressOptions = {}): Progress {
  return new Progress(quiet ? null : (line) => io.stderr(`${line}\n`), step, options);
}
