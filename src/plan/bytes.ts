/**
 * Exact byte accounting: what the quantized file will hold for a layer at a bit width, in the layouts the
 * quantizer writes (onnxruntime's com.microsoft MatMulNBits and GatherBlockQuantized).
 */
import { DataType } from '../onnx/dtype.js';
import type { Layer } from '../analyze/types.js';

export type Bits = 32 | 16 | 8 | 4 | 2;
export const ALL_BITS: readonly Bits[] = [32, 16, 8, 4, 2];

export interface QuantSettings {
  blockSize: number;
  symmetric: boolean;
}

/**
 * Whether the initializer is stored [N, K] (output-major): Gemm with transB, Gather tables, and tables read
 * through a Transpose (tied heads). MatMul B and plain Gemm B are [K, N].
 */
export function storedOutputMajor(layer: Layer): boolean {
  if (layer.tied || layer.role === 'gather') return true;
  const transposed = layer.uses[0]?.transposed ?? false;
  if (layer.role === 'gemm') return layer.transB !== transposed;
  return transposed;
}

/** The matrix a MatMulNBits would hold: N output columns of K inputs. */
export function matmulShape(layer: Layer): { K: number; N: number } {
  const [a, b] = [layer.shape[0] ?? 1, layer.shape[1] ?? 1];
  return storedOutputMajor(layer) ? { K: b, N: a } : { K: a, N: b };
}

/** Bit widths the layer's op can take once rewritten. */
export function allowedBits(layer: Layer): readonly Bits[] {
  const twoD = layer.shape.length === 2;
  if (twoD && (layer.tied || layer.role === 'gather')) return [32, 16, 8, 4];
  if (twoD && (layer.role === 'matmul' || layer.role === 'gemm')) return ALL_BITS;
  return [32, 16];
}

/** Bytes of one scale: the activation dtype (float32 models keep float32 scales, float16 models float16). */
export function scaleBytes(layer: Layer): number {
  return layer.dataType === DataType.FLOAT16 || layer.dataType === DataType.BFLOAT16 ? 2 : 4;
}

/**
 * Bytes of `layer` stored at `bits`:
 * - 32: unchanged; 16: float16 copy.
 * - MatMulNBits: B uint8 [N, k_blocks, block_size·bits/8], scales [N·k_blocks], zero points (asymmetric only)
 *   uint8 [N · ceil(k_blocks·bits/8)].
 * - GatherBlockQuantized: data uint8 [rows, ceil(cols·bits/8)], scales [rows, k_blocks],
 *   zero points (asymmetric only) uint8 [rows, ceil(k_blocks·bits/8)].
 */
export function layerBytes(layer: Layer, bits: Bits, q: QuantSettings): number {
  if (bits === 32) return layer.bytes;
  if (bits === 16) return layer.params * 2;
  const { K, N } = matmulShape(layer);
  const kBlocks = Math.ceil(K / q.blockSize);
  const zeroPoints = q.symmetric ? 0 : N * Math.ceil((kBlocks * bits) / 8);
  const scales = N * kBlocks * scaleBytes(layer);
  const gatherCodes = N * Math.ceil((K * bits) / 8);
  const matmulCodes = N * kBlocks * ((q.blockSize * bits) / 8);
  // A tied table is read by Gather and MatMulNBits: one copy of the codes when K fills whole blocks
  // (the two layouts are then the same bytes, plus a 3-value int64 shape for the Reshape), else both.
  const codes = !layer.tied
    ? layer.role === 'gather'
      ? gatherCodes
      : matmulCodes
    : K % q.blockSize === 0
      ? gatherCodes + 24
      : gatherCodes + matmulCodes;
  return codes + scales + zeroPoints;
}
