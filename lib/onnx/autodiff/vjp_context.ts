/**
 * The implementation of {@linkcode VjpContext} over a builder and inferred types.
 *
 * Broadcast reductions are exact where shapes prove them (a dimension that is literally 1,
 * or equal symbols) and computed at run time from `Shape` otherwise: the axes to sum are
 * those where the (left-padded) input shape is 1, which is always correct, since summing a
 * size-1 gradient axis changes nothing.
 *
 * @module
 */
import type { GraphBuilder } from "../builder.ts";
import type { Dim, Node } from "../ir.ts";
import type { ValueType } from "../shapes/infer.ts";
import type { VjpContext } from "./vjp.ts";

/** Inputs of {@linkcode createVjpContext}. */
export interface VjpContextInit {
  b: GraphBuilder;
  node: Node;
  types: Map<string, ValueType>;
  outputGrads: (string | null)[];
  needsGrad: boolean[];
  /** Values of constant tensors (initializers and Constant outputs) by name. */
  constants: (name: string) => number[] | undefined;
}

/** Makes the context a VJP rule runs with. */
export function createVjpContext(init: VjpContextInit): VjpContext {
  const { b, node, types, outputGrads, needsGrad, constants } = init;
  const fail = (message: string): never => {
    throw new TypeError(`Cannot differentiate node "${node.name}" (op ${node.opType}): ${message}`);
  };
  const type = (name: string): ValueType => types.get(name) ?? { dataType: null, shape: null };
  const rank = (name: string): number => {
    const s = type(name).shape;
    if (s === null) return fail(`the rank of "${name}" is unknown`);
    return s.length;
  };
  const shapeOf = (name: string): string => {
    const s = type(name).shape;
    if (s !== null && s.every((d) => typeof d === "number")) return b.ints(s as number[]);
    return b.shape(name);
  };
  const scalar = (value: number, like: string): string => {
    const t = type(like).dataType;
    if (t === null) return fail(`the type of "${like}" is unknown`);
    return b.constant(value, [], t);
  };
  const ctx: VjpContext = {
    b,
    node,
    type,
    dy: (i = 0) => outputGrads[i] ?? null,
    needs: (i) => needsGrad[i] === true,
    scalar,
    shapeOf,
    rank,
    fail,
    zerosLike: (name) => {
      const t = type(name);
      if (t.dataType === null) return fail(`the type of "${name}" is unknown`);
      if (t.shape !== null && t.shape.every((d) => typeof d === "number")) {
        return b.op("ConstantOfShape", [b.ints(t.shape as number[])], {
          value: { dataType: t.dataType, dims: [1], data: zeroData(t.dataType) },
        });
      }
      return b.op("ConstantOfShape", [b.shape(name)], {
        value: { dataType: t.dataType, dims: [1], data: zeroData(t.dataType) },
      });
    },
    int: (name, fallback) => {
      const a = node.attributes[name];
      return a?.type === "int" ? a.value : fallback;
    },
    ints: (name) => {
      const a = node.attributes[name];
      return a?.type === "ints" ? a.value : undefined;
    },
    constInts: (i) => {
      const name = node.inputs[i];
      if (!name) return undefined;
      const v = type(name).value;
      return v?.every((d) => typeof d === "number") ? (v as number[]) : undefined;
    },
    constValues: (i) => (node.inputs[i] ? constants(node.inputs[i]!) : undefined),
    sumToShape: (grad, gradShape, target) => sumToShape(ctx, grad, gradShape, target),
  };
  return ctx;
}

function zeroData(t: string): Float32Array | Float64Array | Uint16Array {
  return t === "float64"
    ? new Float64Array(1)
    : t === "float16" || t === "bfloat16"
    ? new Uint16Array(1)
    : new Float32Array(1);
}

function sumToShape(
  ctx: VjpContext,
  grad: string,
  gradShape: Dim[] | null,
  target: string,
): string {
  const targetShape = ctx.type(target).shape;
  if (gradShape === null || targetShape === null) {
    return ctx.fail(`cannot reduce a broadcast gradient to "${target}": rank unknown`);
  }
  const lead = gradShape.length - targetShape.length;
  if (lead < 0) return ctx.fail(`gradient of rank ${gradShape.length} is smaller than "${target}"`);
  const axes: number[] = [];
  for (let i = 0; i < lead; i++) axes.push(i);
  let certain = true;
  targetShape.forEach((td, i) => {
    const gd = gradShape[lead + i]!;
    if (td === gd) return;
    if (td === 1) axes.push(lead + i);
    else if (!(typeof td === "number" && typeof gd === "number")) certain = false;
  });
  const { b } = ctx;
  if (certain) {
    if (axes.length === 0) return grad;
    const summed = b.reduceSum(grad, axes, true);
    return lead === 0 ? summed : b.reshape(summed, ctx.shapeOf(target));
  }
  // Run-time axes: positions where the left-padded target shape is 1.
  const padded = lead === 0
    ? b.shape(target)
    : b.op("Concat", [b.ints(new Array(lead).fill(1)), b.shape(target)], { axis: 0 });
  const ones = b.op("Equal", [padded, b.ints([1], [])]);
  const runtimeAxes = b.reshape(b.op("NonZero", [ones]), [-1]);
  const summed = b.op("ReduceSum", [grad, runtimeAxes], { keepdims: 1, noop_with_empty_axes: 1 });
  return b.reshape(summed, b.shape(target));
}
