/** A weight's values as the kernels quantize them. */
import type { Layer } from '../analyze/types.js';
import { matmulShape, storedOutputMajor } from '../formats/layout.js';
import { rowsBuffer, stagingBytes, transpose, transposeInKernels } from './blockwise.js';

/**
 * Rows of the matrix as MatMulNBits holds them: [N, K], blocks along K. A weight stored [K, N] is
 * transposed straight into the kernels' memory (`rowsBuffer`: no second copy there), valid until the next
 * call.
 */
export function rowsByOutput(layer: Layer, values: Float32Array): Float32Array {
  const { K, N } = matmulShape(layer);
  if (storedOutputMajor(layer)) return values;
  const rows = rowsBuffer(N * K);
  // Copied into the kernels' memory and transposed there (SIMD) where they run: faster than a plain transpose.
  const staged = stagingBytes(N * K * 4);
  if (staged) {
    staged.set(new Uint8Array(values.buffer, values.byteOffset, values.byteLength));
    if (transposeInKernels(staged, 0, K, N, rows)) return rows;
  }
  return transpose(values, K, N, rows);
}
