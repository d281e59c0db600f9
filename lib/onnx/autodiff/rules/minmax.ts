/**
 * VJP rules of Max, Min (variadic, broadcasting) and Clip.
 *
 * - Max/Min: the gradient goes to the inputs equal to the result, split evenly between ties
 *   (torch's convention for `maximum`), then reduced over broadcast axes.
 * - Clip: the gradient passes where `min <= x <= max` (inclusive, as torch's `clamp`);
 *   the bounds themselves get none (a bound on the differentiable path is an error).
 *
 * @module
 */
import type { VjpContext, VjpRule } from "../vjp.ts";

function extremum(ctx: VjpContext): (string | null)[] {
  const { b, node } = ctx;
  const y = node.outputs[0]!, dy = ctx.dy()!;
  const shape = ctx.type(y).shape;
  const t = ctx.type(y).dataType!;
  const masks = node.inputs.map((x) => b.cast(b.op("Equal", [x, y]), t));
  const ties = masks.length === 1
    ? masks[0]!
    : masks.length === 2
    ? b.add(masks[0]!, masks[1]!)
    : b.op("Sum", masks);
  const share = b.div(dy, ties);
  return node.inputs.map((
    x,
    i,
  ) => (ctx.needs(i) ? ctx.sumToShape(b.mul(share, masks[i]!), shape, x) : null));
}

const clip: VjpRule = {
  differentiable: "all",
  vjp: (ctx) => {
    const { b, node } = ctx;
    if (ctx.needs(1) || ctx.needs(2)) {
      ctx.fail("the gradient with respect to the bounds is not supported");
    }
    const [x, lo, hi] = node.inputs as [string, string | undefined, string | undefined];
    let inside: string | null = null;
    if (lo) inside = b.op("GreaterOrEqual", [x, lo]);
    if (hi) {
      const below = b.op("LessOrEqual", [x, hi]);
      inside = inside ? b.op("And", [inside, below]) : below;
    }
    const dy = ctx.dy()!;
    return [inside ? b.op("Where", [inside, dy, ctx.scalar(0, x)]) : dy, null, null];
  },
};

/** VJP rules of Max, Min and Clip. */
export const MINMAX_VJPS: Readonly<Record<string, VjpRule>> = {
  Max: { differentiable: "all", vjp: extremum },
  Min: { differentiable: "all", vjp: extremum },
  Clip: clip,
};
