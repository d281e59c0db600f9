import { assertEquals } from "../assert.ts";
import { filterCandidateInstructions } from "../../lib/instruct/filter_candidates.ts";
import { type FilterSwitches, INSTRUCT_DEFAULTS } from "../../lib/instruct/config.ts";
import { resolveInstructConfig } from "../../lib/instruct/resolve_instruct_config.ts";
import { FILTER_REASONS } from "../../lib/instruct/filter_report.ts";

const seeds = ["What is the sum of 12 and 30?", "How many legs do 4 spiders have?"];

/** One candidate per filter, each also breaking every later rule where it can. */
const BY_FILTER = {
  empty: "  \n ",
  wordCount: "Plot it", // also blacklisted
  blacklist: "Write a program to plot y = x", // also "Write a program"
  writeProgram: "Write a program that adds two numbers",
  leadingChar: "$x + 2 = 5$, what is x?",
  rougeL: "what is the sum of 12 and 31?",
} as const;
const GOOD = "A farmer has 7 cows and buys 5 more; how many cows now?";

Deno.test("filterCandidateInstructions() applies the filters in spec order, first reject wins", () => {
  const { kept, report } = filterCandidateInstructions(
    [...Object.values(BY_FILTER), GOOD],
    { seeds, pending: [] },
  );
  assertEquals(kept, [GOOD]);
  assertEquals(report.rejected.map((r) => r.reason), Object.keys(BY_FILTER));
  assertEquals(report.input, 7);
  assertEquals(report.kept, 1);
  for (const reason of FILTER_REASONS) {
    assertEquals(report.counts[reason], reason in BY_FILTER ? 1 : 0, reason);
  }
  // Rejected texts are recorded as the filters saw them: collapsed and capitalized.
  assertEquals(report.rejected[0].text, "");
  assertEquals(report.rejected[5].text, "What is the sum of 12 and 31?");
});

Deno.test("filterCandidateInstructions() lets each filter be switched off on its own", () => {
  const next: Record<keyof typeof BY_FILTER, string> = {
    empty: "keep", // an empty text has 0 words, but the word-count rule still runs
    wordCount: "blacklist",
    blacklist: "writeProgram",
    writeProgram: "keep",
    leadingChar: "keep",
    rougeL: "keep",
  };
  for (const [filter, text] of Object.entries(BY_FILTER)) {
    const name = filter as keyof typeof BY_FILTER;
    const config = resolveInstructConfig({ filters: { [name]: false } as Partial<FilterSwitches> });
    const { kept, report } = filterCandidateInstructions([text], { seeds, pending: [] }, config);
    const got = kept.length === 1 ? "keep" : report.rejected[0].reason;
    const want = name === "empty" ? "wordCount" : next[name];
    assertEquals(got, want, `with ${name} off`);
    assertEquals(report.counts[name], 0);
  }
});

Deno.test("filterCandidateInstructions() with every filter off keeps everything, normalized", () => {
  const off = Object.fromEntries(
    Object.keys(INSTRUCT_DEFAULTS.filters).map((k) => [k, false]),
  ) as unknown as FilterSwitches;
  const config = resolveInstructConfig({ filters: off });
  const { kept, report } = filterCandidateInstructions(Object.values(BY_FILTER), {
    seeds,
    pending: [],
  }, config);
  assertEquals(kept.length, 6);
  assertEquals(kept[5], "What is the sum of 12 and 31?");
  assertEquals(report.rejected, []);
});

Deno.test("filterCandidateInstructions() compares with pending and with earlier survivors", () => {
  const pending = ["Name three prime numbers greater than 20."];
  const { kept, report } = filterCandidateInstructions(
    [
      "Name three prime numbers greater than 30.", // close to pending
      "A box holds 6 eggs; how many eggs are in 9 boxes?",
      "A box holds 6 eggs; how many eggs are in 8 boxes?", // close to the survivor above
      "A box holds 12 pens; how many pens are in 4 boxes?",
    ],
    { seeds, pending },
  );
  assertEquals(kept, [
    "A box holds 6 eggs; how many eggs are in 9 boxes?",
    "A box holds 12 pens; how many pens are in 4 boxes?",
  ]);
  assertEquals(report.counts.rougeL, 2);
});

Deno.test("filterCandidateInstructions() uses the configured threshold, word range and blacklist", () => {
  const strict = resolveInstructConfig({ rougeThreshold: 0.3, minWords: 2, blacklist: ["cows"] });
  const { kept, report } = filterCandidateInstructions(
    ["Compute 2 + 2 now.", "Sum 12 and 30", GOOD, "Add two"],
    { seeds, pending: [] },
    strict,
  );
  assertEquals(kept, ["Compute 2 + 2 now.", "Add two"]);
  assertEquals([report.counts.rougeL, report.counts.blacklist], [1, 1]);
});

Deno.test("filterCandidateInstructions() capitalizes per config before the rules", () => {
  const candidates = ["write A PROGRAM to sum numbers", "find $\\Delta$ for x^2 + 1"];
  const paper = filterCandidateInstructions(candidates, { seeds, pending: [] });
  assertEquals(paper.kept, ["Write A PROGRAM to sum numbers", "Find $\\Delta$ for x^2 + 1"]);
  const code = filterCandidateInstructions(candidates, { seeds, pending: [] }, {
    ...INSTRUCT_DEFAULTS,
    capitalize: "python",
  });
  assertEquals(code.kept, ["Find $\\delta$ for x^2 + 1"]);
  assertEquals(code.report.rejected, [
    { text: "Write a program to sum numbers", reason: "writeProgram" },
  ]);
});

Deno.test("filterCandidateInstructions() on no candidates gives an empty report", () => {
  const { kept, report } = filterCandidateInstructions([], { seeds, pending: [] });
  assertEquals(kept, []);
  assertEquals([report.input, report.kept, report.rejected.length], [0, 0, 0]);
});
