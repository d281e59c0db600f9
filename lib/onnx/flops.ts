/**
 * Counting the matrix-multiply FLOPs of a graph from its (static) shapes: the work measure
 * behind "achieved GFLOP/s" in the benchmarks. Only MatMul and Gemm are counted (2 FLOPs
 * per multiply-add); elementwise work is small next to them in transformer graphs.
 *
 * @module
 */
import type { Dim, Graph } from "./ir.ts";
import { inferShapes } from "./shapes/infer.ts";

/** Options for {@linkcode countMatMulFlops}. */
export interface CountFlopsOptions {
  /**
   * Concrete sizes of the symbolic dims of the graph inputs.
   * @default {}
   */
  dims?: Record<string, number>;
  /**
   * Default-domain opset.
   * @default 17
   */
  opset?: number;
}

/**
 * Counts MatMul/Gemm FLOPs.
 *
 * @throws {RangeError} When a product's shape is not fully known after substituting `dims`.
 *
 * @example
 * ```ts
 * import { GraphBuilder } from "./builder.ts";
 * import { countMatMulFlops } from "./flops.ts";
 * const b = new GraphBuilder();
 * const x = b.input("x", "float32", ["n", 4]);
 * b.output(b.matMul(x, b.constant(new Array(12).fill(0), [4, 3])), "y");
 * if (countMatMulFlops(b.graph, { dims: { n: 5 } }) !== 2 * 5 * 4 * 3) throw new Error("wrong count");
 * ```
 */
export function countMatMulFlops(graph: Graph, options: CountFlopsOptions = {}): number {
  const { dims = {}, opset = 17 } = options;
  const concrete = {
    ...graph,
    inputs: graph.inputs.map((v) => ({
      ...v,
      shape: v.shape && v.shape.map((d) => (typeof d === "string" && d in dims ? dims[d]! : d)),
    })),
  };
  const types = inferShapes(concrete, { opset });
  const shapeOf = (name: string, node: string): number[] => {
    const s = types.get(name)?.shape;
    if (!s || !s.every((d: Dim) => typeof d === "number")) {
      throw new RangeError(
        `Cannot count FLOPs of node "${node}": the shape of "${name}" is [${s ?? "unknown"}]`,
      );
    }
    return s as number[];
  };
  let flops = 0;
  for (const n of graph.nodes) {
    if (n.opType === "MatMul") {
      const a = shapeOf(n.inputs[0]!, n.name), y = shapeOf(n.outputs[0]!, n.name);
      const k = a.at(-1)!;
      flops += 2 * k * y.reduce((p, d) => p * d, 1);
    } else if (n.opType === "Gemm") {
      const a = shapeOf(n.inputs[0]!, n.name), y = shapeOf(n.outputs[0]!, n.name);
      const transA = n.attributes.transA?.type === "int" && n.attributes.transA.value === 1;
      flops += 2 * (transA ? a[0]! : a[1]!) * y[0]! * y[1]!;
    }
  }
  return flops;
}
