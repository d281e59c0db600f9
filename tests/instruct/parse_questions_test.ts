import { assertEquals } from "../assert.ts";
import { parseQuestions } from "../../lib/instruct/parse_questions.ts";

Deno.test("parseQuestions() reads the '9.' continuation and the numbered items after it", () => {
  const completion = " How many minutes are in 3 hours?\n10. What is 15% of 80?\n11. Solve 2x = 9.";
  assertEquals(parseQuestions(completion), [
    "How many minutes are in 3 hours?",
    "What is 15% of 80?",
    "Solve 2x = 9.",
  ]);
});

Deno.test("parseQuestions() does not check the numbers: skipped, repeated or restarted", () => {
  assertEquals(parseQuestions(" a?\n12. b?\n12. c?\n1. d?"), ["a?", "b?", "c?", "d?"]);
});

Deno.test("parseQuestions() joins unnumbered lines to the item before them", () => {
  const completion =
    " A train leaves at 3 pm.\nIt travels 60 km/h.\nWhen does it arrive?\n10. Next";
  assertEquals(parseQuestions(completion), [
    "A train leaves at 3 pm.\nIt travels 60 km/h.\nWhen does it arrive?",
    "Next",
  ]);
});

Deno.test("parseQuestions() keeps trailing text with the last item", () => {
  const completion = " Is 7 prime?\n10. Is 9 prime?\n\nI hope these questions help your students!";
  assertEquals(parseQuestions(completion), [
    "Is 7 prime?",
    "Is 9 prime?\n\nI hope these questions help your students!",
  ]);
});

Deno.test("parseQuestions() does not split on decimals, '1)' or numbers inside a line", () => {
  const completion =
    " What is\n3.14 times 2?\n10) Round 2.5.\nAnswer 10. Then stop.\n11.5 kg is how many g?";
  assertEquals(parseQuestions(completion), [completion.trim()]);
});

Deno.test("parseQuestions() accepts markers with a space before the dot, indentation or tabs", () => {
  assertEquals(parseQuestions(" a\n10 . b\n  11.\tc\n12.\nd"), ["a", "b", "c", "d"]);
});

Deno.test("parseQuestions() returns empty items for the funnel to count", () => {
  assertEquals(parseQuestions(" a\n10. \n11.\n12."), ["a", "", "", ""]);
  assertEquals(parseQuestions(""), []);
  assertEquals(parseQuestions("  \n "), []);
});

Deno.test("parseQuestions() handles a completion that restarts the numbering at its start", () => {
  // A chat model answers in a fresh message: "9. ..." comes first, with no continuation.
  assertEquals(parseQuestions("9. What is 2 + 3?\n10. What is 4 + 4?"), [
    "What is 2 + 3?",
    "What is 4 + 4?",
  ]);
});

Deno.test("parseQuestions() drops text before the first number when continuesItem is false", () => {
  const completion = "Sure! Here are some questions:\n1. What is 2 + 3?\n2. Name a prime.";
  assertEquals(parseQuestions(completion, { continuesItem: false }), [
    "What is 2 + 3?",
    "Name a prime.",
  ]);
  assertEquals(parseQuestions(completion).length, 3);
  assertEquals(parseQuestions("no numbers at all", { continuesItem: false }), []);
});

Deno.test("parseQuestions() drops the unfinished last item of a truncated completion", () => {
  assertEquals(parseQuestions(" a?\n10. b?\n11. What is the sum of", { truncated: true }), [
    "a?",
    "b?",
  ]);
  assertEquals(parseQuestions(" What is the sum of", { truncated: true }), []);
});
