import { assert, assertAllClose, assertEquals, assertNotEquals, assertThrows } from "../assert.ts";
import { sequenceLogProbs } from "../../lib/generate/sequence_log_probs.ts";
import { loadModel } from "../../lib/model/load_model.ts";
import { modelSession } from "../../lib/model/model_session.ts";
import { withWeights } from "../../lib/model/with_weights.ts";
import { exportStyleFolder, serlFolder, testWeights } from "./_model_fixture.ts";

const SEQ = [[72, 105, 33, 10, 200, 3]];

Deno.test("withWeights() gives a model that scores with the new weights and fresh sessions", async () => {
  const model = await loadModel(await serlFolder());
  const other = await loadModel(await serlFolder({ seed: 2 }));
  const swapped = withWeights(model, other.weights);
  assertEquals(swapped.tokenizer, model.tokenizer);
  assert(
    await modelSession(swapped, "decode") !== await modelSession(model, "decode"),
    "shared session",
  );
  const [want] = await sequenceLogProbs(other, SEQ);
  const [got] = await sequenceLogProbs(swapped, SEQ);
  const [old] = await sequenceLogProbs(model, SEQ);
  assertAllClose(got!, want!, { atol: 1e-5 });
  assertNotEquals([...old!], [...got!]);
});

Deno.test("withWeights() swaps the initializers of an export too", async () => {
  const exported = await loadModel(await exportStyleFolder(testWeights(undefined, 1)));
  const twin = await loadModel(await exportStyleFolder(testWeights(undefined, 3)));
  const [want] = await sequenceLogProbs(twin, SEQ);
  const [got] = await sequenceLogProbs(withWeights(exported, twin.weights), SEQ);
  assertAllClose(got!, want!, { atol: 1e-5 });
});

Deno.test("withWeights() refuses missing, unknown or mis-sized weights", async () => {
  const model = await loadModel(await serlFolder());
  const weights = new Map(model.weights);
  weights.delete("model.norm.weight");
  assertThrows(() => withWeights(model, weights), TypeError, '"model.norm.weight" is missing');
  weights.set("model.norm.weight", new Float32Array(2));
  assertThrows(() => withWeights(model, weights), TypeError, "must be a Float32Array of 32 values");
  const extra = new Map(model.weights).set("nope", new Float32Array(1));
  assertThrows(() => withWeights(model, extra), TypeError, '"nope" is not a weight');
});
