/**
 * onnxruntime-node sessions on a chosen execution provider. An unavailable provider falls back to cpu
 * with a warning, never silently: the result says which provider really ran.
 */
import type * as Ort from 'onnxruntime-node';
import { loadRuntime, ort } from './runtime.js';
import type { ExecutionProvider } from '../config/config.js';
import { BadInputError, messageOf } from '../errors.js';

export interface OpenSession {
  session: Ort.InferenceSession;
  ep: ExecutionProvider;
}

async function create(file: string, ep: ExecutionProvider): Promise<Ort.InferenceSession> {
  return ort().InferenceSession.create(file, {
    executionProviders: [ep],
    graphOptimizationLevel: 'all',
  });
}

export async function openSession(file: string, ep: ExecutionProvider, warn: (m: string) => void): Promise<OpenSession> {
  await loadRuntime();
  if (ep !== 'cpu') {
    const backend = ort()
      .listSupportedBackends()
      .find((b) => b.name === ep);
    if (!backend) {
      warn(`execution provider '${ep}' is not available in this onnxruntime-node build; running on cpu`);
    } else {
      try {
        return { session: await create(file, ep), ep };
      } catch (err) {
        warn(`execution provider '${ep}' failed to start (${messageOf(err)}); running on cpu`);
      }
    }
  }
  try {
    return { session: await create(file, 'cpu'), ep: 'cpu' };
  } catch (err) {
    throw new BadInputError(`${file}: onnxruntime cannot load the model (${messageOf(err)})`);
  }
}
