import { assertEquals, assertThrows } from "../assert.ts";
import { difficultyVerdict, filterByDifficulty } from "../../lib/instruct/difficulty_filter.ts";
import { resolveInstructConfig } from "../../lib/instruct/resolve_instruct_config.ts";

const reason = (v: { keep: boolean; reason?: string }) => v.keep ? "keep" : v.reason;

Deno.test("difficultyVerdict() keeps [0.2, 0.8] inclusive: 4..12 of 16 votes", () => {
  const got = Array.from({ length: 17 }, (_, k) => reason(difficultyVerdict(k / 16)));
  assertEquals(got, [
    ...new Array(4).fill("tooHard"),
    ...new Array(9).fill("keep"),
    ...new Array(4).fill("tooEasy"),
  ]);
});

Deno.test("difficultyVerdict() includes both bounds exactly", () => {
  assertEquals(reason(difficultyVerdict(1 / 5)), "keep");
  assertEquals(reason(difficultyVerdict(4 / 5)), "keep");
  assertEquals(reason(difficultyVerdict(0.19999999999999998)), "tooHard");
  assertEquals(reason(difficultyVerdict(0.8000000000000002)), "tooEasy");
  assertEquals(reason(difficultyVerdict(0.5, { bounds: [0.5, 0.5] })), "keep");
  assertEquals(reason(difficultyVerdict(0, { bounds: [0, 1] })), "keep");
});

Deno.test("difficultyVerdict() rejects a mean reward outside [0, 1]", () => {
  for (const bad of [NaN, -0.1, 1.5, Infinity]) {
    assertThrows(() => difficultyVerdict(bad), RangeError, "mean reward must be in [0, 1]");
  }
});

Deno.test("filterByDifficulty() keeps groups in order and reports both sides", () => {
  const groups = [0, 0.25, 1, 0.5, 0.0625, 0.9375].map((rMean, i) => ({
    instruction: `q${i}`,
    rMean,
    extra: i,
  }));
  const { kept, report } = filterByDifficulty(groups);
  assertEquals(kept.map((g) => g.extra), [1, 3]);
  assertEquals([report.input, report.kept], [6, 2]);
  assertEquals([report.counts.tooHard, report.counts.tooEasy], [2, 2]);
  assertEquals(report.rejected, [
    { text: "q0", reason: "tooHard" },
    { text: "q2", reason: "tooEasy" },
    { text: "q4", reason: "tooHard" },
    { text: "q5", reason: "tooEasy" },
  ]);
});

Deno.test("filterByDifficulty() switched off keeps every group but still checks rMean", () => {
  const off = resolveInstructConfig({ filters: { difficulty: false } });
  const groups = [{ instruction: "a", rMean: 0 }, { instruction: "b", rMean: 1 }];
  const { kept, report } = filterByDifficulty(groups, off);
  assertEquals(kept, groups);
  assertEquals(report.rejected, []);
  assertThrows(() => filterByDifficulty([{ instruction: "c", rMean: NaN }], off), RangeError);
});

Deno.test("filterByDifficulty() uses the configured band", () => {
  const narrow = resolveInstructConfig({ difficultyBounds: [0.4, 0.6] });
  const groups = [0.3, 0.4, 0.6, 0.7].map((rMean) => ({ instruction: String(rMean), rMean }));
  assertEquals(filterByDifficulty(groups, narrow).kept.map((g) => g.rMean), [0.4, 0.6]);
});
