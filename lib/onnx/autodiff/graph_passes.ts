/**
 * Small whole-graph passes the autodiff needs: dead-node pruning and constant lookup.
 *
 * @module
 */
import type { Graph, Tensor } from "../ir.ts";

/**
 * Removes nodes whose outputs no graph output needs, and initializers nothing reads.
 * Graph inputs are kept (callers feed the same inputs as before).
 *
 * @example
 * ```ts
 * import { pruneGraph } from "./graph_passes.ts";
 * import { GraphBuilder } from "../builder.ts";
 * const b = new GraphBuilder();
 * const x = b.input("x", "float32", [2]);
 * b.neg(x); // dead
 * b.node("Exp", [x], {}, { outputs: ["y"] });
 * b.graph.outputs.push({ name: "y", dataType: "float32", shape: [2] });
 * if (pruneGraph(b.graph).nodes.length !== 1) throw new Error("dead node kept");
 * ```
 */
export function pruneGraph(graph: Graph): Graph {
  const needed = new Set(graph.outputs.map((o) => o.name));
  const kept = [];
  for (let k = graph.nodes.length - 1; k >= 0; k--) {
    const node = graph.nodes[k]!;
    if (!node.outputs.some((o) => needed.has(o))) continue;
    kept.push(node);
    for (const i of node.inputs) if (i !== "") needed.add(i);
    for (const a of Object.values(node.attributes)) {
      if (a.type === "graph") { for (const name of outerReads(a.value)) needed.add(name); }
    }
  }
  kept.reverse();
  const initializers = new Map([...graph.initializers].filter(([name]) => needed.has(name)));
  return { ...graph, nodes: kept, initializers };
}

/** Names a subgraph reads from its enclosing scope. */
function outerReads(g: Graph): string[] {
  const local = new Set([...g.inputs.map((v) => v.name), ...g.initializers.keys()]);
  const reads: string[] = [];
  for (const n of g.nodes) {
    for (const i of n.inputs) if (i !== "" && !local.has(i)) reads.push(i);
    for (const o of n.outputs) local.add(o);
  }
  return reads;
}

/**
 * A lookup of the values of constant tensors (initializers and Constant node outputs).
 *
 * @example
 * ```ts
 * import { constantValues } from "./graph_passes.ts";
 * import { GraphBuilder } from "../builder.ts";
 * const b = new GraphBuilder();
 * const c = b.constant(2.5);
 * if (constantValues(b.graph)(c)?.[0] !== 2.5) throw new Error("constant not found");
 * ```
 */
export function constantValues(graph: Graph): (name: string) => number[] | undefined {
  const tensors = new Map<string, Tensor>(graph.initializers);
  for (const n of graph.nodes) {
    const v = n.attributes.value;
    if (n.opType === "Constant" && v?.type === "tensor") tensors.set(n.outputs[0]!, v.value);
    else if (n.opType === "Constant" && v === undefined) {
      const f = n.attributes.value_float ?? n.attributes.value_int;
      if (f && (f.type === "float" || f.type === "int")) {
        tensors.set(n.outputs[0]!, {
          dataType: "float64",
          dims: [],
          data: new Float64Array([f.value]),
        });
      }
    }
  }
  return (name) => {
    const t = tensors.get(name);
    if (!t || t.dataType === "string" || t.data.length > 4096) return undefined;
    return Array.from(t.data as ArrayLike<number | bigint>, Number);
  };
}
