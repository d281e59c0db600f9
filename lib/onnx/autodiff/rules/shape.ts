/**
 * VJP rules of ops that only rearrange elements: Reshape, Flatten, Squeeze, Unsqueeze
 * (gradient reshaped back to the input's shape), Transpose (inverse permutation) and
 * Expand (summed back over the broadcast axes).
 *
 * @module
 */
import type { VjpContext, VjpRule } from "../vjp.ts";

const reshapeBack: VjpRule = {
  differentiable: [0],
  vjp: (ctx: VjpContext) => [ctx.b.reshape(ctx.dy()!, ctx.shapeOf(ctx.node.inputs[0]!))],
};

const transpose: VjpRule = {
  differentiable: [0],
  vjp: (ctx) => {
    const rank = ctx.rank(ctx.node.inputs[0]!);
    const perm = ctx.ints("perm") ?? Array.from({ length: rank }, (_, i) => rank - 1 - i);
    const inverse = new Array<number>(rank);
    perm.forEach((p, i) => (inverse[p] = i));
    return [ctx.b.transpose(ctx.dy()!, inverse)];
  },
};

const expand: VjpRule = {
  differentiable: [0],
  vjp: (
    ctx,
  ) => [ctx.sumToShape(ctx.dy()!, ctx.type(ctx.node.outputs[0]!).shape, ctx.node.inputs[0]!)],
};

/** VJP rules of shape ops. */
export const SHAPE_VJPS: Readonly<Record<string, VjpRule>> = {
  Reshape: reshapeBack,
  Flatten: reshapeBack,
  Squeeze: reshapeBack,
  Unsqueeze: reshapeBack,
  Transpose: transpose,
  Expand: expand,
};
