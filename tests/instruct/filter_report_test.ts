import { assertEquals } from "../assert.ts";
import {
  createFilterReport,
  FILTER_REASONS,
  mergeFilterReports,
} from "../../lib/instruct/filter_report.ts";
import { filterCandidateInstructions } from "../../lib/instruct/filter_candidates.ts";
import { filterByDifficulty } from "../../lib/instruct/difficulty_filter.ts";

Deno.test("createFilterReport() has every reason at zero and fresh arrays", () => {
  const a = createFilterReport(), b = createFilterReport();
  assertEquals(Object.keys(a.counts), [...FILTER_REASONS]);
  assertEquals(Object.values(a.counts), new Array(FILTER_REASONS.length).fill(0));
  a.rejected.push({ text: "x", reason: "empty" });
  a.counts.empty++;
  assertEquals([b.rejected.length, b.counts.empty], [0, 0]);
});

Deno.test("mergeFilterReports() adds up the rounds of a step and the difficulty pass", () => {
  const context = { seeds: ["What is the sum of 2 and 3?"], pending: [] };
  const round1 = filterCandidateInstructions(["", "What is the sum of 2 and 4?"], context);
  const round2 = filterCandidateInstructions(["How many days are in 6 weeks?"], context);
  const difficulty = filterByDifficulty([{ instruction: "q", rMean: 1 }]);
  const total = mergeFilterReports(round1.report, round2.report, difficulty.report);
  assertEquals([total.input, total.kept], [4, 1]);
  assertEquals(
    [total.counts.empty, total.counts.rougeL, total.counts.tooEasy, total.counts.tooHard],
    [1, 1, 1, 0],
  );
  assertEquals(total.rejected.map((r) => r.reason), ["empty", "rougeL", "tooEasy"]);
  assertEquals(round1.report.rejected.length, 2, "inputs unchanged");
  assertEquals(mergeFilterReports(), createFilterReport());
});
