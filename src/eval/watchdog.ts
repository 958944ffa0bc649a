/**
 * A time limit on each onnxruntime step (loading a model, one run). onnxruntime-node does its work
 * synchronously on the main thread, so no timer there can fire while a step hangs: a watchdog thread holds
 * the deadline instead. When a step overruns, the watchdog writes one line naming the file and the step on
 * stderr, removes the temporary folders it was given, and ends the process (SIGTERM, exit status 143; a
 * SIGKILL two seconds later if that was not enough): a clear error instead of a job hanging until the CI
 * system kills it.
 */
import { Worker } from 'node:worker_threads';

// Dynamic imports: an eval worker's code is read as CommonJS or as an ES module as the process's own
// --input-type says (a process started with --input-type=module has no require there). Messages posted
// before the imports resolve wait in the port until the listener is attached.
const WATCHDOG_SOURCE = `
(async () => {
const { parentPort } = await import('node:worker_threads');
const fs = await import('node:fs');
let timer = null;
let armed = -1;
parentPort.on('message', (m) => {
  if (m.type === 'arm') {
    clearTimeout(timer);
    armed = m.id;
    timer = setTimeout(() => fire(m), m.ms);
  } else if (m.type === 'disarm' && m.id === armed) {
    clearTimeout(timer);
    timer = null;
  }
});
function fire(m) {
  try { fs.writeSync(2, m.message + '\\n'); } catch {}
  for (const p of m.cleanup) { try { fs.rmSync(p, { recursive: true, force: true }); } catch {} }
  process.kill(process.pid, 'SIGTERM');
  setTimeout(() => process.kill(process.pid, 'SIGKILL'), 2000);
}
})();
`;

let worker: Worker | undefined;
let nextId = 0;

function watchdog(): Worker {
  if (!worker) {
    worker = new Worker(WATCHDOG_SOURCE, { eval: true });
    // The watchdog never keeps the process alive on its own.
    worker.unref();
  }
  return worker;
}

export interface StepLimit {
  /** Seconds the step may take; undefined or Infinity = no limit. */
  seconds?: number;
  /** Folders to remove if the step overruns (the process ends without running its own clean-up). */
  cleanup?: string[];
}

/** The one-line error the watchdog prints. */
export function overrunMessage(what: string, seconds: number): string {
  return `quantgate: ${what} did not finish within ${seconds} s (raise --timeout or the config's 'timeout')`;
}

/** Runs `fn` (one onnxruntime step); the process ends with a one-line error if it takes longer than the limit. */
export async function withinLimit<T>(what: string, limit: StepLimit, fn: () => Promise<T>): Promise<T> {
  const seconds = limit.seconds;
  if (seconds === undefined || !Number.isFinite(seconds)) return fn();
  const id = nextId++;
  const w = watchdog();
  w.postMessage({ type: 'arm', id, ms: seconds * 1000, message: overrunMessage(what, seconds), cleanup: limit.cleanup ?? [] });
  try {
    return await fn();
  } finally {
    w.postMessage({ type: 'disarm', id });
  }
}
