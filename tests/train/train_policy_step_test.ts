import * as ort from "onnxruntime-node";
import { releaseModel } from "../../lib/model/model_session.ts";
import { createSession } from "../../lib/onnx/session.ts";
import { lossTokenWeights } from "../../lib/rl/loss_aggregation.ts";
import { adamStep, createAdamState } from "../../lib/rl/optimizer.ts";
import { policyLoss } from "../../lib/rl/policy_loss.ts";
import { cosineLearningRate } from "../../lib/rl/schedule.ts";
import { packPolicySequences } from "../../lib/train/pack_policy_sequences.ts";
import {
  createPolicyTrainer,
  policyModel,
  releasePolicyTrainer,
} from "../../lib/train/policy_trainer.ts";
import type { PolicyTrainerOptions } from "../../lib/train/policy_trainer_options.ts";
import { buildPolicyTrainingGraph } from "../../lib/train/policy_training_graph.ts";
import { responseLogProbs } from "../../lib/train/response_log_probs.ts";
import {
  microBatchRanges,
  type PolicyBatch,
  TrainingDivergedError,
  trainPolicyStep,
} from "../../lib/train/train_policy_step.ts";
import {
  assert,
  assertAllClose,
  assertAlmostEquals,
  assertEquals,
  assertRejects,
} from "../assert.ts";
import { BYTE_ADVANTAGES, BYTE_SEQUENCES, tinyModel } from "./_tiny.ts";

const model = await tinyModel();
const OLD = await responseLogProbs(model, BYTE_SEQUENCES);
const BATCH: PolicyBatch = { ...BYTE_SEQUENCES, oldLogProbs: OLD, advantages: BYTE_ADVANTAGES };

async function withTrainer<T>(
  options: Partial<PolicyTrainerOptions>,
  body: (t: Awaited<ReturnType<typeof createPolicyTrainer>>) => Promise<T>,
): Promise<T> {
  const trainer = await createPolicyTrainer(model, {
    lr: 1e-2,
    totalSteps: 10,
    warmupRatio: 0,
    ...options,
  });
  try {
    return await body(trainer);
  } finally {
    await releasePolicyTrainer(trainer);
  }
}

Deno.test("trainPolicyStep() applies one AdamW step of the training graph's gradient", async () => {
  // The same gradient computed by hand: one run of the training graph, then lib/rl's adamStep.
  const graph = buildPolicyTrainingGraph(model.config, { kind: "full" }, {});
  const session = await createSession(graph.model, { threads: 1 });
  const params = graph.trainable.map((n) => Float32Array.from(model.weights.get(n)!));
  const p = packPolicySequences(BYTE_SEQUENCES);
  const vector = (v: number[]) => new ort.Tensor("float32", Float32Array.from(v), [v.length]);
  const lengths = BYTE_SEQUENCES.responseIds.map((r) => r.length);
  const out = await session.ort.run({
    ...Object.fromEntries(
      graph.trainable.map((
        n,
        k,
      ) => [n, new ort.Tensor("float32", params[k]!, graph.shapes.get(n)!)]),
    ),
    "input_ids": new ort.Tensor("int64", p.inputIds, [p.batch, p.seq]),
    "attention_mask": new ort.Tensor("int64", p.attentionMask, [p.batch, p.seq]),
    "position_ids": new ort.Tensor("int64", p.positionIds, [p.batch, p.seq]),
    "response_positions": new ort.Tensor("int64", p.responsePositions, [p.tokens]),
    "response_tokens": new ort.Tensor("int64", p.responseTokens, [p.tokens]),
    "old_log_probs": vector(OLD.flat()),
    advantages: vector(BYTE_ADVANTAGES.flat()),
    "loss_weights": vector(lossTokenWeights(lengths, "seq-mean-token-mean").flat()),
  });
  await session.ort.release();
  const adam = createAdamState(params);
  const lmHead = model.weights.get("lm_head.weight")!.slice();
  adamStep(params, graph.trainable.map((n) => out[`grad.${n}`]!.data as Float32Array), adam, {
    lr: 1e-2,
  });
  await withTrainer({}, async (trainer) => {
    const report = await trainPolicyStep(trainer, BATCH);
    assertEquals(report.step, 1);
    assert(report.applied);
    assertEquals(report.tokens, 12);
    assertEquals(trainer.names, graph.trainable);
    trainer.params.forEach((got, k) => assertEquals(got, params[k], trainer.names[k]));
    // The base model is the reference: its weights stay as they were.
    assertEquals(model.weights.get("lm_head.weight"), lmHead);
  });
});

Deno.test("trainPolicyStep() reports the loss of lib/rl's policyLoss on the micro-batches (micro-batch scope)", async () => {
  await withTrainer({ microBatchSize: 2, clipLow: 0.1 }, async (trainer) => {
    const report = await trainPolicyStep(trainer, BATCH);
    // 5 rows in micro-batches of 2, 2, 1: each aggregated on its own, then averaged.
    let expected = 0;
    for (const [from, to] of [[0, 2], [2, 4], [4, 5]]) {
      expected += policyLoss({
        logProbs: OLD.slice(from, to),
        oldLogProbs: OLD.slice(from, to),
        advantages: BYTE_ADVANTAGES.slice(from, to),
      }, { aggregation: "seq-mean-token-mean" }).loss / 3;
    }
    assertAlmostEquals(report.loss, expected, 1e-5);
    assertAlmostEquals(report.approxKl, 0, 1e-5); // old log-probs are the policy's own
    assertEquals(report.clipFraction, 0);
    assert(report.entropy > 0 && report.entropy < Math.log(260), `entropy ${report.entropy}`);
  });
});

Deno.test("trainPolicyStep() accumulates micro-batches to the gradient of one batch (step scope)", async () => {
  const options = { aggregation: "token-mean" as const, accumulationScope: "step" as const };
  const one = await withTrainer({ ...options, microBatchSize: 5 }, async (t) => {
    const r = await trainPolicyStep(t, BATCH);
    return { r, params: t.params.map((p) => Float32Array.from(p)) };
  });
  await withTrainer({ ...options, microBatchSize: 2 }, async (t) => {
    const r = await trainPolicyStep(t, BATCH);
    assertAlmostEquals(r.loss, one.r.loss, 1e-6);
    assertAlmostEquals(r.gradNorm, one.r.gradNorm, 1e-5 * one.r.gradNorm);
    t.params.forEach((p, k) => assertAllClose(p, one.params[k]!, { rtol: 1e-4, atol: 1e-6 }));
  });
});

Deno.test("microBatchRanges() caps rows and padded tokens", () => {
  assertEquals(microBatchRanges([5, 5, 5, 5, 5], 2, Infinity), [[0, 2], [2, 4], [4, 5]]);
  assertEquals(microBatchRanges([5, 5, 50, 60], 8, 100), [[0, 2], [2, 3], [3, 4]]);
  assertEquals(microBatchRanges([300, 1], 8, 100), [[0, 1], [1, 2]]);
  assertEquals(microBatchRanges([], 8, 100), []);
});

Deno.test("trainPolicyStep() with a token budget per micro-batch equals one batch (step scope)", async () => {
  const options = { aggregation: "token-mean" as const, accumulationScope: "step" as const };
  const one = await withTrainer({ ...options, microBatchSize: 5 }, async (t) => {
    const r = await trainPolicyStep(t, BATCH);
    return { r, params: t.params.map((p) => Float32Array.from(p)) };
  });
  await withTrainer({ ...options, microBatchSize: 5, microBatchTokens: 1 }, async (t) => {
    const r = await trainPolicyStep(t, BATCH);
    assertAlmostEquals(r.loss, one.r.loss, 1e-6);
    t.params.forEach((p, k) => assertAllClose(p, one.params[k]!, { rtol: 1e-4, atol: 1e-6 }));
  });
});

Deno.test("trainPolicyStep() follows the cosine schedule with warm-up and floor", async () => {
  const schedule = { lr: 1e-2, totalSteps: 4, warmupRatio: 0.25, minLrRatio: 0.1 };
  await withTrainer(schedule, async (t) => {
    const lrs = [];
    for (let i = 0; i < 4; i++) lrs.push((await trainPolicyStep(t, BATCH)).lr);
    assertEquals(lrs, [0, 1, 2, 3].map((s) => cosineLearningRate(s, schedule)));
    assertEquals(lrs[0], 0);
    assertEquals(lrs[1], 1e-2);
  });
});

Deno.test("trainPolicyStep() skips a non-finite gradient, then stops after maxConsecutiveSkips in a row", async () => {
  const nan = { ...BATCH, advantages: BYTE_ADVANTAGES.map((r) => r.map(() => NaN)) };
  await withTrainer({ maxConsecutiveSkips: 2 }, async (t) => {
    const before = t.params.map((p) => Float32Array.from(p));
    const skipped = await trainPolicyStep(t, nan);
    assertEquals([skipped.applied, skipped.step, skipped.consecutiveSkips], [false, 0, 1]);
    assert(!Number.isFinite(skipped.gradNorm), `grad norm ${skipped.gradNorm}`);
    t.params.forEach((p, k) => assertEquals(p, before[k]));
    assertEquals(t.adam.m[0]!.every((v) => v === 0), true);

    const good = await trainPolicyStep(t, BATCH);
    assertEquals([good.applied, good.step, good.consecutiveSkips, good.skippedSteps], [
      true,
      1,
      0,
      1,
    ]);
    const afterGood = t.params.map((p) => Float32Array.from(p));
    await trainPolicyStep(t, nan);
    const error = await assertRejects(
      () => trainPolicyStep(t, nan),
      TrainingDivergedError,
      "2 steps in a row",
    ) as TrainingDivergedError;
    assertEquals([error.skips, error.step], [2, 1]);
    t.params.forEach((p, k) => assertEquals(p, afterGood[k]));
    assertEquals(t.counters, { skippedSteps: 3, consecutiveSkips: 2 });
  });
});

Deno.test("trainPolicyStep() with a KL term needs reference log-probs and reports the KL loss", async () => {
  await withTrainer({ klCoef: 0.01, klEstimator: "k3" }, async (t) => {
    await assertRejects(() => trainPolicyStep(t, BATCH), TypeError, "refLogProbs");
    const shifted = OLD.map((r) => r.map((v) => v - 0.5));
    const r = await trainPolicyStep(t, { ...BATCH, refLogProbs: shifted });
    // k3 at d = 0.5 on every token: e^-0.5 - 1 + 0.5
    assertAlmostEquals(r.klLoss, Math.exp(-0.5) - 0.5, 1e-5);
    assertAlmostEquals(r.loss, r.policyLoss + 0.01 * r.klLoss, 1e-7);
  });
});

Deno.test("trainPolicyStep() in LoRA mode moves the policy toward positive advantages, base untouched", async () => {
  const base = model.weights.get("model.layers.0.mlp.up_proj.weight")!.slice();
  await withTrainer({ lora: { rank: 4, alpha: 8 } }, async (t) => {
    let batch = BATCH;
    for (let i = 0; i < 3; i++) {
      await trainPolicyStep(t, batch);
      const policy = policyModel(t);
      batch = { ...batch, oldLogProbs: await responseLogProbs(policy, BYTE_SEQUENCES) };
      await releaseModel(policy);
    }
    const mean = (rows: number[][], sign: number) => {
      const v = rows.flatMap((r, i) => (BYTE_ADVANTAGES[i]![0] === sign ? r : []));
      return v.reduce((a, b) => a + b, 0) / v.length;
    };
    assert(
      mean(batch.oldLogProbs as number[][], 1) > mean(OLD, 1) + 0.1,
      "positive rows not raised",
    );
    assert(
      mean(batch.oldLogProbs as number[][], -1) < mean(OLD, -1) - 0.1,
      "negative rows not lowered",
    );
  });
  assertEquals(model.weights.get("model.layers.0.mlp.up_proj.weight"), base);
});

Deno.test("createPolicyTrainer() refuses exports and bad options", async () => {
  await assertRejects(
    () => createPolicyTrainer({ ...model, origin: "export" }, { lr: 1, totalSteps: 1 }),
    TypeError,
    "serl-built model",
  );
  await assertRejects(
    () => createPolicyTrainer(model, { lr: -1, totalSteps: 1 }),
    RangeError,
    "lr",
  );
  await assertRejects(
    () => createPolicyTrainer(model, { lr: 1, totalSteps: 1, microBatchSize: 0 }),
    RangeError,
    "microBatchSize",
  );
  await assertRejects(
    () =>
      createPolicyTrainer(model, { lr: 1, totalSteps: 1, lora: { rank: 2, targets: ["lm_head"] } }),
    TypeError,
    "lm_head",
  );
});
