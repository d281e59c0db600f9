/**
 * VJP rules of Gather and GatherElements: the gradient is scattered back into zeros with
 * `reduction="add"` (opset 16), so repeated indices accumulate (an embedding row used by
 * several tokens gets the sum of their gradients).
 *
 * Gather along axis k != 0 transposes so the gathered axis comes first, scatters with
 * ScatterND, and transposes back.
 *
 * @module
 */
import type { VjpRule } from "../vjp.ts";

const gather: VjpRule = {
  differentiable: [0],
  vjp: (ctx) => {
    const { b, node } = ctx;
    const [data, idx] = node.inputs as [string, string];
    const r = ctx.rank(data), q = ctx.rank(idx);
    const axis = ((ctx.int("axis", 0) % r) + r) % r;
    const index = b.unsqueeze(idx, [-1]);
    const dy = ctx.dy()!;
    if (axis === 0) {
      return [b.op("ScatterND", [ctx.zerosLike(data), index, dy], { reduction: "add" })];
    }
    // dY: data[:axis] + idx.shape + data[axis+1:]  ->  idx.shape + data[:axis] + data[axis+1:]
    const dyPerm = [
      ...Array.from({ length: q }, (_, i) => axis + i),
      ...Array.from({ length: axis }, (_, i) => i),
      ...Array.from({ length: r - axis - 1 }, (_, i) => axis + q + i),
    ];
    // data -> data[axis] + data[:axis] + data[axis+1:]
    const dataPerm = [
      axis,
      ...Array.from({ length: axis }, (_, i) => i),
      ...Array.from({ length: r - axis - 1 }, (_, i) => axis + 1 + i),
    ];
    const inverse = new Array<number>(r);
    dataPerm.forEach((p, i) => (inverse[p] = i));
    const zeros = b.transpose(ctx.zerosLike(data), dataPerm);
    const scattered = b.op("ScatterND", [zeros, index, b.transpose(dy, dyPerm)], {
      reduction: "add",
    });
    return [b.transpose(scattered, inverse)];
  },
};

const gatherElements: VjpRule = {
  differentiable: [0],
  vjp: (ctx) => {
    const [data, idx] = ctx.node.inputs as [string, string];
    return [
      ctx.b.op("ScatterElements", [ctx.zerosLike(data), idx, ctx.dy()!], {
        axis: ctx.int("axis", 0),
        reduction: "add",
      }),
    ];
  },
};

/** VJP rules of gathers. */
export const GATHER_VJPS: Readonly<Record<string, VjpRule>> = {
  Gather: gather,
  GatherElements: gatherElements,
};
