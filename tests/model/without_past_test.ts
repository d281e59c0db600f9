import * as ort from "onnxruntime-node";
import { assertAllClose, assertEquals } from "../assert.ts";
import { buildLlamaModel } from "../../lib/model/build_llama_model.ts";
import { withoutPast } from "../../lib/model/without_past.ts";
import { createSession } from "../../lib/onnx/session.ts";
import { TEST_CONFIG, testWeights } from "./_model_fixture.ts";

const IDS = [12, 200, 7, 7, 31];
const feeds = () => ({
  "input_ids": new ort.Tensor("int64", BigInt64Array.from(IDS, BigInt), [1, IDS.length]),
  "attention_mask": new ort.Tensor("int64", BigInt64Array.from(IDS, () => 1n), [1, IDS.length]),
  "position_ids": new ort.Tensor("int64", BigInt64Array.from(IDS, (_, i) => BigInt(i)), [
    1,
    IDS.length,
  ]),
});

Deno.test("withoutPast() of a with-past graph computes what serl's no-past graph does", async () => {
  const w = testWeights();
  const derived = withoutPast(buildLlamaModel(TEST_CONFIG, w), TEST_CONFIG);
  assertEquals(derived.graph.inputs.map((v) => v.name), [
    "input_ids",
    "attention_mask",
    "position_ids",
  ]);
  assertEquals(derived.graph.outputs.map((v) => v.name), ["logits"]);
  const a = await createSession(derived);
  const b = await createSession(buildLlamaModel(TEST_CONFIG, w, { kind: "no-past" }));
  assertAllClose(
    (await a.ort.run(feeds())).logits!.data as Float32Array,
    (await b.ort.run(feeds())).logits!.data as Float32Array,
    { atol: 1e-5 },
  );
  await a.ort.release();
  await b.ort.release();
});

Deno.test("withoutPast() can return token log-probs and raises an old opset to 17", async () => {
  const w = testWeights();
  const old = { ...buildLlamaModel(TEST_CONFIG, w), opsetImports: [{ domain: "", version: 14 }] };
  const derived = withoutPast(old, TEST_CONFIG, { output: "token-log-probs" });
  assertEquals(derived.opsetImports[0]!.version, 17);
  const s = await createSession(derived);
  const b = await createSession(
    buildLlamaModel(TEST_CONFIG, w, { kind: "no-past", output: "token-log-probs" }),
  );
  assertAllClose(
    (await s.ort.run(feeds())).token_log_probs!.data as Float32Array,
    (await b.ort.run(feeds())).token_log_probs!.data as Float32Array,
    { atol: 1e-5 },
  );
  await s.ort.release();
  await b.ort.release();
});
