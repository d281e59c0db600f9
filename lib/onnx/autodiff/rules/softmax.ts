/**
 * VJP rules of Softmax and LogSoftmax (opset >= 13: one axis, default the last):
 * - Softmax: `dX = Y * (dY - sum(dY * Y, axis))`;
 * - LogSoftmax: `dX = dY - exp(Y) * sum(dY, axis)`.
 *
 * @module
 */
import type { VjpRule } from "../vjp.ts";

const softmax: VjpRule = {
  differentiable: [0],
  vjp: (ctx) => {
    const { b } = ctx;
    const y = ctx.node.outputs[0]!, dy = ctx.dy()!;
    const axis = ctx.int("axis", -1);
    const dot = b.reduceSum(b.mul(dy, y), [axis], true);
    return [b.mul(y, b.sub(dy, dot))];
  },
};

const logSoftmax: VjpRule = {
  differentiable: [0],
  vjp: (ctx) => {
    const { b } = ctx;
    const y = ctx.node.outputs[0]!, dy = ctx.dy()!;
    const axis = ctx.int("axis", -1);
    const total = b.reduceSum(dy, [axis], true);
    return [b.sub(dy, b.mul(b.op("Exp", [y]), total))];
  },
};

/** VJP rules of the softmax family. */
export const SOFTMAX_VJPS: Readonly<Record<string, VjpRule>> = {
  Softmax: softmax,
  LogSoftmax: logSoftmax,
};
