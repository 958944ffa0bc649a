/** A weight's values as the kernels quantize them. */
import type { Layer } from '../analyze/types.js';
import { matmulShape, storedOutputMajor } from '../formats/layout.js';
import { transpose } from './blockwise.js';

/** Rows of the matrix as MatMulNBits holds them: [N, K], blocks along K. */
export function rowsByOutput(layer: Layer, values: Float32Array): Float32Array {
  const { K, N } = matmulShape(layer);
  return storedOutputMajor(layer) ? values : transpose(values, K, N);
}
