/**
 * Puts LoRA adapters beside the frozen weights of a built graph: every `MatMul(x, W)` whose
 * `W` is an adapted weight becomes `MatMul(x, W) + (s·(x·A))·B`, so the frozen weight never
 * needs a gradient of its own (the backward computes `dx` through `W` and the small
 * adapter gradients, not a full `dW`).
 *
 * A MatMul over a Concat of weights (serl's attention multiplies by `[Wq | Wk | Wv]` at
 * once) gets one low-rank path for all its adapted parts: `x·[A_q | A_k | ...]` then one
 * product with a block matrix whose row block `i` holds `B_i` in its part's columns and
 * zeros elsewhere (parts without an adapter are zero columns).
 *
 * @module
 */
import type { GraphBuilder } from "../onnx/builder.ts";
import type { Graph, Node } from "../onnx/ir.ts";
import { weightValue, type WeightValues } from "../model/emit_decoder_body.ts";
import type { LoraModule } from "./lora.ts";

/** What {@linkcode injectLora} needs. */
export interface LoraInjection {
  /** The adapted weights (from `loraModules`). */
  modules: readonly LoraModule[];
  /** Parameter name -> value name of the frozen weights in the graph. */
  weights: WeightValues;
  /** Adapter name (`<module>.lora_A.weight`, ...) -> value name in the graph. */
  adapters: WeightValues;
  /** Rank r. */
  rank: number;
  /** The output scale α / r. */
  scale: number;
}

function staticDims(graph: Graph, value: string): number[] {
  const init = graph.initializers.get(value);
  if (init !== undefined) return init.dims;
  const input = graph.inputs.find((v) => v.name === value);
  if (input?.shape && input.shape.every((d) => typeof d === "number")) {
    return input.shape as number[];
  }
  throw new TypeError(`Cannot inject LoRA: the shape of weight "${value}" is not static`);
}

/** The parts of a MatMul's right operand: one adapted weight, or a Concat of weights. */
function rightParts(
  graph: Graph,
  node: Node,
  byValue: ReadonlyMap<string, LoraModule>,
  producers: ReadonlyMap<string, Node>,
): { module: LoraModule | undefined; out: number }[] | null {
  const w = node.inputs[1]!;
  const direct = byValue.get(w);
  if (direct !== undefined) return [{ module: direct, out: direct.out }];
  const concat = producers.get(w);
  if (concat?.opType !== "Concat" || !concat.inputs.some((v) => byValue.has(v))) return null;
  const axis = concat.attributes.axis;
  if (axis?.type !== "int" || (axis.value !== 1 && axis.value !== -1)) return null;
  return concat.inputs.map((v) => {
    const module = byValue.get(v);
    return { module, out: module?.out ?? staticDims(graph, v)[1]! };
  });
}

/**
 * Rewrites `b.graph` in place (nodes keep their order; new nodes follow the MatMul they
 * adapt).
 *
 * @throws {TypeError} When an adapted weight is not the right operand of any MatMul, so no
 *   adapter is silently left out.
 *
 * @example
 * ```ts
 * import { GraphBuilder } from "../onnx/builder.ts";
 * import { injectLora } from "./inject_lora.ts";
 * const b = new GraphBuilder();
 * const w = b.initializer("w", { dataType: "float32", dims: [4, 3], data: new Float32Array(12) });
 * b.output(b.matMul(b.input("x", "float32", ["n", 4]), w), "y");
 * injectLora(b, { modules: [{ weight: "w", a: "w.lora_A", b: "w.lora_B", in: 4, out: 3 }],
 *   weights: new Map([["w", w]]), rank: 2, scale: 1,
 *   adapters: new Map([["w.lora_A", b.input("A", "float32", [4, 2])],
 *     ["w.lora_B", b.input("B", "float32", [2, 3])]]) });
 * if (b.graph.nodes.filter((n) => n.opType === "MatMul").length !== 3) throw new Error("not adapted");
 * ```
 */
export function injectLora(b: GraphBuilder, injection: LoraInjection): void {
  const { modules, weights, adapters, rank, scale } = injection;
  const graph = b.graph;
  const byValue = new Map(modules.map((m) => [weightValue(weights, m.weight), m]));
  const producers = new Map<string, Node>();
  for (const n of graph.nodes) for (const o of n.outputs) producers.set(o, n);
  const adapted = new Set<LoraModule>();
  const old = graph.nodes;
  graph.nodes = [];
  for (const node of old) {
    const parts = node.opType === "MatMul" && node.domain === ""
      ? rightParts(graph, node, byValue, producers)
      : null;
    if (parts === null) {
      graph.nodes.push(node);
      continue;
    }
    const x = node.inputs[0]!;
    const base = b.fresh(`${node.outputs[0]}/base`);
    graph.nodes.push({ ...node, outputs: [base] });
    const targets = parts.filter((p) => p.module !== undefined).map((p) => p.module!);
    for (const m of targets) adapted.add(m);
    const aValues = targets.map((m) => weightValue(adapters, m.a));
    const a = aValues.length === 1 ? aValues[0]! : b.op("Concat", aValues, { axis: 1 });
    const down = b.mul(b.matMul(x, a), b.constant(scale)); // [..., targets * r]
    let up: string;
    if (parts.length === 1) up = weightValue(adapters, targets[0]!.b);
    else {
      // Row block of each adapted part: its B in its own columns, zeros elsewhere.
      const rows = targets.map((m) => {
        const blocks: string[] = [];
        let zeros = 0;
        const flush = () => {
          if (zeros > 0) blocks.push(b.constant(new Array(rank * zeros).fill(0), [rank, zeros]));
          zeros = 0;
        };
        for (const p of parts) {
          if (p.module === m) {
            flush();
            blocks.push(weightValue(adapters, m.b));
          } else zeros += p.out;
        }
        flush();
        return blocks.length === 1 ? blocks[0]! : b.op("Concat", blocks, { axis: 1 });
      });
      up = rows.length === 1 ? rows[0]! : b.op("Concat", rows, { axis: 0 });
    }
    b.node("Add", [base, b.matMul(down, up)], {}, { outputs: [node.outputs[0]!] });
  }
  for (const m of modules) {
    if (!adapted.has(m)) {
      throw new TypeError(
        `Cannot inject LoRA: weight "${m.weight}" is not the right operand of any MatMul`,
      );
    }
  }
}
