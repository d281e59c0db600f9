import { assert, assertEquals } from "../assert.ts";
import { fillPendingPool } from "../../lib/serl/fill_pending_pool.ts";
import { loadModel } from "../../lib/model/load_model.ts";
import { releaseModel } from "../../lib/model/model_session.ts";
import { createInstructionPool } from "../../lib/instruct/instruction_pool.ts";
import { INSTRUCT_DEFAULTS } from "../../lib/instruct/config.ts";
import { resolveInstructConfig } from "../../lib/instruct/resolve_instruct_config.ts";
import { scriptedSampler, tinySerlModel } from "./_fixture.ts";

const seeds = [
  "What is 43 plus 21?",
  "Compute 8 * 12.",
  "Divide 66 by 6.",
  "What is 5 less than 9?",
];

Deno.test("fillPendingPool() runs rounds until the target is pending, deterministically", async () => {
  const policy = await loadModel(await tinySerlModel());
  const instruct = resolveInstructConfig({
    promptsPerRound: 2,
    fewShotCount: 4,
    sampling: { maxNewTokens: 256, topP: 1 },
  });
  const input = {
    policy,
    sampler: scriptedSampler,
    seeds,
    pool: createInstructionPool(),
    instruct,
  };
  const a = await fillPendingPool(input, { target: 5, seed: 3, key: [0, 1] });
  const b = await fillPendingPool(input, { target: 5, seed: 3, key: [0, 1] });
  assert(a.pool.pending.length >= 5);
  assertEquals(a.pool.pending, b.pool.pending);
  assertEquals(a.prompts, a.rounds * 2);
  assertEquals(a.completions.length, a.prompts);
  // each scripted list has 8 items: one for each rule filter and 3 questions
  assertEquals(a.report.input, 8 * a.prompts);
  assertEquals(a.report.counts.empty, a.prompts);
  assertEquals(a.report.counts.blacklist, a.prompts);
  assertEquals(a.report.kept, a.pool.pending.length);
  assert(
    a.completions[0]!.examples.every((e) => seeds.includes(e)),
    "no kept pool yet: seeds only",
  );
  const other = await fillPendingPool(input, { target: 5, seed: 4, key: [0, 1] });
  assert(
    other.completions[0]!.text !== a.completions[0]!.text ||
      other.pool.pending.join() !== a.pool.pending.join(),
  );
  await releaseModel(policy);
});

Deno.test("fillPendingPool() draws few-shot examples from the kept pool", async () => {
  const policy = await loadModel(await tinySerlModel());
  const kept = Array.from({ length: 10 }, (_, i) => `How many pens are in ${i + 2} boxes of 3?`);
  const instruct = {
    ...INSTRUCT_DEFAULTS,
    fewShotCount: 4,
    sampling: { ...INSTRUCT_DEFAULTS.sampling, maxNewTokens: 256, topP: 1 },
  };
  const { completions } = await fillPendingPool(
    { policy, sampler: scriptedSampler, seeds, pool: { pending: [], kept }, instruct },
    { target: 1 },
  );
  // paper mix: 3/4 of 4 examples generated
  assertEquals(completions[0]!.examples.filter((e) => kept.includes(e)).length, 3);
  await releaseModel(policy);
});

Deno.test("fillPendingPool() shortens prompts that would overflow the model's context", async () => {
  const policy = await loadModel(await tinySerlModel()); // context 1024
  const long = Array.from(
    { length: 10 },
    (_, i) => `How many pens are in ${i + 2} boxes? `.repeat(6),
  );
  const instruct = {
    ...INSTRUCT_DEFAULTS,
    sampling: { ...INSTRUCT_DEFAULTS.sampling, maxNewTokens: 256, topP: 1 },
  };
  const result = await fillPendingPool(
    { policy, sampler: scriptedSampler, seeds, pool: { pending: [], kept: long }, instruct },
    { target: 1 },
  );
  assert(result.shortenedPrompts > 0);
  const examples = result.completions[0]!.examples;
  assert(examples.length < 8 && examples.length >= 1, `${examples.length} examples`);
  await releaseModel(policy);
});
