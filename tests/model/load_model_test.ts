import { join } from "node:path";
import { assert, assertEquals, assertRejects } from "../assert.ts";
import { loadModel } from "../../lib/model/load_model.ts";
import { writeModel } from "../../lib/onnx/model_file.ts";
import { buildLlamaModel } from "../../lib/model/build_llama_model.ts";
import { exportStyleFolder, serlFolder, TEST_CONFIG, testWeights } from "./_model_fixture.ts";

Deno.test("loadModel() reads a serl folder back as HF-named weights, bit for bit", async () => {
  const model = await loadModel(await serlFolder());
  assertEquals(model.origin, "serl");
  assertEquals(model.provider, "cpu");
  assertEquals(model.eosTokenIds, [256]);
  assertEquals(model.config, TEST_CONFIG);
  const want = testWeights();
  assertEquals(model.weights.size, want.size);
  for (const [name, data] of want) assertEquals(model.weights.get(name), data, name);
});

Deno.test("loadModel() reads a folder laid out as onnx-community publishes it", async () => {
  const dir = await exportStyleFolder(testWeights());
  const model = await loadModel(dir);
  assertEquals(model.origin, "export");
  assertEquals(model.withPast.producerName, "pytorch");
  // the export's own initializer names, projections included
  assert(
    [...model.weights.keys()].some((n) => n.startsWith("onnx::MatMul_")),
    "anonymous weights missing",
  );
  assert(model.weights.has("model.embed_tokens.weight"), "embedding missing");
  assertEquals(model.eosTokenIds, [256]);
});

Deno.test("loadModel() refuses an If-merged decoder and names the fp32 file to use", async () => {
  const dir = await exportStyleFolder(testWeights());
  await Deno.rename(
    join(dir, "onnx", "model.onnx"),
    join(dir, "onnx", "decoder_model_merged.onnx"),
  );
  await assertRejects(
    () => loadModel(dir),
    Deno.errors.NotFound,
    "decoder_model_merged.onnx is an If-merged decoder",
  );
});

Deno.test("loadModel() refuses a folder with only quantized variants, and a quantized file asked for", async () => {
  const dir = await exportStyleFolder(testWeights());
  await Deno.rename(join(dir, "onnx", "model.onnx"), join(dir, "onnx", "model_q4.onnx"));
  await assertRejects(() => loadModel(dir), Deno.errors.NotFound, "found only model_q4.onnx");
  const quantized = buildLlamaModel(TEST_CONFIG, null);
  quantized.graph.nodes.unshift({
    name: "q",
    opType: "MatMulNBits",
    domain: "com.microsoft",
    inputs: [],
    outputs: ["unused"],
    attributes: {},
  });
  await writeModel(quantized, join(dir, "onnx", "model_q4.onnx"));
  await assertRejects(
    () => loadModel(dir, { file: "model_q4.onnx" }),
    TypeError,
    "use the fp32 export onnx/model.onnx",
  );
});

Deno.test("loadModel() reports a missing execution provider instead of falling back", async () => {
  const dir = await serlFolder();
  const ortDir = new URL(
    import.meta.resolve("onnxruntime-node").replace(/dist\/.*$/, "bin/napi-v6/linux/x64/"),
  );
  let cudaInstalled = false;
  try {
    cudaInstalled = [...Deno.readDirSync(ortDir)].some((e) => e.name.includes("providers_cuda"));
  } catch { /* no binaries folder for this platform: not installed */ }
  if (cudaInstalled) {
    assertEquals((await loadModel(dir, { provider: "cuda" })).provider, "cuda");
  } else {
    await assertRejects(
      () => loadModel(dir, { provider: "cuda" }),
      Error,
      'execution provider "cuda"',
    );
  }
});

Deno.test("loadModel() names missing files", async () => {
  const dir = await Deno.makeTempDir();
  await assertRejects(() => loadModel(dir), Deno.errors.NotFound, "config.json is missing");
});
