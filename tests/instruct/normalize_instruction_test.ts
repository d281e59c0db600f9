import { assertEquals } from "../assert.ts";
import { normalizeInstruction } from "../../lib/instruct/normalize_instruction.ts";

Deno.test("normalizeInstruction() collapses every whitespace run and trims", () => {
  assertEquals(normalizeInstruction("  a\n\n b\t\tc\u00a0d  "), "A b c d");
  assertEquals(normalizeInstruction(" \n "), "");
  assertEquals(normalizeInstruction(""), "");
});

Deno.test("normalizeInstruction() upper-cases only the first character by default", () => {
  assertEquals(normalizeInstruction("find $\\Delta$ in ABC"), "Find $\\Delta$ in ABC");
  assertEquals(normalizeInstruction("3 apples"), "3 apples");
  assertEquals(normalizeInstruction("élan"), "Élan");
  assertEquals(normalizeInstruction("𝑥 is odd"), "𝑥 is odd", "astral code point stays whole");
});

Deno.test("normalizeInstruction() 'python' lower-cases the rest like str.capitalize()", () => {
  assertEquals(
    normalizeInstruction("find $\\Delta$ in ABC", { capitalize: "python" }),
    "Find $\\delta$ in abc",
  );
  assertEquals(normalizeInstruction("WHAT IS X?", { capitalize: "python" }), "What is x?");
});

Deno.test("normalizeInstruction() 'none' keeps the case", () => {
  assertEquals(normalizeInstruction("  what IS x ", { capitalize: "none" }), "what IS x");
});
