import {
  assert,
  assertAlmostEquals,
  assertEquals,
  assertNotEquals,
  assertRejects,
} from "../assert.ts";
import { type EvalReport, evaluateModel } from "../../lib/eval/evaluate_model.ts";
import { loadEvalRecords } from "../../lib/eval/eval_records.ts";
import type { EvalSampler, EvalSamplingOptions } from "../../lib/eval/eval_sampler.ts";
import { deriveSeed, randomSeeded } from "../../lib/random.ts";

const answer = (a: string | null) => ({
  text: a === null ? "I do not know." : `Working... \\boxed{${a}}`,
  tokens: a === null ? 4 : 8,
  truncated: false,
});

/** A scripted model: fixed answers per question for greedy decoding and for the K samples. */
function scripted(script: Record<string, { greedy: string | null; samples: (string | null)[] }>) {
  const calls: { prompts: readonly string[]; options: EvalSamplingOptions }[] = [];
  const sampler: EvalSampler = (prompts, options) => {
    calls.push({ prompts, options });
    return Promise.resolve(prompts.map((p) => {
      const entry = script[p.slice(0, -1)]!;
      if (options.temperature === 0) return [answer(entry.greedy)];
      assertEquals(options.n, entry.samples.length);
      return entry.samples.map(answer);
    }));
  };
  return { sampler, calls };
}

const RECORDS = [
  { question: "What is 1 + 2?", answer: "3", level: 1 },
  { question: "Solve for x: 2x = 14.", answer: "7", level: 5 },
  { question: "What is 1/2 + 3/2?", answer: "2", level: 5 },
];
const SCRIPT = {
  "What is 1 + 2?": { greedy: "3", samples: ["3", "3", "3", "3"] },
  "Solve for x: 2x = 14.": { greedy: "9", samples: ["7", "9", "9", null] },
  "What is 1/2 + 3/2?": { greedy: "2", samples: ["2", "4/2", "5", "2"] },
};

Deno.test("evaluateModel() on a scripted model gives the hand-computed metrics", async () => {
  const { sampler } = scripted(SCRIPT);
  const r = await evaluateModel(sampler, RECORDS, { k: 4 });
  // greedy: 3 right, 9 wrong, 2 right
  assertEquals(r.pass1, 2 / 3);
  // samples: 4 + 1 + 3 right of 12; votes: 3 (right), 9 (wrong), 2 (right)
  assertEquals(r.pass1Sampled, 8 / 12);
  assertEquals(r.majK, 2 / 3);
  assertEquals(r.passK, 1);
  // vote [1,1,1,1 | 0,1,1,0 | 1,1,0,1], truth [1,1,1,1 | 1,0,0,0 | 1,1,0,1]: 7 / sqrt(9 * 8)
  assertAlmostEquals(r.rewardCosine!, 7 / Math.sqrt(72), 1e-15);
  assertEquals(r.byLevel["1"]!.majK, 1);
  assertEquals(r.byLevel["5"]!.pass1, 0.5);
  assertAlmostEquals(r.byLevel["5"]!.rewardCosine!, 3 / Math.sqrt(20), 1e-15);
  assertEquals(r.sampled!.noAnswerShare, 1 / 12);
  assertEquals(r.sampled!.meanTokens, (11 * 8 + 4) / 12);
  assertEquals(r.results[1]!.sampled!.majorityAnswer, "9");
  assertEquals(r.results[2]!.greedy!.texts, ["Working... \\boxed{2}"]);
});

Deno.test("evaluateModel() asks once per mode with all prompts: question + newline, greedy then K samples", async () => {
  const { sampler, calls } = scripted(SCRIPT);
  const r = await evaluateModel(sampler, RECORDS, { k: 4, maxNewTokens: 77, seed: 5 });
  assertEquals(calls.length, 2);
  for (const call of calls) assertEquals(call.prompts, RECORDS.map((x) => `${x.question}\n`));
  const [greedy, sampled] = calls.map((c) => c.options);
  assertEquals({ ...greedy!, seed: 0 }, {
    n: 1,
    temperature: 0,
    topP: 1,
    maxNewTokens: 77,
    seed: 0,
  });
  assertEquals({ ...sampled!, seed: 0 }, {
    n: 4,
    temperature: 1,
    topP: 0.95,
    maxNewTokens: 77,
    seed: 0,
  });
  assertNotEquals(greedy!.seed, sampled!.seed);
  assertEquals(r.settings, {
    k: 4,
    greedy: true,
    temperature: 1,
    topP: 0.95,
    maxNewTokens: 77,
    seed: 5,
    tieBreak: "shortest",
  });
  assert(r.seconds.greedy! >= 0 && r.seconds.sampled! >= 0);
});

Deno.test("evaluateModel() passes the seed on: same seed, same streams; another seed, others", async () => {
  const seeds = async (seed: number) => {
    const { sampler, calls } = scripted(SCRIPT);
    await evaluateModel(sampler, RECORDS, { k: 4, seed });
    return calls.map((c) => c.options.seed);
  };
  assertEquals(await seeds(1), await seeds(1));
  assertNotEquals((await seeds(1))[1], (await seeds(2))[1]);
});

Deno.test("evaluateModel() skips greedy decoding with greedy false and sampling with k 0", async () => {
  const a = scripted(SCRIPT);
  const greedyOnly = await evaluateModel(a.sampler, RECORDS, { k: 0 });
  assertEquals(a.calls.length, 1);
  assertEquals([greedyOnly.pass1, greedyOnly.majK, greedyOnly.seconds.sampled], [
    2 / 3,
    null,
    null,
  ]);
  const b = scripted(SCRIPT);
  const sampledOnly = await evaluateModel(b.sampler, RECORDS, { k: 4, greedy: false });
  assertEquals(b.calls.length, 1);
  assertEquals([sampledOnly.pass1, sampledOnly.majK], [null, 2 / 3]);
});

Deno.test("evaluateModel() rejects bad options, no problems and a sampler that miscounts", async () => {
  const { sampler } = scripted(SCRIPT);
  await assertRejects(() => evaluateModel(sampler, RECORDS, { k: -1 }), RangeError, "k must be");
  await assertRejects(() => evaluateModel(sampler, RECORDS, { k: 1.5 }), RangeError, "k must be");
  await assertRejects(() => evaluateModel(sampler, RECORDS, { topP: 0 }), RangeError, "topP");
  await assertRejects(() => evaluateModel(sampler, RECORDS, { maxNewTokens: 0 }), RangeError);
  await assertRejects(() => evaluateModel(sampler, RECORDS, { temperature: -1 }), RangeError);
  await assertRejects(
    () => evaluateModel(sampler, RECORDS, { k: 0, greedy: false }),
    RangeError,
    "nothing",
  );
  await assertRejects(() => evaluateModel(sampler, []), RangeError, "no problems");
  const short: EvalSampler = (prompts) =>
    Promise.resolve(prompts.slice(1).map(() => [answer("1")]));
  await assertRejects(() => evaluateModel(short, RECORDS), TypeError, "expected 3 groups, got 2");
  const few: EvalSampler = (prompts, { n }) =>
    Promise.resolve(
      prompts.map(() => Array.from({ length: Math.max(1, n - 1) }, () => answer("1"))),
    );
  await assertRejects(
    () => evaluateModel(few, RECORDS, { greedy: false, k: 3 }),
    TypeError,
    "expected 3 responses for problem 0, got 2",
  );
  const untyped = ((prompts: readonly string[]) =>
    Promise.resolve(
      prompts.map(() => [{ text: 5, tokens: 1, truncated: false }]),
    )) as unknown as EvalSampler;
  await assertRejects(
    () => evaluateModel(untyped, RECORDS, { k: 0 }),
    TypeError,
    "not { text, tokens, truncated }",
  );
});

// A model that always solves level 1 and solves level 5 30% of the time, per (seed, problem,
// sample); a wrong answer is one of two decoys, so votes can go either way.
const DECOYS = ["1000001", "1000002"];

function thirtyPercent(gold: Map<string, { answer: string; level: number | null }>): EvalSampler {
  return (prompts, { n, seed, temperature }) =>
    Promise.resolve(prompts.map((p) => {
      const record = gold.get(p.slice(0, -1))!;
      return Array.from({ length: n }, (_, s) =>
        answer(fakeAnswer(record, seed, p, s, temperature === 0)));
    }));
}

function fakeAnswer(
  record: { answer: string; level: number | null },
  seed: number,
  prompt: string,
  sample: number,
  greedy: boolean,
): string {
  if (record.level === 1) return record.answer;
  const prng = randomSeeded(deriveSeed(seed, prompt, greedy ? "greedy" : "sampled", sample));
  return prng() < 0.3 ? record.answer : DECOYS[prng() < 0.5 ? 0 : 1]!;
}

/** Metrics computed by plain counting from the fake's script, independently of lib/eval. */
function expected(
  [greedySeed, sampledSeed]: readonly number[],
  records: readonly { question: string; answer: string; level: number | null }[],
) {
  let greedyRight = 0, sampledRight = 0, majRight = 0, dot = 0, votes = 0, truths = 0;
  for (const r of records) {
    const prompt = `${r.question}\n`;
    if (fakeAnswer(r, greedySeed!, prompt, 0, true) === r.answer) greedyRight++;
    const answers = Array.from(
      { length: K },
      (_, s) => fakeAnswer(r, sampledSeed!, prompt, s, false),
    );
    const count = (a: string) => answers.filter((x) => x === a).length;
    // ties go to the shortest answer: the gold answer is shorter than both decoys, and decoy
    // ties go to the one that appears first
    const [c0, c1] = DECOYS.map(count) as [number, number];
    const goldCount = count(r.answer);
    const winner = goldCount >= Math.max(c0, c1)
      ? r.answer
      : c0 > c1 || (c0 === c1 && answers.indexOf(DECOYS[0]!) < answers.indexOf(DECOYS[1]!))
      ? DECOYS[0]!
      : DECOYS[1]!;
    if (winner === r.answer) majRight++;
    sampledRight += goldCount;
    const voteCount = count(winner);
    votes += voteCount;
    truths += goldCount;
    if (winner === r.answer) dot += goldCount;
  }
  const n = records.length;
  return {
    pass1: greedyRight / n,
    pass1Sampled: sampledRight / (n * K),
    majK: majRight / n,
    rewardCosine: truths === 0 ? null : dot / Math.sqrt(votes * truths),
  };
}

const K = 16;

Deno.test("evaluateModel() matches counted expectations for a model right always on level 1, 30% on level 5", async () => {
  const all = await loadEvalRecords(
    new URL("../../seeds/tiny-math/eval_500.jsonl", import.meta.url).pathname,
  );
  const records = all.filter((r) => r.level === 1 || r.level === 5);
  const gold = new Map(records.map((r) => [r.question, r]));
  const base = thirtyPercent(gold);
  const seedsSeen: number[] = []; // greedy, then sampled
  const sampler: EvalSampler = (prompts, options) => {
    seedsSeen.push(options.seed);
    return base(prompts, options);
  };
  const report = await evaluateModel(sampler, records, { k: K, seed: 11 });
  const l1 = report.byLevel["1"]!, l5 = report.byLevel["5"]!;
  assertEquals([l1.pass1, l1.pass1Sampled, l1.majK, l1.rewardCosine], [1, 1, 1, 1]);
  for (
    const [name, got, rs] of [
      ["all", report, records],
      ["level 5", l5, records.filter((r) => r.level === 5)],
    ] as const
  ) {
    const want = expected(seedsSeen, rs);
    assertAlmostEquals(got.pass1!, want.pass1, 1e-12, `${name} pass1`);
    assertAlmostEquals(got.pass1Sampled!, want.pass1Sampled, 1e-12, `${name} pass1Sampled`);
    assertAlmostEquals(got.majK!, want.majK, 1e-12, `${name} majK`);
    assertAlmostEquals(got.rewardCosine!, want.rewardCosine!, 1e-12, `${name} cosine`);
  }
  // the fake does what it says: about 30% of level-5 samples are right
  assert(Math.abs(l5.pass1Sampled! - 0.3) < 0.05, `level-5 sampled Pass@1 ${l5.pass1Sampled}`);
  assert(l5.majK! > 0 && l5.majK! < 1 && l5.rewardCosine! < 1, JSON.stringify(l5));
});

Deno.test("evaluateModel() is deterministic for a seed and changes with it", async () => {
  const all = await loadEvalRecords(
    new URL("../../seeds/tiny-math/eval_500.jsonl", import.meta.url).pathname,
  );
  const records = all.filter((r) => r.level === 5).slice(0, 40);
  const sampler = thirtyPercent(new Map(records.map((r) => [r.question, r])));
  const strip = (r: EvalReport) => ({ ...r, seconds: null });
  const a = await evaluateModel(sampler, records, { k: 8, seed: 3 });
  const b = await evaluateModel(sampler, records, { k: 8, seed: 3 });
  const c = await evaluateModel(sampler, records, { k: 8, seed: 4 });
  assertEquals(strip(a), strip(b));
  assertNotEquals(
    a.results.map((r) => r.sampled!.answers),
    c.results.map((r) => r.sampled!.answers),
  );
});
