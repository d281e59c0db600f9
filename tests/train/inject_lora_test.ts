import { GraphBuilder } from "../../lib/onnx/builder.ts";
import { injectLora } from "../../lib/train/inject_lora.ts";
import { assertEquals, assertThrows } from "../assert.ts";

function weight(b: GraphBuilder, name: string, dims: number[]): string {
  return b.initializer(name, {
    dataType: "float32",
    dims,
    data: new Float32Array(dims[0]! * dims[1]!),
  });
}

Deno.test("injectLora() keeps the MatMul's output name and adds the low-rank path beside it", () => {
  const b = new GraphBuilder();
  const x = b.input("x", "float32", ["n", 4]);
  const w = weight(b, "w", [4, 3]);
  const y = b.matMul(x, w);
  b.output(b.op("Relu", [y]), "out");
  injectLora(b, {
    modules: [{ weight: "w", a: "w.A", b: "w.B", in: 4, out: 3 }],
    weights: new Map([["w", w]]),
    adapters: new Map([["w.A", b.input("A", "float32", [4, 2])], [
      "w.B",
      b.input("B", "float32", [2, 3]),
    ]]),
    rank: 2,
    scale: 0.5,
  });
  const ops = b.graph.nodes.map((n) => n.opType);
  assertEquals(ops, ["MatMul", "MatMul", "Mul", "MatMul", "Add", "Relu", "Identity"]);
  assertEquals(b.graph.nodes[4]!.outputs, [y]); // Relu still reads the same name
});

Deno.test("injectLora() gives a Concat of weights one path with a block matrix of B's", () => {
  const b = new GraphBuilder();
  const x = b.input("x", "float32", ["n", 4]);
  const [q, k, v] = [weight(b, "q", [4, 4]), weight(b, "k", [4, 2]), weight(b, "v", [4, 2])];
  b.output(b.matMul(x, b.op("Concat", [q, k, v], { axis: 1 })), "out");
  injectLora(b, {
    modules: [
      { weight: "q", a: "q.A", b: "q.B", in: 4, out: 4 },
      { weight: "v", a: "v.A", b: "v.B", in: 4, out: 2 },
    ],
    weights: new Map([["q", q], ["k", k], ["v", v]]),
    adapters: new Map(["q.A", "q.B", "v.A", "v.B"].map((n) => [n, b.input(n, "float32", null)])),
    rank: 1,
    scale: 1,
  });
  const matmuls = b.graph.nodes.filter((n) => n.opType === "MatMul");
  assertEquals(matmuls.length, 3); // base, x·[A_q | A_v], then ·blocks
  const zeros = [...b.graph.initializers.values()].filter((t) =>
    t.dims.length === 2 && t.dims[0] === 1
  );
  // q's row: [B_q | 0 (k, v: 4 columns)]; v's row: [0 (q, k: 6 columns) | B_v]
  assertEquals(zeros.map((t) => t.dims[1]).sort(), [4, 6]);
});

Deno.test("injectLora() refuses an adapted weight that no MatMul multiplies by", () => {
  const b = new GraphBuilder();
  const w = weight(b, "w", [2, 2]);
  b.output(b.add(b.input("x", "float32", [2, 2]), w), "out");
  assertThrows(
    () =>
      injectLora(b, {
        modules: [{ weight: "w", a: "A", b: "B", in: 2, out: 2 }],
        weights: new Map([["w", w]]),
        adapters: new Map([["A", "A"], ["B", "B"]]),
        rank: 1,
        scale: 1,
      }),
    TypeError,
    "not the right operand of any MatMul",
  );
});
