import { assert } from "../assert.ts";
import { loadModel } from "../../lib/model/load_model.ts";
import { modelSession, releaseModel } from "../../lib/model/model_session.ts";
import { serlFolder } from "./_model_fixture.ts";

Deno.test("modelSession() creates one session per kind and releaseModel() starts over", async () => {
  const model = await loadModel(await serlFolder());
  const decode = await modelSession(model, "decode");
  const scoring = await modelSession(model, "token-log-probs");
  assert(await modelSession(model, "decode") === decode, "decode session not shared");
  assert(decode !== scoring, "one session for two kinds");
  assert(scoring.ort.outputNames.includes("token_log_probs"), "wrong scoring graph");
  await releaseModel(model);
  assert(await modelSession(model, "decode") !== decode, "released session reused");
  await releaseModel(model);
});
