/**
 * The registry of VJP rules by op type (default ONNX domain), and the ops that carry no
 * gradient at all (shape plumbing, comparisons, index and mask computations).
 *
 * @module
 */
import { ELEMENTWISE_VJPS } from "./rules/elementwise.ts";
import { GATHER_VJPS } from "./rules/gather.ts";
import { MATMUL_VJPS } from "./rules/matmul.ts";
import { MINMAX_VJPS } from "./rules/minmax.ts";
import { REDUCE_VJPS } from "./rules/reduce.ts";
import { SELECT_VJPS } from "./rules/select.ts";
import { SHAPE_VJPS } from "./rules/shape.ts";
import { SLICE_CONCAT_VJPS } from "./rules/slice_concat.ts";
import { SOFTMAX_VJPS } from "./rules/softmax.ts";
import type { VjpRule } from "./vjp.ts";

/** Every op with a gradient rule. */
export const VJP_RULES: Readonly<Record<string, VjpRule>> = {
  ...ELEMENTWISE_VJPS,
  ...MATMUL_VJPS,
  ...REDUCE_VJPS,
  ...SOFTMAX_VJPS,
  ...SHAPE_VJPS,
  ...SLICE_CONCAT_VJPS,
  ...GATHER_VJPS,
  ...SELECT_VJPS,
  ...MINMAX_VJPS,
};

/**
 * Ops whose outputs never carry a gradient: integer, boolean, shape and index results, and
 * piecewise-constant functions (zero gradient almost everywhere).
 */
export const NON_DIFFERENTIABLE_OPS: ReadonlySet<string> = new Set([
  "Shape",
  "Size",
  "Constant",
  "ConstantOfShape",
  "Range",
  "Equal",
  "Less",
  "LessOrEqual",
  "Greater",
  "GreaterOrEqual",
  "Not",
  "And",
  "Or",
  "Xor",
  "IsNaN",
  "IsInf",
  "NonZero",
  "ArgMax",
  "ArgMin",
  "Sign",
  "Floor",
  "Ceil",
  "Round",
  "EyeLike",
  "RandomNormal",
  "RandomUniform",
  "RandomNormalLike",
  "RandomUniformLike",
  "Bernoulli",
  "Multinomial",
  "OneHot",
]);
