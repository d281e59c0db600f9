/**
 * VJP rules of Slice, Concat and Split.
 *
 * - Slice: the gradient is padded back with zeros. With constant starts/ends and static
 *   dims the pads are constants; otherwise they are computed at run time from `Shape`,
 *   with ONNX's clamping of negative and out-of-range starts and ends. Steps other than 1
 *   are refused (no rule), never differentiated wrongly.
 * - Concat: Split of the gradient by the inputs' sizes along the axis.
 * - Split: Concat of the output gradients, zeros for outputs that do not reach the loss.
 *
 * @module
 */
import type { VjpContext, VjpRule } from "../vjp.ts";

const INT64_MAX_LIKE = 2 ** 62;

const slice: VjpRule = {
  differentiable: [0],
  vjp: (ctx) => {
    const { b, node } = ctx;
    const x = node.inputs[0]!;
    const rank = ctx.rank(x);
    const shape = ctx.type(x).shape!;
    const starts = ctx.constInts(1), ends = ctx.constInts(2);
    const nAxes = starts?.length ?? ends?.length ?? ctx.type(node.inputs[1]!).shape?.[0];
    if (typeof nAxes !== "number") return ctx.fail("the number of sliced axes is unknown");
    const hasAxes = node.inputs.length > 3 && node.inputs[3] !== "";
    const axes = hasAxes ? ctx.constInts(3) : Array.from({ length: nAxes }, (_, i) => i);
    if (axes === undefined) return ctx.fail("axes known only at run time");
    const steps = node.inputs.length > 4 && node.inputs[4] !== ""
      ? ctx.constInts(4)
      : axes.map(() => 1);
    if (steps === undefined || steps.some((s) => s !== 1)) {
      ctx.fail("only step 1 slices have a gradient rule");
    }
    const normAxes = axes.map((a) => (a < 0 ? a + rank : a));
    const dy = ctx.dy()!;
    // Static pads when every sliced dim and bound is known.
    if (starts && ends && normAxes.every((a) => typeof shape[a] === "number")) {
      const pads = new Array<number>(2 * rank).fill(0);
      normAxes.forEach((a, i) => {
        const n = shape[a] as number;
        const clamp = (v: number) => Math.min(Math.max(v < 0 ? v + n : v, 0), n);
        const s = clamp(starts[i]!), e = Math.max(clamp(Math.min(ends[i]!, INT64_MAX_LIKE)), s);
        pads[a] = s;
        pads[rank + a] = n - e;
      });
      return [b.op("Pad", [dy, b.ints(pads)])];
    }
    return [b.op("Pad", [dy, runtimePads(ctx, x, normAxes, rank)])];
  },
};

/** Pads [begin_0..begin_r-1, end_0..end_r-1] computed from Shape(x) and the slice bounds. */
function runtimePads(ctx: VjpContext, x: string, axes: number[], rank: number): string {
  const { b, node } = ctx;
  const dims = b.shape(x);
  const zero = b.ints([0]);
  const begins: string[] = new Array(rank).fill(zero),
    endsPad: string[] = new Array(rank).fill(zero);
  const asI64 = (
    name: string,
  ) => (ctx.type(name).dataType === "int64" ? name : b.cast(name, "int64"));
  const starts = asI64(node.inputs[1]!), ends = asI64(node.inputs[2]!);
  axes.forEach((a, i) => {
    const n = b.op("Gather", [dims, b.ints([a])], { axis: 0 });
    const pick = (v: string) => b.op("Slice", [v, b.ints([i]), b.ints([i + 1])]);
    const clamp = (v: string) => {
      const wrapped = b.op("Where", [b.op("Less", [v, zero]), b.add(v, n), v]);
      return b.op("Max", [b.op("Min", [wrapped, n]), zero]);
    };
    const s = clamp(pick(starts));
    const e = b.op("Max", [clamp(pick(ends)), s]);
    begins[a] = s;
    endsPad[a] = b.sub(n, e);
  });
  return b.op("Concat", [...begins, ...endsPad], { axis: 0 });
}

const concat: VjpRule = {
  differentiable: "all",
  vjp: (ctx) => {
    const { b, node } = ctx;
    const rank = ctx.rank(node.outputs[0]!);
    const axis = ((ctx.int("axis", 0) % rank) + rank) % rank;
    const dims = node.inputs.map((x) => ctx.type(x).shape?.[axis]);
    const sizes = dims.every((d) => typeof d === "number") ? b.ints(dims as number[]) : b.op(
      "Concat",
      node.inputs.map((x) => b.op("Gather", [b.shape(x), b.ints([axis])], { axis: 0 })),
      { axis: 0 },
    );
    const parts = b.node("Split", [ctx.dy()!, sizes], { axis }, { outputs: node.inputs.length });
    return node.inputs.map((_, i) => (ctx.needs(i) ? parts[i]! : null));
  },
};

const split: VjpRule = {
  differentiable: [0],
  vjp: (ctx) => {
    const { b, node } = ctx;
    const rank = ctx.rank(node.inputs[0]!);
    const axis = ((ctx.int("axis", 0) % rank) + rank) % rank;
    const parts = node.outputs.map((o, i) => ctx.dy(i) ?? ctx.zerosLike(o));
    return [b.op("Concat", parts, { axis })];
  },
};

/** VJP rules of Slice, Concat and Split. */
export const SLICE_CONCAT_VJPS: Readonly<Record<string, VjpRule>> = {
  Slice: slice,
  Concat: concat,
  Split: split,
};
