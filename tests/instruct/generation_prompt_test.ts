import { assert, assertEquals, assertThrows } from "../assert.ts";
import {
  buildGenerationPrompt,
  formatFewShotExample,
  GENERATION_SYSTEM_MESSAGE,
  GENERATION_USER_HEADER,
  type InstructMessage,
  renderGenerationPrompt,
} from "../../lib/instruct/generation_prompt.ts";
import { randomSeeded } from "../../lib/random.ts";

const eight = Array.from({ length: 8 }, (_, i) => `Question number ${i + 1}?`);

Deno.test("renderGenerationPrompt() gives the exact plain text: header, 1..8, then '9.'", () => {
  const { text, messages } = renderGenerationPrompt(eight);
  assertEquals(
    text,
    "Come up with a series of questions:\n" +
      eight.map((q, i) => `${i + 1}. ${q}\n`).join("") +
      "9.",
  );
  assertEquals(messages, [
    { role: "system", content: GENERATION_SYSTEM_MESSAGE },
    { role: "user", content: text },
  ]);
  assert(text.startsWith(GENERATION_USER_HEADER));
});

Deno.test("renderGenerationPrompt() collapses whitespace and strips trailing colons", () => {
  const { text } = renderGenerationPrompt(["Solve:\n\n  x + 1 = 2  ::", "Find a: b"]);
  assertEquals(text, `${GENERATION_USER_HEADER}\n1. Solve: x + 1 = 2\n2. Find a: b\n3.`);
  assertEquals(formatFewShotExample("a : "), "a");
  // A multi-line example cannot smuggle in an item marker.
  const smuggled = renderGenerationPrompt(["First\n2. second"]).text;
  assertEquals(smuggled.split("\n").length, 3);
});

Deno.test("renderGenerationPrompt() goes through the chat template when one is given", () => {
  const seen: InstructMessage[][] = [];
  const applyChatTemplate = (messages: InstructMessage[]) => {
    seen.push(messages);
    return messages.map((m) => `<|${m.role}|>${m.content}`).join("") + "<|assistant|>";
  };
  const { text, messages } = renderGenerationPrompt(eight, { applyChatTemplate });
  assertEquals(seen, [messages]);
  assertEquals(
    text,
    `<|system|>${GENERATION_SYSTEM_MESSAGE}<|user|>${messages[1].content}<|assistant|>`,
  );
  assert(messages[1].content.endsWith("\n9."));
});

Deno.test("renderGenerationPrompt() rejects no examples and blank examples", () => {
  assertThrows(() => renderGenerationPrompt([]), TypeError, "got none");
  assertThrows(() => renderGenerationPrompt(["ok", " :\n "]), TypeError, "example 2 is blank");
});

Deno.test("buildGenerationPrompt() numbers the sampled examples in their shuffled order", () => {
  const seeds = Array.from({ length: 20 }, (_, i) => `Seed question ${i}?`);
  const kept = Array.from({ length: 20 }, (_, i) => `Kept question ${i}?`);
  const prompt = buildGenerationPrompt({ seeds, kept }, randomSeeded(4), { mix: "officialCode" });
  assertEquals(prompt.examples.length, 8);
  assertEquals(prompt.examples.filter((e) => e.source === "generated").length, 2);
  assertEquals(prompt.text, renderGenerationPrompt(prompt.examples.map((e) => e.text)).text);
  const again = buildGenerationPrompt({ seeds, kept }, randomSeeded(4), { mix: "officialCode" });
  assertEquals(again.text, prompt.text);
  const four = buildGenerationPrompt({ seeds, kept }, randomSeeded(4), { count: 4 });
  assert(four.text.endsWith("\n4. " + four.examples[3].text + "\n5."));
});
