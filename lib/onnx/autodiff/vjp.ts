/**
 * The contract between the gradient-graph builder and the per-op VJP rules, and the helpers
 * rules share (constants of the right float type, exact broadcast reductions, zeros).
 *
 * A rule sees one forward node and the gradients of its outputs, and emits standard ONNX
 * nodes that compute the gradients of its inputs (vector-Jacobian products).
 *
 * @module
 */
import type { GraphBuilder } from "../builder.ts";
import type { DataType, Dim, Node } from "../ir.ts";
import type { ValueType } from "../shapes/infer.ts";

/** What a VJP rule can see and use. */
export interface VjpContext {
  /** Builder that appends the backward nodes. */
  b: GraphBuilder;
  /** The forward node. */
  node: Node;
  /** Forward type of a value (from shape inference). */
  type(name: string): ValueType;
  /** Gradient of output `i`, or `null` when it does not reach the loss. */
  dy(i?: number): string | null;
  /** Whether input `i` needs a gradient. */
  needs(i: number): boolean;
  /** A scalar constant of the same float type as `like`. */
  scalar(value: number, like: string): string;
  /** Sums `grad` (with forward shape `gradShape`) down to the shape of `target` (numpy broadcast reversed). */
  sumToShape(grad: string, gradShape: Dim[] | null, target: string): string;
  /** The shape of `name` as an int64 tensor: a constant when static, else `Shape(name)`. */
  shapeOf(name: string): string;
  /** Zeros with the shape and type of `name`. */
  zerosLike(name: string): string;
  /** An int attribute of the node. */
  int(name: string, fallback: number): number;
  /** An ints attribute of the node. */
  ints(name: string): number[] | undefined;
  /** Known integer values of input `i` (a constant or shape computation), if all numeric. */
  constInts(i: number): number[] | undefined;
  /** Values of input `i` when it is a constant (initializer or Constant node), any numeric type. */
  constValues(i: number): number[] | undefined;
  /** Rank of a value; throws naming the node when unknown. */
  rank(name: string): number;
  /** Throws an error that names the node. */
  fail(message: string): never;
}

/** A VJP rule for one op type. */
export interface VjpRule {
  /** Input indices that can carry gradients (others are indices, shapes, masks). */
  differentiable: readonly number[] | "all";
  /** Returns the gradient value name of each input (`null` where none is needed). */
  vjp(ctx: VjpContext): (string | null)[];
}

/** Float element type of a value, or an error naming the node. */
export function floatTypeOf(ctx: VjpContext, name: string): DataType {
  const t = ctx.type(name).dataType;
  if (t === null) ctx.fail(`the type of "${name}" is unknown`);
  return t;
}
