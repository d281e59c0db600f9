import * as ort from "onnxruntime-node";
import { buildGradientGraph } from "../../../lib/onnx/autodiff/gradient_graph.ts";
import { GraphBuilder } from "../../../lib/onnx/builder.ts";
import { defaultOpset, type Model } from "../../../lib/onnx/ir.ts";
import { createSession } from "../../../lib/onnx/session.ts";
import { assert, assertAllClose, assertEquals, assertThrows } from "../../assert.ts";

function model(b: GraphBuilder, opset = 17): Model {
  return {
    irVersion: 8,
    opsetImports: [{ domain: "", version: opset }],
    producerName: "",
    producerVersion: "",
    graph: b.graph,
    metadata: {},
  };
}

function scalarLoss(b: GraphBuilder, v: string): void {
  b.node("ReduceSum", [v], { keepdims: 0 }, { outputs: ["loss"] });
  b.graph.outputs.push({ name: "loss", dataType: "float32", shape: [] });
}

Deno.test("buildGradientGraph() names the node and op that has no gradient rule", () => {
  const b = new GraphBuilder();
  const x = b.input("x", "float32", [3]);
  const y = b.op("HardSwish", [x], {}, { name: "/blk.0/attn/Foo" });
  scalarLoss(b, y);
  assertThrows(
    () => buildGradientGraph(model(b), { loss: "loss", wrt: ["x"] }),
    TypeError,
    'Cannot differentiate node "/blk.0/attn/Foo" (op HardSwish): no gradient rule',
  );
});

Deno.test("buildGradientGraph() refuses contrib-domain ops on the path", () => {
  const b = new GraphBuilder();
  const x = b.input("x", "float32", [3]);
  const y = b.op("FusedMatMul", [x, x], {}, { domain: "com.microsoft", name: "fused" });
  scalarLoss(b, y);
  assertThrows(
    () => buildGradientGraph(model(b), { loss: "loss", wrt: ["x"] }),
    TypeError,
    '"fused" (op FusedMatMul)',
  );
});

Deno.test("buildGradientGraph() ignores ops without a rule that are off the differentiable path", async () => {
  const b = new GraphBuilder();
  const x = b.input("x", "float32", [3]);
  const k = b.input("k", "float32", [3]);
  // HardSwish only touches k, which is not differentiated.
  scalarLoss(b, b.mul(x, b.op("HardSwish", [k])));
  const g = buildGradientGraph(model(b), { loss: "loss", wrt: ["x"] });
  const s = await createSession(g);
  const out = await s.ort.run({
    x: new ort.Tensor("float32", new Float32Array([1, 2, 3]), [3]),
    k: new ort.Tensor("float32", new Float32Array([4, 0, -4]), [3]),
  });
  assertAllClose(out["grad.x"]!.data as Float32Array, [4, 0, 0]);
});

Deno.test("buildGradientGraph() rejects a loss that is not a scalar float", () => {
  const b = new GraphBuilder();
  const x = b.input("x", "float32", ["n"]);
  b.node("Exp", [x], {}, { outputs: ["vec"] });
  const ids = b.input("ids", "int64", []);
  b.node("Identity", [ids], {}, { outputs: ["int_loss"] });
  assertThrows(
    () => buildGradientGraph(model(b), { loss: "vec", wrt: ["x"] }),
    TypeError,
    "expected a scalar float tensor, got float32 [n]",
  );
  assertThrows(
    () => buildGradientGraph(model(b), { loss: "int_loss", wrt: ["x"] }),
    TypeError,
    "got int64",
  );
  assertThrows(
    () => buildGradientGraph(model(b), { loss: "nope", wrt: ["x"] }),
    TypeError,
    'Cannot use "nope" as the loss',
  );
});

Deno.test("buildGradientGraph() rejects unknown and integer wrt names", () => {
  const b = new GraphBuilder();
  const x = b.input("x", "float32", [2]);
  const ids = b.input("ids", "int64", [2]);
  scalarLoss(b, b.mul(x, b.cast(ids, "float32")));
  assertThrows(
    () => buildGradientGraph(model(b), { loss: "loss", wrt: ["w"] }),
    TypeError,
    '"w": it is not a graph input or initializer',
  );
  assertThrows(
    () => buildGradientGraph(model(b), { loss: "loss", wrt: ["ids"] }),
    TypeError,
    "it is int64, not a float tensor",
  );
});

Deno.test("buildGradientGraph() gives zeros for a tensor that does not reach the loss and prunes dead branches", async () => {
  const b = new GraphBuilder();
  const x = b.input("x", "float32", [2]);
  const unused = b.input("u", "float32", ["n"]);
  b.op("Tanh", [unused]); // a dead branch
  b.op("Exp", [x]); // another one
  scalarLoss(b, b.mul(x, x));
  const g = buildGradientGraph(model(b), { loss: "loss", wrt: ["x", "u"] });
  assert(
    !g.graph.nodes.some((n) => n.opType === "Tanh" || n.opType === "Exp"),
    "dead branches kept",
  );
  const s = await createSession(g);
  const out = await s.ort.run({
    x: new ort.Tensor("float32", new Float32Array([1, -2]), [2]),
    u: new ort.Tensor("float32", new Float32Array([5, 6, 7]), [3]),
  });
  assertAllClose(out["grad.x"]!.data as Float32Array, [2, -4]);
  assertEquals(Array.from(out["grad.u"]!.data as Float32Array), [0, 0, 0]);
});

Deno.test("buildGradientGraph() integer and mask paths carry no gradient", async () => {
  const b = new GraphBuilder();
  const x = b.input("x", "float32", [3]);
  // mask = (x > 0) as float: a piecewise-constant path, gradient flows only through x * mask.
  const mask = b.cast(b.op("Greater", [x, b.constant(0)]), "float32");
  scalarLoss(b, b.mul(x, mask));
  const g = buildGradientGraph(model(b), { loss: "loss", wrt: ["x"] });
  const s = await createSession(g);
  const out = await s.ort.run({ x: new ort.Tensor("float32", new Float32Array([1, -2, 3]), [3]) });
  assertAllClose(out["grad.x"]!.data as Float32Array, [1, 0, 1]);
});

Deno.test("buildGradientGraph() raises opset 14 to 17, keeps 18, and emits only the default domain", () => {
  for (const [from, to] of [[14, 17], [17, 17], [18, 18]]) {
    const b = new GraphBuilder(undefined, { opset: from });
    const x = b.input("x", "float32", [2, 3]);
    scalarLoss(b, b.reduce("ReduceMean", b.op("Softmax", [x], { axis: -1 }), [1], true));
    const g = buildGradientGraph(model(b, from), { loss: "loss", wrt: ["x"] });
    assertEquals(defaultOpset(g), to);
    assert(g.irVersion >= 8);
    for (const n of g.graph.nodes) assertEquals(n.domain, "");
    const means = g.graph.nodes.filter((n) => n.opType === "ReduceMean");
    for (const m of means) {
      assertEquals(m.inputs.length > 1, to >= 18, `ReduceMean signature at opset ${to}`);
    }
  }
});

Deno.test("buildGradientGraph() refuses models older than opset 11", () => {
  const b = new GraphBuilder(undefined, { opset: 9 });
  const x = b.input("x", "float32", [2]);
  scalarLoss(b, x);
  assertThrows(
    () => buildGradientGraph(model(b, 9), { loss: "loss", wrt: ["x"] }),
    RangeError,
    "re-export it with opset >= 13",
  );
});

Deno.test("buildGradientGraph() keeps extra outputs when asked", () => {
  const b = new GraphBuilder();
  const x = b.input("x", "float32", [2]);
  const e = b.op("Exp", [x], {}, { outputs: ["e"] });
  scalarLoss(b, e);
  const g = buildGradientGraph(model(b), { loss: "loss", wrt: ["x"], keep: ["e"] });
  assertEquals(g.graph.outputs.map((o) => o.name), ["loss", "e", "grad.x"]);
});

Deno.test("Max VJP splits an exact tie evenly", async () => {
  const b = new GraphBuilder();
  const a = b.input("a", "float32", [2]), c = b.input("c", "float32", [2]);
  scalarLoss(b, b.op("Max", [a, c]));
  const g = buildGradientGraph(model(b), { loss: "loss", wrt: ["a", "c"] });
  const s = await createSession(g);
  const out = await s.ort.run({
    a: new ort.Tensor("float32", new Float32Array([1, 5]), [2]),
    c: new ort.Tensor("float32", new Float32Array([1, 2]), [2]),
  });
  assertEquals(Array.from(out["grad.a"]!.data as Float32Array), [0.5, 1]);
  assertEquals(Array.from(out["grad.c"]!.data as Float32Array), [0.5, 0]);
});

Deno.test("Gather's gradient is exact and repeatable with 2 threads and many repeated indices", async () => {
  // onnxruntime's ScatterND(reduction="add") races on repeated indices with 2 threads; the
  // rule must not depend on it. Sizes large enough for onnxruntime to split the work.
  const V = 260, H = 256, N = 4096;
  const b = new GraphBuilder();
  const w = b.input("w", "float32", [V, H]);
  const ids = b.input("ids", "int64", [N]);
  const up = b.input("up", "float32", [N, H]);
  scalarLoss(b, b.mul(b.op("Gather", [w, ids]), up)); // d/dw = scatter-add of `up`
  const g = buildGradientGraph(model(b), { loss: "loss", wrt: ["w"] });
  const idx = BigInt64Array.from({ length: N }, (_, i) => BigInt((i * 7) % 40));
  const upd = Float32Array.from({ length: N * H }, (_, i) => Math.sin(i));
  const expected = new Float64Array(V * H);
  for (let n = 0; n < N; n++) {
    for (let h = 0; h < H; h++) expected[Number(idx[n]) * H + h]! += upd[n * H + h]!;
  }
  const s = await createSession(g, { threads: 2 });
  const feeds = {
    w: new ort.Tensor("float32", new Float32Array(V * H), [V, H]),
    ids: new ort.Tensor("int64", idx, [N]),
    up: new ort.Tensor("float32", upd, [N, H]),
  };
  const first = (await s.ort.run(feeds))["grad.w"]!.data as Float32Array;
  assertAllClose(first, expected, { rtol: 1e-5, atol: 1e-4 });
  for (let r = 0; r < 3; r++) {
    assertEquals((await s.ort.run(feeds))["grad.w"]!.data as Float32Array, first);
  }
});
