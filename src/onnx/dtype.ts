/** ONNX TensorProto.DataType codes and their storage sizes. */
export const DataType = {
  UNDEFINED: 0,
  FLOAT: 1,
  UINT8: 2,
  INT8: 3,
  UINT16: 4,
  INT16: 5,
  INT32: 6,
  INT64: 7,
  STRING: 8,
  BOOL: 9,
  FLOAT16: 10,
  DOUBLE: 11,
  UINT32: 12,
  UINT64: 13,
  COMPLEX64: 14,
  COMPLEX128: 15,
  BFLOAT16: 16,
  FLOAT8E4M3FN: 17,
  FLOAT8E4M3FNUZ: 18,
  FLOAT8E5M2: 19,
  FLOAT8E5M2FNUZ: 20,
  UINT4: 21,
  INT4: 22,
  FLOAT4E2M1: 23,
  FLOAT8E8M0: 24,
  UINT2: 25,
  INT2: 26,
} as const;

const BITS: Record<number, number> = {
  1: 32,
  2: 8,
  3: 8,
  4: 16,
  5: 16,
  6: 32,
  7: 64,
  9: 8,
  10: 16,
  11: 64,
  12: 32,
  13: 64,
  14: 64,
  15: 128,
  16: 16,
  17: 8,
  18: 8,
  19: 8,
  20: 8,
  21: 4,
  22: 4,
  23: 4,
  24: 8,
  25: 2,
  26: 2,
};

const NAMES: Record<number, string> = Object.fromEntries(Object.entries(DataType).map(([name, code]) => [code, name.toLowerCase()]));

/** Bits one element occupies in raw_data, or undefined for strings and unknown codes. */
export function elementBits(dataType: number): number | undefined {
  return BITS[dataType];
}

export function dataTypeName(dataType: number): string {
  return NAMES[dataType] ?? `type ${dataType}`;
}

/** Bytes that `numel` elements take in raw_data (sub-byte types are packed, rounded up). */
export function rawByteLength(dataType: number, numel: number): number | undefined {
  const bits = elementBits(dataType);
  return bits === undefined ? undefined : Math.ceil((numel * bits) / 8);
}

export function isFloatType(dataType: number): boolean {
  return dataType === DataType.FLOAT || dataType === DataType.FLOAT16 || dataType === DataType.BFLOAT16 || dataType === DataType.DOUBLE;
}
