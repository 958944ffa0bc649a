/**
 * The nodes that turn a super-block layer's stored tensors (formats/layout.ts) into the scales and float zero
 * points MatMulNBits reads. Every input is a constant, so onnxruntime folds them when it loads the model; the
 * arithmetic is the one `effectiveScale` (quant/super-blocks.ts) computes the codes for:
 *
 *   indices uint8 [N, G, g] → int32 → (g > 1: MatMul by [1, 256, 65536]ᵀ, joining a group's bytes) [N, G, 1]
 *     → Div by [1, 2^b, 2^2b, …] → Mod 2^b → [N, G, indices per group] → Reshape [N, S, blocks, 2] → float
 *   i_scale, i_min = Gather 0 and 1 on the last axis  [N, S, blocks]
 *   scale = i_scale · float(d), offset = i_min · float(dmin)   (d, dmin float16 [N, S, 1])
 *   scales = Reshape [N, k_blocks]; zero points = offset / scale
 * For a float16 op both are cast to float16, the zero point divided by the float16 scale.
 */
import { AttributeType, type Attribute, type NodeProto } from '../onnx/schema.js';
import { DataType } from '../onnx/dtype.js';
import { indexRowBytes, superBlockConstantShapes, superBlockSpan, type SuperBlockFormat } from '../formats/layout.js';
import type { PackedMatrix } from './blockwise.js';

/** Names a tensor the layer will produce, with what fills it; returns its name. */
export type PlanTensor = (base: string, dims: number[], dataType: number, fill: (m: PackedMatrix) => Uint8Array) => string;

const bytesOf = (a: ArrayBufferView) => new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
const intAttr = (name: string, i: number): Attribute => ({ name, type: AttributeType.INT, i });

/**
 * Plans the layer's stored super-block tensors and returns the nodes computing its scales and zero points in
 * `opType` (float or float16), with their output names. `fresh` makes unique value names.
 */
export function superBlockScaleNodes(
  base: string,
  N: number,
  K: number,
  f: SuperBlockFormat,
  opType: number,
  plan: PlanTensor,
  fresh: (base: string) => string,
): { nodes: NodeProto[]; scales: string; zeroPoints: string } {
  const span = superBlockSpan(K, f);
  const supers = K / span;
  const perSuper = span / f.blockSize;
  const groups = indexRowBytes(K, f) / f.groupBytes;
  const indices = plan(`${base}_sb_indices`, [N, groups, f.groupBytes], DataType.UINT8, (m) => m.superBlocks!.indices);
  const d = plan(`${base}_sb_d`, [N, supers, 1], DataType.FLOAT16, (m) => bytesOf(m.superBlocks!.superScales));
  const dmin = plan(`${base}_sb_dmin`, [N, supers, 1], DataType.FLOAT16, (m) => bytesOf(m.superBlocks!.superMins));
  // The constants, in the order (and of the shapes) formats/layout.ts counts.
  const shapes = superBlockConstantShapes(f);
  let at = 0;
  const constant = (name: string, dataType: number, values: Int32Array | BigInt64Array) =>
    plan(`${base}_sb_${name}`, shapes[at++]!.dims, dataType, () => bytesOf(values));
  const byteWeights =
    f.groupBytes > 1
      ? constant(
          'bytes',
          DataType.INT32,
          Int32Array.from({ length: f.groupBytes }, (_, i) => 256 ** i),
        )
      : null;
  const divisors = constant(
    'div',
    DataType.INT32,
    Int32Array.from({ length: f.indicesPerGroup }, (_, i) => 2 ** (f.indexBits * i)),
  );
  const modulus = constant('mod', DataType.INT32, Int32Array.of(2 ** f.indexBits));
  const first = constant('i0', DataType.INT64, BigInt64Array.of(0n));
  const second = constant('i1', DataType.INT64, BigInt64Array.of(1n));
  const pairsShape = constant('pairs', DataType.INT64, BigInt64Array.from([N, supers, perSuper, 2].map(BigInt)));
  const scalesShape = constant('shape', DataType.INT64, BigInt64Array.from([N, K / f.blockSize].map(BigInt)));

  const nodes: NodeProto[] = [];
  const node = (opType: string, inputs: string[], attribute: Attribute[] = [], outName = 'v'): string => {
    const output = fresh(`${base}_sb_${outName}`);
    nodes.push({ input: inputs, output: [output], name: fresh(`${base}_sb_${opType.toLowerCase()}`), opType, attribute });
    return output;
  };
  const cast = (input: string, to: number) => node('Cast', [input], [intAttr('to', to)]);
  let words = cast(indices, DataType.INT32);
  if (byteWeights) words = node('MatMul', [words, byteWeights]);
  const pairs = node('Reshape', [node('Mod', [node('Div', [words, divisors]), modulus]), pairsShape]);
  const pairValues = cast(pairs, DataType.FLOAT);
  const iScale = node('Gather', [pairValues, first], [intAttr('axis', 3)]);
  const iMin = node('Gather', [pairValues, second], [intAttr('axis', 3)]);
  const scale = node('Reshape', [node('Mul', [iScale, cast(d, DataType.FLOAT)]), scalesShape], [], 'scales');
  const offset = node('Reshape', [node('Mul', [iMin, cast(dmin, DataType.FLOAT)]), scalesShape], [], 'offsets');
  if (opType !== DataType.FLOAT16) return { nodes, scales: scale, zeroPoints: node('Div', [offset, scale], [], 'zero_points') };
  const halfScale = cast(scale, DataType.FLOAT16);
  const zero = node('Div', [offset, cast(halfScale, DataType.FLOAT)]);
  return { nodes, scales: halfScale, zeroPoints: cast(zero, DataType.FLOAT16) };
}
