/**
 * VJP rules of ReduceSum, ReduceMean and ReduceMax: the output gradient is broadcast back
 * over the reduced axes (`Expand` to the input's shape). ReduceMean scales it by
 * 1/count; ReduceMax routes it to the maxima, split evenly between ties.
 *
 * @module
 */
import type { VjpContext, VjpRule } from "../vjp.ts";

/** Reduced axes (normalized, sorted), `"all"`, `"none"` (noop), or `null` when only known at run time. */
function reducedAxes(ctx: VjpContext): number[] | "all" | "none" | null {
  const x = ctx.node.inputs[0]!;
  const rank = ctx.rank(x);
  const fromInput = ctx.node.inputs.length > 1 && ctx.node.inputs[1] !== "";
  const axes = fromInput ? ctx.constInts(1) : ctx.ints("axes");
  if (fromInput && axes === undefined) return null;
  if (axes === undefined || axes.length === 0) {
    return ctx.int("noop_with_empty_axes", 0) === 1 ? "none" : "all";
  }
  return [...new Set(axes.map((a) => (a < 0 ? a + rank : a)))].sort((a, b) => a - b);
}

/** dY reshaped to keepdims form and expanded to X's shape. */
function expandBack(ctx: VjpContext, dy: string, axes: number[] | "all" | null): string {
  const { b } = ctx;
  const x = ctx.node.inputs[0]!;
  const rank = ctx.rank(x);
  let kept = dy;
  if (ctx.int("keepdims", 1) === 0) {
    if (axes === null) ctx.fail("keepdims=0 with axes known only at run time");
    const all = axes === "all" ? Array.from({ length: rank }, (_, i) => i) : axes;
    kept = b.unsqueeze(dy, all);
  }
  return b.op("Expand", [kept, ctx.shapeOf(x)]);
}

const reduceSum: VjpRule = {
  differentiable: [0],
  vjp: (ctx) => {
    const axes = reducedAxes(ctx);
    if (axes === "none") return [ctx.dy()!];
    return [expandBack(ctx, ctx.dy()!, axes)];
  },
};

const reduceMean: VjpRule = {
  differentiable: [0],
  vjp: (ctx) => {
    const { b } = ctx;
    const x = ctx.node.inputs[0]!, y = ctx.node.outputs[0]!;
    const axes = reducedAxes(ctx);
    if (axes === "none") return [ctx.dy()!];
    const shape = ctx.type(x).shape!;
    const dims = axes === "all" ? shape : axes === null ? null : axes.map((a) => shape[a]!);
    let scale: string;
    if (dims !== null && dims.every((d) => typeof d === "number")) {
      scale = ctx.scalar(1 / (dims as number[]).reduce((p, d) => p * d, 1), x);
    } else {
      // count = Size(X) / Size(Y), computed at run time.
      const t = ctx.type(x).dataType!;
      scale = b.div(b.cast(b.op("Size", [y]), t), b.cast(b.op("Size", [x]), t));
    }
    return [b.mul(expandBack(ctx, ctx.dy()!, axes), scale)];
  },
};

const reduceMax: VjpRule = {
  differentiable: [0],
  vjp: (ctx) => {
    const { b } = ctx;
    const x = ctx.node.inputs[0]!, y = ctx.node.outputs[0]!;
    const axes = reducedAxes(ctx);
    if (axes === "none") return [ctx.dy()!];
    const t = ctx.type(x).dataType!;
    const rank = ctx.rank(x);
    const all = axes === "all" ? Array.from({ length: rank }, (_, i) => i) : axes;
    if (all === null) return ctx.fail("axes known only at run time");
    const keep = ctx.int("keepdims", 1) === 1;
    const yKeep = keep ? y : b.unsqueeze(y, all);
    const mask = b.cast(b.op("Equal", [x, yKeep]), t);
    const ties = b.reduceSum(mask, all, true);
    return [b.div(b.mul(expandBack(ctx, ctx.dy()!, all), mask), ties)];
  },
};

/** VJP rules of reductions. */
export const REDUCE_VJPS: Readonly<Record<string, VjpRule>> = {
  ReduceSum: reduceSum,
  ReduceMean: reduceMean,
  ReduceMax: reduceMax,
};
