import { selfInstructQuality } from "../../lib/eval/self_instruct_quality.ts";
import { INSTRUCT_DEFAULTS } from "../../lib/instruct/config.ts";
import { assert, assertEquals } from "../assert.ts";

const SEEDS = Array.from({ length: 20 }, (_, i) => `What is ${i} plus ${i + 3}?`);

Deno.test("selfInstructQuality() counts parsed questions, rule passes and well-formed ones", async () => {
  const seen: string[][] = [];
  const sampler = (
    prompts: string[],
    o: { temperature: number; presencePenalty: number },
  ) => {
    seen.push(prompts);
    assertEquals(o.temperature, INSTRUCT_DEFAULTS.sampling.temperature);
    // 9. is continued with a good question, 10. is a blacklisted one, 11. too short.
    return Promise.resolve(prompts.map(() => ({
      text: " What is 12 + 30?\n10. Draw a graph of y.\n11. Why?",
      finishReason: "eos",
    })));
  };
  const q = await selfInstructQuality(sampler, SEEDS, {
    prompts: 5,
    isWellFormed: (t) => /^What is \d+ \+ \d+\?$/.test(t),
  });
  assertEquals(q.prompts, 5);
  assertEquals(q.questions, 15);
  assertEquals(q.questionsPerPrompt, 3);
  assertEquals(q.passRules, 5 / 15);
  assertEquals(q.wellFormed, 5 / 15);
  assertEquals(q.truncated, 0);
  assert(
    seen[0]!.every((p) =>
      p.startsWith("Come up with a series of questions:\n1. ") && p.endsWith("\n9.")
    ),
  );
});

Deno.test("selfInstructQuality() drops the cut-off last item of a truncated completion and is seeded", async () => {
  const sampler = (prompts: string[]) =>
    Promise.resolve(
      prompts.map(() => ({ text: " What is 1 + 2?\n10. What is 4", finishReason: "length" })),
    );
  const q = await selfInstructQuality(sampler, SEEDS, { prompts: 2 });
  assertEquals(q.questions, 2);
  assertEquals(q.truncated, 1);
  assertEquals(q.wellFormed, null);
  const prompts = async (seed: number) => {
    let got: string[] = [];
    await selfInstructQuality(
      (p) => {
        got = p;
        return Promise.resolve(p.map(() => ({ text: "", finishReason: "eos" })));
      },
      SEEDS,
      { prompts: 3, seed },
    );
    return got;
  };
  assertEquals(await prompts(1), await prompts(1));
  assert((await prompts(1)).join() !== (await prompts(2)).join(), "seed ignored");
});
