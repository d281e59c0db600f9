/**
 * Shape rules of ops that move, select, reduce or create data: MatMul, Gemm, Gather,
 * Reshape, Transpose, Slice, Concat, Split, Expand, Reduce*, Shape, Constant and friends.
 *
 * @module
 */
import type { Dim, Node } from "../ir.ts";
import { divDims, mulDims } from "./dims.ts";
import type { ShapeRule, ShapeRuleContext, ValueType } from "./infer.ts";
import { typeOfTensor } from "./infer.ts";
import { broadcastShapes } from "./rules_elementwise.ts";

const unknown = (): ValueType => ({ dataType: null, shape: null });
const norm = (axis: number, rank: number) => (axis < 0 ? axis + rank : axis);

/** Constant int values of an input, when known and fully numeric. */
function numbers(v: ValueType | undefined): number[] | undefined {
  return v?.value?.every((d) => typeof d === "number") ? (v.value as number[]) : undefined;
}

/** Axes from the attribute (old opsets) or the second input (newer ones). */
function axesOf(
  node: Node,
  inputs: (ValueType | undefined)[],
  ctx: ShapeRuleContext,
): number[] | undefined | null {
  const attr = ctx.ints(node, "axes");
  if (attr) return attr;
  if (node.inputs.length > 1 && node.inputs[1] !== "") return numbers(inputs[1]) ?? null;
  return undefined;
}

const matMul: ShapeRule = (_n, [a, b], ctx) => {
  if (!a?.shape || !b?.shape) return [{ dataType: a?.dataType ?? null, shape: null }];
  const A = a.shape.length === 1 ? [1, a.shape[0]!] : a.shape;
  const B = b.shape.length === 1 ? [b.shape[0]!, 1] : b.shape;
  const batch = broadcastShapes([A.slice(0, -2), B.slice(0, -2)], ctx.fresh)!;
  const out = [...batch, A[A.length - 2]!, B[B.length - 1]!];
  if (b.shape.length === 1) out.pop();
  if (a.shape.length === 1) out.splice(out.length - (b.shape.length === 1 ? 1 : 2), 1);
  return [{ dataType: a.dataType, shape: out }];
};

const gemm: ShapeRule = (node, [a, b], ctx) => {
  const ta = ctx.int(node, "transA", 0), tb = ctx.int(node, "transB", 0);
  if (!a?.shape || !b?.shape) return [{ dataType: a?.dataType ?? null, shape: null }];
  return [{ dataType: a.dataType, shape: [a.shape[ta ? 1 : 0]!, b.shape[tb ? 0 : 1]!] }];
};

const gather: ShapeRule = (node, [data, idx]) => {
  if (!data?.shape || !idx?.shape) return [{ dataType: data?.dataType ?? null, shape: null }];
  const axis = norm(intOf(node, "axis", 0), data.shape.length);
  const out: ValueType = {
    dataType: data.dataType,
    shape: [...data.shape.slice(0, axis), ...idx.shape, ...data.shape.slice(axis + 1)],
  };
  const ids = numbers(idx);
  if (data.value && ids && axis === 0) {
    const n = data.value.length;
    const picked = ids.map((i) => data.value![i < 0 ? i + n : i]);
    if (picked.every((d) => d !== undefined)) out.value = picked as Dim[];
  }
  return [out];
};

function intOf(node: Node, name: string, fallback: number): number {
  const a = node.attributes[name];
  return a?.type === "int" ? a.value : fallback;
}

const reshape: ShapeRule = (node, [x, target], ctx) => {
  const dims = target?.value;
  if (!dims) {
    const rank = target?.shape?.[0];
    return [{
      dataType: x?.dataType ?? null,
      shape: typeof rank === "number" ? Array.from({ length: rank }, ctx.fresh) : null,
      ...valueOf(x),
    }];
  }
  const allowZero = ctx.int(node, "allowzero", 0) === 1;
  const out: Dim[] = dims.map((d, i) => (d === 0 && !allowZero ? x?.shape?.[i] ?? ctx.fresh() : d));
  const inferAt = out.indexOf(-1);
  if (inferAt >= 0) {
    const known = out.filter((_, i) => i !== inferAt);
    const total = x?.shape ? mulDims(x.shape) : null;
    out[inferAt] = total === null ? ctx.fresh() : divDims(total, mulDims(known)) ?? ctx.fresh();
  }
  return [{ dataType: x?.dataType ?? null, shape: out, ...valueOf(x) }];
};

/** Keeps known values through ops that only change the shape of a small int tensor. */
function valueOf(x: ValueType | undefined): { value?: Dim[] } {
  return x?.value ? { value: x.value } : {};
}

const transpose: ShapeRule = (node, [x], ctx) => {
  if (!x?.shape) return [{ dataType: x?.dataType ?? null, shape: null }];
  const perm = ctx.ints(node, "perm") ?? x.shape.map((_, i) => x.shape!.length - 1 - i);
  return [{ dataType: x.dataType, shape: perm.map((p) => x.shape![p]!) }];
};

const unsqueeze: ShapeRule = (node, inputs, ctx) => {
  const [x] = inputs;
  const axes = axesOf(node, inputs, ctx);
  if (!x?.shape || !axes) return [{ dataType: x?.dataType ?? null, shape: null, ...valueOf(x) }];
  const rank = x.shape.length + axes.length;
  const at = new Set(axes.map((a) => norm(a, rank)));
  const out: Dim[] = [];
  let k = 0;
  for (let i = 0; i < rank; i++) out.push(at.has(i) ? 1 : x.shape[k++]!);
  return [{ dataType: x.dataType, shape: out, ...valueOf(x) }];
};

const squeeze: ShapeRule = (node, inputs, ctx) => {
  const [x] = inputs;
  const axes = axesOf(node, inputs, ctx);
  if (!x?.shape || axes === null) {
    return [{ dataType: x?.dataType ?? null, shape: null, ...valueOf(x) }];
  }
  const rank = x.shape.length;
  const drop = axes === undefined
    ? new Set(x.shape.flatMap((d, i) => (d === 1 ? [i] : [])))
    : new Set(axes.map((a) => norm(a, rank)));
  return [{ dataType: x.dataType, shape: x.shape.filter((_, i) => !drop.has(i)), ...valueOf(x) }];
};

const slice: ShapeRule = (node, inputs, ctx) => {
  const [x] = inputs;
  if (!x?.shape) return [{ dataType: x?.dataType ?? null, shape: null }];
  const rank = x.shape.length;
  const starts = ctx.opset >= 10 ? numbers(inputs[1]) : ctx.ints(node, "starts");
  const ends = ctx.opset >= 10 ? numbers(inputs[2]) : ctx.ints(node, "ends");
  const axes =
    (ctx.opset >= 10
      ? (node.inputs[3] ? numbers(inputs[3]) : undefined)
      : ctx.ints(node, "axes")) ??
      starts?.map((_, i) => i);
  const steps = (node.inputs[4] ? numbers(inputs[4]) : undefined) ?? starts?.map(() => 1);
  const shape: Dim[] = [...x.shape];
  if (!starts || !ends || !axes || !steps) {
    const dynAxes = (node.inputs[3] ? numbers(inputs[3]) : undefined) ??
      (inputs[1]?.shape?.[0] === rank ? x.shape.map((_, i) => i) : null);
    if (!dynAxes) return [{ dataType: x.dataType, shape: shape.map(ctx.fresh) }];
    for (const a of dynAxes) shape[norm(a, rank)] = ctx.fresh();
    return [{ dataType: x.dataType, shape }];
  }
  const out: ValueType = { dataType: x.dataType, shape };
  axes.forEach((a, i) => {
    const ax = norm(a, rank);
    shape[ax] = slicedDim(x.shape![ax]!, starts[i]!, ends[i]!, steps[i]!, ctx);
  });
  if (x.value && rank === 1 && axes.length === 1 && steps[0] === 1) {
    const n = x.value.length;
    const clamp = (v: number) => Math.min(Math.max(v < 0 ? v + n : v, 0), n);
    out.value = x.value.slice(clamp(starts[0]!), clamp(ends[0]!));
  }
  return [out];
};

function slicedDim(d: Dim, start: number, end: number, step: number, ctx: ShapeRuleContext): Dim {
  if (typeof d === "number") {
    const clamp = (v: number, lo: number, hi: number) =>
      Math.min(Math.max(v < 0 ? v + d : v, lo), hi);
    const s = step > 0 ? clamp(start, 0, d) : clamp(start, -1, d - 1);
    const e = step > 0 ? clamp(end, 0, d) : clamp(end, -1, d - 1);
    return Math.max(0, Math.ceil((e - s) / step));
  }
  const big = 2 ** 31 - 1;
  if (step === 1 && start === 0 && end >= big) return d;
  if (step === 1 && start >= 0 && end >= 0 && end < big) return ctx.fresh(); // min(end, d) - start
  return ctx.fresh();
}

const concat: ShapeRule = (node, inputs, ctx) => {
  const present = inputs.filter((v): v is ValueType => v !== undefined);
  const ref = present.find((v) => v.shape);
  if (!ref?.shape || present.some((v) => !v.shape)) {
    return [{ dataType: ref?.dataType ?? null, shape: null }];
  }
  const rank = ref.shape.length;
  const axis = norm(ctx.int(node, "axis", 0), rank);
  const shape = [...ref.shape];
  let total: Dim = 0;
  for (const v of present) {
    const d = v.shape![axis]!;
    total = typeof total === "number" && typeof d === "number"
      ? total + d
      : total === 0
      ? d
      : ctx.fresh();
  }
  shape[axis] = total;
  const out: ValueType = { dataType: ref.dataType, shape };
  if (rank <= 1 && present.every((v) => v.value)) out.value = present.flatMap((v) => v.value!);
  return [out];
};

const split: ShapeRule = (node, inputs, ctx) => {
  const [x] = inputs;
  const n = node.outputs.length;
  if (!x?.shape) return node.outputs.map(() => ({ dataType: x?.dataType ?? null, shape: null }));
  const axis = norm(ctx.int(node, "axis", 0), x.shape.length);
  const sizes = ctx.ints(node, "split") ?? (node.inputs[1] ? numbers(inputs[1]) : undefined);
  const d = x.shape[axis]!;
  return node.outputs.map((_, i) => {
    const shape = [...x.shape!];
    shape[axis] = sizes
      ? sizes[i]!
      : typeof d === "number"
      ? Math.ceil(d / n) - (i === n - 1 ? Math.ceil(d / n) * n - d : 0)
      : ctx.fresh();
    return { dataType: x.dataType, shape };
  });
};

const expand: ShapeRule = (_n, [x, shape], ctx) => {
  if (!shape?.value) {
    const rank = shape?.shape?.[0];
    return [{
      dataType: x?.dataType ?? null,
      shape: typeof rank === "number" && x?.shape
        ? broadcastShapes([x.shape, Array.from({ length: rank }, ctx.fresh)], ctx.fresh)
        : null,
    }];
  }
  return [{
    dataType: x?.dataType ?? null,
    shape: broadcastShapes([x?.shape ?? null, shape.value], ctx.fresh),
  }];
};

const reduce: ShapeRule = (node, inputs, ctx) => {
  const [x] = inputs;
  if (!x?.shape) return [{ dataType: x?.dataType ?? null, shape: null }];
  const keep = ctx.int(node, "keepdims", 1) === 1;
  const axes = axesOf(node, inputs, ctx);
  const rank = x.shape.length;
  if (axes === null) return [{ dataType: x.dataType, shape: keep ? x.shape.map(ctx.fresh) : null }];
  const noop = ctx.int(node, "noop_with_empty_axes", 0) === 1;
  if ((axes === undefined || axes.length === 0) && noop) {
    return [{ dataType: x.dataType, shape: [...x.shape] }];
  }
  const set = new Set(
    (axes === undefined || axes.length === 0 ? x.shape.map((_, i) => i) : axes).map((a) =>
      norm(a, rank)
    ),
  );
  const shape = x.shape.flatMap((d, i) => (set.has(i) ? (keep ? [1] : []) : [d]));
  return [{ dataType: node.opType.startsWith("Arg") ? "int64" : x.dataType, shape }];
};

const shapeOp: ShapeRule = (node, [x], ctx) => {
  if (!x?.shape) return [{ dataType: "int64", shape: [ctx.fresh()] }];
  const rank = x.shape.length;
  const start = norm(ctx.int(node, "start", 0), rank);
  const endAttr = node.attributes.end;
  const end = endAttr?.type === "int" ? Math.min(norm(endAttr.value, rank), rank) : rank;
  const value = x.shape.slice(Math.max(0, start), Math.max(0, end));
  return [{ dataType: "int64", shape: [value.length], value }];
};

const constant: ShapeRule = (node) => {
  const a = Object.entries(node.attributes)[0];
  if (!a) return [unknown()];
  const [name, attr] = a;
  if (attr.type === "tensor") return [typeOfTensor(attr.value)];
  if (name === "value_int" && attr.type === "int") {
    return [{ dataType: "int64", shape: [], value: [attr.value] }];
  }
  if (name === "value_ints" && attr.type === "ints") {
    return [{ dataType: "int64", shape: [attr.value.length], value: attr.value }];
  }
  if (name === "value_float") return [{ dataType: "float32", shape: [] }];
  if (name === "value_floats" && attr.type === "floats") {
    return [{ dataType: "float32", shape: [attr.value.length] }];
  }
  return [unknown()];
};

const constantOfShape: ShapeRule = (node, [shape], ctx) => {
  const v = node.attributes.value;
  const dataType = v?.type === "tensor" ? v.value.dataType : "float32";
  const shapeOut = shape?.value ??
    (typeof shape?.shape?.[0] === "number"
      ? Array.from({ length: shape.shape[0] }, ctx.fresh)
      : null);
  return [{ dataType, shape: shapeOut }];
};

const range: ShapeRule = (_n, [start, limit, delta], ctx) => {
  const [s, l, d] = [numbers(start)?.[0], numbers(limit)?.[0], numbers(delta)?.[0]];
  const n = s !== undefined && l !== undefined && d
    ? Math.max(0, Math.ceil((l - s) / d))
    : ctx.fresh();
  return [{ dataType: start?.dataType ?? null, shape: [n] }];
};

/** Shape rules of data-movement, reduction and creation ops by op type. */
export const TENSOR_SHAPE_RULES: Readonly<Record<string, ShapeRule>> = {
  MatMul: matMul,
  Gemm: gemm,
  Gather: gather,
  GatherElements: (_n, [x, idx]) => [{ dataType: x?.dataType ?? null, shape: idx?.shape ?? null }],
  GatherND: (_n, [x]) => [{ dataType: x?.dataType ?? null, shape: null }],
  ScatterND: (_n, [x]) => [{ dataType: x?.dataType ?? null, shape: x?.shape ?? null }],
  ScatterElements: (_n, [x]) => [{ dataType: x?.dataType ?? null, shape: x?.shape ?? null }],
  Reshape: reshape,
  Flatten: (node, [x], ctx) => {
    if (!x?.shape) return [{ dataType: x?.dataType ?? null, shape: null }];
    const axis = norm(ctx.int(node, "axis", 1), x.shape.length);
    return [{
      dataType: x.dataType,
      shape: [mulDims(x.shape.slice(0, axis)), mulDims(x.shape.slice(axis))],
    }];
  },
  Transpose: transpose,
  Unsqueeze: unsqueeze,
  Squeeze: squeeze,
  Slice: slice,
  Concat: concat,
  Split: split,
  Expand: expand,
  ReduceSum: reduce,
  ReduceMean: reduce,
  ReduceMax: reduce,
  ReduceMin: reduce,
  ReduceProd: reduce,
  ReduceL2: reduce,
  ReduceLogSumExp: reduce,
  ArgMax: reduce,
  ArgMin: reduce,
  Shape: shapeOp,
  Size: () => [{ dataType: "int64", shape: [] }],
  Constant: constant,
  ConstantOfShape: constantOfShape,
  Range: range,
  NonZero: (
    _n,
    [x],
    ctx,
  ) => [{ dataType: "int64", shape: [x?.shape?.length ?? ctx.fresh(), ctx.fresh()] }],
  OneHot: (node, [idx, depth, values], ctx) => {
    if (!idx?.shape) return [{ dataType: values?.dataType ?? null, shape: null }];
    const shape: Dim[] = [...idx.shape];
    const axis = ctx.int(node, "axis", -1);
    shape.splice(axis < 0 ? axis + shape.length + 1 : axis, 0, numbers(depth)?.[0] ?? ctx.fresh());
    return [{ dataType: values?.dataType ?? null, shape }];
  },
};
