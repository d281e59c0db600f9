import { assertEquals, assertThrows } from "../assert.ts";
import { textTracker } from "../../lib/generate/text_tracker.ts";
import { byteLevelTokenizerFiles } from "../../lib/model/byte_level_tokenizer.ts";
import { loadTokenizer, type TextTokenizer } from "../../lib/model/text_tokenizer.ts";

async function tokenizer(cleanup: boolean): Promise<TextTokenizer> {
  const dir = await Deno.makeTempDir();
  const files = byteLevelTokenizerFiles();
  files.tokenizerConfig.clean_up_tokenization_spaces = cleanup;
  await Deno.writeTextFile(`${dir}/tokenizer.json`, JSON.stringify(files.tokenizer));
  await Deno.writeTextFile(`${dir}/tokenizer_config.json`, JSON.stringify(files.tokenizerConfig));
  return await loadTokenizer(dir);
}

const bytes = (s: string) => [...new TextEncoder().encode(s)];
const byteLevel = await tokenizer(false);
const windowed = await tokenizer(true);

Deno.test("the tokenizers under test take the two tracking paths", () => {
  assertEquals(byteLevel.tokenBytes !== null, true);
  assertEquals(windowed.tokenBytes, null);
});

for (const [label, tok] of [["byte path", byteLevel], ["window path", windowed]] as const) {
  Deno.test(`textTracker() stops when a stop string spans tokens (${label})`, () => {
    const t = textTracker(tok, ["END", "x"]);
    const fired = bytes("abcEN").map((b) => t.push(b));
    assertEquals(fired, [false, false, false, false, false]);
    assertEquals(t.push("D".charCodeAt(0)), true);
    assertEquals(t.text(), "abc");
  });

  Deno.test(`textTracker() matches a multi-byte character split over byte tokens (${label})`, () => {
    const t = textTracker(tok, ["é!"]);
    const fired = bytes("café!more").map((b) => t.push(b));
    assertEquals(fired.indexOf(true), bytes("café!").length - 1);
    assertEquals(t.text(), "caf");
  });

  Deno.test(`textTracker() ignores special tokens and returns all text without a stop (${label})`, () => {
    const t = textTracker(tok, ["zz"]);
    for (const b of [...bytes("ab"), 256, 257, ...bytes("z")]) assertEquals(t.push(b), false);
    assertEquals(t.text(), "abz");
  });

  Deno.test(`textTracker() cuts at the earliest of several stop strings (${label})`, () => {
    const t = textTracker(tok, ["cd", "bcd"]);
    bytes("abcd").forEach((b) => t.push(b));
    assertEquals(t.text(), "a");
  });
}

Deno.test("textTracker() refuses an empty stop string", () => {
  assertThrows(() => textTracker(byteLevel, ["a", ""]), RangeError, "empty string");
});
