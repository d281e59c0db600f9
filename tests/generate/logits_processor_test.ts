import { assertEquals, assertThrows } from "../assert.ts";
import { logitsContext } from "../../lib/generate/logits_processor.ts";

Deno.test("logitsContext() marks seen tokens and lists them once in order of first occurrence", () => {
  const ctx = logitsContext([4, 1, 4, 0, 1], 6);
  assertEquals([...ctx.seen], [1, 1, 0, 0, 1, 0]);
  assertEquals(ctx.distinct, [4, 1, 0]);
  assertEquals(ctx.scratch.length, 6);
});

Deno.test("logitsContext() throws on a token outside the vocabulary", () => {
  assertThrows(() => logitsContext([6], 6), RangeError, "outside [0, 6)");
  assertThrows(() => logitsContext([1.5], 6), RangeError);
});
