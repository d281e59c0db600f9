/**
 * Conversion between ONNX `ModelProto` (through npm:onnx-buf, which keeps the ONNX 1.20
 * schema and is zero-copy on parse) and serl's plain {@linkcode Model}.
 *
 * Weights can live outside the protobuf ("external data"): {@linkcode encodeModel} moves every
 * tensor at or above a size threshold into one side buffer, so a graph never approaches the
 * 2 GB protobuf limit; {@linkcode decodeModel} resolves external references through a loader.
 * Dropped on the way in (serl never needs them): doc strings, sparse initializers, training
 * info, quantization annotations. Model-local functions are refused, never silently lost.
 *
 * @module
 */
import { create, fromBinary, toBinary } from "@bufbuild/protobuf";
import {
  type AttributeProto,
  AttributeProto_AttributeType as AttrType,
  AttributeProtoSchema,
  type GraphProto,
  GraphProtoSchema,
  type ModelProto,
  ModelProtoSchema,
  NodeProtoSchema,
  OperatorSetIdProtoSchema,
  StringStringEntryProtoSchema,
  TensorShapeProto_DimensionSchema,
  TensorShapeProtoSchema,
  TypeProto_TensorSchema,
  TypeProtoSchema,
  type ValueInfoProto,
  ValueInfoProtoSchema,
} from "onnx-buf";
import { DATA_TYPE_CODES } from "./ir.ts";
import type { Attribute, Graph, Model, Node, Tensor, ValueInfo } from "./ir.ts";
import {
  dataTypeFromProto,
  type ExternalDataLoader,
  tensorFromProto,
  type TensorReadContext,
  tensorToProto,
  type TensorWriteContext,
} from "./proto_tensor.ts";

export type { ExternalDataLoader } from "./proto_tensor.ts";
const TO_PROTO = DATA_TYPE_CODES;

/** Options for {@linkcode decodeModel}. */
export interface DecodeModelOptions {
  /**
   * Resolves external data files. Without it, a model with external data is an error.
   * @default undefined
   */
  loadExternal?: ExternalDataLoader;
  /**
   * Where the bytes came from, for error messages.
   * @default "model"
   */
  source?: string;
}

/**
 * Parses ONNX model bytes into a {@linkcode Model}.
 *
 * @example Round trip
 * ```ts
 * import { decodeModel, encodeModel } from "./proto.ts";
 * import { emptyGraph, type Model } from "./ir.ts";
 * const model: Model = { irVersion: 8, opsetImports: [{ domain: "", version: 17 }],
 *   producerName: "serl", producerVersion: "0", graph: emptyGraph("g"), metadata: {} };
 * const back = decodeModel(encodeModel(model).model);
 * if (back.graph.name !== "g" || back.opsetImports[0]!.version !== 17) throw new Error("lost");
 * ```
 */
export function decodeModel(bytes: Uint8Array, options: DecodeModelOptions = {}): Model {
  const { loadExternal, source = "model" } = options;
  let proto: ModelProto;
  try {
    proto = fromBinary(ModelProtoSchema, bytes);
  } catch (e) {
    throw new SyntaxError(`Cannot parse ${source} as an ONNX ModelProto: ${(e as Error).message}`);
  }
  if (proto.functions.length > 0) {
    const names = proto.functions.map((f) => f.name).join(", ");
    throw new TypeError(
      `Cannot read ${source}: model-local functions are not supported (${names})`,
    );
  }
  if (!proto.graph) throw new SyntaxError(`Cannot read ${source}: the model has no graph`);
  const ctx: TensorReadContext = { loadExternal, source, cache: new Map() };
  return {
    irVersion: Number(proto.irVersion),
    opsetImports: proto.opsetImport.map((o) => ({ domain: o.domain, version: Number(o.version) })),
    producerName: proto.producerName,
    producerVersion: proto.producerVersion,
    graph: graphFromProto(proto.graph, ctx),
    metadata: Object.fromEntries(proto.metadataProps.map((p) => [p.key, p.value])),
  };
}

function graphFromProto(g: GraphProto, ctx: TensorReadContext): Graph {
  if (g.sparseInitializer.length > 0) {
    throw new TypeError(`Cannot read ${ctx.source}: sparse initializers are not supported`);
  }
  const initializers = new Map<string, Tensor>();
  for (const t of g.initializer) initializers.set(t.name, tensorFromProto(t, ctx));
  const inputs = g.input.filter((v) => !initializers.has(v.name)).map((v) =>
    valueFromProto(v, ctx)
  );
  return {
    name: g.name,
    nodes: g.node.map((n) => ({
      name: n.name,
      opType: n.opType,
      domain: n.domain === "ai.onnx" ? "" : n.domain,
      inputs: [...n.input],
      outputs: [...n.output],
      attributes: Object.fromEntries(
        n.attribute.map((a) => [a.name, attrFromProto(a, n.name, ctx)]),
      ),
    })),
    inputs,
    outputs: g.output.map((v) => valueFromProto(v, ctx)),
    initializers,
    valueInfo: g.valueInfo.flatMap((
      v,
    ) => (v.type?.value.case === "tensorType" ? [valueFromProto(v, ctx)] : [])),
  };
}

function valueFromProto(v: ValueInfoProto, ctx: TensorReadContext): ValueInfo {
  const type = v.type?.value;
  if (type?.case !== "tensorType") {
    throw new TypeError(
      `Cannot read ${ctx.source}: value "${v.name}" is not a tensor (${type?.case})`,
    );
  }
  const t = type.value;
  return {
    name: v.name,
    dataType: dataTypeFromProto(t.elemType, `value "${v.name}"`),
    shape: t.shape
      ? t.shape.dim.map((d, i) =>
        d.value.case === "dimValue"
          ? Number(d.value.value)
          : d.value.case === "dimParam" && d.value.value !== ""
          ? d.value.value
          : `${v.name}:${i}`
      )
      : null,
  };
}

function attrFromProto(a: AttributeProto, node: string, ctx: TensorReadContext): Attribute {
  switch (a.type) {
    case AttrType.INT:
      return { type: "int", value: Number(a.i) };
    case AttrType.FLOAT:
      return { type: "float", value: a.f };
    case AttrType.STRING:
      return { type: "string", value: new TextDecoder().decode(a.s) };
    case AttrType.INTS:
      return { type: "ints", value: a.ints.map(Number) };
    case AttrType.FLOATS:
      return { type: "floats", value: [...a.floats] };
    case AttrType.STRINGS:
      return { type: "strings", value: a.strings.map((s) => new TextDecoder().decode(s)) };
    case AttrType.TENSOR:
      return { type: "tensor", value: tensorFromProto(a.t!, ctx) };
    case AttrType.GRAPH:
      return { type: "graph", value: graphFromProto(a.g!, ctx) };
    default:
      throw new TypeError(
        `Cannot read ${ctx.source}: attribute "${a.name}" of node "${node}" has unsupported type ${
          AttrType[a.type]
        }`,
      );
  }
}

/** Options for {@linkcode encodeModel}. */
export interface EncodeModelOptions {
  /**
   * File name (relative to the model file) for external weights; `null` keeps every tensor
   * inside the protobuf.
   * @default null
   */
  externalDataLocation?: string | null;
  /**
   * Tensors of at least this many bytes go to external data (when a location is given).
   * @default 1024
   */
  externalThreshold?: number;
}

/** Encoded model: the protobuf bytes and, if requested, the external data bytes. */
export interface EncodedModel {
  /** The protobuf bytes. */
  model: Uint8Array;
  /** External data bytes (`null` when everything stays inline). */
  externalData: Uint8Array | null;
}

/** Offsets inside external data are aligned to this many bytes. */
const EXTERNAL_ALIGN = 64;

/**
 * Serializes a {@linkcode Model}, optionally moving large tensors to an external data buffer.
 *
 * @example
 * ```ts
 * import { encodeModel } from "./proto.ts";
 * import { emptyGraph } from "./ir.ts";
 * const graph = emptyGraph();
 * graph.initializers.set("w", { dataType: "float32", dims: [512], data: new Float32Array(512) });
 * const enc = encodeModel({ irVersion: 8, opsetImports: [{ domain: "", version: 17 }],
 *   producerName: "", producerVersion: "", graph, metadata: {} }, { externalDataLocation: "m.onnx_data" });
 * if (enc.externalData?.byteLength !== 2048) throw new Error("weights not external");
 * ```
 */
export function encodeModel(model: Model, options: EncodeModelOptions = {}): EncodedModel {
  const { externalDataLocation = null, externalThreshold = 1024 } = options;
  const chunks: Uint8Array[] = [];
  let offset = 0;
  const external = externalDataLocation === null ? null : (bytes: Uint8Array): [number, number] => {
    const pad = (EXTERNAL_ALIGN - (offset % EXTERNAL_ALIGN)) % EXTERNAL_ALIGN;
    if (pad > 0) chunks.push(new Uint8Array(pad));
    offset += pad;
    chunks.push(bytes);
    const at = offset;
    offset += bytes.byteLength;
    return [at, bytes.byteLength];
  };
  const enc: TensorWriteContext = {
    external,
    location: externalDataLocation ?? "",
    threshold: externalThreshold,
  };
  const proto = create(ModelProtoSchema, {
    irVersion: BigInt(model.irVersion),
    opsetImport: model.opsetImports.map((o) =>
      create(OperatorSetIdProtoSchema, { domain: o.domain, version: BigInt(o.version) })
    ),
    producerName: model.producerName,
    producerVersion: model.producerVersion,
    graph: graphToProto(model.graph, enc),
    metadataProps: Object.entries(model.metadata).map(([key, value]) =>
      create(StringStringEntryProtoSchema, { key, value })
    ),
  });
  const bytes = toBinary(ModelProtoSchema, proto);
  if (external === null) return { model: bytes, externalData: null };
  const data = new Uint8Array(offset);
  let at = 0;
  for (const c of chunks) {
    data.set(c, at);
    at += c.byteLength;
  }
  return { model: bytes, externalData: data };
}

function graphToProto(g: Graph, enc: TensorWriteContext): GraphProto {
  return create(GraphProtoSchema, {
    name: g.name,
    node: g.nodes.map((n) => nodeToProto(n, enc)),
    initializer: [...g.initializers].map(([name, t]) => tensorToProto(name, t, enc)),
    input: g.inputs.map(valueToProto),
    output: g.outputs.map(valueToProto),
    valueInfo: g.valueInfo.map(valueToProto),
  });
}

function nodeToProto(n: Node, enc: TensorWriteContext) {
  return create(NodeProtoSchema, {
    name: n.name,
    opType: n.opType,
    domain: n.domain,
    input: n.inputs,
    output: n.outputs,
    attribute: Object.entries(n.attributes).map(([name, a]) => attrToProto(name, a, enc)),
  });
}

function attrToProto(name: string, a: Attribute, enc: TensorWriteContext): AttributeProto {
  const te = new TextEncoder();
  switch (a.type) {
    case "int":
      return create(AttributeProtoSchema, { name, type: AttrType.INT, i: BigInt(a.value) });
    case "float":
      return create(AttributeProtoSchema, { name, type: AttrType.FLOAT, f: a.value });
    case "string":
      return create(AttributeProtoSchema, { name, type: AttrType.STRING, s: te.encode(a.value) });
    case "ints":
      return create(AttributeProtoSchema, { name, type: AttrType.INTS, ints: a.value.map(BigInt) });
    case "floats":
      return create(AttributeProtoSchema, { name, type: AttrType.FLOATS, floats: a.value });
    case "strings":
      return create(AttributeProtoSchema, {
        name,
        type: AttrType.STRINGS,
        strings: a.value.map((s) => te.encode(s)),
      });
    case "tensor":
      // Attribute tensors stay inline: ORT resolves external data for initializers only.
      return create(AttributeProtoSchema, {
        name,
        type: AttrType.TENSOR,
        t: tensorToProto("", a.value, { ...enc, external: null }),
      });
    case "graph":
      return create(AttributeProtoSchema, {
        name,
        type: AttrType.GRAPH,
        g: graphToProto(a.value, enc),
      });
  }
}

function valueToProto(v: ValueInfo) {
  return create(ValueInfoProtoSchema, {
    name: v.name,
    type: create(TypeProtoSchema, {
      value: {
        case: "tensorType",
        value: create(TypeProto_TensorSchema, {
          elemType: TO_PROTO[v.dataType],
          ...(v.shape === null ? {} : {
            shape: create(TensorShapeProtoSchema, {
              dim: v.shape.map((d) =>
                create(TensorShapeProto_DimensionSchema, {
                  value: typeof d === "number"
                    ? { case: "dimValue", value: BigInt(d) }
                    : { case: "dimParam", value: d },
                })
              ),
            }),
          }),
        }),
      },
    }),
  });
}
