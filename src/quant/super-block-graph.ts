/**
 * The nodes that run a super-block layer (formats/layout.ts) on onnxruntime's fast path. A super-block value
 * is scale·q − offset; MatMulNBits' integer zero points cannot say that, and its float zero points take a
 * path about 500× slower on the CPU (onnxruntime 1.30: 360 ms against 0.65 ms for one token through a
 * 4096×4096 INT4 layer). So the layer is the symmetric MatMulNBits (zero point 2^(bits−1), the fast path)
 * plus a correction by block: with h = 2^(bits−1),
 *
 *   scale·(q − zero) = scale·(q − h) − scale·(zero − h)
 *   y = MatMulNBits(A) − Σ_blocks (Σ_{k ∈ block} a_k) · scale·(zero − h)
 *
 * the second term a MatMul of A's block sums [..., k_blocks] by a [k_blocks, N] matrix (1/block_size of the
 * main product's work).
 *
 * Layer nodes (every input a constant: onnxruntime folds them when it loads the model), from the stored
 * indices uint8 [N, G, g], d and dmin float16 [N, S, 1]:
 *   indices → int32 → (g > 1: MatMul by [1, 256, 65536]ᵀ, joining a group's bytes) → Div by
 *   [1, 2^b, 2^2b, …] → Mod 2^b → Reshape [N, S, blocks, 2] → float → i_scale, i_min (Gather 0, 1)
 *   scale = Reshape(i_scale · float(d) · 2^−10) [N, k_blocks] (cast to float16 for a float16 op, and back)
 *   zero = Reshape(i_min · float(dmin) · 2^−10) / scale (through float16 for a float16 op)
 *   correction matrix = Transpose(scale · (zero − h))  [k_blocks, N]
 * so that each value is scale·(q − zero), the value the codes were chosen for (`effectiveScale`).
 * Use nodes (per reader): Reshape A to [..., k_blocks, block] (its leading dims from Shape), MatMul by ones
 * [block] → block sums, MatMul by the correction matrix, Sub from MatMulNBits' output. A float16 op's
 * correction is computed in float and cast.
 */
import { AttributeType, type Attribute, type NodeProto } from '../onnx/schema.js';
import { DataType } from '../onnx/dtype.js';
import { indexRowBytes, superBlockConstantShapes, superBlockSpan, type SuperBlockFormat } from '../formats/layout.js';
import type { PackedMatrix } from './blockwise.js';
import { FACTOR_UNIT } from './super-blocks.js';

/** Names a tensor the layer will produce, with what fills it; returns its name. */
export type PlanTensor = (base: string, dims: number[], dataType: number, fill: (m: PackedMatrix) => Uint8Array) => string;

const bytesOf = (a: ArrayBufferView) => new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
const intAttr = (name: string, i: number): Attribute => ({ name, type: AttributeType.INT, i });

/** A layer's computed tensors: MatMulNBits' scales (in the op's type) and the correction matrix (float). */
export interface SuperBlockTensors {
  scales: string;
  correction: string;
  /** Constants the use nodes read: Slice bounds of A's shape, the block shape, ones. */
  sliceStart: string;
  sliceEnd: string;
  blockShape: string;
  ones: string;
}

/** Appends a node with a fresh output name; returns the name. */
type AddNode = (opType: string, inputs: string[], attribute?: Attribute[], outName?: string) => string;

function nodeAdder(nodes: NodeProto[], base: string, fresh: (base: string) => string): AddNode {
  return (opType, inputs, attribute = [], outName = 'v') => {
    const output = fresh(`${base}_sb_${outName}`);
    nodes.push({ input: inputs, output: [output], name: fresh(`${base}_sb_${opType.toLowerCase()}`), opType, attribute });
    return output;
  };
}

/** The names of a layer's stored super-block tensors and constants. */
export interface SuperBlockStored {
  indices: string;
  d: string;
  dmin: string;
  byteWeights: string | null;
  divisors: string;
  modulus: string;
  first: string;
  second: string;
  pairsShape: string;
  scalesShape: string;
  half: string;
  unit: string;
  sliceStart: string;
  sliceEnd: string;
  blockShape: string;
  ones: string;
}

/** Plans the layer's stored tensors and the constants its nodes read, once per layer. */
export function planSuperBlockTensors(base: string, N: number, K: number, f: SuperBlockFormat, plan: PlanTensor): SuperBlockStored {
  const span = superBlockSpan(K, f);
  const supers = K / span;
  const perSuper = span / f.blockSize;
  const kBlocks = K / f.blockSize;
  const groups = indexRowBytes(K, f) / f.groupBytes;
  const indices = plan(`${base}_sb_indices`, [N, groups, f.groupBytes], DataType.UINT8, (m) => m.superBlocks!.indices);
  const d = plan(`${base}_sb_d`, [N, supers, 1], DataType.FLOAT16, (m) => bytesOf(m.superBlocks!.superScales));
  const dmin = plan(`${base}_sb_dmin`, [N, supers, 1], DataType.FLOAT16, (m) => bytesOf(m.superBlocks!.superMins));
  // The constants, in the order (and of the shapes) formats/layout.ts counts.
  const shapes = superBlockConstantShapes(f);
  let at = 0;
  const constant = (name: string, dataType: number, values: Int32Array | BigInt64Array | Float32Array) =>
    plan(`${base}_sb_${name}`, shapes[at++]!.dims, dataType, () => bytesOf(values));
  return {
    indices,
    d,
    dmin,
    byteWeights:
      f.groupBytes > 1
        ? constant(
            'bytes',
            DataType.INT32,
            Int32Array.from({ length: f.groupBytes }, (_, i) => 256 ** i),
          )
        : null,
    divisors: constant(
      'div',
      DataType.INT32,
      Int32Array.from({ length: f.indicesPerGroup }, (_, i) => 2 ** (f.indexBits * i)),
    ),
    modulus: constant('mod', DataType.INT32, Int32Array.of(2 ** f.indexBits)),
    first: constant('i0', DataType.INT64, BigInt64Array.of(0n)),
    second: constant('i1', DataType.INT64, BigInt64Array.of(1n)),
    pairsShape: constant('pairs', DataType.INT64, BigInt64Array.from([N, supers, perSuper, 2].map(BigInt))),
    scalesShape: constant('shape', DataType.INT64, BigInt64Array.from([N, kBlocks].map(BigInt))),
    half: constant('half', DataType.FLOAT, Float32Array.of(2 ** (f.bits - 1))),
    unit: constant('unit', DataType.FLOAT, Float32Array.of(FACTOR_UNIT)),
    sliceStart: constant('start', DataType.INT64, BigInt64Array.of(0n)),
    sliceEnd: constant('end', DataType.INT64, BigInt64Array.of(-1n)),
    blockShape: constant('blocks', DataType.INT64, BigInt64Array.from([kBlocks, f.blockSize].map(BigInt))),
    ones: constant('ones', DataType.FLOAT, new Float32Array(f.blockSize).fill(1)),
  };
}

/**
 * The layer nodes (for the graph's prologue) computing MatMulNBits' scales and the correction matrix from the
 * stored tensors, for an op computing in `opType` (float or float16) and, for a Gemm's alpha, `multiplier`
 * on both terms.
 */
export function superBlockLayerNodes(
  base: string,
  stored: SuperBlockStored,
  opType: number,
  multiplier: number,
  fresh: (base: string) => string,
): { nodes: NodeProto[]; tensors: SuperBlockTensors } {
  const { indices, d, dmin, byteWeights, divisors, modulus, first, second, pairsShape, scalesShape, half, unit } = stored;
  const nodes: NodeProto[] = [];
  const node = nodeAdder(nodes, base, fresh);
  const cast = (input: string, to: number) => node('Cast', [input], [intAttr('to', to)]);
  let words = cast(indices, DataType.INT32);
  if (byteWeights) words = node('MatMul', [words, byteWeights]);
  const pairs = node('Reshape', [node('Mod', [node('Div', [words, divisors]), modulus]), pairsShape]);
  const pairValues = cast(pairs, DataType.FLOAT);
  const iScale = node('Gather', [pairValues, first], [intAttr('axis', 3)]);
  const iMin = node('Gather', [pairValues, second], [intAttr('axis', 3)]);
  let scale = node('Reshape', [node('Mul', [iScale, node('Mul', [cast(d, DataType.FLOAT), unit])]), scalesShape], [], 'scales');
  let opScales = scale;
  if (opType === DataType.FLOAT16) {
    // The float16 scale MatMulNBits reads is the one the correction is computed with.
    opScales = cast(scale, DataType.FLOAT16);
    scale = cast(opScales, DataType.FLOAT);
  }
  // The zero point the codes were chosen for (quant/super-blocks.ts effectiveScale): offset / scale, rounded
  // to float16 for a float16 op; the correction scale·(zero − h) makes each value scale·(q − zero).
  const offset = node('Reshape', [node('Mul', [iMin, node('Mul', [cast(dmin, DataType.FLOAT), unit])]), scalesShape]);
  let zero = node('Div', [offset, scale], [], 'zero_points');
  if (opType === DataType.FLOAT16) zero = cast(cast(zero, DataType.FLOAT16), DataType.FLOAT);
  let correction = node('Mul', [scale, node('Sub', [zero, half])]);
  if (multiplier !== 1) {
    // Gemm's alpha, on both terms.
    const factor = node('Constant', [], [{ name: 'value_float', type: AttributeType.FLOAT, f: multiplier }], 'alpha');
    correction = node('Mul', [correction, factor]);
    opScales = node('Mul', [opScales, opType === DataType.FLOAT ? factor : cast(factor, opType)], [], 'scales');
  }
  correction = node('Transpose', [correction], [{ name: 'perm', type: AttributeType.INTS, ints: [1, 0] }], 'correction');
  return {
    nodes,
    tensors: {
      scales: opScales,
      correction,
      sliceStart: stored.sliceStart,
      sliceEnd: stored.sliceEnd,
      blockShape: stored.blockShape,
      ones: stored.ones,
    },
  };
}

/**
 * The nodes after one reader's MatMulNBits (`main`, its output): `output` = main − A's block sums × the
 * correction matrix, in `opType`.
 */
export function superBlockUseNodes(
  base: string,
  activation: string,
  main: string,
  output: string,
  t: SuperBlockTensors,
  opType: number,
  fresh: (base: string) => string,
): NodeProto[] {
  const nodes: NodeProto[] = [];
  const node = nodeAdder(nodes, base, fresh);
  const a = opType === DataType.FLOAT ? activation : node('Cast', [activation], [intAttr('to', DataType.FLOAT)]);
  const lead = node('Slice', [node('Shape', [a]), t.sliceStart, t.sliceEnd]);
  const blocks = node('Reshape', [a, node('Concat', [lead, t.blockShape], [intAttr('axis', 0)])]);
  let correction = node('MatMul', [node('MatMul', [blocks, t.ones], [], 'block_sums'), t.correction]);
  if (opType !== DataType.FLOAT) correction = node('Cast', [correction], [intAttr('to', opType)]);
  nodes.push({ input: [main, correction], output: [output], name: fresh(`${base}_sb_sub`), opType: 'Sub' });
  return nodes;
}
