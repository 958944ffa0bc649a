/** A weight's values as the kernels quantize them. */
import type { Layer } from '../analyze/types.js';
import { matmulShape, storedOutputMajor } from '../formats/layout.js';
import { rowsBuffer, transpose } from './blockwise.js';

/**
 * Rows of the matrix as MatMulNBits holds them: [N, K], blocks along K. A weight stored [K, N] is
 * transposed straight into the kernels' memory (`rowsBuffer`: no second copy there), valid until the next
 * call.
 */
export function rowsByOutput(layer: Layer, values: Float32Array): Float32Array {
  const { K, N } = matmulShape(layer);
  return storedOutputMajor(layer) ? values : transpose(values, K, N, rowsBuffer(N * K));
}
