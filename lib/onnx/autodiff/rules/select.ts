/**
 * VJP rules of selection ops: Where routes the gradient to the chosen branch; Trilu keeps
 * the same triangle of the gradient.
 *
 * @module
 */
import type { VjpRule } from "../vjp.ts";

const where: VjpRule = {
  differentiable: [1, 2],
  vjp: (ctx) => {
    const { b, node } = ctx;
    const [c, x, y] = node.inputs as [string, string, string];
    const dy = ctx.dy()!;
    const shape = ctx.type(node.outputs[0]!).shape;
    const zero = ctx.scalar(0, node.outputs[0]!);
    return [
      null,
      ctx.needs(1) ? ctx.sumToShape(b.op("Where", [c, dy, zero]), shape, x) : null,
      ctx.needs(2) ? ctx.sumToShape(b.op("Where", [c, zero, dy]), shape, y) : null,
    ];
  },
};

const trilu: VjpRule = {
  differentiable: [0],
  vjp: (ctx) => {
    const inputs = [ctx.dy()!, ...ctx.node.inputs.slice(1)];
    return [ctx.b.op("Trilu", inputs, { upper: ctx.int("upper", 1) })];
  },
};

/** VJP rules of selection ops. */
export const SELECT_VJPS: Readonly<Record<string, VjpRule>> = { Where: where, Trilu: trilu };
