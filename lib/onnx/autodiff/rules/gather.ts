/**
 * VJP rules of Gather and GatherElements: the gradient is scattered back into zeros with
 * ScatterElements and `reduction="add"` (opset 16), so repeated indices accumulate (an
 * embedding row used by several tokens gets the sum of their gradients).
 *
 * Why not ScatterND, the textbook choice for Gather: onnxruntime-node 1.30's ScatterND with
 * `reduction="add"` races when it runs on more than one thread and indices repeat (measured:
 * an error of 1.9 against the exact sum on a 4096 x 256 embedding gradient with 2 threads,
 * different on every run). ScatterElements with the same reduction is exact and
 * deterministic there, so Gather's gradient is written with it: the gathered indices,
 * flattened to N, are broadcast along the other axes of the data.
 *
 * @module
 */
import type { VjpRule } from "../vjp.ts";

const gather: VjpRule = {
  differentiable: [0],
  vjp: (ctx) => {
    const { b, node } = ctx;
    const [data, idx] = node.inputs as [string, string];
    const r = ctx.rank(data);
    const axis = ((ctx.int("axis", 0) % r) + r) % r;
    // dY: data[:axis] + idx.shape + data[axis+1:]  ->  data[:axis] + [N] + data[axis+1:]
    const dataShape = b.shape(data);
    const before = axis === 0 ? [] : [b.op("Slice", [dataShape, b.ints([0]), b.ints([axis])])];
    const after = axis === r - 1
      ? []
      : [b.op("Slice", [dataShape, b.ints([axis + 1]), b.ints([r])])];
    const flatShape = b.op("Concat", [...before, b.ints([-1]), ...after], { axis: 0 });
    const updates = b.reshape(ctx.dy()!, flatShape);
    // Indices: N along `axis`, broadcast over the other axes to the updates' shape.
    const lined = Array.from({ length: r }, (_, i) => (i === axis ? -1 : 1));
    const indices = b.op("Expand", [b.reshape(idx, lined), b.shape(updates)]);
    return [
      b.op("ScatterElements", [ctx.zerosLike(data), indices, updates], { axis, reduction: "add" }),
    ];
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
