import { assertEquals, assertThrows } from "../assert.ts";
import { languageModelGraph } from "../../lib/model/language_model_graph.ts";
import { loadModel } from "../../lib/model/load_model.ts";
import { exportStyleFolder, serlFolder, testWeights } from "./_model_fixture.ts";

Deno.test("languageModelGraph() builds all three graphs of a serl model around its weights", async () => {
  const model = await loadModel(await serlFolder());
  for (const kind of ["with-past", "decode", "no-past"] as const) {
    const g = languageModelGraph(model, kind);
    assertEquals(
      g.graph.initializers.get("model.norm.weight")!.data,
      model.weights.get("model.norm.weight"),
    );
  }
  const decode = languageModelGraph(model, "decode");
  assertEquals(decode.graph.inputs.some((v) => v.name === "cache.1.value_t"), true);
});

Deno.test("languageModelGraph() of an export derives no-past and refuses decode", async () => {
  const model = await loadModel(await exportStyleFolder(testWeights()));
  assertEquals(languageModelGraph(model, "with-past"), model.withPast);
  const noPast = languageModelGraph(model, "no-past", { output: "token-log-probs" });
  assertEquals(noPast.graph.outputs.map((v) => v.name), ["token_log_probs"]);
  assertThrows(() => languageModelGraph(model, "decode"), TypeError, "it is an export");
});
