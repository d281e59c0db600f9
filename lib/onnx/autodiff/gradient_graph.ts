/**
 * Reverse-mode automatic differentiation of ONNX graphs, emitted as standard ONNX ops.
 *
 * {@linkcode buildGradientGraph} takes a model whose graph computes a scalar float loss and
 * returns a model with the same inputs whose outputs are the loss and `grad.<name>` for each
 * requested tensor. The steps:
 * 1. infer types and shapes of the forward graph (symbolic dims allowed);
 * 2. mark values that depend differentiably on the `wrt` tensors (float values reached along
 *    differentiable edges: not Gather's indices, Reshape's shape, Where's condition, ...),
 *    and values the loss depends on; their intersection is the differentiable path;
 * 3. walk the path's nodes in reverse order, calling each op's VJP rule, summing the
 *    gradients of values with several consumers;
 * 4. prune what the outputs do not need, raise the opset to 17 when lower.
 * An op on the path with no rule is an error naming the node; nothing is silently skipped.
 *
 * @module
 */
import { GraphBuilder } from "../builder.ts";
import type { Graph, Model, Node } from "../ir.ts";
import { cloneGraph, defaultOpset, FLOAT_TYPES } from "../ir.ts";
import { inferShapes, type ValueType } from "../shapes/infer.ts";
import { constantValues, pruneGraph } from "./graph_passes.ts";
import { upgradeOpset } from "./opset_upgrade.ts";
import { NON_DIFFERENTIABLE_OPS, VJP_RULES } from "./rules.ts";
import { createVjpContext } from "./vjp_context.ts";

/** Options for {@linkcode buildGradientGraph}. */
export interface GradientGraphOptions {
  /** Name of the scalar float value to differentiate. */
  loss: string;
  /** Initializers or graph inputs to differentiate with respect to. */
  wrt: readonly string[];
  /**
   * Extra forward values to keep as outputs (for metrics), after the loss.
   * @default []
   */
  keep?: readonly string[];
}

/** The opset gradient graphs target when the model's is lower (never 18: see the spec). */
export const GRADIENT_OPSET = 17;

/**
 * Builds the gradient graph of `model`.
 *
 * @returns A model with the same inputs, outputs `[loss, ...keep, ...grad.<wrt>]`.
 * @throws {TypeError} When the loss is not a scalar float, a `wrt` name is not a float
 *   initializer or input, or a node on the differentiable path has no gradient rule.
 *
 * @example d(sum(x * x))/dx = 2x
 * ```ts
 * import { GraphBuilder } from "../builder.ts";
 * import { buildGradientGraph } from "./gradient_graph.ts";
 * const b = new GraphBuilder();
 * const x = b.input("x", "float32", [3]);
 * b.output(b.reduceSum(b.mul(x, x), [], false), "loss", { dataType: "float32", shape: [] });
 * const g = buildGradientGraph({ irVersion: 8, opsetImports: [{ domain: "", version: 17 }],
 *   producerName: "", producerVersion: "", graph: b.graph, metadata: {} }, { loss: "loss", wrt: ["x"] });
 * if (g.graph.outputs.map((o) => o.name).join() !== "loss,grad.x") throw new Error("wrong outputs");
 * ```
 */
export function buildGradientGraph(model: Model, options: GradientGraphOptions): Model {
  const { loss, wrt, keep = [] } = options;
  const upgraded = upgradeOpset(model, GRADIENT_OPSET);
  const opset = defaultOpset(upgraded);
  const graph = cloneGraph(upgraded.graph);
  const types = inferShapes(graph, { opset });
  checkLoss(graph, types, loss);
  checkWrt(graph, types, wrt);

  const fromWrt = dependsOnWrt(graph, types, wrt);
  const toLoss = ancestorsOf(graph, [loss]);
  const b = new GraphBuilder(graph, { opset, prefix: "grad/" });
  const constants = constantValues(graph);
  const forwardNodes = [...graph.nodes];
  const contributions = new Map<string, string[]>();
  const lossType = types.get(loss)!;
  contributions.set(loss, [b.constant(1, lossType.shape as number[], lossType.dataType!)]);
  const gradOf = (name: string): string | null => {
    const parts = contributions.get(name);
    if (!parts || parts.length === 0) return null;
    if (parts.length > 1) {
      contributions.set(name, [
        parts.length === 2 ? b.add(parts[0]!, parts[1]!) : b.op("Sum", parts),
      ]);
    }
    return contributions.get(name)![0]!;
  };

  // Refuse before emitting anything: the first node on the path without a rule is the error.
  for (const node of forwardNodes) {
    const onPath = node.outputs.some((o) => fromWrt.has(o) && toLoss.has(o));
    if (onPath && (node.domain !== "" || !VJP_RULES[node.opType])) {
      throw new TypeError(
        `Cannot differentiate node "${node.name}" (op ${node.opType}): no gradient rule`,
      );
    }
  }

  for (let k = forwardNodes.length - 1; k >= 0; k--) {
    const node = forwardNodes[k]!;
    if (!node.outputs.some((o) => fromWrt.has(o) && toLoss.has(o))) continue;
    const outputGrads = node.outputs.map((o) => (o !== "" && fromWrt.has(o) ? gradOf(o) : null));
    if (outputGrads.every((g) => g === null)) continue;
    const rule = VJP_RULES[node.opType]!;
    const needsGrad = node.inputs.map((name, i) =>
      name !== "" && fromWrt.has(name) && isDifferentiable(rule, i)
    );
    const grads = rule.vjp(createVjpContext({ b, node, types, outputGrads, needsGrad, constants }));
    node.inputs.forEach((name, i) => {
      const g = grads[i];
      if (!needsGrad[i] || g === null || g === undefined) return;
      const list = contributions.get(name) ?? [];
      list.push(g);
      contributions.set(name, list);
    });
  }

  graph.outputs = [];
  b.output(loss, loss, { dataType: lossType.dataType!, shape: lossType.shape });
  for (const name of keep) {
    const t = types.get(name);
    if (!t) throw new TypeError(`Cannot keep "${name}" as an output: no such value`);
    b.output(name, name, { dataType: t.dataType ?? "float32", shape: t.shape });
  }
  for (const name of wrt) {
    const t = types.get(name)!;
    const g = gradOf(name) ?? zerosFor(b, name, t);
    b.output(g, `grad.${name}`, { dataType: t.dataType!, shape: t.shape });
  }
  return { ...upgraded, graph: pruneGraph(graph) };
}

function isDifferentiable(rule: { differentiable: readonly number[] | "all" }, i: number): boolean {
  return rule.differentiable === "all" || rule.differentiable.includes(i);
}

function zerosFor(b: GraphBuilder, name: string, t: ValueType): string {
  const data = t.dataType === "float64" ? new Float64Array(1) : new Float32Array(1);
  const value = { dataType: t.dataType!, dims: [1], data };
  const shape = t.shape?.every((d) => typeof d === "number")
    ? b.ints(t.shape as number[])
    : b.shape(name);
  return b.op("ConstantOfShape", [shape], { value });
}

function checkLoss(graph: Graph, types: Map<string, ValueType>, loss: string): void {
  const t = types.get(loss);
  if (!t) {
    throw new TypeError(`Cannot use "${loss}" as the loss: no such value in graph "${graph.name}"`);
  }
  const scalar = t.shape !== null && t.shape.every((d) => d === 1);
  if (t.dataType === null || !FLOAT_TYPES.has(t.dataType) || !scalar) {
    throw new TypeError(
      `Cannot use "${loss}" as the loss: expected a scalar float tensor, got ${
        t.dataType ?? "unknown type"
      } [${t.shape === null ? "unknown shape" : t.shape.join(", ")}]`,
    );
  }
}

function checkWrt(graph: Graph, types: Map<string, ValueType>, wrt: readonly string[]): void {
  const inputs = new Set(graph.inputs.map((v) => v.name));
  for (const name of wrt) {
    if (!inputs.has(name) && !graph.initializers.has(name)) {
      throw new TypeError(
        `Cannot differentiate with respect to "${name}": it is not a graph input or initializer`,
      );
    }
    const t = types.get(name)!.dataType;
    if (t === null || !FLOAT_TYPES.has(t)) {
      throw new TypeError(
        `Cannot differentiate with respect to "${name}": it is ${t}, not a float tensor`,
      );
    }
  }
}

/** Values that depend on `wrt` along differentiable edges (float or unknown-typed only). */
function dependsOnWrt(
  graph: Graph,
  types: Map<string, ValueType>,
  wrt: readonly string[],
): Set<string> {
  const reached = new Set(wrt);
  for (const node of graph.nodes) {
    if (node.domain === "" && NON_DIFFERENTIABLE_OPS.has(node.opType)) continue;
    const rule = node.domain === "" ? VJP_RULES[node.opType] : undefined;
    const hit = node.inputs.some((name, i) =>
      name !== "" && reached.has(name) && (!rule || isDifferentiable(rule, i))
    );
    if (!hit) continue;
    for (const o of node.outputs) {
      const t = types.get(o)?.dataType ?? null;
      if (o !== "" && (t === null || FLOAT_TYPES.has(t))) reached.add(o);
    }
  }
  return reached;
}

/** Every value that `targets` are computed from (themselves included). */
export function ancestorsOf(graph: Graph, targets: readonly string[]): Set<string> {
  const needed = new Set(targets);
  for (let k = graph.nodes.length - 1; k >= 0; k--) {
    const node: Node = graph.nodes[k]!;
    if (node.outputs.some((o) => needed.has(o))) {
      for (const i of node.inputs) if (i !== "") needed.add(i);
    }
  }
  return needed;
}
