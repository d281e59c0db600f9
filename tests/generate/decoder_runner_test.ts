import { keepCacheRows, leftPadding } from "../../lib/generate/_decoder_runner.ts";
import { assertEquals } from "../assert.ts";

Deno.test("keepCacheRows() moves kept rows to the front of every cache, with their padding", () => {
  const block = 3; // floats per row
  const a = Float32Array.from({ length: 4 * block }, (_, i) => i); // rows 0..3
  const b = Float32Array.from({ length: 4 * block }, (_, i) => 100 + i);
  const pad = Int32Array.from([5, 6, 7, 8]);
  keepCacheRows([a, b], pad, [1, 3], block);
  assertEquals([...a.subarray(0, 2 * block)], [3, 4, 5, 9, 10, 11]);
  assertEquals([...b.subarray(0, 2 * block)], [103, 104, 105, 109, 110, 111]);
  assertEquals([...pad.subarray(0, 2)], [6, 8]);
  keepCacheRows([a], pad, [0], block); // nothing moves
  assertEquals([...a.subarray(0, block)], [3, 4, 5]);
});

Deno.test("leftPadding() pads every prompt to the longest", () => {
  const { pad, length } = leftPadding([[1, 2, 3], [4], [5, 6]]);
  assertEquals(length, 3);
  assertEquals([...pad], [0, 2, 1]);
});
