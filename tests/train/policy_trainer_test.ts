import { basename, dirname } from "node:path";
import { AutoModelForCausalLM, env, Tensor } from "@huggingface/transformers";
import { loadModel } from "../../lib/model/load_model.ts";
import { releaseModel } from "../../lib/model/model_session.ts";
import { saveLanguageModel } from "../../lib/model/save_model_folder.ts";
import {
  createPolicyTrainer,
  policyModel,
  policyWeights,
  releasePolicyTrainer,
  trainableTensors,
} from "../../lib/train/policy_trainer.ts";
import { responseLogProbs } from "../../lib/train/response_log_probs.ts";
import { trainPolicyStep } from "../../lib/train/train_policy_step.ts";
import { assert, assertAllClose, assertEquals } from "../assert.ts";
import { BYTE_ADVANTAGES, BYTE_SEQUENCES, tinyModel } from "./_tiny.ts";

Deno.test("policyModel() of a LoRA trainer merges the adapters into a plain folder that serl and transformers.js load", async () => {
  const base = await tinyModel();
  const trainer = await createPolicyTrainer(base, {
    lr: 2e-2,
    totalSteps: 2,
    warmupRatio: 0,
    lora: { rank: 2, alpha: 4 },
  });
  const old = await responseLogProbs(base, BYTE_SEQUENCES);
  for (let i = 0; i < 2; i++) {
    await trainPolicyStep(trainer, {
      ...BYTE_SEQUENCES,
      oldLogProbs: old,
      advantages: BYTE_ADVANTAGES,
    });
  }
  const policy = policyModel(trainer);
  const expected = await responseLogProbs(policy, BYTE_SEQUENCES);
  assert(Math.abs(expected[0]![0]! - old[0]![0]!) > 1e-3, "training did not change the policy");

  const dir = await Deno.makeTempDir({ prefix: "serl_merged_" });
  await saveLanguageModel(policy, dir);
  await releasePolicyTrainer(trainer);
  const saved = await loadModel(dir, { threads: 1 });
  assertEquals(saved.origin, "serl");
  assertEquals(saved.eosTokenIds, base.eosTokenIds);
  assertEquals(saved.config, base.config);
  assertAllClose((await responseLogProbs(saved, BYTE_SEQUENCES)).flat(), expected.flat(), {
    rtol: 1e-6,
  });

  // transformers.js runs the folder's with-past graph: same next-token log-probs.
  env.allowRemoteModels = false;
  env.localModelPath = dirname(dir) + "/";
  const tjs = await AutoModelForCausalLM.from_pretrained(basename(dir), { dtype: "fp32" });
  const prompt = BYTE_SEQUENCES.promptIds[3]!, response = BYTE_SEQUENCES.responseIds[3]!;
  const ids = [...prompt, ...response];
  const out = await tjs({
    "input_ids": new Tensor("int64", BigInt64Array.from(ids, BigInt), [1, ids.length]),
    "attention_mask": new Tensor("int64", new BigInt64Array(ids.length).fill(1n), [1, ids.length]),
  });
  const logits = out.logits.data as Float32Array;
  const vocab = base.config.vocabSize;
  const fromTjs = response.map((token, t) => {
    const row = logits.subarray((prompt.length - 1 + t) * vocab, (prompt.length + t) * vocab);
    const max = Math.max(...row);
    const logSum = Math.log(row.reduce((s, v) => s + Math.exp(v - max), 0)) + max;
    return row[token]! - logSum;
  });
  assertAllClose(fromTjs, expected[3]!, { rtol: 1e-5 });
  await tjs.dispose();
  for (const m of [saved, policy, base]) await releaseModel(m);
});

Deno.test("policyWeights() copies the trained weights of full fine-tuning; trainableTensors() too", async () => {
  const base = await tinyModel();
  const trainer = await createPolicyTrainer(base, { lr: 1e-2, totalSteps: 1, warmupRatio: 0 });
  try {
    const before = policyWeights(trainer);
    const tensors = trainableTensors(trainer);
    assertEquals([...before.keys()], [...base.weights.keys()]);
    const old = await responseLogProbs(base, BYTE_SEQUENCES);
    await trainPolicyStep(trainer, {
      ...BYTE_SEQUENCES,
      oldLogProbs: old,
      advantages: BYTE_ADVANTAGES,
    });
    const name = "model.layers.1.self_attn.o_proj.weight";
    assertEquals(before.get(name), base.weights.get(name));
    assertEquals(tensors.get(name), base.weights.get(name));
    const after = policyWeights(trainer).get(name)!;
    assert(after.some((v, i) => v !== base.weights.get(name)![i]), "the step changed nothing");
    assert(after !== trainer.params[trainer.names.indexOf(name)], "not a copy");
  } finally {
    await releasePolicyTrainer(trainer);
    await releaseModel(base);
  }
});
