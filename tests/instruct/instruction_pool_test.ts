import { assertEquals, assertThrows } from "../assert.ts";
import {
  addKeptInstructions,
  addPendingInstructions,
  clearPendingInstructions,
  createInstructionPool,
  takePendingInstructions,
  validateInstructionPool,
} from "../../lib/instruct/instruction_pool.ts";

Deno.test("takePendingInstructions() takes the oldest first and leaves the input unchanged", () => {
  const pool = addPendingInstructions(
    addPendingInstructions(createInstructionPool(), ["a", "b"]),
    ["c", "d", "e"],
  );
  const { batch, pool: rest } = takePendingInstructions(pool, 4);
  assertEquals(batch, ["a", "b", "c", "d"]);
  assertEquals(rest.pending, ["e"]);
  assertEquals(pool.pending, ["a", "b", "c", "d", "e"]);
  assertEquals(takePendingInstructions(pool, 0).batch, []);
});

Deno.test("takePendingInstructions() errors when too few are pending or count is bad", () => {
  const pool = addPendingInstructions(createInstructionPool(), ["a"]);
  assertThrows(() => takePendingInstructions(pool, 2), RangeError, "expected at least 2, got 1");
  assertThrows(() => takePendingInstructions(pool, -1), RangeError);
  assertThrows(() => takePendingInstructions(pool, 0.5), RangeError);
});

Deno.test("the kept pool survives taking and clearing pending instructions", () => {
  let pool = addKeptInstructions(createInstructionPool(), ["k1"]);
  pool = addPendingInstructions(pool, ["p1", "p2"]);
  pool = takePendingInstructions(pool, 1).pool;
  pool = addKeptInstructions(pool, ["k2"]);
  assertEquals(pool, { pending: ["p2"], kept: ["k1", "k2"] });
  assertEquals(clearPendingInstructions(pool), { pending: [], kept: ["k1", "k2"] });
});

Deno.test("validateInstructionPool() round-trips JSON and rejects bad shapes", () => {
  const pool = addKeptInstructions(addPendingInstructions(createInstructionPool(), ["p"]), ["k"]);
  assertEquals(validateInstructionPool(JSON.parse(JSON.stringify(pool))), pool);
  for (
    const bad of [
      null,
      [],
      "x",
      { pending: [] },
      { pending: [], kept: [], extra: 1 },
      { pending: [1], kept: [] },
      { pending: [], kept: "k" },
    ]
  ) {
    assertThrows(() => validateInstructionPool(bad), TypeError, "Cannot read instruction pool");
  }
});
