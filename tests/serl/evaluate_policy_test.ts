import { assert, assertEquals } from "../assert.ts";
import { evaluatePolicy } from "../../lib/serl/evaluate_policy.ts";
import { loadModel } from "../../lib/model/load_model.ts";
import { releaseModel } from "../../lib/model/model_session.ts";
import { tinySerlModel } from "./_fixture.ts";

Deno.test("evaluatePolicy() reports greedy Pass@1 overall and per level", async () => {
  const model = await loadModel(await tinySerlModel());
  const records = [
    { question: "What is 2 plus 3?", answer: "5", level: 1 },
    { question: "Compute 4 * 6.", answer: "24", level: 2 },
  ];
  const p = await evaluatePolicy(model, records, { step: 3, maxNewTokens: 6 });
  assertEquals([p.step, p.set, p.problems], [3, "eval", 2]);
  assertEquals(Object.keys(p.byLevel), ["1", "2"]);
  assert(p.pass1 >= 0 && p.pass1 <= 1 && p.noAnswerShare >= 0);
  await releaseModel(model);
});
