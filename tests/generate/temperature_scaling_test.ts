import { assertEquals, assertThrows } from "../assert.ts";
import { logitsContext } from "../../lib/generate/logits_processor.ts";
import { temperatureScaling } from "../../lib/generate/temperature_scaling.ts";

Deno.test("temperatureScaling() divides every logit and keeps -Infinity", () => {
  const logits = new Float32Array([3, -1.5, 0, -Infinity]);
  temperatureScaling(0.5)(logits, logitsContext([], 4));
  assertEquals([...logits], [6, -3, 0, -Infinity]);
});

Deno.test("temperatureScaling() leaves the argmax and sharpens the distribution", () => {
  const logits = new Float32Array([1, 2, 0.5]);
  const sharp = logits.slice();
  temperatureScaling(0.25)(sharp, logitsContext([], 3));
  const p = (l: Float32Array) => {
    const e = [...l].map(Math.exp);
    const z = e.reduce((a, b) => a + b);
    return e.map((v) => v / z);
  };
  if (!(p(sharp)[1]! > p(logits)[1]!)) throw new Error("top probability did not grow");
});

Deno.test("temperatureScaling() throws on a non-positive temperature", () => {
  assertThrows(() => temperatureScaling(0), RangeError, "greedy");
  assertThrows(() => temperatureScaling(-1), RangeError);
  assertThrows(() => temperatureScaling(Infinity), RangeError);
});
