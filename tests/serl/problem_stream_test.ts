import { assert, assertEquals, assertThrows } from "../assert.ts";
import {
  listStreamBatch,
  streamExclusionKey,
  worldStreamBatch,
} from "../../lib/serl/problem_stream.ts";
import { solveWorldProblem } from "../../lib/world/solve_world_problem.ts";

const list = Array.from({ length: 5 }, (_, i) => ({ question: `q${i}`, answer: String(i) }));

Deno.test("listStreamBatch() visits every problem once per epoch, reshuffled each epoch", () => {
  const { problems, cursor } = listStreamBatch(list, 0, 10, 3);
  assertEquals(cursor, 10);
  const epoch0 = problems.slice(0, 5).map((p) => p.question);
  const epoch1 = problems.slice(5).map((p) => p.question);
  assertEquals([...epoch0].sort(), ["q0", "q1", "q2", "q3", "q4"]);
  assertEquals([...epoch1].sort(), ["q0", "q1", "q2", "q3", "q4"]);
  assert(epoch0.join() !== epoch1.join() || epoch0.join() !== "q0,q1,q2,q3,q4");
});

Deno.test("listStreamBatch() depends only on the cursor (resumable)", () => {
  const whole = listStreamBatch(list, 0, 12, 9).problems.map((p) => p.question);
  const parts = [listStreamBatch(list, 0, 7, 9), listStreamBatch(list, 7, 5, 9)]
    .flatMap((b) => b.problems.map((p) => p.question));
  assertEquals(parts, whole);
  assertThrows(() => listStreamBatch([], 0, 1, 0), RangeError, "empty");
  assertThrows(() => listStreamBatch(list, -1, 1, 0), RangeError);
});

Deno.test("worldStreamBatch() draws labelled world problems and skips excluded ones", () => {
  const { problems, cursor } = worldStreamBatch(0, 6, 11);
  assertEquals(cursor, 6);
  for (const p of problems) assertEquals(solveWorldProblem(p.question)?.answer, p.answer);
  const exclude = new Set([streamExclusionKey(problems[1]!.question)]);
  const skipped = worldStreamBatch(0, 6, 11, { exclude });
  assertEquals(skipped.cursor, 7);
  assert(!skipped.problems.some((p) => p.question === problems[1]!.question));
  assertEquals(skipped.problems[1]!.question, problems[2]!.question);
});
