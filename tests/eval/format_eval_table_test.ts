import { assert, assertEquals } from "../assert.ts";
import { evaluateModel } from "../../lib/eval/evaluate_model.ts";
import type { EvalSampler } from "../../lib/eval/eval_sampler.ts";
import { formatEvalTable } from "../../lib/eval/format_eval_table.ts";

// Level 1 always right; level 3 right on greedy decoding and on the second of three samples.
const sampler: EvalSampler = (prompts, { n, temperature }) =>
  Promise.resolve(prompts.map((p) =>
    Array.from({ length: n }, (_, s) => {
      const right = p.startsWith("L1") || temperature === 0 || s === 1;
      const text = right ? "\\boxed{5}" : s === 0 ? "\\boxed{6}" : "no idea";
      return { text, tokens: 10 + s, truncated: s === 2 };
    })
  ));
const RECORDS = [
  { question: "L1 a", answer: "5", level: 1 },
  { question: "L3 b", answer: "5", level: 3 },
  { question: "L3 c", answer: "5", level: 3 },
  { question: "L3 d", answer: "5", level: 3 },
];

/** A row's cells joined by " | ". */
const row = (table: string, name: string) =>
  table.split("\n").find((l) => l.startsWith(`${name} `))!.trim().split(/\s{2,}/).join(" | ");

Deno.test("formatEvalTable() prints one row per level and one for all, with K in the headers", async () => {
  const table = formatEvalTable(await evaluateModel(sampler, RECORDS, { k: 3 }));
  const header = "level | problems | pass@1 | pass@1 T=1 | maj@3 | pass@3 | cosine | no answer";
  assertEquals(row(table, "level"), header);
  assertEquals(row(table, "1"), "1 | 1 | 100.0% | 100.0% | 100.0% | 100.0% | 1.000 | 0.0%");
  // level 3: samples 6, right, none; the vote is a 1-1 tie of equally short answers, so the
  // first response wins: wrong, and it never rewards a correct response (cosine 0)
  assertEquals(row(table, "3"), "3 | 3 | 100.0% | 33.3% | 0.0% | 100.0% | 0.000 | 33.3%");
  // all: vote and truth share the 3 level-1 responses, of 6 ones each: 3 / 6
  assertEquals(row(table, "all"), "all | 4 | 100.0% | 50.0% | 25.0% | 100.0% | 0.500 | 25.0%");
  const greedy =
    /^greedy: 4 responses, 10\.0 tokens on average, 0\.0% without an answer, 0\.0% truncated, \d+\.\d s$/m;
  assert(greedy.test(table), table);
  const sampled =
    /^sampled \(k=3, T=1, top-p 0\.95\): 12 responses, 11\.0 tokens on average, 25\.0% without an answer, 33\.3% truncated/m;
  assert(sampled.test(table), table);
});

Deno.test("formatEvalTable() marks metrics that were not run with a dash", async () => {
  const table = formatEvalTable(await evaluateModel(sampler, RECORDS, { k: 0 }));
  assertEquals(row(table, "all"), "all | 4 | 100.0% | - | - | - | - | 0.0%");
  assert(!table.includes("sampled ("), table);
});
