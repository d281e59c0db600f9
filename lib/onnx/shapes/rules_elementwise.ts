/**
 * Shape rules of elementwise ops: unary ops keep their input's type; binary and ternary ops
 * broadcast numpy-style; integer arithmetic on known values is carried along (shape math).
 *
 * @module
 */
import type { DataType, Dim } from "../ir.ts";
import { addDims, divDims, mulDims } from "./dims.ts";
import type { ShapeRule, ShapeRuleContext, ValueType } from "./infer.ts";

/**
 * Numpy broadcast of shapes. A dim pair (1, d) gives d; (d, d) gives d; two different
 * symbols give a fresh symbol (one of them is 1 at run time, or they are equal).
 *
 * @example
 * ```ts
 * import { broadcastShapes } from "./rules_elementwise.ts";
 * const out = broadcastShapes([["b", 1, 4], [3, 1]], () => "?");
 * if (out!.join() !== "b,3,4") throw new Error("wrong broadcast");
 * ```
 */
export function broadcastShapes(
  shapes: readonly (readonly Dim[] | null)[],
  fresh: () => string,
): Dim[] | null {
  if (shapes.some((s) => s === null)) return null;
  const rank = Math.max(0, ...shapes.map((s) => s!.length));
  const out: Dim[] = [];
  for (let i = 0; i < rank; i++) {
    let d: Dim = 1;
    for (const s of shapes) {
      const k = i - (rank - s!.length);
      if (k < 0) continue;
      const e = s![k]!;
      if (e === 1 || e === d) continue;
      if (d === 1) d = e;
      else if (typeof d === "number" && typeof e === "number") {
        throw new RangeError(`shapes [${shapes.map((x) => x!.join(","))}] do not broadcast`);
      } else d = fresh();
    }
    out.push(d);
  }
  return out;
}

const same: ShapeRule = (_node, [x]) => [x ? { dataType: x.dataType, shape: x.shape } : unknown()];

function unknown(): ValueType {
  return { dataType: null, shape: null };
}

function elementwise(
  outType: (ins: (ValueType | undefined)[]) => DataType | null,
  valueOp?: (a: Dim, b: Dim) => Dim | null,
): ShapeRule {
  return (_node, inputs, ctx) => {
    const present = inputs.filter((v): v is ValueType => v !== undefined);
    const shape = broadcastShapes(present.map((v) => v.shape), ctx.fresh);
    const out: ValueType = { dataType: outType(inputs), shape };
    if (valueOp && present.length === 2 && shape && shape.length <= 1) {
      const [a, b] = present as [ValueType, ValueType];
      if (a.value && b.value) {
        const n = Math.max(a.value.length, b.value.length);
        const vals: Dim[] = [];
        for (let i = 0; i < n; i++) {
          const r = valueOp(
            a.value[a.value.length === 1 ? 0 : i]!,
            b.value[b.value.length === 1 ? 0 : i]!,
          );
          if (r === null) return [out];
          vals.push(r);
        }
        out.value = vals;
      }
    }
    return [out];
  };
}

const first = (ins: (ValueType | undefined)[]) => ins[0]?.dataType ?? null;
const bool = () => "bool" as const;

function intOp(f: (a: number, b: number) => number, sym?: (a: Dim, b: Dim) => Dim | null) {
  return (a: Dim, b: Dim): Dim | null =>
    typeof a === "number" && typeof b === "number" ? f(a, b) : sym ? sym(a, b) : null;
}

const cast: ShapeRule = (node, [x], ctx) => {
  const to = CODE_TO_TYPE[ctx.int(node, "to", 1)] ?? null;
  const out: ValueType = { dataType: to, shape: x?.shape ?? null };
  if (x?.value && (to === "int64" || to === "int32")) out.value = x.value;
  return [out];
};

const where: ShapeRule = (_node, [c, a, b], ctx) => [
  {
    dataType: a?.dataType ?? b?.dataType ?? null,
    shape: broadcastShapes([c?.shape ?? null, a?.shape ?? null, b?.shape ?? null], ctx.fresh),
  },
];

const CODE_TO_TYPE: Record<number, DataType> = {
  1: "float32",
  2: "uint8",
  3: "int8",
  4: "uint16",
  5: "int16",
  6: "int32",
  7: "int64",
  8: "string",
  9: "bool",
  10: "float16",
  11: "float64",
  12: "uint32",
  13: "uint64",
  16: "bfloat16",
};

const UNARY = [
  "Identity",
  "Neg",
  "Exp",
  "Log",
  "Sqrt",
  "Reciprocal",
  "Tanh",
  "Sigmoid",
  "Relu",
  "Erf",
  "Cos",
  "Sin",
  "Abs",
  "Sign",
  "Floor",
  "Ceil",
  "Round",
  "Softmax",
  "LogSoftmax",
  "Trilu",
  "Dropout",
  "LayerNormalization",
  "SimplifiedLayerNormalization",
  "Gelu",
  "Softplus",
  "Softsign",
  "HardSigmoid",
  "HardSwish",
  "LeakyRelu",
  "Elu",
  "Selu",
  "Celu",
  "Mish",
  "ThresholdedRelu",
  "CumSum",
  "Clip",
];

/** Shape rules of elementwise ops by op type. */
export const ELEMENTWISE_SHAPE_RULES: Readonly<Record<string, ShapeRule>> = {
  ...Object.fromEntries(UNARY.map((op) => [op, same])),
  Not: (_n, [x]) => [{ dataType: "bool", shape: x?.shape ?? null }],
  IsNaN: (_n, [x]) => [{ dataType: "bool", shape: x?.shape ?? null }],
  IsInf: (_n, [x]) => [{ dataType: "bool", shape: x?.shape ?? null }],
  Cast: cast,
  CastLike: (_n, [x, like]) => [{ dataType: like?.dataType ?? null, shape: x?.shape ?? null }],
  Add: elementwise(first, intOp((a, b) => a + b, (a, b) => addDims(a, b))),
  Sub: elementwise(first, intOp((a, b) => a - b)),
  Mul: elementwise(first, intOp((a, b) => a * b, (a, b) => mulDims([a, b]))),
  Div: elementwise(first, intOp((a, b) => Math.trunc(a / b), (a, b) => divDims(a, b))),
  Mod: elementwise(first),
  Pow: elementwise(first),
  Max: elementwise(first, intOp(Math.max)),
  Min: elementwise(first, intOp(Math.min)),
  Sum: elementwise(first),
  Mean: elementwise(first),
  PRelu: elementwise(first),
  Equal: elementwise(bool),
  Less: elementwise(bool),
  LessOrEqual: elementwise(bool),
  Greater: elementwise(bool),
  GreaterOrEqual: elementwise(bool),
  And: elementwise(bool),
  Or: elementwise(bool),
  Xor: elementwise(bool),
  Where: where,
};

/** Used by rules that need a fresh-dim source outside of inference (tests). */
export type { ShapeRuleContext };
