import {
  createPolicyTrainer,
  policyModel,
  releasePolicyTrainer,
} from "../../lib/train/policy_trainer.ts";
import { buildPolicyTrainingGraph } from "../../lib/train/policy_training_graph.ts";
import { responseLogProbs } from "../../lib/train/response_log_probs.ts";
import { trainPolicyStep } from "../../lib/train/train_policy_step.ts";
import {
  assert,
  assertAlmostEquals,
  assertEquals,
  assertRejects,
  assertThrows,
} from "../assert.ts";
import { BYTE_SEQUENCES, tinyModel } from "./_tiny.ts";

const model = await tinyModel();

Deno.test("the nll objective's loss is the token-mean negative log-likelihood of the responses", async () => {
  const trainer = await createPolicyTrainer(model, {
    lr: 1e-2,
    totalSteps: 5,
    warmupRatio: 0,
    objective: "nll",
    aggregation: "token-mean",
  });
  try {
    const before = await responseLogProbs(model, BYTE_SEQUENCES);
    const flat = before.flat();
    const report = await trainPolicyStep(trainer, BYTE_SEQUENCES);
    assertAlmostEquals(report.loss, -flat.reduce((a, b) => a + b, 0) / flat.length, 1e-4);
    assertEquals(report.clipFraction, 0);
    // One step of gradient descent on the NLL raises the likelihood of the trained tokens.
    const after = (await responseLogProbs(policyModel(trainer), BYTE_SEQUENCES)).flat();
    const gain = after.reduce((a, b) => a + b, 0) - flat.reduce((a, b) => a + b, 0);
    assert(gain > 0, `log-likelihood fell by ${-gain}`);
  } finally {
    await releasePolicyTrainer(trainer);
  }
});

Deno.test("the nll graph has no RL inputs, and refuses a KL term", () => {
  const g = buildPolicyTrainingGraph(model.config, { kind: "full" }, { objective: "nll" });
  const inputs = g.model.graph.inputs.map((v) => v.name);
  assert(!inputs.includes("old_log_probs") && !inputs.includes("advantages"), inputs.join());
  assert(inputs.includes("loss_weights"));
  assertThrows(
    () =>
      buildPolicyTrainingGraph(model.config, { kind: "full" }, { objective: "nll", klCoef: 0.1 }),
    RangeError,
    "KL term",
  );
});

Deno.test("the RL objective still requires old log-probs and advantages", async () => {
  const trainer = await createPolicyTrainer(model, { lr: 1e-2, totalSteps: 5 });
  try {
    await assertRejects(
      () => trainPolicyStep(trainer, BYTE_SEQUENCES),
      TypeError,
      "no oldLogProbs or advantages",
    );
  } finally {
    await releasePolicyTrainer(trainer);
  }
});
