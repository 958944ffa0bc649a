/**
 * onnxruntime-node sessions on a chosen execution provider. An unavailable provider falls back to cpu
 * with a warning, never silently: the result says which provider really ran.
 */
import type * as Ort from 'onnxruntime-node';
import { loadRuntime, ort } from './runtime.js';
import { BadInputError, messageOf } from '../errors.js';

export const EXECUTION_PROVIDERS = ['cpu', 'webgpu', 'cuda'] as const;
export type ExecutionProvider = (typeof EXECUTION_PROVIDERS)[number];

export function parseExecutionProvider(value: string | undefined, where: string): ExecutionProvider {
  if (value === undefined) return 'cpu';
  if ((EXECUTION_PROVIDERS as readonly string[]).includes(value)) return value as ExecutionProvider;
  throw new BadInputError(`${where}: execution provider must be one of ${EXECUTION_PROVIDERS.join(', ')} (got '${value}')`);
}

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
