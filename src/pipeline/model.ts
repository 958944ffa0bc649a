/** The first stage every command shares: a model read and analyzed once, handed on to every later stage. */
import { analyzeModel } from '../analyze/inventory.js';
import type { Inventory } from '../analyze/types.js';
import { readModel, type OnnxModel } from '../onnx/read.js';

export interface AnalyzedModel {
  model: OnnxModel;
  inventory: Inventory;
}

export function loadModel(file: string): AnalyzedModel {
  const model = readModel(file);
  return { model, inventory: analyzeModel(model) };
}

/** Whether the model keeps tensors in an external data file: its quantized copy then does too. */
export function hasExternalData(model: OnnxModel): boolean {
  return [...model.initializers.values()].some((i) => i.storage.kind === 'external');
}
