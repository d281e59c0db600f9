/**
 * Tokenizers of model folders, through transformers.js `AutoTokenizer` (local files only;
 * nothing is fetched), plus what fast generation needs: the UTF-8 bytes of every token of a
 * byte-level tokenizer, so stop strings and texts are computed without calling the
 * tokenizer's decoder once per sampled token.
 *
 * @module
 */
import { AutoTokenizer, type PreTrainedTokenizer } from "@huggingface/transformers";

/** The transformers.js tokenizer class a {@linkcode TextTokenizer} wraps (re-exported type). */
export type { PreTrainedTokenizer };
import { join } from "node:path";
import { byteToUnicode } from "./byte_level_tokenizer.ts";

/** A loaded tokenizer and the facts serl reads from its files. */
export interface TextTokenizer {
  /** The transformers.js tokenizer. */
  hf: PreTrainedTokenizer;
  /** One more than the largest token id the tokenizer knows. */
  size: number;
  /** EOS id from `tokenizer_config.json` (`null` when it names none). */
  eosTokenId: number | null;
  /** Padding id (`null` when none). */
  padTokenId: number | null;
  /** Whether `tokenizer_config.json` has a chat template. */
  hasChatTemplate: boolean;
  /**
   * For byte-level BPE tokenizers whose decoding is the plain concatenation of token bytes
   * (ByteLevel decoder, no clean-up of spaces): each id's UTF-8 bytes, special tokens empty
   * (as decoded with `skip_special_tokens`). `null` for other tokenizers.
   */
  tokenBytes: Uint8Array[] | null;
  /** The folder's `tokenizer.json` and `tokenizer_config.json` (for saving a copy). */
  files: { tokenizer: Record<string, unknown>; tokenizerConfig: Record<string, unknown> };
}

async function readJson(path: string): Promise<Record<string, unknown>> {
  try {
    return JSON.parse(await Deno.readTextFile(path));
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) {
      throw new Deno.errors.NotFound(`Cannot load tokenizer: ${path} is missing`);
    }
    if (e instanceof SyntaxError) {
      throw new SyntaxError(`Cannot load tokenizer: ${path} is not valid JSON: ${e.message}`);
    }
    throw e;
  }
}

interface AddedToken {
  id: number;
  content: string;
  special: boolean;
}

/** Token bytes of a byte-level tokenizer, or `null` when decoding is more than concatenation. */
function byteLevelTable(
  tokenizerJson: Record<string, unknown>,
  tokenizerConfig: Record<string, unknown>,
  size: number,
): Uint8Array[] | null {
  const decoder = tokenizerJson.decoder as { type?: string; cleanup?: boolean } | null;
  const model = tokenizerJson.model as { type?: string; vocab?: Record<string, number> };
  const cleanup = decoder?.cleanup ?? tokenizerConfig.clean_up_tokenization_spaces ?? true;
  if (decoder?.type !== "ByteLevel" || model?.type !== "BPE" || cleanup !== false) return null;
  const fromChar = new Map(byteToUnicode().map((char, byte) => [char, byte]));
  const table = Array.from({ length: size }, () => new Uint8Array(0));
  for (const [token, id] of Object.entries(model.vocab ?? {})) {
    const bytes = new Uint8Array(token.length);
    for (let i = 0; i < token.length; i++) {
      const byte = fromChar.get(token[i]!);
      if (byte === undefined) return null;
      bytes[i] = byte;
    }
    table[id] = bytes;
  }
  const encoder = new TextEncoder();
  for (const t of (tokenizerJson.added_tokens ?? []) as AddedToken[]) {
    table[t.id] = t.special ? new Uint8Array(0) : encoder.encode(t.content);
  }
  return table;
}

/**
 * Loads `tokenizer.json` + `tokenizer_config.json` from a model folder.
 *
 * @throws {Deno.errors.NotFound} When a file is missing.
 *
 * @example
 * ```ts
 * import { byteLevelTokenizerFiles } from "./byte_level_tokenizer.ts";
 * import { loadTokenizer } from "./text_tokenizer.ts";
 * const dir = await Deno.makeTempDir();
 * const files = byteLevelTokenizerFiles();
 * await Deno.writeTextFile(`${dir}/tokenizer.json`, JSON.stringify(files.tokenizer));
 * await Deno.writeTextFile(`${dir}/tokenizer_config.json`, JSON.stringify(files.tokenizerConfig));
 * const tok = await loadTokenizer(dir);
 * if (tok.eosTokenId !== 256 || tok.tokenBytes === null) throw new Error("wrong tokenizer");
 * ```
 */
export async function loadTokenizer(dir: string): Promise<TextTokenizer> {
  const tokenizerJson = await readJson(join(dir, "tokenizer.json"));
  const tokenizerConfig = await readJson(join(dir, "tokenizer_config.json"));
  const hf = await AutoTokenizer.from_pretrained(dir, { local_files_only: true });
  let size = 0;
  const model = tokenizerJson.model as { vocab?: Record<string, number> | [string, number][] };
  const vocabIds = Array.isArray(model?.vocab)
    ? model.vocab.map((_, i) => i)
    : Object.values(model?.vocab ?? {});
  for (const id of vocabIds) size = Math.max(size, id + 1);
  for (const t of (tokenizerJson.added_tokens ?? []) as AddedToken[]) {
    size = Math.max(size, t.id + 1);
  }
  const id = (v: number | undefined | null) => (typeof v === "number" && v >= 0 ? v : null);
  return {
    hf,
    size,
    eosTokenId: id(hf.eos_token_id),
    padTokenId: id(hf.pad_token_id),
    hasChatTemplate: tokenizerConfig.chat_template !== undefined &&
      tokenizerConfig.chat_template !== null,
    tokenBytes: byteLevelTable(tokenizerJson, tokenizerConfig, size),
    files: { tokenizer: tokenizerJson, tokenizerConfig },
  };
}

/** Options for {@linkcode encodePrompt}. */
export interface EncodePromptOptions {
  /**
   * Render the prompt as one user message through the folder's chat template (with the
   * generation prompt appended). An error when `true` and the tokenizer has no template.
   * @default tokenizer.hasChatTemplate
   */
  chatTemplate?: boolean;
}

/**
 * Token ids of a prompt: through the chat template when there is one (as a single user
 * message), otherwise the plain encoding with the tokenizer's own special tokens (e.g. BOS).
 *
 * @example
 * ```ts
 * import { byteLevelTokenizerFiles } from "./byte_level_tokenizer.ts";
 * import { encodePrompt, loadTokenizer } from "./text_tokenizer.ts";
 * const dir = await Deno.makeTempDir();
 * const files = byteLevelTokenizerFiles();
 * await Deno.writeTextFile(`${dir}/tokenizer.json`, JSON.stringify(files.tokenizer));
 * await Deno.writeTextFile(`${dir}/tokenizer_config.json`, JSON.stringify(files.tokenizerConfig));
 * const ids = encodePrompt(await loadTokenizer(dir), "1+1=");
 * if (ids.join() !== "49,43,49,61") throw new Error(`got ${ids}`);
 * ```
 */
export function encodePrompt(
  tokenizer: TextTokenizer,
  prompt: string,
  options: EncodePromptOptions = {},
): number[] {
  const { chatTemplate = tokenizer.hasChatTemplate } = options;
  if (!chatTemplate) return tokenizer.hf.encode(prompt);
  if (!tokenizer.hasChatTemplate) {
    throw new TypeError("Cannot apply a chat template: the tokenizer has none");
  }
  const text = tokenizer.hf.apply_chat_template([{ role: "user", content: prompt }], {
    tokenize: false,
    add_generation_prompt: true,
  }) as string;
  return tokenizer.hf.encode(text, { add_special_tokens: false });
}

/**
 * Text of generated token ids, special tokens skipped. Ids the tokenizer does not know
 * (a model's vocabulary can be larger than its tokenizer's) decode to nothing.
 *
 * @example
 * ```ts
 * import { byteLevelTokenizerFiles } from "./byte_level_tokenizer.ts";
 * import { decodeTokens, loadTokenizer } from "./text_tokenizer.ts";
 * const dir = await Deno.makeTempDir();
 * const files = byteLevelTokenizerFiles();
 * await Deno.writeTextFile(`${dir}/tokenizer.json`, JSON.stringify(files.tokenizer));
 * await Deno.writeTextFile(`${dir}/tokenizer_config.json`, JSON.stringify(files.tokenizerConfig));
 * const text = decodeTokens(await loadTokenizer(dir), [52, 50, 256, 9999]);
 * if (text !== "42") throw new Error(`got ${text}`);
 * ```
 */
export function decodeTokens(tokenizer: TextTokenizer, ids: readonly number[]): string {
  if (tokenizer.tokenBytes !== null) {
    const table = tokenizer.tokenBytes;
    let length = 0;
    for (const id of ids) length += table[id]?.length ?? 0;
    const bytes = new Uint8Array(length);
    let at = 0;
    for (const id of ids) {
      const piece = table[id];
      if (piece !== undefined) {
        bytes.set(piece, at);
        at += piece.length;
      }
    }
    return new TextDecoder().decode(bytes);
  }
  const known = ids.filter((id) => id >= 0 && id < tokenizer.size);
  return known.length === 0 ? "" : tokenizer.hf.decode(known, { skip_special_tokens: true });
}
