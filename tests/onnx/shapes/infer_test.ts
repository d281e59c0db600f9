import { GraphBuilder } from "../../../lib/onnx/builder.ts";
import { inferShapes } from "../../../lib/onnx/shapes/infer.ts";
import { addDims, divDims, mulDims } from "../../../lib/onnx/shapes/dims.ts";
import { assert, assertEquals, assertThrows } from "../../assert.ts";
import { buildLlamaLike } from "../fixtures/llama_like.ts";

Deno.test("dims arithmetic is canonical and exact", () => {
  assertEquals(mulDims(["b", "a", 3, 2]), "6*a*b");
  assertEquals(divDims("6*a*b", "2*a"), "3*b");
  assertEquals(divDims("a", 2), null);
  assertEquals(divDims(12, 5), null);
  assertEquals(addDims("x", "y"), addDims("y", "x"));
});

Deno.test("inferShapes() follows torch-style shape plumbing into Reshape and Expand", () => {
  const b = new GraphBuilder();
  const x = b.input("x", "float32", ["batch", "seq", 256]);
  const s = b.shape(x);
  const batch = b.op("Gather", [s, b.ints([0])], { axis: 0 });
  const seq = b.op("Gather", [s, b.ints([1])], { axis: 0 });
  const target = b.op("Concat", [batch, seq, b.ints([4, 64])], { axis: 0 });
  const r = b.reshape(x, target);
  const t = b.transpose(r, [0, 2, 1, 3]);
  const e = b.op("Expand", [
    b.unsqueeze(t, [2]),
    b.op("Concat", [batch, b.ints([4, 2]), seq, b.ints([64])], { axis: 0 }),
  ]);
  const flat = b.reshape(e, [0, -1, 64]);
  const types = inferShapes(b.graph);
  assertEquals(types.get(r)!.shape, ["batch", "seq", 4, 64]);
  assertEquals(types.get(t)!.shape, ["batch", 4, "seq", 64]);
  assertEquals(types.get(e)!.shape, ["batch", 4, 2, "seq", 64]);
  assertEquals(types.get(flat)!.shape, ["batch", "8*seq", 64]);
  assertEquals(types.get(s)!.value, ["batch", "seq", 256]);
});

Deno.test("inferShapes() handles MatMul broadcasting, Gemm, Gather, Slice and reductions", () => {
  const b = new GraphBuilder();
  const a = b.input("a", "float32", [2, 1, 3, 4]);
  const w = b.input("w", "float32", [5, 4, 6]);
  const v = b.input("v", "float32", [4]);
  const ids = b.input("ids", "int64", ["n", 7]);
  const table = b.input("table", "float32", [10, 8]);
  const types = inferShapes(b.graph);
  void types;
  const mm = b.matMul(a, w);
  const mv = b.matMul(a, v);
  const g = b.op("Gemm", [b.input("p", "float32", [4, 3]), b.input("q", "float32", [5, 4])], {
    transA: 1,
    transB: 1,
  });
  const emb = b.op("Gather", [table, ids]);
  const sl = b.op("Slice", [table, b.ints([2, -3]), b.ints([100, 8]), b.ints([0, 1])]);
  const red = b.reduceSum(emb, [1], false);
  const mean = b.reduce("ReduceMean", emb, [-1], true);
  const t = inferShapes(b.graph);
  assertEquals(t.get(mm)!.shape, [2, 5, 3, 6]);
  assertEquals(t.get(mv)!.shape, [2, 1, 3]);
  assertEquals(t.get(g)!.shape, [3, 5]);
  assertEquals(t.get(emb)!.shape, ["n", 7, 8]);
  assertEquals(t.get(sl)!.shape, [8, 3]);
  assertEquals(t.get(red)!.shape, ["n", 8]);
  assertEquals(t.get(mean)!.shape, ["n", 7, 1]);
});

Deno.test("inferShapes() gives fresh symbols where a size is unknowable, and keeps declared types", () => {
  const b = new GraphBuilder();
  const x = b.input("x", "float32", ["n"]);
  const nz = b.op("NonZero", [x]);
  const custom = b.op("Foo", [x], {}, { domain: "my.domain", outputs: ["foo"] });
  b.graph.valueInfo.push({ name: "foo", dataType: "float16", shape: [3] });
  const t = inferShapes(b.graph);
  const d = t.get(nz)!.shape![1]!;
  assert(typeof d === "string" && d.startsWith("?"), `expected a fresh symbol, got ${d}`);
  assertEquals(t.get(custom)!, { dataType: "float16", shape: [3] });
});

Deno.test("inferShapes() reports the node when shapes cannot broadcast", () => {
  const b = new GraphBuilder();
  const x = b.input("x", "float32", [3]);
  const y = b.input("y", "float32", [4]);
  b.op("Add", [x, y], {}, { name: "bad_add" });
  assertThrows(() => inferShapes(b.graph), TypeError, 'node "bad_add" (op Add)');
});

Deno.test("inferShapes() types every value of the Llama-style graph with a known rank", () => {
  const m = buildLlamaLike({
    vocab: 11,
    hidden: 8,
    layers: 1,
    heads: 2,
    kvHeads: 1,
    intermediate: 12,
    dataType: "float32",
    seed: 1,
    initStd: 0.1,
  });
  const t = inferShapes(m.graph);
  for (const n of m.graph.nodes) {
    for (const o of n.outputs) {
      assert(t.get(o)?.dataType, `no type for ${o} (${n.opType})`);
      assert(t.get(o)?.shape, `no shape for ${o} (${n.opType})`);
    }
  }
  assertEquals(t.get("loss")!.shape, []);
});
