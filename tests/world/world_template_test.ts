import { assert, assertEquals, assertThrows } from "../assert.ts";
import { compileWorldTemplate, renderWorldTemplate } from "../../lib/world/world_template.ts";

Deno.test("renderWorldTemplate() fills every slot occurrence", () => {
  const t = "{name} has {a} {obj}. How many {obj} does {he} have?";
  const text = renderWorldTemplate(t, { name: "Tom", a: "3", obj: "cups", he: "he" });
  assertEquals(text, "Tom has 3 cups. How many cups does he have?");
});

Deno.test("renderWorldTemplate() throws on missing or unknown slots", () => {
  assertThrows(() => renderWorldTemplate("What is {a} + {b}?", { a: "1" }), TypeError, "{b}");
  assertThrows(() => renderWorldTemplate("What is {z}?", { z: "1" }), TypeError, "unknown slot");
  assertThrows(() => compileWorldTemplate("What is {z}?"), TypeError, "unknown slot");
});

Deno.test("compileWorldTemplate() reads slots back, ignoring case", () => {
  const match = compileWorldTemplate("{name} had {a} {obj} and lost {b}. How many {obj} are left?");
  assertEquals(match("EMMA had 12 Pears and lost 5. how many PEARS are left?"), {
    name: "Emma",
    a: "12",
    obj: "pears",
    b: "5",
  });
});

Deno.test("compileWorldTemplate() rejects values of the wrong type", () => {
  const match = compileWorldTemplate("What is {a} + {b}?");
  assert(match("What is 12 + 5?") !== null);
  for (
    const text of [
      "What is 012 + 5?",
      "What is -12 + 5?",
      "What is 1.5 + 5?",
      "What is 1/2 + 5?",
      "What is 12 + 5",
      "What is 12 +5?",
      " What is 12 + 5?",
      "What is 12 + 5?.",
      "What is twelve + 5?",
    ]
  ) assertEquals(match(text), null, text);
});

Deno.test("compileWorldTemplate() checks repeated slots, pronouns and distinct names", () => {
  const match = compileWorldTemplate(
    "{name} has {a} {obj} and gives {b} to {name2}. How many {obj} does {he} have?",
  );
  assert(match("Ann has 5 cups and gives 2 to Tom. How many cups does she have?") !== null);
  assertEquals(match("Ann has 5 cups and gives 2 to Tom. How many toys does she have?"), null);
  assertEquals(match("Ann has 5 cups and gives 2 to Tom. How many cups does he have?"), null);
  assertEquals(match("Ann has 5 cups and gives 2 to Ann. How many cups does she have?"), null);
  assertEquals(match("Bob has 5 cups and gives 2 to Tom. How many cups does he have?"), null);
  assertEquals(match("Ann has 5 dogs and gives 2 to Tom. How many dogs does she have?"), null);
});

Deno.test("compileWorldTemplate() reads an empty or written coefficient and fractions", () => {
  const linear = compileWorldTemplate("Solve for x: {k}x + {b} = {c}.");
  assertEquals(linear("Solve for x: x + 5 = 12."), { k: "", b: "5", c: "12" });
  assertEquals(linear("Solve for X: 13X + 5 = 12."), { k: "13", b: "5", c: "12" });
  assertEquals(linear("Solve for x: 03x + 5 = 12."), null);
  const fractions = compileWorldTemplate("What is {f} + {g}?");
  assertEquals(fractions("What is 2/4 + 1/0?"), { f: "2/4", g: "1/0" });
  assertEquals(fractions("What is 2 / 4 + 1/3?"), null);
});

Deno.test("compileWorldTemplate() stays fast on long adversarial input", () => {
  const match = compileWorldTemplate("What is {e}?");
  const text = `What is ${"(1 + ".repeat(5000)}`;
  const t0 = performance.now();
  for (let i = 0; i < 20; i++) assertEquals(match(text), null);
  assert(performance.now() - t0 < 2000, "matching is not linear");
});
