/**
 * The tokenizer of serl's own tiny models: byte-level BPE with no merges, written as a
 * Hugging Face `tokenizer.json` + `tokenizer_config.json` that transformers.js (and Python
 * `tokenizers`) load unchanged.
 *
 * Why byte-level with zero merges rather than character-level: every byte is a token, so
 * any text encodes (no unknown token, no normalization surprises) and any token sequence a
 * model samples decodes; on the default world (short ASCII math problems) tokens are exactly
 * characters, which is what a tiny model learns fastest; token id = byte value, which makes
 * test fixtures and debugging readable; and it is the same family (GPT-2 byte-level BPE)
 * as Qwen2 and Llama 3, so one decoding path serves serl's models and real ones. A
 * character-level vocabulary over printable ASCII would be ~100 tokens instead of 256 + a
 * few, a negligible saving in the embedding table, at the price of an unknown token.
 *
 * Vocabulary: ids 0-255 are the bytes (spelled with GPT-2's byte-to-unicode map), then the
 * special tokens, first of which is the end-of-text / EOS token.
 *
 * @module
 */

/** Special tokens of serl's tiny models, in id order after the 256 bytes. */
export const BYTE_LEVEL_SPECIAL_TOKENS: readonly string[] = [
  "<|endoftext|>",
  "<|pad|>",
  "<|im_start|>",
  "<|im_end|>",
];

/**
 * GPT-2's reversible byte -> unicode-character map: printable Latin-1 bytes map to
 * themselves, the others to U+0100 onwards, so every byte has a visible one-character name.
 *
 * @example
 * ```ts
 * import { byteToUnicode } from "./byte_level_tokenizer.ts";
 * const map = byteToUnicode();
 * if (map[65] !== "A" || map[32] !== "Ġ" || map[10] !== "Ċ") throw new Error("wrong map");
 * ```
 */
export function byteToUnicode(): string[] {
  const map = new Array<string>(256);
  const printable = (b: number) =>
    (b >= 33 && b <= 126) || (b >= 161 && b <= 172) || (b >= 174 && b <= 255);
  let extra = 0;
  for (let b = 0; b < 256; b++) {
    map[b] = String.fromCharCode(printable(b) ? b : 256 + extra++);
  }
  return map;
}

/** Options for {@linkcode byteLevelTokenizerFiles}. */
export interface ByteLevelTokenizerOptions {
  /**
   * Special tokens after the 256 bytes; the first is EOS (and the default pad is the second).
   * @default BYTE_LEVEL_SPECIAL_TOKENS
   */
  specialTokens?: readonly string[];
  /**
   * A Jinja chat template stored in `tokenizer_config.json` (`null`: none, prompts are used
   * as plain text).
   * @default null
   */
  chatTemplate?: string | null;
}

/** The two JSON files of a tokenizer, and facts about it. */
export interface TokenizerFiles {
  /** `tokenizer.json`. */
  tokenizer: Record<string, unknown>;
  /** `tokenizer_config.json`. */
  tokenizerConfig: Record<string, unknown>;
  /** Number of token ids (bytes + specials). */
  vocabSize: number;
  /** Id of the EOS token. */
  eosTokenId: number;
  /** Id of the padding token. */
  padTokenId: number;
}

/**
 * Builds the files of a zero-merge byte-level BPE tokenizer.
 *
 * @example
 * ```ts
 * import { byteLevelTokenizerFiles } from "./byte_level_tokenizer.ts";
 * const files = byteLevelTokenizerFiles();
 * if (files.vocabSize !== 260 || files.eosTokenId !== 256) throw new Error("wrong layout");
 * ```
 */
export function byteLevelTokenizerFiles(options: ByteLevelTokenizerOptions = {}): TokenizerFiles {
  const { specialTokens = BYTE_LEVEL_SPECIAL_TOKENS, chatTemplate = null } = options;
  if (specialTokens.length < 1) {
    throw new RangeError("Cannot build a tokenizer without special tokens: the first one is EOS");
  }
  if (new Set(specialTokens).size !== specialTokens.length) {
    throw new TypeError(`Cannot build a tokenizer: duplicate special tokens in ${specialTokens}`);
  }
  const vocab: Record<string, number> = {};
  byteToUnicode().forEach((char, byte) => (vocab[char] = byte));
  const addedTokens = specialTokens.map((content, i) => {
    vocab[content] = 256 + i;
    return {
      id: 256 + i,
      content,
      single_word: false,
      lstrip: false,
      rstrip: false,
      normalized: false,
      special: true,
    };
  });
  // use_regex false: with no merges the GPT-2 split regex cannot change the tokens, and
  // skipping it makes encoding faster.
  const byteLevel = {
    type: "ByteLevel",
    "add_prefix_space": false,
    "trim_offsets": true,
    "use_regex": false,
  };
  const eos = specialTokens[0]!;
  const pad = specialTokens[1] ?? eos;
  return {
    tokenizer: {
      version: "1.0",
      truncation: null,
      padding: null,
      added_tokens: addedTokens,
      normalizer: null,
      pre_tokenizer: byteLevel,
      post_processor: null,
      decoder: byteLevel,
      model: {
        type: "BPE",
        dropout: null,
        unk_token: null,
        continuing_subword_prefix: null,
        end_of_word_suffix: null,
        fuse_unk: false,
        byte_fallback: false,
        ignore_merges: false,
        vocab,
        merges: [],
      },
    },
    tokenizerConfig: {
      tokenizer_class: "PreTrainedTokenizerFast",
      eos_token: eos,
      pad_token: pad,
      bos_token: null,
      unk_token: null,
      clean_up_tokenization_spaces: false,
      padding_side: "left",
      model_max_length: 1_000_000,
      ...(chatTemplate === null ? {} : { chat_template: chatTemplate }),
    },
    vocabSize: 256 + specialTokens.length,
    eosTokenId: 256,
    padTokenId: specialTokens.length > 1 ? 257 : 256,
  };
}
