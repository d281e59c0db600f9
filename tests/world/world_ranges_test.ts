import { assert, assertEquals, assertThrows } from "../assert.ts";
import {
  DEFAULT_WORLD_RANGES,
  OOD_WORLD_RANGES,
  resolveWorldRanges,
  type WorldRanges,
} from "../../lib/world/world_ranges.ts";

Deno.test("resolveWorldRanges() fills unset ranges from the defaults", () => {
  assertEquals(resolveWorldRanges(), DEFAULT_WORLD_RANGES);
  const r = resolveWorldRanges({ level3Term: [5, 6] });
  assertEquals(r.level3Term, [5, 6]);
  assertEquals(r.level1, DEFAULT_WORLD_RANGES.level1);
});

Deno.test("resolveWorldRanges() rejects empty, fractional and out-of-bounds ranges", () => {
  assertThrows(() => resolveWorldRanges({ level1: [9, 3] }), RangeError, "level1");
  assertThrows(() => resolveWorldRanges({ level1: [1.5, 3] }), RangeError, "integers");
  assertThrows(
    () => resolveWorldRanges({ level5Denominator: [1, 9] }),
    RangeError,
    "level5Denominator",
  );
  assertThrows(() => resolveWorldRanges({ level2Small: [0, 9] }), RangeError, "level2Small");
  assertThrows(() => resolveWorldRanges({ level4Count: [0, 2e6] }), RangeError, "1000000");
});

Deno.test("resolveWorldRanges() rejects unknown range names", () => {
  const bad = { level6: [1, 2] } as unknown as Partial<WorldRanges>;
  assertThrows(() => resolveWorldRanges(bad), TypeError, "level6");
});

Deno.test("OOD_WORLD_RANGES lies above the defaults in every range", () => {
  assertEquals(resolveWorldRanges(OOD_WORLD_RANGES), OOD_WORLD_RANGES);
  for (const key of Object.keys(DEFAULT_WORLD_RANGES) as (keyof WorldRanges)[]) {
    assert(OOD_WORLD_RANGES[key][0] > DEFAULT_WORLD_RANGES[key][1], `${key} overlaps`);
  }
});
