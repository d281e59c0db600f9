import { sequenceLogProbs } from "../../lib/generate/sequence_log_probs.ts";
import { releaseModel } from "../../lib/model/model_session.ts";
import { createPolicyTrainer, releasePolicyTrainer } from "../../lib/train/policy_trainer.ts";
import { responseLogProbs } from "../../lib/train/response_log_probs.ts";
import { trainPolicyStep } from "../../lib/train/train_policy_step.ts";
import { assertAllClose, assertEquals, assertRejects } from "../assert.ts";
import { BYTE_ADVANTAGES, BYTE_SEQUENCES, tinyModel } from "./_tiny.ts";

const model = await tinyModel();

Deno.test("responseLogProbs() is the response part of sequenceLogProbs", async () => {
  const got = await responseLogProbs(model, BYTE_SEQUENCES);
  const full = await sequenceLogProbs(
    model,
    BYTE_SEQUENCES.promptIds.map((p, i) => [...p, ...BYTE_SEQUENCES.responseIds[i]!]),
  );
  got.forEach((row, i) => {
    const p = BYTE_SEQUENCES.promptIds[i]!.length;
    assertEquals(row, Array.from(full[i]!.subarray(p - 1)));
  });
});

Deno.test("responseLogProbs() of the policy agrees with the training graph's own log-probs", async () => {
  // At ratio 1 the approximate KL is the mean gap between the two computations.
  const trainer = await createPolicyTrainer(model, { lr: 0, totalSteps: 1 });
  try {
    const old = await responseLogProbs(model, BYTE_SEQUENCES);
    const report = await trainPolicyStep(trainer, {
      ...BYTE_SEQUENCES,
      oldLogProbs: old,
      advantages: BYTE_ADVANTAGES,
    });
    assertAllClose([report.approxKl], [0], { atol: 1e-6 });
    assertEquals(report.clipFraction, 0);
  } finally {
    await releasePolicyTrainer(trainer);
  }
});

Deno.test("responseLogProbs() rejects empty prompts and mismatched rows", async () => {
  await assertRejects(
    () => responseLogProbs(model, { promptIds: [[]], responseIds: [[1]] }),
    RangeError,
    "prompt 0 is empty",
  );
  await assertRejects(
    () => responseLogProbs(model, { promptIds: [[1], [2]], responseIds: [[1]] }),
    RangeError,
    "2 prompts",
  );
  await releaseModel(model);
});
