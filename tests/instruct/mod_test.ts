/**
 * The self-instruction stage end to end with a scripted fake model (a pure function from
 * prompt to completion), the way lib/serl will drive it: prompts -> completions -> parse ->
 * rule and ROUGE-L filters -> pending -> rollout batch -> difficulty filter -> kept pool.
 */
import { assert, assertEquals } from "../assert.ts";
import {
  addKeptInstructions,
  addPendingInstructions,
  buildGenerationPrompt,
  clearPendingInstructions,
  createInstructionPool,
  filterByDifficulty,
  filterCandidateInstructions,
  type FilterReport,
  INSTRUCT_DEFAULTS,
  type InstructConfig,
  type InstructionPool,
  mergeFilterReports,
  parseQuestions,
  takePendingInstructions,
  validateInstructionPool,
} from "../../lib/instruct/mod.ts";
import { deriveSeed, randomInt, randomSeeded } from "../../lib/random.ts";

const SEEDS = [
  "What is the sum of 14 and 27?",
  "A shop sells pencils at 3 for 1 dollar; how much do 12 pencils cost?",
  "How many sides does an octagon have?",
  "Find the remainder when 100 is divided by 7.",
  "If a train travels 60 km in 1 hour, how far does it go in 5 hours?",
  "What is the least common multiple of 4 and 6?",
  "Simplify the fraction 18/24.",
  "How many minutes are there in 3 hours?",
  "What is 15 percent of 200?",
];
const NOUNS = ["apples", "books", "marbles", "coins", "eggs", "shells", "pens", "cards", "beads"];
const BOXES = ["crates", "bags", "jars", "boxes", "baskets", "tins", "trays", "sacks", "bins"];

/**
 * The fake model: continues the prompt's "9." with one fresh question, then a numbered
 * list holding an empty item, a blacklisted item, a near-copy of the prompt's first example,
 * and two more fresh questions; everything depends only on the prompt text.
 */
function fakeModel(prompt: string): string {
  if (!prompt.endsWith("\n9.")) throw new Error("prompt does not end with 9.");
  const first = prompt.split("\n")[1].replace(/^1\. /, "");
  const prng = randomSeeded(deriveSeed(0, prompt));
  const fresh = () =>
    `How many ${NOUNS[randomInt(prng, 0, 9)]} fit in ${randomInt(prng, 2, 99)} ${
      BOXES[randomInt(prng, 0, 9)]
    } if each holds ${randomInt(prng, 2, 30)}?`;
  return ` ${fresh()}\n10.\n11. Draw a map of the 4 towns.\n12. ${first} Explain.\n13. ${fresh()}\n14. ${fresh()}`;
}

interface StepLog {
  prompts: string[];
  report: FilterReport;
  batch: string[];
}

/** Steps `from .. to - 1` of the loop, resumable from any pool. */
function runSteps(pool: InstructionPool, from: number, to: number, config: InstructConfig) {
  const logs: StepLog[] = [];
  for (let step = from; step < to; step++) {
    const prompts: string[] = [];
    const reports: FilterReport[] = [];
    for (let round = 0; pool.pending.length < 4; round++) {
      if (round === 20) throw new Error("the fake model never filled the pending pool");
      for (let p = 0; p < config.promptsPerRound; p++) {
        const prng = randomSeeded(deriveSeed(7, "instruct", step, round, p));
        const prompt = buildGenerationPrompt({ seeds: SEEDS, kept: pool.kept }, prng, {
          count: config.fewShotCount,
          mix: config.fewShotMix,
        });
        prompts.push(prompt.text);
        const candidates = parseQuestions(fakeModel(prompt.text));
        const { kept, report } = filterCandidateInstructions(candidates, {
          seeds: SEEDS,
          pending: pool.pending,
        }, config);
        reports.push(report);
        pool = addPendingInstructions(pool, kept);
      }
    }
    const taken = takePendingInstructions(pool, 4);
    pool = taken.pool;
    // Fake votes: mean rewards 0.5, 1, 0.25, 0 -> the first and third pass the band.
    const groups = taken.batch.map((instruction, i) => ({
      instruction,
      rMean: [0.5, 1, 0.25, 0][i],
    }));
    const difficulty = filterByDifficulty(groups, config);
    reports.push(difficulty.report);
    pool = addKeptInstructions(pool, difficulty.kept.map((g) => g.instruction));
    pool = clearPendingInstructions(pool);
    logs.push({ prompts, report: mergeFilterReports(...reports), batch: taken.batch });
  }
  return { pool, logs };
}

Deno.test("self-instruction loop: junk is filtered with reasons, kept instructions feed later prompts", () => {
  const { pool, logs } = runSteps(createInstructionPool(), 0, 3, INSTRUCT_DEFAULTS);
  assertEquals(pool.kept.length, 6);
  assertEquals(pool.pending, []);
  for (const { report, prompts, batch } of logs) {
    const completions = prompts.length;
    // Each completion has 6 items: 3 fresh, 1 empty, 1 blacklisted, 1 near-copy of the
    // prompt's first example (ROUGE-L compares with seeds and pending, not the kept pool).
    assertEquals(report.counts.empty, completions);
    assertEquals(report.counts.blacklist, completions);
    let seedCopies = 0;
    for (const prompt of prompts) {
      const first = prompt.split("\n")[1].replace(/^1\. /, "");
      if (!SEEDS.includes(first)) continue;
      seedCopies++;
      const copy = report.rejected.find((r) => r.text === `${first} Explain.`);
      assertEquals(copy?.reason, "rougeL", first);
    }
    assert(seedCopies > 0, "no prompt started with a seed");
    assertEquals([report.counts.tooEasy, report.counts.tooHard], [1, 1]);
    assertEquals(report.input, 6 * completions + 4);
    const rejected = Object.values(report.counts).reduce((a, b) => a + b, 0);
    assertEquals(report.kept + rejected, report.input);
    for (const instruction of batch) assert(instruction.startsWith("How many "), instruction);
  }
  // Step 0 has an empty kept pool; from step 1 on, the kept instructions are examples.
  assert(logs[0].prompts.every((p) => !p.includes(" fit in ")));
  const keptAfterStep0 = pool.kept.slice(0, 2);
  for (const prompt of logs[1].prompts) {
    for (const k of keptAfterStep0) assert(prompt.includes(`. ${k}\n`), `missing ${k}`);
  }
});

Deno.test("self-instruction loop: a run resumed from a JSON pool matches an uninterrupted one", () => {
  const straight = runSteps(createInstructionPool(), 0, 3, INSTRUCT_DEFAULTS);
  const firstHalf = runSteps(createInstructionPool(), 0, 1, INSTRUCT_DEFAULTS);
  const saved = JSON.stringify(firstHalf.pool);
  const resumed = runSteps(validateInstructionPool(JSON.parse(saved)), 1, 3, INSTRUCT_DEFAULTS);
  assertEquals(resumed.pool, straight.pool);
  assertEquals(resumed.logs, straight.logs.slice(1));
});

Deno.test("self-instruction loop: with the difficulty filter off every group is kept", () => {
  const config = {
    ...INSTRUCT_DEFAULTS,
    filters: { ...INSTRUCT_DEFAULTS.filters, difficulty: false },
  };
  const { pool, logs } = runSteps(createInstructionPool(), 0, 2, config);
  assertEquals(pool.kept.length, 8);
  assertEquals(logs.map((l) => l.report.counts.tooEasy + l.report.counts.tooHard), [0, 0]);
});
