import { decodeModel, encodeModel } from "../../lib/onnx/proto.ts";
import { readModel, writeModel } from "../../lib/onnx/model_file.ts";
import { GraphBuilder } from "../../lib/onnx/builder.ts";
import type { Model } from "../../lib/onnx/ir.ts";
import { assert, assertEquals, assertRejects, assertThrows } from "../assert.ts";

function sample(): Model {
  const b = new GraphBuilder();
  const x = b.input("x", "float32", ["batch", 4]);
  b.initializer("w", {
    dataType: "float32",
    dims: [4, 300],
    data: Float32Array.from({ length: 1200 }, (_, i) => i / 7),
  });
  b.initializer("small", { dataType: "float64", dims: [2], data: new Float64Array([1.5, -2]) });
  b.initializer("ids", { dataType: "int64", dims: [3], data: new BigInt64Array([1n, -2n, 3n]) });
  b.initializer("h", { dataType: "float16", dims: [2], data: new Uint16Array([0x3c00, 0xc000]) });
  b.initializer("flag", { dataType: "bool", dims: [], data: new Uint8Array([1]) });
  const y = b.op("Gemm", [x, "w"], { alpha: 0.5, transB: 0 });
  b.op("Split", [y, b.ints([100, 200])], { axis: 1 }, { outputs: ["y0", "y1"] });
  b.graph.outputs.push({ name: "y0", dataType: "float32", shape: ["batch", 100] });
  return {
    irVersion: 8,
    opsetImports: [{ domain: "", version: 17 }, { domain: "com.microsoft", version: 1 }],
    producerName: "serl",
    producerVersion: "0.1",
    graph: b.graph,
    metadata: { note: "hi" },
  };
}

Deno.test("encodeModel()/decodeModel() round-trip every field serl uses", () => {
  const m = sample();
  const back = decodeModel(encodeModel(m).model);
  assertEquals(back.opsetImports, m.opsetImports);
  assertEquals(back.metadata, { note: "hi" });
  assertEquals(back.graph.inputs, m.graph.inputs);
  assertEquals(back.graph.outputs, m.graph.outputs);
  assertEquals(
    back.graph.nodes.map((n) => [n.opType, n.inputs, n.outputs, n.attributes]),
    m.graph.nodes.map((n) => [n.opType, n.inputs, n.outputs, n.attributes]),
  );
  for (const [name, t] of m.graph.initializers) {
    const u = back.graph.initializers.get(name)!;
    assertEquals(u.dataType, t.dataType, name);
    assertEquals(u.dims, t.dims, name);
    assertEquals(
      Array.from(u.data as ArrayLike<unknown>),
      Array.from(t.data as ArrayLike<unknown>),
      name,
    );
  }
  assertEquals(back.graph.nodes[0]!.attributes.alpha, { type: "float", value: 0.5 });
});

Deno.test("encodeModel() moves large tensors to aligned external data and decodeModel() reads them back", () => {
  const enc = encodeModel(sample(), {
    externalDataLocation: "model.onnx_data",
    externalThreshold: 1024,
  });
  assert(enc.externalData !== null && enc.externalData.byteLength >= 4800);
  assert(
    enc.model.byteLength < 2000,
    `graph bytes ${enc.model.byteLength}: weights were not moved out`,
  );
  assertThrows(
    () => decodeModel(enc.model, { source: "m.onnx" }),
    TypeError,
    'stored in external file "model.onnx_data"',
  );
  const back = decodeModel(enc.model, { loadExternal: () => enc.externalData! });
  assertEquals(
    (back.graph.initializers.get("w")!.data as Float32Array)[1199],
    Math.fround(1199 / 7),
  );
});

Deno.test("writeModel()/readModel() use model.onnx + model.onnx_data and report missing files by path", async () => {
  const dir = await Deno.makeTempDir();
  const path = `${dir}/model.onnx`;
  await writeModel(sample(), path);
  assert((await Deno.stat(`${dir}/model.onnx_data`)).size >= 4800);
  const back = await readModel(path);
  assertEquals(back.graph.initializers.get("w")!.dims, [4, 300]);
  await Deno.remove(`${dir}/model.onnx_data`);
  await assertRejects(
    () => readModel(path),
    Deno.errors.NotFound,
    `${dir}/model.onnx_data is missing`,
  );
  await assertRejects(
    () => readModel(`${dir}/nope.onnx`),
    Deno.errors.NotFound,
    "nope.onnx: no such file",
  );
});

Deno.test("decodeModel() rejects garbage with a SyntaxError naming the source", () => {
  assertThrows(
    () => decodeModel(new Uint8Array([0xff, 0xff, 0xff, 0x01, 0x02]), { source: "bad.onnx" }),
    SyntaxError,
    "bad.onnx",
  );
});
