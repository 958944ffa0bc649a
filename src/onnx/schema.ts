/**
 * The ONNX protobuf schema (onnx.proto, IR version 11), declared as a protobufjs JSON descriptor.
 *
 * Why not `onnx-proto`: it predates IR 10 and silently drops `NodeProto.metadata_props` (field 9), where
 * the dynamo exporter keeps module paths. protobufjs drops unknown fields on decode, so every field of the
 * current schema is declared here, otherwise a rewrite would lose data the user's model holds.
 */
import protobuf from 'protobufjs';
import type Long from 'long';
import { Int64RangeError } from '../errors.js';

type FieldSpec = { type: string; id: number; rule?: 'repeated'; options?: { packed: boolean } };
type Fields = Record<string, FieldSpec>;

const opt = (type: string, id: number): FieldSpec => ({ type, id });
const rep = (type: string, id: number): FieldSpec => ({ type, id, rule: 'repeated', options: { packed: false } });
/** Repeated numeric fields that onnx.proto declares `[packed = true]`. */
const packed = (type: string, id: number): FieldSpec => ({ type, id, rule: 'repeated', options: { packed: true } });

const messages: Record<string, { fields: Fields; nested?: Record<string, { fields: Fields }> }> = {
  StringStringEntryProto: { fields: { key: opt('string', 1), value: opt('string', 2) } },
  OperatorSetIdProto: { fields: { domain: opt('string', 1), version: opt('int64', 2) } },
  AttributeProto: {
    fields: {
      name: opt('string', 1),
      refAttrName: opt('string', 21),
      docString: opt('string', 13),
      type: opt('int32', 20),
      f: opt('float', 2),
      i: opt('int64', 3),
      s: opt('bytes', 4),
      t: opt('TensorProto', 5),
      g: opt('GraphProto', 6),
      sparseTensor: opt('SparseTensorProto', 22),
      tp: opt('TypeProto', 14),
      floats: rep('float', 7),
      ints: rep('int64', 8),
      strings: rep('bytes', 9),
      tensors: rep('TensorProto', 10),
      graphs: rep('GraphProto', 11),
      sparseTensors: rep('SparseTensorProto', 23),
      typeProtos: rep('TypeProto', 15),
    },
  },
  ValueInfoProto: {
    fields: {
      name: opt('string', 1),
      type: opt('TypeProto', 2),
      docString: opt('string', 3),
      metadataProps: rep('StringStringEntryProto', 4),
    },
  },
  NodeProto: {
    fields: {
      input: rep('string', 1),
      output: rep('string', 2),
      name: opt('string', 3),
      opType: opt('string', 4),
      domain: opt('string', 7),
      overload: opt('string', 8),
      attribute: rep('AttributeProto', 5),
      docString: opt('string', 6),
      metadataProps: rep('StringStringEntryProto', 9),
      deviceConfigurations: rep('NodeDeviceConfigurationProto', 10),
    },
  },
  IntIntListEntryProto: { fields: { key: opt('int64', 1), value: rep('int64', 2) } },
  NodeDeviceConfigurationProto: {
    fields: {
      configurationId: opt('string', 1),
      shardingSpec: rep('ShardingSpecProto', 2),
      pipelineStage: opt('int32', 3),
    },
  },
  ShardingSpecProto: {
    fields: {
      tensorName: opt('string', 1),
      device: rep('int64', 2),
      indexToDeviceGroupMap: rep('IntIntListEntryProto', 3),
      shardedDim: rep('ShardedDimProto', 4),
    },
  },
  ShardedDimProto: { fields: { axis: opt('int64', 1), simpleSharding: rep('SimpleShardedDimProto', 2) } },
  SimpleShardedDimProto: {
    fields: { dimValue: opt('int64', 1), dimParam: opt('string', 2), numShards: opt('int64', 3) },
  },
  TrainingInfoProto: {
    fields: {
      initialization: opt('GraphProto', 1),
      algorithm: opt('GraphProto', 2),
      initializationBinding: rep('StringStringEntryProto', 3),
      updateBinding: rep('StringStringEntryProto', 4),
    },
  },
  DeviceConfigurationProto: {
    fields: { name: opt('string', 1), numDevices: opt('int32', 2), device: rep('string', 3) },
  },
  ModelProto: {
    fields: {
      irVersion: opt('int64', 1),
      opsetImport: rep('OperatorSetIdProto', 8),
      producerName: opt('string', 2),
      producerVersion: opt('string', 3),
      domain: opt('string', 4),
      modelVersion: opt('int64', 5),
      docString: opt('string', 6),
      graph: opt('GraphProto', 7),
      metadataProps: rep('StringStringEntryProto', 14),
      trainingInfo: rep('TrainingInfoProto', 20),
      functions: rep('FunctionProto', 25),
      configuration: rep('DeviceConfigurationProto', 26),
    },
  },
  TensorAnnotation: {
    fields: { tensorName: opt('string', 1), quantParameterTensorNames: rep('StringStringEntryProto', 2) },
  },
  GraphProto: {
    fields: {
      node: rep('NodeProto', 1),
      name: opt('string', 2),
      initializer: rep('TensorProto', 5),
      sparseInitializer: rep('SparseTensorProto', 15),
      docString: opt('string', 10),
      input: rep('ValueInfoProto', 11),
      output: rep('ValueInfoProto', 12),
      valueInfo: rep('ValueInfoProto', 13),
      quantizationAnnotation: rep('TensorAnnotation', 14),
      metadataProps: rep('StringStringEntryProto', 16),
    },
  },
  TensorProto: {
    fields: {
      dims: rep('int64', 1),
      dataType: opt('int32', 2),
      segment: opt('Segment', 3),
      floatData: packed('float', 4),
      int32Data: packed('int32', 5),
      stringData: rep('bytes', 6),
      int64Data: packed('int64', 7),
      name: opt('string', 8),
      docString: opt('string', 12),
      rawData: opt('bytes', 9),
      externalData: rep('StringStringEntryProto', 13),
      dataLocation: opt('int32', 14),
      doubleData: packed('double', 10),
      uint64Data: packed('uint64', 11),
      metadataProps: rep('StringStringEntryProto', 16),
    },
    nested: { Segment: { fields: { begin: opt('int64', 1), end: opt('int64', 2) } } },
  },
  SparseTensorProto: {
    fields: { values: opt('TensorProto', 1), indices: opt('TensorProto', 2), dims: rep('int64', 3) },
  },
  TensorShapeProto: {
    fields: { dim: rep('Dimension', 1) },
    nested: {
      Dimension: { fields: { dimValue: opt('int64', 1), dimParam: opt('string', 2), denotation: opt('string', 3) } },
    },
  },
  TypeProto: {
    fields: {
      tensorType: opt('Tensor', 1),
      sequenceType: opt('Sequence', 4),
      mapType: opt('Map', 5),
      optionalType: opt('Optional', 9),
      sparseTensorType: opt('SparseTensor', 8),
      opaqueType: opt('Opaque', 7),
      denotation: opt('string', 6),
    },
    nested: {
      Tensor: { fields: { elemType: opt('int32', 1), shape: opt('TensorShapeProto', 2) } },
      Sequence: { fields: { elemType: opt('TypeProto', 1) } },
      Map: { fields: { keyType: opt('int32', 1), valueType: opt('TypeProto', 2) } },
      Optional: { fields: { elemType: opt('TypeProto', 1) } },
      SparseTensor: { fields: { elemType: opt('int32', 1), shape: opt('TensorShapeProto', 2) } },
      Opaque: { fields: { domain: opt('string', 1), name: opt('string', 2) } },
    },
  },
  FunctionProto: {
    fields: {
      name: opt('string', 1),
      input: rep('string', 4),
      output: rep('string', 5),
      attribute: rep('string', 6),
      attributeProto: rep('AttributeProto', 11),
      node: rep('NodeProto', 7),
      docString: opt('string', 8),
      opsetImport: rep('OperatorSetIdProto', 9),
      domain: opt('string', 10),
      overload: opt('string', 13),
      valueInfo: rep('ValueInfoProto', 12),
      metadataProps: rep('StringStringEntryProto', 14),
    },
  },
};

const root = protobuf.Root.fromJSON({ nested: { onnx: { nested: messages } } });
export const ModelProtoType: protobuf.Type = root.lookupType('onnx.ModelProto');

/** protobufjs returns int64 as `Long` (the `long` package is installed) or as a number for small values. */
export type Int64 = number | Long;

export interface StringStringEntry {
  key: string;
  value: string;
}
export interface OperatorSetId {
  domain?: string;
  version: Int64;
}
export interface Dimension {
  dimValue?: Int64;
  dimParam?: string;
}
export interface TypeProto {
  tensorType?: { elemType?: number; shape?: { dim?: Dimension[] } } | null;
}
export interface ValueInfo {
  name: string;
  type?: TypeProto | null;
}
export interface Attribute {
  name: string;
  type?: number;
  f?: number;
  i?: Int64;
  s?: Uint8Array;
  t?: TensorProto | null;
  floats?: number[];
  ints?: Int64[];
  /** A subgraph (If's branches, Loop's and Scan's body). */
  g?: GraphProto | null;
  graphs?: GraphProto[];
}
export interface NodeProto {
  input: string[];
  output: string[];
  name?: string;
  opType: string;
  domain?: string;
  attribute?: Attribute[];
  metadataProps?: StringStringEntry[];
}
export interface TensorProto {
  name: string;
  dims: Int64[];
  dataType: number;
  rawData?: Uint8Array;
  floatData?: number[];
  int32Data?: number[];
  int64Data?: Int64[];
  doubleData?: number[];
  uint64Data?: Int64[];
  externalData?: StringStringEntry[];
  dataLocation?: number;
  docString?: string;
}
export interface GraphProto {
  node: NodeProto[];
  name?: string;
  initializer: TensorProto[];
  input: ValueInfo[];
  output: ValueInfo[];
  valueInfo?: ValueInfo[];
}
export interface ModelProto {
  irVersion: Int64;
  opsetImport: OperatorSetId[];
  producerName?: string;
  graph?: GraphProto | null;
}

/**
 * A protobuf int64 as a JS number (absent: 0). Range-checked like onnxruntime-web's longToNumber: a value
 * beyond ±(2^53 − 1) has no exact JS number, and is an error rather than a silently rounded count.
 */
export function int64ToNumber(v: Int64 | undefined | null): number {
  if (v === undefined || v === null) return 0;
  const exact =
    typeof v === 'number' ? Number.isSafeInteger(v) : !v.greaterThan(Number.MAX_SAFE_INTEGER) && !v.lessThan(Number.MIN_SAFE_INTEGER);
  if (!exact) throw new Int64RangeError(String(v));
  return typeof v === 'number' ? v : v.toNumber();
}

/** A protobuf int64 as a bigint, exactly, whatever its size (int64 tensor data: Slice ends hold INT64_MAX). */
export function int64ToBigInt(v: Int64): bigint {
  return typeof v === 'number' ? BigInt(v) : BigInt(v.toString());
}

/** Attribute types (AttributeProto.AttributeType) the rewrite writes, and subgraphs. */
export const AttributeType = { FLOAT: 1, INT: 2, STRING: 3, TENSOR: 4, GRAPH: 5, FLOATS: 6, INTS: 7, GRAPHS: 10 } as const;

export function decodeModel(bytes: Uint8Array): ModelProto {
  return ModelProtoType.decode(bytes) as unknown as ModelProto;
}

export function encodeModel(model: ModelProto): Uint8Array {
  return ModelProtoType.encode(model).finish();
}
