import { assertEquals } from "../assert.ts";
import {
  blacklistRule,
  emptyRule,
  leadingCharRule,
  wordCountRule,
  writeProgramRule,
} from "../../lib/instruct/rule_filters.ts";

const reason = (v: { keep: boolean; reason?: string }) => v.keep ? "keep" : v.reason;

Deno.test("emptyRule() rejects blank text only", () => {
  assertEquals(reason(emptyRule("")), "empty");
  assertEquals(reason(emptyRule(" \n\t ")), "empty");
  assertEquals(reason(emptyRule(".")), "keep");
});

Deno.test("wordCountRule() keeps 4..150 whitespace-separated words, inclusive", () => {
  const words = (n: number) => Array.from({ length: n }, (_, i) => `w${i}`).join(" ");
  assertEquals(reason(wordCountRule(words(3))), "wordCount");
  assertEquals(reason(wordCountRule(words(4))), "keep");
  assertEquals(reason(wordCountRule(words(150))), "keep");
  assertEquals(reason(wordCountRule(words(151))), "wordCount");
  assertEquals(reason(wordCountRule("")), "wordCount");
  // Words are whitespace runs, not tokens: "x+y=z" is one word.
  assertEquals(reason(wordCountRule("Compute x+y=z  now\nplease")), "keep");
  assertEquals(reason(wordCountRule("Compute x+y=z now")), "wordCount");
  assertEquals(reason(wordCountRule(words(2), { minWords: 2, maxWords: 2 })), "keep");
  assertEquals(reason(wordCountRule(words(3), { minWords: 2, maxWords: 2 })), "wordCount");
});

Deno.test("blacklistRule() rejects each listed word as a whole word, case-insensitively", () => {
  for (
    const word of [
      "image",
      "images",
      "graph",
      "graphs",
      "picture",
      "pictures",
      "file",
      "files",
      "map",
      "maps",
      "draw",
      "plot",
    ]
  ) {
    assertEquals(reason(blacklistRule(`Look at the ${word} below.`)), "blacklist", word);
    assertEquals(reason(blacklistRule(`${word.toUpperCase()}: what is shown?`)), "blacklist");
  }
  assertEquals(reason(blacklistRule("Which maps are shown")), "blacklist");
  assertEquals(reason(blacklistRule("A mapsome is not a word")), "keep");
  assertEquals(reason(blacklistRule("Is the mapping one to one?")), "keep");
  assertEquals(reason(blacklistRule("Find the profile of the wave")), "keep");
  assertEquals(reason(blacklistRule("A drawer holds 3 socks")), "keep");
  assertEquals(reason(blacklistRule("Paragraph 2 says what?")), "keep");
  assertEquals(reason(blacklistRule("The plot_2 function")), "keep", "_ is a word character");
  assertEquals(reason(blacklistRule("Use (map) here")), "blacklist", "punctuation is a boundary");
  assertEquals(reason(blacklistRule("Use map2 here")), "keep", "a digit is a word character");
  assertEquals(
    reason(blacklistRule("Use émap here")),
    "keep",
    "a Unicode letter is a word character",
  );
});

Deno.test("blacklistRule() matches 'go to' across any whitespace, but not inside words", () => {
  assertEquals(reason(blacklistRule("Then go to the store")), "blacklist");
  assertEquals(reason(blacklistRule("Then go  to the store")), "blacklist");
  assertEquals(reason(blacklistRule("Then GO\n\tTo the store")), "blacklist");
  assertEquals(reason(blacklistRule("They ergo took the bus")), "keep");
  assertEquals(reason(blacklistRule("Then go together")), "keep");
  assertEquals(reason(blacklistRule("Then go, to be sure")), "keep");
});

Deno.test("blacklistRule() takes a custom list and escapes regex characters", () => {
  const words = ["c++", "a.b"];
  // "Whole word" is "no word character adjacent", also for entries that end in punctuation
  // (Python's \b would need a word character on one side).
  assertEquals(reason(blacklistRule("I like c++ a lot", { words })), "blacklist");
  assertEquals(reason(blacklistRule("I like c++x a lot", { words })), "keep");
  assertEquals(reason(blacklistRule("Write a.b now", { words })), "blacklist");
  assertEquals(reason(blacklistRule("Write axb now", { words })), "keep", ". is literal");
  assertEquals(reason(blacklistRule("Draw a map", { words: [] })), "keep");
});

Deno.test("writeProgramRule() rejects a leading 'Write a program', case-sensitively", () => {
  assertEquals(reason(writeProgramRule("Write a program to add 2 and 3.")), "writeProgram");
  assertEquals(reason(writeProgramRule("Write a programme for the fair.")), "writeProgram");
  assertEquals(reason(writeProgramRule("write a program to add 2 and 3.")), "keep");
  assertEquals(reason(writeProgramRule("Please Write a program to add.")), "keep");
});

Deno.test("leadingCharRule() rejects ASCII punctuation and non-ASCII first characters", () => {
  for (const c of "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~") {
    assertEquals(reason(leadingCharRule(`${c} what is 2 + 2?`)), "leadingChar", c);
  }
  for (const start of ["É", "¿", "“", "π", "😀", "\u00a0"]) {
    assertEquals(reason(leadingCharRule(`${start}x is 2`)), "leadingChar", start);
  }
  for (const start of ["A", "z", "0", "9"]) {
    assertEquals(reason(leadingCharRule(`${start} is here`)), "keep", start);
  }
  assertEquals(reason(leadingCharRule("")), "keep");
});
