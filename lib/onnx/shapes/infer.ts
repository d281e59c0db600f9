/**
 * Static type and shape inference over a {@linkcode Graph}, with symbolic dimensions and
 * symbolic values of small integer tensors (so `Reshape(x, Concat(Shape(x)[0:2], [4, 64]))`
 * gets the shape `[batch, seq, 4, 64]`, as torch and optimum exports build them).
 *
 * The autodiff uses the result to emit exact broadcast reductions; where a dimension cannot
 * be known it holds a fresh symbol (`"?3"`) and the autodiff falls back to reductions
 * computed from `Shape` at run time. Unknown ops keep declared `value_info` types, else get
 * an unknown type; they never make inference fail.
 *
 * @module
 */
import type { Attribute, DataType, Dim, Graph, Node, Tensor } from "../ir.ts";
import { SymbolSource } from "./dims.ts";
import { ELEMENTWISE_SHAPE_RULES } from "./rules_elementwise.ts";
import { TENSOR_SHAPE_RULES } from "./rules_tensor.ts";

/** What inference knows about a value. */
export interface ValueType {
  /** Element type; `null` when unknown. */
  dataType: DataType | null;
  /** Shape; `null` when even the rank is unknown. */
  shape: Dim[] | null;
  /** Elements of a small integer tensor (rank 0 or 1), when known (possibly symbolic). */
  value?: Dim[];
}

/** Helpers a shape rule gets. */
export interface ShapeRuleContext {
  /** A fresh unknown dimension. */
  fresh(): string;
  /** An int attribute, or `fallback`. */
  int(node: Node, name: string, fallback: number): number;
  /** An ints attribute, or `undefined`. */
  ints(node: Node, name: string): number[] | undefined;
  /** The default-domain opset of the graph. */
  opset: number;
}

/** Infers output types of one node from its input types (`undefined` for left-out inputs). */
export type ShapeRule = (
  node: Node,
  inputs: (ValueType | undefined)[],
  ctx: ShapeRuleContext,
) => ValueType[];

const RULES: Readonly<Record<string, ShapeRule>> = {
  ...ELEMENTWISE_SHAPE_RULES,
  ...TENSOR_SHAPE_RULES,
};

/** Options for {@linkcode inferShapes}. */
export interface InferShapesOptions {
  /**
   * Default-domain opset of the graph (decides where Squeeze/Reduce take their axes).
   * @default 17
   */
  opset?: number;
}

/**
 * Infers the type and shape of every value in a graph.
 *
 * @returns A map from value name to {@linkcode ValueType}.
 *
 * @example
 * ```ts
 * import { GraphBuilder } from "../builder.ts";
 * import { inferShapes } from "./infer.ts";
 * const b = new GraphBuilder();
 * const x = b.input("x", "float32", ["batch", 8]);
 * const y = b.matMul(x, b.constant(new Array(24).fill(0), [8, 3]));
 * const t = inferShapes(b.graph).get(y)!;
 * if (t.shape!.join() !== "batch,3" || t.dataType !== "float32") throw new Error("wrong shape");
 * ```
 */
export function inferShapes(
  graph: Graph,
  options: InferShapesOptions = {},
): Map<string, ValueType> {
  const { opset = 17 } = options;
  const types = new Map<string, ValueType>();
  const symbols = new SymbolSource();
  const declared = new Map([...graph.valueInfo, ...graph.outputs].map((v) => [v.name, v]));
  for (const v of graph.inputs) {
    types.set(v.name, { dataType: v.dataType, shape: v.shape ? [...v.shape] : null });
  }
  for (const [name, t] of graph.initializers) types.set(name, typeOfTensor(t));
  const ctx: ShapeRuleContext = {
    fresh: () => symbols.fresh(),
    int: (node, name, fallback) => intAttr(node.attributes[name], fallback),
    ints: (node, name) => {
      const a = node.attributes[name];
      return a?.type === "ints" ? a.value : a?.type === "int" ? [a.value] : undefined;
    },
    opset,
  };
  for (const node of graph.nodes) {
    const rule = node.domain === "" ? RULES[node.opType] : undefined;
    const inputs = node.inputs.map((n) => (n === "" ? undefined : types.get(n)));
    let outs: ValueType[] | null = null;
    if (rule) {
      try {
        outs = rule(node, inputs, ctx);
      } catch (e) {
        throw new TypeError(
          `Cannot infer shapes at node "${node.name}" (op ${node.opType}): ${(e as Error).message}`,
        );
      }
    }
    node.outputs.forEach((name, i) => {
      if (name === "") return;
      const d = declared.get(name);
      const inferred = outs?.[i] ?? { dataType: null, shape: null };
      // Inferred facts win; declared value_info and output types fill what inference lacks.
      types.set(name, {
        ...inferred,
        dataType: inferred.dataType ?? d?.dataType ?? null,
        shape: inferred.shape ?? (d?.shape ? [...d.shape] : null),
      });
    });
  }
  return types;
}

function intAttr(a: Attribute | undefined, fallback: number): number {
  return a?.type === "int" ? a.value : fallback;
}

/** The type of a constant tensor, with its values when it is a small integer tensor. */
export function typeOfTensor(t: Tensor): ValueType {
  const type: ValueType = { dataType: t.dataType, shape: [...t.dims] };
  const isInt = t.dataType === "int64" || t.dataType === "int32";
  if (isInt && t.dims.length <= 1 && t.data.length <= 64) {
    type.value = Array.from(t.data as ArrayLike<number | bigint>, Number);
  }
  return type;
}
