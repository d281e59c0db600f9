import { assertEquals, assertThrows } from "../assert.ts";
import { byteLevelTokenizerFiles, byteToUnicode } from "../../lib/model/byte_level_tokenizer.ts";
import { decodeTokens, encodePrompt, loadTokenizer } from "../../lib/model/text_tokenizer.ts";
import { randomInt, randomSeeded } from "../../lib/random.ts";

async function load(options = {}) {
  const dir = await Deno.makeTempDir();
  const files = byteLevelTokenizerFiles(options);
  await Deno.writeTextFile(`${dir}/tokenizer.json`, JSON.stringify(files.tokenizer));
  await Deno.writeTextFile(`${dir}/tokenizer_config.json`, JSON.stringify(files.tokenizerConfig));
  return await loadTokenizer(dir);
}

Deno.test("byteToUnicode() is a bijection onto 256 single characters", () => {
  const map = byteToUnicode();
  assertEquals(new Set(map).size, 256);
  assertEquals(map.every((c) => c.length === 1), true);
});

Deno.test("byteLevelTokenizerFiles() gives token id = byte value through transformers.js", async () => {
  const tok = await load();
  assertEquals(tok.hf.encode("Q: 12+7=?\n"), [...new TextEncoder().encode("Q: 12+7=?\n")]);
  assertEquals([tok.size, tok.eosTokenId, tok.padTokenId], [260, 256, 257]);
});

Deno.test("byteLevelTokenizerFiles() round-trips any text and decodes any token sequence", async () => {
  const tok = await load();
  for (const text of ["héllo ☃ 🚀", "\u0000\t\r\n", "  spaces  . , 's"]) {
    const ids = tok.hf.encode(text);
    assertEquals(tok.hf.decode(ids), text);
    assertEquals(decodeTokens(tok, ids), text);
  }
  const prng = randomSeeded(1);
  for (let trial = 0; trial < 50; trial++) {
    const ids = Array.from({ length: 40 }, () => randomInt(prng, 0, 260));
    // serl's byte table decodes exactly as transformers.js does (specials skipped)
    assertEquals(decodeTokens(tok, ids), tok.hf.decode(ids, { skip_special_tokens: true }));
  }
});

Deno.test("byteLevelTokenizerFiles() stores a chat template that encodePrompt() applies", async () => {
  const chatTemplate =
    "{% for m in messages %}<|im_start|>{{ m.role }}\n{{ m.content }}<|im_end|>\n{% endfor %}" +
    "{% if add_generation_prompt %}<|im_start|>assistant\n{% endif %}";
  const tok = await load({ chatTemplate });
  const ids = encodePrompt(tok, "1+1=");
  assertEquals(ids[0], 258); // <|im_start|> is one token
  assertEquals(decodeTokens(tok, ids), "user\n1+1=\nassistant\n");
  assertEquals(encodePrompt(tok, "1+1=", { chatTemplate: false }), [49, 43, 49, 61]);
  const plain = await load();
  assertThrows(() => encodePrompt(plain, "x", { chatTemplate: true }), TypeError, "has none");
});

Deno.test("byteLevelTokenizerFiles() refuses duplicate or missing special tokens", () => {
  assertThrows(() => byteLevelTokenizerFiles({ specialTokens: [] }), RangeError);
  assertThrows(
    () => byteLevelTokenizerFiles({ specialTokens: ["<a>", "<a>"] }),
    TypeError,
    "duplicate",
  );
});
