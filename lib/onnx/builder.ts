/**
 * A small typed builder for ONNX graphs: fresh names, typed attributes, cached constants,
 * and opset-aware helpers for the ops whose signature changed between opsets (axes of
 * ReduceMean/ReduceMax move from attribute to input at opset 18).
 *
 * @module
 */
import type { Attribute, DataType, Dim, Graph, Tensor } from "./ir.ts";
import { DATA_TYPE_CODES, emptyGraph } from "./ir.ts";

/** Attribute values as written in code; numbers are ints unless the name is a float attribute. */
export type AttributeInput = number | number[] | string | string[] | Tensor | Attribute;

/** Attribute names that ONNX types as float (everything else numeric is int). */
const FLOAT_ATTRIBUTES = new Set([
  "alpha",
  "beta",
  "epsilon",
  "gamma",
  "bias",
  "lambd",
  "value_float",
  "value_floats",
]);

function isAttribute(v: AttributeInput): v is Attribute {
  return typeof v === "object" && !Array.isArray(v) && "type" in v && "value" in v;
}

/** Converts a code-level attribute value to a typed {@linkcode Attribute}. */
export function toAttribute(name: string, v: AttributeInput): Attribute {
  if (isAttribute(v)) return v;
  const isFloat = FLOAT_ATTRIBUTES.has(name);
  if (typeof v === "number") {
    if (!isFloat && !Number.isInteger(v)) {
      throw new TypeError(`Cannot set attribute "${name}" to ${v}: it is an int attribute`);
    }
    return isFloat ? { type: "float", value: v } : { type: "int", value: v };
  }
  if (typeof v === "string") return { type: "string", value: v };
  if (Array.isArray(v)) {
    if (v.length > 0 && typeof v[0] === "string") return { type: "strings", value: v as string[] };
    return isFloat
      ? { type: "floats", value: v as number[] }
      : { type: "ints", value: v as number[] };
  }
  return { type: "tensor", value: v };
}

/** Options for {@linkcode GraphBuilder.node}. */
export interface NodeOptions {
  /**
   * Output names, or a count of fresh outputs.
   * @default 1
   */
  outputs?: number | string[];
  /**
   * Node name (made unique).
   * @default the op type
   */
  name?: string;
  /**
   * Operator domain.
   * @default ""
   */
  domain?: string;
}

/**
 * Builds or extends a {@linkcode Graph}. Every name it makes is unique in the graph.
 *
 * @example Build y = x * 2 + 1
 * ```ts
 * import { GraphBuilder } from "./builder.ts";
 * const b = new GraphBuilder();
 * const x = b.input("x", "float32", ["n"]);
 * b.output(b.add(b.mul(x, b.constant(2)), b.constant(1)), "y");
 * if (b.graph.nodes.length !== 3 || b.graph.outputs[0]!.name !== "y") throw new Error("bad graph");
 * ```
 */
export class GraphBuilder {
  /** The graph being built (mutated in place). */
  readonly graph: Graph;
  /** Default-domain opset the emitted nodes must follow. */
  readonly opset: number;
  #used = new Set<string>();
  #constants = new Map<string, string>();
  #prefix: string;

  /**
   * Starts a builder over `graph`, learning every name already in it.
   *
   * @param graph Graph to extend (mutated); a new empty graph by default.
   * @param options `opset` of emitted nodes (default 17) and a `prefix` for fresh names.
   */
  constructor(graph: Graph = emptyGraph(), options: { opset?: number; prefix?: string } = {}) {
    this.graph = graph;
    this.opset = options.opset ?? 17;
    this.#prefix = options.prefix ?? "";
    for (const v of [...graph.inputs, ...graph.outputs, ...graph.valueInfo]) this.#used.add(v.name);
    for (const name of graph.initializers.keys()) this.#used.add(name);
    for (const n of graph.nodes) {
      this.#used.add(n.name);
      for (const o of n.outputs) this.#used.add(o);
    }
  }

  /** A name not yet used in the graph, derived from `hint`. */
  fresh(hint: string): string {
    const base = this.#prefix + hint;
    let name = base;
    for (let i = 1; this.#used.has(name); i++) name = `${base}_${i}`;
    this.#used.add(name);
    return name;
  }

  /** Declares a graph input and returns its name. */
  input(name: string, dataType: DataType, shape: Dim[] | null): string {
    if (this.#used.has(name)) throw new TypeError(`Cannot add input "${name}": the name is taken`);
    this.#used.add(name);
    this.graph.inputs.push({ name, dataType, shape });
    return name;
  }

  /**
   * Declares `value` a graph output under `name` (through an Identity when they differ;
   * onnxruntime removes it when optimizing). To name a node's output directly, pass
   * `{ outputs: [name] }` to {@linkcode GraphBuilder.node}.
   */
  output(
    value: string,
    name = value,
    type: { dataType?: DataType; shape?: Dim[] | null } = {},
  ): string {
    if (name !== value) {
      if (this.#used.has(name)) {
        throw new TypeError(`Cannot add output "${name}": the name is taken`);
      }
      this.#used.add(name);
      this.node("Identity", [value], {}, { outputs: [name] });
    }
    this.graph.outputs.push({
      name,
      dataType: type.dataType ?? "float32",
      shape: type.shape ?? null,
    });
    return name;
  }

  /** Adds an initializer under `name` (which must be free) and returns the name. */
  initializer(name: string, tensor: Tensor): string {
    if (this.#used.has(name)) {
      throw new TypeError(`Cannot add initializer "${name}": the name is taken`);
    }
    this.#used.add(name);
    this.graph.initializers.set(name, tensor);
    return name;
  }

  /**
   * A float constant (scalar by default), shared between uses.
   *
   * @param value A number or row-major values.
   * @param dims Shape; `[]` for a scalar, `[n]` by default for arrays.
   * @param dataType Element type.
   */
  constant(
    value: number | readonly number[],
    dims?: number[],
    dataType: DataType = "float32",
  ): string {
    const values = typeof value === "number" ? [value] : [...value];
    const shape = dims ?? (typeof value === "number" ? [] : [values.length]);
    const key = `${dataType}|${shape}|${values}`;
    const cached = this.#constants.get(key);
    if (cached !== undefined) return cached;
    const data = dataType === "float64"
      ? Float64Array.from(values)
      : dataType === "int64"
      ? BigInt64Array.from(values, (v) => BigInt(v))
      : dataType === "int32"
      ? Int32Array.from(values)
      : dataType === "bool"
      ? Uint8Array.from(values)
      : Float32Array.from(values);
    const name = this.fresh(dataType === "int64" ? "const_i64" : "const");
    this.graph.initializers.set(name, { dataType, dims: shape, data });
    this.#constants.set(key, name);
    return name;
  }

  /** An int64 1-D constant (axes, shapes, starts/ends), or a scalar with `dims = []`. */
  ints(values: readonly number[], dims?: number[]): string {
    return this.constant(values, dims ?? [values.length], "int64");
  }

  /** Appends a node and returns its output names. */
  node(
    opType: string,
    inputs: string[],
    attrs: Record<string, AttributeInput> = {},
    options: NodeOptions = {},
  ): string[] {
    const { outputs = 1, domain = "" } = options;
    const name = this.fresh(options.name ?? opType);
    const outs = typeof outputs === "number"
      ? Array.from({ length: outputs }, (_, i) => this.fresh(`${name}_out${outputs > 1 ? i : ""}`))
      : outputs;
    for (const o of outs) this.#used.add(o);
    const attributes: Record<string, Attribute> = {};
    for (const [k, v] of Object.entries(attrs)) attributes[k] = toAttribute(k, v);
    this.graph.nodes.push({ name, opType, domain, inputs, outputs: outs, attributes });
    return outs;
  }

  /** Appends a single-output node and returns the output name. */
  op(
    opType: string,
    inputs: string[],
    attrs: Record<string, AttributeInput> = {},
    options: NodeOptions = {},
  ): string {
    return this.node(opType, inputs, attrs, options)[0]!;
  }

  /** `a + b` (numpy broadcasting). */
  add(a: string, b: string): string {
    return this.op("Add", [a, b]);
  }
  /** `a - b`. */
  sub(a: string, b: string): string {
    return this.op("Sub", [a, b]);
  }
  /** `a * b`. */
  mul(a: string, b: string): string {
    return this.op("Mul", [a, b]);
  }
  /** `a / b`. */
  div(a: string, b: string): string {
    return this.op("Div", [a, b]);
  }
  /** `-x`. */
  neg(x: string): string {
    return this.op("Neg", [x]);
  }
  /** Numpy-style matrix product. */
  matMul(a: string, b: string): string {
    return this.op("MatMul", [a, b]);
  }
  /** Reshape to a static shape (numbers, 0 = copy, -1 = infer) or a runtime shape tensor. */
  reshape(x: string, shape: string | readonly number[]): string {
    return this.op("Reshape", [x, typeof shape === "string" ? shape : this.ints(shape)]);
  }
  /** Permutes axes. */
  transpose(x: string, perm: readonly number[]): string {
    return this.op("Transpose", [x], { perm: [...perm] });
  }
  /** Inserts size-1 axes (axes as an input, opset 13+). */
  unsqueeze(x: string, axes: readonly number[]): string {
    return this.op("Unsqueeze", [x, this.ints(axes)]);
  }
  /** Removes size-1 axes (axes as an input, opset 13+). */
  squeeze(x: string, axes: readonly number[]): string {
    return this.op("Squeeze", [x, this.ints(axes)]);
  }
  /** The shape of `x` as a 1-D int64 tensor. */
  shape(x: string): string {
    return this.op("Shape", [x]);
  }
  /** Converts to another element type. */
  cast(x: string, to: DataType): string {
    return this.op("Cast", [x], { to: DATA_TYPE_CODES[to] });
  }
  /** ReduceSum over `axes` (empty = all axes). */
  reduceSum(x: string, axes: readonly number[] | string, keepdims = true): string {
    const ax = typeof axes === "string" ? axes : axes.length === 0 ? "" : this.ints(axes);
    return this.op("ReduceSum", ax === "" ? [x] : [x, ax], { keepdims: keepdims ? 1 : 0 });
  }
  /** ReduceMean/ReduceMax over static axes, with the axes signature of the opset. */
  reduce(
    op: "ReduceMean" | "ReduceMax" | "ReduceMin",
    x: string,
    axes: readonly number[],
    keepdims = true,
  ): string {
    if (this.opset >= 18) return this.op(op, [x, this.ints(axes)], { keepdims: keepdims ? 1 : 0 });
    return this.op(op, [x], { axes: [...axes], keepdims: keepdims ? 1 : 0 });
  }
}
