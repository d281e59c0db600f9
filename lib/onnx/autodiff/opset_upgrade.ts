/**
 * Raises a model's default-domain opset so that emitted gradient ops (ScatterElements
 * with `reduction="add"` needs 16) are valid, rewriting the nodes whose signature or meaning
 * changed on the way: from opset 13, Squeeze, Unsqueeze, ReduceSum and Split take their
 * axes/sizes as inputs, and Softmax/LogSoftmax stop flattening to 2-D.
 *
 * @module
 */
import { GraphBuilder } from "../builder.ts";
import type { Model, Node } from "../ir.ts";
import { cloneGraph, defaultOpset } from "../ir.ts";
import { inferShapes } from "../shapes/infer.ts";

/** The oldest opset serl upgrades from. */
export const MIN_UPGRADABLE_OPSET = 11;

/**
 * Returns `model` with its default opset raised to `target` (unchanged when already at or
 * above it).
 *
 * @throws {RangeError} For models older than opset 11.
 *
 * @example
 * ```ts
 * import { upgradeOpset } from "./opset_upgrade.ts";
 * import { emptyGraph, defaultOpset } from "../ir.ts";
 * const m = { irVersion: 7, opsetImports: [{ domain: "", version: 12 }], producerName: "",
 *   producerVersion: "", graph: emptyGraph(), metadata: {} };
 * if (defaultOpset(upgradeOpset(m, 17)) !== 17) throw new Error("not raised");
 * ```
 */
export function upgradeOpset(model: Model, target: number): Model {
  const from = defaultOpset(model);
  if (from >= target) return model;
  if (from < MIN_UPGRADABLE_OPSET) {
    throw new RangeError(
      `Cannot raise the opset of this model from ${from} to ${target}: re-export it with opset >= 13 (14-17 recommended)`,
    );
  }
  const graph = cloneGraph(model.graph);
  if (from < 13) {
    const types = inferShapes(model.graph, { opset: from });
    const b = new GraphBuilder(graph, { opset: target, prefix: "upgrade/" });
    const old = graph.nodes;
    graph.nodes = [];
    for (const node of old) {
      rewriteForOpset13(b, node, types.get(node.inputs[0] ?? "")?.shape?.length);
    }
  }
  const opsetImports = model.opsetImports.filter((o) => o.domain !== "" && o.domain !== "ai.onnx");
  opsetImports.unshift({ domain: "", version: target });
  return { ...model, irVersion: Math.max(model.irVersion, 8), opsetImports, graph };
}

/** Appends `node` to `b.graph`, rewritten to its opset-13 form where that changed. */
function rewriteForOpset13(b: GraphBuilder, node: Node, rank: number | undefined): void {
  const attrs = { ...node.attributes };
  const moveToInput = (attr: string) => {
    const a = attrs[attr];
    if (a?.type !== "ints") return node.inputs;
    delete attrs[attr];
    return [...node.inputs, b.ints(a.value)];
  };
  if (node.domain !== "") return void b.graph.nodes.push(node);
  switch (node.opType) {
    case "Squeeze":
    case "Unsqueeze":
    case "ReduceSum":
      return void b.graph.nodes.push({ ...node, inputs: moveToInput("axes"), attributes: attrs });
    case "Split":
      return void b.graph.nodes.push({ ...node, inputs: moveToInput("split"), attributes: attrs });
    case "Softmax":
    case "LogSoftmax": {
      const a = attrs.axis;
      const axis = a?.type === "int" ? a.value : 1;
      const last = axis === -1 || (rank !== undefined && axis === rank - 1);
      if (last) {
        return void b.graph.nodes.push({
          ...node,
          attributes: { axis: { type: "int", value: -1 } },
        });
      }
      // Old semantics: flatten to 2-D at `axis`, normalize each row, restore the shape.
      const x = node.inputs[0]!;
      const flat = b.op("Flatten", [x], { axis });
      const y = b.op(node.opType, [flat], { axis: -1 });
      b.node("Reshape", [y, b.shape(x)], {}, { outputs: [node.outputs[0]!] });
      return;
    }
    default:
      b.graph.nodes.push(node);
  }
}
