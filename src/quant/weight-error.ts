/**
 * Expected quality loss of a layer at a bit width, before anything is run: the relative reconstruction
 * error ‖W − Q(W)‖² / ‖W‖² of the layer's own weights. For a layer fed normalized activations the relative
 * output error of y = xW is about the same number, which makes layers of different sizes comparable.
 */
import type { Layer } from '../analyze/types.js';
import { allowedBits, isIntBits, matmulShape, type Bits, type QuantSettings } from '../formats/layout.js';
import { readTensorFloat32, type OnnxModel } from '../onnx/read.js';
import type { ErrorModel } from '../plan/error-model.js';
import { reconstructionError } from './blockwise.js';
import { rowsByOutput } from './rows.js';

/** float16 keeps 11 significant bits: relative squared error about 2^-24 / 3 per value. */
const FP16_RELATIVE_ERROR = 2 ** -24 / 3;

/** The layer's relative reconstruction error at each integer width it can take, from its float32 values. */
export function layerWeightErrors(layer: Layer, values: Float32Array, q: QuantSettings): Map<Bits, number> {
  const { K, N } = matmulShape(layer);
  const errors = new Map<Bits, number>();
  for (const bits of allowedBits(layer).filter(isIntBits)) {
    // rowsByOutput may reuse the kernels' memory: taken again for each width.
    const { error, norm } = reconstructionError(rowsByOutput(layer, values), N, K, {
      bits,
      blockSize: q.blockSize,
      symmetric: q.symmetric,
    });
    errors.set(bits, norm > 0 ? error / norm : 0);
  }
  return errors;
}

export function weightErrorModel(model: OnnxModel, q: QuantSettings): ErrorModel {
  const cache = new Map<string, Map<Bits, number>>();
  return (layer: Layer, bits: Bits) => {
    if (!isIntBits(bits)) return bits === 16 ? FP16_RELATIVE_ERROR : 0;
    let perBits = cache.get(layer.name);
    if (!perBits) {
      // Every width at once: the layer is read once.
      const info = model.initializers.get(layer.name);
      if (!info) throw new Error(`${model.path}: no initializer '${layer.name}'`);
      cache.set(layer.name, (perBits = layerWeightErrors(layer, readTensorFloat32(info), q)));
    }
    const known = perBits.get(bits);
    if (known !== undefined) return known;
    // A width the layer's op cannot take (the planner does not ask): measured on request.
    const { K, N } = matmulShape(layer);
    const info = model.initializers.get(layer.name)!;
    const { error, norm } = reconstructionError(rowsByOutput(layer, readTensorFloat32(info)), N, K, {
      bits,
      blockSize: q.blockSize,
      symmetric: q.symmetric,
    });
    const relative = norm > 0 ? error / norm : 0;
    perBits.set(bits, relative);
    return relative;
  };
}
