import { join } from "node:path";
import { AutoModelForCausalLM, AutoTokenizer, env, type Tensor } from "@huggingface/transformers";
import { assertEquals } from "../assert.ts";
import { generate } from "../../lib/generate/generate.ts";
import { loadModel } from "../../lib/model/load_model.ts";
import { parseLlamaConfig } from "../../lib/model/llama_config.ts";
import { readModel } from "../../lib/onnx/model_file.ts";
import { saveLanguageModel } from "../../lib/model/save_model_folder.ts";
import { withWeights } from "../../lib/model/with_weights.ts";
import { exportStyleFolder, serlFolder, TEST_CONFIG, testWeights } from "./_model_fixture.ts";

Deno.test("saveModelFolder() writes the files transformers.js expects, weights as external data", async () => {
  const dir = await serlFolder();
  for (
    const f of ["config.json", "generation_config.json", "tokenizer.json", "tokenizer_config.json"]
  ) {
    assertEquals((await Deno.stat(join(dir, f))).isFile, true, f);
  }
  const config = JSON.parse(await Deno.readTextFile(join(dir, "config.json")));
  assertEquals(parseLlamaConfig(config), TEST_CONFIG);
  assertEquals(config.eos_token_id, 256);
  const graphBytes = (await Deno.stat(join(dir, "onnx", "model.onnx"))).size;
  const dataBytes = (await Deno.stat(join(dir, "onnx", "model.onnx_data"))).size;
  // the graph file holds no weights: the data file holds at least every parameter
  assertEquals(dataBytes >= 4 * 260 * 32 * 2, true);
  assertEquals(graphBytes < dataBytes / 4, true);
  const graph = await readModel(join(dir, "onnx", "model.onnx"));
  assertEquals([graph.irVersion, graph.opsetImports[0]!.version], [8, 17]);
});

Deno.test("transformers.js loads a serl folder and greedy-generates exactly serl's tokens", async () => {
  const dir = await serlFolder();
  env.allowRemoteModels = false;
  env.localModelPath = join(dir, "..") + "/";
  const id = dir.split("/").at(-1)!;
  const tokenizer = await AutoTokenizer.from_pretrained(id);
  const model = await AutoModelForCausalLM.from_pretrained(id, { dtype: "fp32" });
  const prompts = ["What is 2 + 2? ", "Hi", "Q: 17 * 3 =\nA:"];
  const inputs = tokenizer(prompts, { padding: true }); // left padding, from tokenizer_config.json
  const out = await model.generate({ ...inputs, max_new_tokens: 24, do_sample: false }) as Tensor;
  await model.dispose();
  const width = inputs.input_ids.dims[1] as number;
  const theirs = (out.tolist() as bigint[][]).map((row) => row.slice(width).map(Number));
  const serl = await generate(await loadModel(dir), prompts, { temperature: 0, maxNewTokens: 24 });
  for (let p = 0; p < prompts.length; p++) {
    const ours = serl[p]![0]!.tokens;
    // transformers.js pads finished rows after EOS; compare up to serl's end
    assertEquals(theirs[p]!.slice(0, ours.length), ours, `prompt ${p}`);
  }
});

Deno.test("saveLanguageModel() writes a retrained export that loads back with its new weights", async () => {
  const exported = await loadModel(await exportStyleFolder(testWeights(undefined, 1)));
  const twin = await loadModel(await exportStyleFolder(testWeights(undefined, 4)));
  const copy = await Deno.makeTempDir();
  await saveLanguageModel(withWeights(exported, twin.weights), copy);
  const back = await loadModel(copy);
  assertEquals(back.origin, "export");
  for (const [name, data] of twin.weights) assertEquals(back.weights.get(name), data, name);
  assertEquals(
    await Deno.readTextFile(join(copy, "tokenizer_config.json")),
    await Deno.readTextFile(join(exported.dir, "tokenizer_config.json")),
  );
});
