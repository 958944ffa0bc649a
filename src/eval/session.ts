/**
 * onnxruntime-node sessions on a chosen execution provider. An unavailable provider falls back to cpu
 * with a warning, never silently: the result says which provider really ran.
 *
 * Models are opened by path, so onnxruntime finds their external data next to them wherever the command
 * runs from; a model held in memory (a probe built by measured sensitivity) must have no external data.
 * Sessions start with the temporary-folder variables pointing at quantgate's scratch folder, and every
 * step (loading, each run) is under a time limit.
 */
import type * as Ort from 'onnxruntime-node';
import { loadRuntime, ort } from './runtime.js';
import type { ExecutionProvider } from '../config/config.js';
import { BadInputError, messageOf } from '../errors.js';
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

export async function openSession(
  source: ModelSource,
  ep: ExecutionProvider,
  warn: (m: string) => void,
  limits: SessionLimits = {},
): Promise<OpenSession> {
  await loadRuntime();
  if (ep !== 'cpu') {
    const backend = ort()
      .listSupportedBackends()
      .find((b) => b.name === ep);
    if (!backend) {
      warn(`execution provider '${ep}' is not available in this onnxruntime-node build; running on cpu`);
    } else {
      try {
        return { session: await create(source, ep, limits), ep };
      } catch (err) {
        warn(`execution provider '${ep}' failed to start (${messageOf(err)}); running on cpu`);
      }
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
