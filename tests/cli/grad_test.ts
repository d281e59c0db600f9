import { GraphBuilder } from "../../lib/onnx/builder.ts";
import { readModel, writeModel } from "../../lib/onnx/model_file.ts";
import { createSession } from "../../lib/onnx/session.ts";
import { assert, assertEquals } from "../assert.ts";
import { buildLlamaLike } from "../onnx/fixtures/llama_like.ts";

const CLI = new URL("../../lib/cli/grad.ts", import.meta.url).pathname;

async function grad(...args: string[]) {
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", CLI, ...args],
    stdout: "piped",
    stderr: "piped",
  }).output();
  return {
    code: out.code,
    stdout: new TextDecoder().decode(out.stdout),
    stderr: new TextDecoder().decode(out.stderr),
  };
}

Deno.test("deno task grad writes a gradient model that onnxruntime loads (--wrt all)", async () => {
  const dir = await Deno.makeTempDir();
  const model = buildLlamaLike({
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
  await writeModel(model, `${dir}/model.onnx`);
  const r = await grad(
    `${dir}/model.onnx`,
    "--loss",
    "loss",
    "--wrt",
    "all",
    "--out",
    `${dir}/grad.onnx`,
  );
  assertEquals(r.code, 0, r.stderr);
  const g = await readModel(`${dir}/grad.onnx`);
  const floats = [...model.graph.initializers].filter(([, t]) => t.dataType === "float32").length;
  assertEquals(g.graph.outputs.length, 1 + floats);
  const s = await createSession(`${dir}/grad.onnx`);
  assert(s.ort.outputNames.includes("grad.model.embed_tokens.weight"));
});

Deno.test("deno task grad exits non-zero with a clear message on bad input", async () => {
  const dir = await Deno.makeTempDir();
  const b = new GraphBuilder();
  const x = b.input("x", "float32", [3]);
  b.node("ReduceSum", [b.op("HardSwish", [x], {}, { name: "/blk.0/act" })], { keepdims: 0 }, {
    outputs: ["loss"],
  });
  b.graph.outputs.push({ name: "loss", dataType: "float32", shape: [] });
  await writeModel({
    irVersion: 8,
    opsetImports: [{ domain: "", version: 17 }],
    producerName: "",
    producerVersion: "",
    graph: b.graph,
    metadata: {},
  }, `${dir}/m.onnx`);
  const missing = await grad(
    `${dir}/none.onnx`,
    "--loss",
    "loss",
    "--wrt",
    "x",
    "--out",
    `${dir}/g.onnx`,
  );
  assertEquals(missing.code, 2);
  assert(missing.stderr.includes("none.onnx"), missing.stderr);
  const noRule = await grad(
    `${dir}/m.onnx`,
    "--loss",
    "loss",
    "--wrt",
    "x",
    "--out",
    `${dir}/g.onnx`,
  );
  assertEquals(noRule.code, 1);
  assert(
    noRule.stderr.includes(
      'Cannot differentiate node "/blk.0/act" (op HardSwish): no gradient rule',
    ),
    noRule.stderr,
  );
  const unknown = await grad(
    `${dir}/m.onnx`,
    "--loss",
    "loss",
    "--wrt",
    "w",
    "--out",
    `${dir}/g.onnx`,
  );
  assertEquals(unknown.code, 1);
  assert(unknown.stderr.includes('"w": it is not a graph input or initializer'), unknown.stderr);
  const usage = await grad(`${dir}/m.onnx`, "--loss", "loss");
  assertEquals(usage.code, 2);
  assert(usage.stderr.includes("usage: deno task grad"), usage.stderr);
});
