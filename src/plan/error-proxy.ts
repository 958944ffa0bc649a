/**
 * Expected quality loss of a layer at a bit width, before anything is run: the relative reconstruction
 * error ‖W − Q(W)‖² / ‖W‖² of the layer's own weights. For a layer fed normalized activations the relative
 * output error of y = xW is about the same number, which makes layers of different sizes comparable.
 */
import type { Layer } from '../analyze/types.js';
import type { OnnxModel } from '../onnx/read.js';
import { readTensorFloat32 } from '../onnx/read.js';
import { reconstructionError, transpose, type IntBits } from '../quant/blockwise.js';
import { matmulShape, storedOutputMajor, type Bits, type QuantSettings } from './bytes.js';

/** Expected relative error of `layer` stored at `bits`; 0 for unchanged. */
export type ErrorModel = (layer: Layer, bits: Bits) => number;

/** float16 keeps 11 significant bits: relative squared error about 2^-24 / 3 per value. */
const FP16_RELATIVE_ERROR = 2 ** -24 / 3;

/** Rows of the matrix as MatMulNBits holds them: [N, K], blocks along K. */
export function rowsByOutput(layer: Layer, values: Float32Array): Float32Array {
  const { K, N } = matmulShape(layer);
  return storedOutputMajor(layer) ? values : transpose(values, K, N);
}

export function weightErrorModel(model: OnnxModel, q: QuantSettings): ErrorModel {
  const cache = new Map<string, Map<Bits, number>>();
  return (layer, bits) => {
    if (bits === 32) return 0;
    if (bits === 16) return FP16_RELATIVE_ERROR;
    let perBits = cache.get(layer.name);
    if (!perBits) cache.set(layer.name, (perBits = new Map()));
    const known = perBits.get(bits);
    if (known !== undefined) return known;
    const info = model.initializers.get(layer.name)!;
    const { K, N } = matmulShape(layer);
    const rows = rowsByOutput(layer, readTensorFloat32(info));
    const { error, norm } = reconstructionError(rows, N, K, { bits: bits as IntBits, blockSize: q.blockSize, symmetric: q.symmetric });
    const relative = norm > 0 ? error / norm : 0;
    perBits.set(bits, relative);
    return relative;
  };
}
