/**
 * serl's in-memory form of an ONNX model: plain data that pure functions build, read and
 * rewrite. It maps one to one onto the parts of `ModelProto` that serl uses; `proto.ts`
 * converts at the file boundary.
 *
 * Conventions carried over from ONNX: an empty input name means "optional input left out";
 * shapes may hold symbolic dimensions (strings); int64 attribute values are JS numbers
 * (safe integers), int64 tensor data is a `BigInt64Array`.
 *
 * @module
 */

/** Element types serl reads and writes (ONNX TensorProto.DataType names, lower-cased). */
export type DataType =
  | "float32"
  | "float64"
  | "float16"
  | "bfloat16"
  | "int8"
  | "int16"
  | "int32"
  | "int64"
  | "uint8"
  | "uint16"
  | "uint32"
  | "uint64"
  | "bool"
  | "string";

/** A dimension: a size, or a symbol (`"batch"`) whose size is known only at run time. */
export type Dim = number | string;

/** Typed arrays by element type; float16/bfloat16 keep their raw bits, bool is 0/1 bytes. */
export type TensorArray =
  | Float32Array
  | Float64Array
  | Int8Array
  | Int16Array
  | Int32Array
  | BigInt64Array
  | Uint8Array
  | Uint16Array
  | Uint32Array
  | BigUint64Array;

/** A constant tensor (an initializer, a Constant node's value, a tensor attribute). */
export interface Tensor {
  /** Element type. */
  dataType: DataType;
  /** Static shape; `[]` is a scalar. */
  dims: number[];
  /** Row-major data, `product(dims)` elements (strings for `"string"`). */
  data: TensorArray | string[];
}

/** A typed node attribute; ONNX distinguishes int from float attributes, so the type is explicit. */
export type Attribute =
  | { type: "int"; value: number }
  | { type: "float"; value: number }
  | { type: "string"; value: string }
  | { type: "ints"; value: number[] }
  | { type: "floats"; value: number[] }
  | { type: "strings"; value: string[] }
  | { type: "tensor"; value: Tensor }
  | { type: "graph"; value: Graph };

/** One operator application. */
export interface Node {
  /** Unique within the graph when non-empty (ONNX allows empty names). */
  name: string;
  /** Operator name, e.g. `"MatMul"`. */
  opType: string;
  /** Operator set domain; `""` is the default ONNX domain. */
  domain: string;
  /** Input value names in order; `""` marks a left-out optional input. */
  inputs: string[];
  /** Output value names in order; `""` marks an unused optional output. */
  outputs: string[];
  /** Attributes by name. */
  attributes: Record<string, Attribute>;
}

/** Type and (possibly symbolic) shape of a value; `shape: null` means the rank is unknown. */
export interface ValueInfo {
  /** Value name. */
  name: string;
  /** Element type. */
  dataType: DataType;
  /** Shape, `null` when the rank is unknown. */
  shape: Dim[] | null;
}

/** A computation graph. */
export interface Graph {
  /** Graph name. */
  name: string;
  /** Topologically sorted. */
  nodes: Node[];
  /** Graph inputs (fed at run time); initializers are not listed here. */
  inputs: ValueInfo[];
  /** Graph outputs, in order. */
  outputs: ValueInfo[];
  /** Constant tensors by name. */
  initializers: Map<string, Tensor>;
  /** Optional type annotations of intermediate values. */
  valueInfo: ValueInfo[];
}

/** An operator set import. */
export interface OpsetImport {
  /** Operator set domain (`""` is the default ONNX domain). */
  domain: string;
  /** Operator set version. */
  version: number;
}

/** A whole model. */
export interface Model {
  /** ONNX IR version. */
  irVersion: number;
  /** Operator sets the graph uses. */
  opsetImports: OpsetImport[];
  /** Tool that produced the model. */
  producerName: string;
  /** Its version. */
  producerVersion: string;
  /** The main graph. */
  graph: Graph;
  /** `metadata_props` as a plain record. */
  metadata: Record<string, string>;
}

/** Bytes per element of each fixed-size data type. */
export const BYTES_PER_ELEMENT: Readonly<Record<Exclude<DataType, "string">, number>> = {
  float32: 4,
  float64: 8,
  float16: 2,
  bfloat16: 2,
  int8: 1,
  int16: 2,
  int32: 4,
  int64: 8,
  uint8: 1,
  uint16: 2,
  uint32: 4,
  uint64: 8,
  bool: 1,
};

/** ONNX `TensorProto.DataType` codes, for Cast's `to` attribute. */
export const DATA_TYPE_CODES: Readonly<Record<DataType, number>> = {
  float32: 1,
  uint8: 2,
  int8: 3,
  uint16: 4,
  int16: 5,
  int32: 6,
  int64: 7,
  string: 8,
  bool: 9,
  float16: 10,
  float64: 11,
  uint32: 12,
  uint64: 13,
  bfloat16: 16,
};

/** Float types: the only ones that carry gradients. */
export const FLOAT_TYPES: ReadonlySet<DataType> = new Set([
  "float32",
  "float64",
  "float16",
  "bfloat16",
]);

/**
 * Number of elements of a static shape.
 *
 * @example
 * ```ts
 * import { sizeOf } from "./ir.ts";
 * if (sizeOf([2, 3, 4]) !== 24 || sizeOf([]) !== 1) throw new Error("wrong size");
 * ```
 */
export function sizeOf(dims: readonly number[]): number {
  let n = 1;
  for (const d of dims) n *= d;
  return n;
}

/**
 * The default-domain opset version a model imports (0 when it imports none).
 *
 * @example
 * ```ts
 * import { defaultOpset, type Model } from "./ir.ts";
 * const m = { opsetImports: [{ domain: "", version: 17 }] } as Model;
 * if (defaultOpset(m) !== 17) throw new Error("wrong opset");
 * ```
 */
export function defaultOpset(model: Pick<Model, "opsetImports">): number {
  for (const o of model.opsetImports) {
    if (o.domain === "" || o.domain === "ai.onnx") return o.version;
  }
  return 0;
}

/**
 * An empty graph (no nodes, inputs or weights) to fill with a builder.
 *
 * @example
 * ```ts
 * import { emptyGraph } from "./ir.ts";
 * if (emptyGraph("g").nodes.length !== 0) throw new Error("not empty");
 * ```
 */
export function emptyGraph(name = "graph"): Graph {
  return { name, nodes: [], inputs: [], outputs: [], initializers: new Map(), valueInfo: [] };
}

/**
 * A shallow-structural copy of a graph: node, value-info and map containers are new, tensors
 * and attribute values are shared (they are treated as immutable everywhere in serl).
 *
 * @example
 * ```ts
 * import { cloneGraph, emptyGraph } from "./ir.ts";
 * const g = emptyGraph();
 * const c = cloneGraph(g);
 * c.nodes.push({ name: "n", opType: "Identity", domain: "", inputs: ["x"], outputs: ["y"], attributes: {} });
 * if (g.nodes.length !== 0) throw new Error("shared node list");
 * ```
 */
export function cloneGraph(graph: Graph): Graph {
  return {
    name: graph.name,
    nodes: graph.nodes.map((n) => ({
      ...n,
      inputs: [...n.inputs],
      outputs: [...n.outputs],
      attributes: { ...n.attributes },
    })),
    inputs: graph.inputs.map((v) => ({ ...v, shape: v.shape && [...v.shape] })),
    outputs: graph.outputs.map((v) => ({ ...v, shape: v.shape && [...v.shape] })),
    initializers: new Map(graph.initializers),
    valueInfo: graph.valueInfo.map((v) => ({ ...v, shape: v.shape && [...v.shape] })),
  };
}
