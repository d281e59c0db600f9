import { assert, assertEquals, assertRejects } from "../assert.ts";
import { rolloutGroups } from "../../lib/serl/rollout_groups.ts";
import { loadModel } from "../../lib/model/load_model.ts";
import { releaseModel } from "../../lib/model/model_session.ts";
import { scriptedSampler, tinySerlModel } from "./_fixture.ts";

Deno.test("rolloutGroups() answers each problem nVote times and votes", async () => {
  const policy = await loadModel(await tinySerlModel());
  const problems = [{ question: "What is 2 plus 3?", answer: null }, {
    question: "Q2?",
    answer: null,
  }];
  const groups = await rolloutGroups(policy, scriptedSampler, problems, {
    nVote: 6,
    maxNewTokens: 40,
    seed: 1,
  });
  assertEquals(groups.length, 2);
  const decoder = new TextDecoder();
  assertEquals(decoder.decode(new Uint8Array(groups[0]!.promptTokens)), "What is 2 plus 3?\n");
  for (const g of groups) {
    assertEquals(g.responses.length, 6);
    assertEquals(g.rMean, g.rewards.reduce((s, r) => s + r, 0) / 6);
    const winners = g.responses.filter((_, i) => g.rewards[i] === 1).map((r) => r.answer);
    assert(winners.every((a) => a === g.label), "the rewarded responses share the label");
    for (const r of g.responses) assertEquals(r.logProbs.length, r.tokens.length);
  }
  const again = await rolloutGroups(policy, scriptedSampler, problems, {
    nVote: 6,
    maxNewTokens: 40,
    seed: 1,
  });
  assertEquals(again.map((g) => g.rewards), groups.map((g) => g.rewards));
  await releaseModel(policy);
});

Deno.test("rolloutGroups() rewards against the label with reward: gold", async () => {
  const policy = await loadModel(await tinySerlModel());
  const groups = await rolloutGroups(policy, scriptedSampler, [{ question: "Q?", answer: "5" }], {
    nVote: 8,
    maxNewTokens: 40,
    reward: "gold",
  });
  const g = groups[0]!;
  assertEquals(g.label, "5");
  assertEquals(g.rewards, g.responses.map((r) => (r.answer === "5" ? 1 : 0)));
  await assertRejects(
    () =>
      rolloutGroups(policy, scriptedSampler, [{ question: "Q?", answer: null }], {
        reward: "gold",
      }),
    TypeError,
    "has no label",
  );
  await releaseModel(policy);
});
