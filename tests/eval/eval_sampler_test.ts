import { assert, assertEquals, assertNotEquals, assertRejects } from "../assert.ts";
import { evalPrompt, modelEvalSampler } from "../../lib/eval/eval_sampler.ts";
import { generate } from "../../lib/generate/generate.ts";
import { loadModel } from "../../lib/model/load_model.ts";
import { TEST_CHAT_TEMPLATE, tinyModelFolder } from "./_tiny_model.ts";

const model = await loadModel(await tinyModelFolder());
const PROMPTS = ["What is 2 + 3?", "Find 1/2 of 16.", "Solve for x: 3x + 5 = 20."].map(evalPrompt);
const SAMPLED = { n: 4, temperature: 1, topP: 0.95, maxNewTokens: 12, seed: 9 };

Deno.test("evalPrompt() is the raw question and a newline", () => {
  assertEquals(evalPrompt("Add 1 and 2."), "Add 1 and 2.\n");
  assertEquals(evalPrompt(""), "\n");
});

Deno.test("modelEvalSampler() returns generate()'s texts, token counts and truncation per prompt", async () => {
  const got = await modelEvalSampler(model)(PROMPTS, SAMPLED);
  const direct = await generate(model, PROMPTS, { ...SAMPLED, chatTemplate: false });
  assertEquals(got.length, 3);
  for (let p = 0; p < 3; p++) {
    assertEquals(got[p]!.length, 4);
    assertEquals(
      got[p],
      direct[p]!.map((s) => ({
        text: s.text,
        tokens: s.tokens.length,
        truncated: s.finishReason === "length",
      })),
    );
  }
  assert(got.flat().some((s) => s.truncated), "no sample reached maxNewTokens");
  assertNotEquals(got[0]![0]!.text, got[0]![1]!.text);
});

Deno.test("modelEvalSampler() gives a problem the same samples whatever the batch size", async () => {
  const wide = await modelEvalSampler(model)(PROMPTS, SAMPLED);
  const narrow = await modelEvalSampler(model, { maxBatchSize: 3 })(PROMPTS, SAMPLED);
  const prefix = await modelEvalSampler(model)(PROMPTS.slice(0, 2), SAMPLED);
  const texts = (r: typeof wide) => r.map((g) => g.map((s) => s.text));
  assertEquals(texts(narrow), texts(wide));
  assertEquals(texts(prefix), texts(wide).slice(0, 2));
  const other = await modelEvalSampler(model)(PROMPTS, { ...SAMPLED, seed: 10 });
  assertNotEquals(texts(other), texts(wide));
});

Deno.test("modelEvalSampler() ignores a tokenizer's chat template unless asked to use it", async () => {
  const templated = await loadModel(await tinyModelFolder(TEST_CHAT_TEMPLATE));
  const greedy = { n: 1, temperature: 0, topP: 1, maxNewTokens: 10, seed: 0 };
  const plain = await modelEvalSampler(templated)(PROMPTS, greedy);
  const plainDirect = await generate(templated, PROMPTS, { ...greedy, chatTemplate: false });
  assertEquals(plain.map((g) => g[0]!.text), plainDirect.map((g) => g[0]!.text));
  const chat = await modelEvalSampler(templated, { chatTemplate: true })(PROMPTS, greedy);
  const chatDirect = await generate(templated, PROMPTS, { ...greedy, chatTemplate: true });
  assertEquals(chat.map((g) => g[0]!.text), chatDirect.map((g) => g[0]!.text));
  assertNotEquals(chat.map((g) => g[0]!.text), plain.map((g) => g[0]!.text));
  await assertRejects(
    () => modelEvalSampler(model, { chatTemplate: true })(PROMPTS, greedy),
    TypeError,
    "chat template",
  );
});

Deno.test("modelEvalSampler() ends samples at a stop string and returns nothing for no prompts", async () => {
  const free = await modelEvalSampler(model)(PROMPTS, SAMPLED);
  // an ASCII character after the start of some sample (random bytes are often not UTF-8)
  const [p, s, at] = free.flatMap((g, p) =>
    g.map((x, s) => [p, s, x.text.slice(1).search(/[!-~]/) + 1] as const)
  ).find(([, , at]) => at > 0)!;
  const text = free[p]![s]!.text;
  const stopped = await modelEvalSampler(model, { stop: [text[at]!] })(PROMPTS, SAMPLED);
  const cut = stopped[p]![s]!;
  assert(cut.text.length <= at, `"${cut.text}" not cut at "${text[at]}"`);
  assert(!cut.truncated);
  assertEquals(await modelEvalSampler(model)([], SAMPLED), []);
});
