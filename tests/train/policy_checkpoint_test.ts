import { join } from "node:path";
import {
  latestPolicyCheckpoint,
  loadPolicyCheckpoint,
  policyCheckpoint,
  policyCheckpointDir,
  restorePolicyTrainer,
  savePolicyCheckpoint,
} from "../../lib/train/policy_checkpoint.ts";
import {
  createPolicyTrainer,
  type PolicyTrainer,
  releasePolicyTrainer,
} from "../../lib/train/policy_trainer.ts";
import type { PolicyTrainerOptions } from "../../lib/train/policy_trainer_options.ts";
import { responseLogProbs } from "../../lib/train/response_log_probs.ts";
import { decodeSafetensors } from "../../lib/train/safetensors.ts";
import { type PolicyBatch, trainPolicyStep } from "../../lib/train/train_policy_step.ts";
import { assert, assertEquals, assertThrows } from "../assert.ts";
import { BYTE_ADVANTAGES, BYTE_SEQUENCES, tinyModel } from "./_tiny.ts";

const model = await tinyModel();
const OLD = await responseLogProbs(model, BYTE_SEQUENCES);

/** The batch of step `i`: the same sequences with advantages that change sign and size. */
function batch(i: number): PolicyBatch {
  return {
    ...BYTE_SEQUENCES,
    oldLogProbs: OLD.map((r) => r.map((v) => v + 0.05 * i)),
    advantages: BYTE_ADVANTAGES.map((r, row) =>
      r.map((a, t) => a * (1 + 0.3 * ((i + row + t) % 3)))
    ),
    refLogProbs: OLD,
  };
}

/** The bits of every tensor of a trainer's state. */
function bits(t: PolicyTrainer): string[] {
  const hex = (a: Float32Array) => [...new Uint32Array(a.buffer, a.byteOffset, a.length)].join();
  return [...t.params, ...t.adam.m, ...t.adam.v].map(hex).concat(String(t.adam.step));
}

async function checkResume(options: PolicyTrainerOptions): Promise<void> {
  const root = await Deno.makeTempDir();
  const a = await createPolicyTrainer(model, options);
  const b = await createPolicyTrainer(model, options);
  try {
    await trainPolicyStep(a, batch(0));
    await trainPolicyStep(a, {
      ...batch(1),
      advantages: batch(1).advantages!.map((r) => r.map(() => NaN)),
    });
    await trainPolicyStep(a, batch(2));
    const dir = policyCheckpointDir(root, a.adam.step);
    await savePolicyCheckpoint(dir, policyCheckpoint(a, { rlStep: 3, seed: 11 }));
    const next = [await trainPolicyStep(a, batch(3)), await trainPolicyStep(a, batch(4))];

    const loaded = await loadPolicyCheckpoint((await latestPolicyCheckpoint(root))!);
    assertEquals(loaded.extra, { rlStep: 3, seed: 11 });
    restorePolicyTrainer(b, loaded);
    assertEquals(b.counters, { skippedSteps: 1, consecutiveSkips: 0 });
    const resumed = [await trainPolicyStep(b, batch(3)), await trainPolicyStep(b, batch(4))];
    assertEquals(resumed, next);
    assertEquals(bits(b), bits(a));
  } finally {
    await releasePolicyTrainer(a);
    await releasePolicyTrainer(b);
  }
}

const OPTIONS: PolicyTrainerOptions = {
  lr: 1e-2,
  totalSteps: 6,
  warmupRatio: 0.2,
  weightDecay: 0.01,
  microBatchSize: 2,
  klCoef: 0.01,
};

Deno.test("resuming from a checkpoint gives bit-identical next steps (full fine-tuning)", async () => {
  await checkResume(OPTIONS);
});

Deno.test("resuming from a checkpoint gives bit-identical next steps (LoRA)", async () => {
  await checkResume({
    ...OPTIONS,
    lora: { rank: 2, alpha: 4, targets: ["q_proj", "v_proj", "up_proj"] },
  });
});

Deno.test("savePolicyCheckpoint() writes safetensors files named by parameter, and replaces a folder whole", async () => {
  const trainer = await createPolicyTrainer(model, { ...OPTIONS, lora: { rank: 2 } });
  try {
    const root = await Deno.makeTempDir();
    const dir = policyCheckpointDir(root, 0);
    await savePolicyCheckpoint(dir, policyCheckpoint(trainer));
    await trainPolicyStep(trainer, batch(0));
    await savePolicyCheckpoint(dir, policyCheckpoint(trainer, { again: true }));
    assertEquals([...Deno.readDirSync(root)].map((e) => e.name), ["step-000000"]);
    assertEquals([...Deno.readDirSync(dir)].map((e) => e.name).sort(), [
      "adapters.safetensors",
      "optimizer.safetensors",
      "trainer_state.json",
    ]);
    const adapters = decodeSafetensors(await Deno.readFile(join(dir, "adapters.safetensors")));
    assertEquals([...adapters.tensors.keys()], [...trainer.names]);
    const a = adapters.tensors.get("model.layers.1.mlp.down_proj.lora_A.weight")!;
    assertEquals([a.dtype, a.shape], ["F32", [32, 2]]);
    const moments = decodeSafetensors(await Deno.readFile(join(dir, "optimizer.safetensors")));
    assertEquals(moments.tensors.size, 2 * trainer.names.length);
    // names[1] is a lora_B (the A matrices get no gradient while every B is still zero).
    assert(moments.tensors.get(`v.${trainer.names[1]}`)!.data.some((x) => x !== 0), "v not saved");
    const state = JSON.parse(await Deno.readTextFile(join(dir, "trainer_state.json")));
    assertEquals([state.adamStep, state.extra, state.lora.rank], [1, { again: true }, 2]);
  } finally {
    await releasePolicyTrainer(trainer);
  }
});

Deno.test("restorePolicyTrainer() refuses a checkpoint of another mode or LoRA config", async () => {
  const full = await createPolicyTrainer(model, OPTIONS);
  const lora = await createPolicyTrainer(model, { ...OPTIONS, lora: { rank: 2 } });
  const lora4 = await createPolicyTrainer(model, { ...OPTIONS, lora: { rank: 4 } });
  try {
    assertThrows(() => restorePolicyTrainer(lora, policyCheckpoint(full)), TypeError, "it is full");
    assertThrows(
      () => restorePolicyTrainer(lora4, policyCheckpoint(lora)),
      TypeError,
      "LoRA config",
    );
    const c = policyCheckpoint(full);
    c.tensors.set("lm_head.weight", { shape: [1], data: new Float32Array(1) });
    assertThrows(() => restorePolicyTrainer(full, c), TypeError, "lm_head.weight");
  } finally {
    for (const t of [full, lora, lora4]) await releasePolicyTrainer(t);
  }
});

Deno.test("loadPolicyCheckpoint() rejects a folder of another format", async () => {
  const dir = await Deno.makeTempDir();
  await Deno.writeTextFile(join(dir, "trainer_state.json"), JSON.stringify({ format: "other" }));
  let error: unknown;
  try {
    await loadPolicyCheckpoint(dir);
  } catch (e) {
    error = e;
  }
  assert(
    error instanceof SyntaxError && error.message.includes("serl-policy-checkpoint"),
    `${error}`,
  );
  assertEquals(await latestPolicyCheckpoint(join(dir, "missing")), null);
});
