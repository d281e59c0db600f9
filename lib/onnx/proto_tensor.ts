/**
 * Conversion of single tensors between ONNX `TensorProto` and serl's {@linkcode Tensor}:
 * data type codes, typed-array views over raw bytes (copied only when misaligned), the
 * typed `*_data` fields, and external data (reading through a loader, writing through a
 * callback that appends to a side buffer).
 *
 * @module
 */
import { create } from "@bufbuild/protobuf";
import {
  StringStringEntryProtoSchema,
  type TensorProto,
  TensorProto_DataLocation,
  TensorProto_DataType as PT,
  TensorProtoSchema,
} from "onnx-buf";
import type { DataType, Tensor, TensorArray } from "./ir.ts";
import { BYTES_PER_ELEMENT, DATA_TYPE_CODES, sizeOf } from "./ir.ts";

/** Loads the bytes of an external data file named by a tensor's `location`. */
export type ExternalDataLoader = (location: string) => Uint8Array;

/** What reading a tensor needs: where it came from, and how to reach external data. */
export interface TensorReadContext {
  /** Loader of external data files, if the model has any. */
  loadExternal: ExternalDataLoader | undefined;
  /** Source name for error messages. */
  source: string;
  /** Files already loaded, by location. */
  cache: Map<string, Uint8Array>;
}

/** What writing a tensor needs: the external-data sink, its file name and size threshold. */
export interface TensorWriteContext {
  /** Appends bytes to the external data and returns `[offset, length]`; `null`: keep inline. */
  external: ((bytes: Uint8Array) => [number, number]) | null;
  /** File name written into external references. */
  location: string;
  /** Tensors of at least this many bytes go external. */
  threshold: number;
}

const TO_PROTO: Readonly<Record<DataType, number>> = DATA_TYPE_CODES;

const FROM_PROTO = new Map<number, DataType>(
  Object.entries(TO_PROTO).map(([k, v]) => [v, k as DataType]),
);

/** Maps an ONNX `TensorProto.DataType` number to serl's name; throws on unsupported types. */
export function dataTypeFromProto(code: number, where: string): DataType {
  const t = FROM_PROTO.get(code);
  if (t === undefined) {
    throw new TypeError(`Cannot read ${where}: unsupported tensor data type ${PT[code] ?? code}`);
  }
  return t;
}

/** Maps serl's data type name to the ONNX `TensorProto.DataType` number. */
export function dataTypeToProto(t: DataType): number {
  return TO_PROTO[t];
}

/** Makes a typed array of the right class over `bytes` (copied when misaligned). */
export function typedArrayFromBytes(dataType: DataType, bytes: Uint8Array): TensorArray {
  if (dataType === "string") throw new TypeError("Cannot view string tensors as bytes");
  const width = BYTES_PER_ELEMENT[dataType];
  const aligned = bytes.byteOffset % width === 0 ? bytes : bytes.slice();
  const { buffer, byteOffset } = aligned;
  const n = bytes.byteLength / width;
  switch (dataType) {
    case "float32":
      return new Float32Array(buffer, byteOffset, n);
    case "float64":
      return new Float64Array(buffer, byteOffset, n);
    case "int8":
      return new Int8Array(buffer, byteOffset, n);
    case "int16":
      return new Int16Array(buffer, byteOffset, n);
    case "int32":
      return new Int32Array(buffer, byteOffset, n);
    case "int64":
      return new BigInt64Array(buffer, byteOffset, n);
    case "uint16":
    case "float16":
    case "bfloat16":
      return new Uint16Array(buffer, byteOffset, n);
    case "uint32":
      return new Uint32Array(buffer, byteOffset, n);
    case "uint64":
      return new BigUint64Array(buffer, byteOffset, n);
    case "uint8":
    case "bool":
      return new Uint8Array(buffer, byteOffset, n);
  }
}

/** Converts a `TensorProto` (inline or external data) to a {@linkcode Tensor}. */
export function tensorFromProto(t: TensorProto, ctx: TensorReadContext): Tensor {
  const where = `tensor "${t.name}"`;
  const dataType = dataTypeFromProto(t.dataType, where);
  const dims = t.dims.map(Number);
  const n = sizeOf(dims);
  if (dataType === "string") {
    return { dataType, dims, data: t.stringData.map((s) => new TextDecoder().decode(s)) };
  }
  const width = BYTES_PER_ELEMENT[dataType];
  let bytes: Uint8Array | null = null;
  if (t.dataLocation === TensorProto_DataLocation.EXTERNAL) {
    bytes = externalBytes(t, n * width, ctx);
  } else if (t.rawData.byteLength > 0 || n === 0) {
    bytes = t.rawData;
  }
  if (bytes !== null) {
    if (bytes.byteLength !== n * width) {
      throw new RangeError(
        `Cannot read ${ctx.source}: ${where} has ${bytes.byteLength} bytes, expected ${
          n * width
        } for dims [${dims}]`,
      );
    }
    return { dataType, dims, data: typedArrayFromBytes(dataType, bytes) };
  }
  return { dataType, dims, data: typedFromFields(t, dataType, n, where, ctx) };
}

function typedFromFields(
  t: TensorProto,
  dataType: DataType,
  n: number,
  where: string,
  ctx: TensorReadContext,
): TensorArray {
  const check = (len: number) => {
    if (len !== n) {
      throw new RangeError(`Cannot read ${ctx.source}: ${where} has ${len} values, expected ${n}`);
    }
  };
  switch (dataType) {
    case "float32":
      check(t.floatData.length);
      return Float32Array.from(t.floatData);
    case "float64":
      check(t.doubleData.length);
      return Float64Array.from(t.doubleData);
    case "int64":
      check(t.int64Data.length);
      return BigInt64Array.from(t.int64Data);
    case "uint32":
      check(t.uint64Data.length);
      return Uint32Array.from(t.uint64Data, Number);
    case "uint64":
      check(t.uint64Data.length);
      return BigUint64Array.from(t.uint64Data);
    case "int32":
      check(t.int32Data.length);
      return Int32Array.from(t.int32Data);
    case "int16":
      check(t.int32Data.length);
      return Int16Array.from(t.int32Data);
    case "int8":
      check(t.int32Data.length);
      return Int8Array.from(t.int32Data);
    case "uint16":
    case "float16":
    case "bfloat16":
      check(t.int32Data.length);
      return Uint16Array.from(t.int32Data);
    case "uint8":
    case "bool":
      check(t.int32Data.length);
      return Uint8Array.from(t.int32Data);
    case "string":
      throw new TypeError("unreachable");
  }
}

function externalBytes(t: TensorProto, expected: number, ctx: TensorReadContext): Uint8Array {
  const info = Object.fromEntries(t.externalData.map((e) => [e.key, e.value]));
  const location = info.location;
  if (!location) {
    throw new SyntaxError(`Cannot read ${ctx.source}: tensor "${t.name}" has no external location`);
  }
  if (!ctx.loadExternal) {
    throw new TypeError(
      `Cannot read ${ctx.source}: tensor "${t.name}" is stored in external file "${location}"; read the model from its path`,
    );
  }
  let file = ctx.cache.get(location);
  if (file === undefined) {
    file = ctx.loadExternal(location);
    ctx.cache.set(location, file);
  }
  const offset = Number(info.offset ?? 0);
  const length = info.length !== undefined ? Number(info.length) : expected;
  if (offset + length > file.byteLength) {
    throw new RangeError(
      `Cannot read ${ctx.source}: tensor "${t.name}" reads bytes ${offset}..${
        offset + length
      } of "${location}", which has ${file.byteLength}`,
    );
  }
  return file.subarray(offset, offset + length);
}

/** Converts a {@linkcode Tensor} to a `TensorProto`, moving it to external data when large. */
export function tensorToProto(name: string, t: Tensor, enc: TensorWriteContext): TensorProto {
  const dims = t.dims.map(BigInt);
  const dataType = TO_PROTO[t.dataType];
  if (t.dataType === "string") {
    const te = new TextEncoder();
    return create(TensorProtoSchema, {
      name,
      dims,
      dataType,
      stringData: (t.data as string[]).map((s) => te.encode(s)),
    });
  }
  const data = t.data as TensorArray;
  if (data.length !== sizeOf(t.dims)) {
    throw new RangeError(
      `Cannot write tensor "${name}": ${data.length} values for dims [${t.dims}]`,
    );
  }
  const raw = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  if (enc.external && raw.byteLength >= enc.threshold) {
    const [offset, length] = enc.external(raw);
    return create(TensorProtoSchema, {
      name,
      dims,
      dataType,
      dataLocation: TensorProto_DataLocation.EXTERNAL,
      externalData: [
        create(StringStringEntryProtoSchema, { key: "location", value: enc.location }),
        create(StringStringEntryProtoSchema, { key: "offset", value: String(offset) }),
        create(StringStringEntryProtoSchema, { key: "length", value: String(length) }),
      ],
    });
  }
  return create(TensorProtoSchema, {
    name,
    dims,
    dataType,
    rawData: raw as Uint8Array<ArrayBuffer>,
  });
}
