/**
 * onnxruntime-node sessions on a chosen execution provider. An unavailable provider falls back to cpu
 * with one warning line, never silently: the result says which provider really ran. Whether a GPU
 * provider works is probed in a child process first, so the native error lines of one that does not
 * (GPU drivers, onnxruntime's provider bridge) never reach the user.
 *
 * Models are opened by path, so onnxruntime finds their external data next to them wherever the command
 * runs from; a model held in memory (a probe built by measured sensitivity) must have no external data.
 * Sessions start with the temporary-folder variables pointing at quantgate's scratch folder, and every
 * step (loading, each run) is under a time limit.
 */
import type * as Ort from 'onnxruntime-node';
import { loadRuntime, ort } from './runtime.js';
import type { ExecutionProvider, ProviderChoice } from '../config/config.js';
import { BadInputError, messageOf } from '../errors.js';
import { probeProvider } from './provider-probe.js';
import { inScratch, scratchDir } from './scratch.js';
import { withinLimit } from './watchdog.js';
import type { Feeds } from './inputs.js';

export interface OpenSession {
  session: Ort.InferenceSession;
  ep: ExecutionProvider;
}

/** A model file, or a model built in memory (no external data) with the name errors give it. */
export type ModelSource = string | { bytes: Uint8Array; name: string };

export interface SessionLimits {
  /** Seconds each step (loading, one run) may take; none = no limit. */
  timeoutSeconds?: number;
  /** Folders to remove if a step overruns, besides the scratch folder. */
  cleanup?: string[];
}

const nameOf = (source: ModelSource) => (typeof source === 'string' ? source : source.name);

/**
 * Session options. Graph optimizations stay at `all`: the passes cost little on real exports, and on long
 * chains of nodes the cost is in onnxruntime's session planning whatever the level (see the README's
 * measurements), which the step's time limit bounds. onnxruntime's own log lines are off: its errors come
 * back as exceptions, which quantgate reports in one line.
 */
function sessionOptions(ep: ExecutionProvider): Ort.InferenceSession.SessionOptions {
  return { executionProviders: [ep], graphOptimizationLevel: 'all', logSeverityLevel: 4 };
}

async function create(source: ModelSource, ep: ExecutionProvider, limits: SessionLimits): Promise<Ort.InferenceSession> {
  const limit = { seconds: limits.timeoutSeconds, cleanup: [scratchDir(), ...(limits.cleanup ?? [])] };
  return withinLimit(`${nameOf(source)}: loading the model into onnxruntime`, limit, () =>
    inScratch(() =>
      typeof source === 'string'
        ? ort().InferenceSession.create(source, sessionOptions(ep))
        : ort().InferenceSession.create(source.bytes, sessionOptions(ep)),
    ),
  );
}

/** GPU providers `auto` tries, in order of preference. */
const GPU_PROVIDERS: ExecutionProvider[] = ['cuda', 'webgpu'];

/** Warned once per process: a check opens many sessions. */
const warned = new Set<string>();

function warnOnce(warn: (m: string) => void, message: string): void {
  if (warned.has(message)) return;
  warned.add(message);
  warn(message);
}

/** The provider to use for `choice` on this machine, with one warning when it falls back to cpu. */
export function resolveProvider(choice: ProviderChoice, warn: (m: string) => void): ExecutionProvider {
  if (choice === 'cpu') return 'cpu';
  const listed = new Set(
    ort()
      .listSupportedBackends()
      .map((b) => b.name),
  );
  const candidates = choice === 'auto' ? GPU_PROVIDERS : [choice];
  const reasons: string[] = [];
  for (const ep of candidates) {
    if (!listed.has(ep)) {
      reasons.push(`${ep}: not in this onnxruntime-node build`);
      continue;
    }
    const probe = probeProvider(ep);
    if (probe.ok) return ep;
    reasons.push(`${ep}: ${probe.reason}`);
  }
  warnOnce(
    warn,
    choice === 'auto'
      ? `execution provider auto: no GPU provider works here (${reasons.join('; ')}); running on cpu`
      : `execution provider '${choice}' is not available (${reasons.join('; ')}); running on cpu`,
  );
  return 'cpu';
}

export async function openSession(
  source: ModelSource,
  choice: ProviderChoice,
  warn: (m: string) => void,
  limits: SessionLimits = {},
): Promise<OpenSession> {
  await loadRuntime();
  const ep = resolveProvider(choice, warn);
  if (ep !== 'cpu') {
    try {
      return { session: await create(source, ep, limits), ep };
    } catch (err) {
      warnOnce(warn, `execution provider '${ep}' failed to start (${oneLine(messageOf(err))}); running on cpu`);
    }
  }
  try {
    return { session: await create(source, 'cpu', limits), ep: 'cpu' };
  } catch (err) {
    throw new BadInputError(`${nameOf(source)}: onnxruntime cannot load the model (${oneLine(messageOf(err))})`);
  }
}

/** One run of a session under the step limit; an onnxruntime error is bad input naming the model. */
export async function runSession(
  session: Ort.InferenceSession,
  feeds: Feeds,
  model: string,
  limits: SessionLimits = {},
  fetches?: string[],
): Promise<Ort.InferenceSession.OnnxValueMapType> {
  const limit = { seconds: limits.timeoutSeconds, cleanup: [scratchDir(), ...(limits.cleanup ?? [])] };
  try {
    return await withinLimit(`${model}: running the model in onnxruntime`, limit, () =>
      fetches ? session.run(feeds, fetches) : session.run(feeds),
    );
  } catch (err) {
    throw new BadInputError(`${model}: onnxruntime failed to run the model (${oneLine(messageOf(err))})`);
  }
}

/** onnxruntime's messages can span lines; errors here are one line. */
function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').trim();
}
