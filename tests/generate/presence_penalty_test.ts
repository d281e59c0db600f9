import { assertAllClose, assertThrows } from "../assert.ts";
import { logitsContext } from "../../lib/generate/logits_processor.ts";
import { presencePenalty } from "../../lib/generate/presence_penalty.ts";

Deno.test("presencePenalty() subtracts once per distinct generated token, however often it occurs", () => {
  const logits = new Float32Array([1, 2, 3, 4]);
  presencePenalty(2)(logits, logitsContext([3, 3, 3, 1], 4));
  assertAllClose(logits, [1, 0, 3, 2]);
});

Deno.test("presencePenalty() does nothing before the first generated token and can reward with a negative penalty", () => {
  const logits = new Float32Array([1, 2]);
  presencePenalty(2)(logits, logitsContext([], 2));
  assertAllClose(logits, [1, 2]);
  presencePenalty(-0.5)(logits, logitsContext([0], 2));
  assertAllClose(logits, [1.5, 2]);
});

Deno.test("presencePenalty() throws on a non-finite penalty", () => {
  assertThrows(() => presencePenalty(NaN), RangeError);
  assertThrows(() => presencePenalty(Infinity), RangeError);
});
