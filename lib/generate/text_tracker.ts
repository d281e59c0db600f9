/**
 * The text of one sample as it grows, and stop-string detection on it.
 *
 * Byte-level tokenizers (see `TextTokenizer.tokenBytes`) are tracked as UTF-8 bytes: a
 * token appends its bytes and stop strings are matched on bytes, which is exact even when
 * a character spans tokens. Other tokenizers are decoded incrementally over a short window
 * of recent tokens (the offsets method of vLLM's detokenizer): text is appended only once
 * it no longer ends in an incomplete character.
 *
 * A stop string ends the sample as soon as it appears; it is not part of the text (as in the
 * OpenAI and vLLM APIs), but the tokens that produced it stay in the sample's tokens.
 *
 * @module
 */
import { decodeTokens, type TextTokenizer } from "../model/text_tokenizer.ts";

/** One sample's text. */
export interface TextTracker {
  /** Appends a generated (non-EOS) token; `true` when a stop string has just appeared. */
  push(token: number): boolean;
  /** The text: up to the stop string when one appeared, otherwise all tokens decoded. */
  text(): string;
}

function byteTracker(table: Uint8Array[], stops: Uint8Array[]): TextTracker {
  let bytes = new Uint8Array(64);
  let length = 0;
  let stopAt = -1;
  return {
    push(token) {
      const piece = table[token];
      if (piece === undefined || piece.length === 0) return false;
      if (length + piece.length > bytes.length) {
        const grown = new Uint8Array(Math.max(bytes.length * 2, length + piece.length));
        grown.set(bytes.subarray(0, length));
        bytes = grown;
      }
      const before = length;
      bytes.set(piece, length);
      length += piece.length;
      for (const stop of stops) {
        for (
          let start = Math.max(0, before - stop.length + 1);
          start + stop.length <= length;
          start++
        ) {
          let i = 0;
          while (i < stop.length && bytes[start + i] === stop[i]) i++;
          if (i === stop.length) {
            stopAt = stopAt < 0 ? start : Math.min(stopAt, start);
            break;
          }
        }
      }
      return stopAt >= 0;
    },
    text() {
      return new TextDecoder().decode(bytes.subarray(0, stopAt >= 0 ? stopAt : length));
    },
  };
}

function windowTracker(tokenizer: TextTokenizer, stops: readonly string[]): TextTracker {
  const tokens: number[] = [];
  let text = "";
  let prefixOffset = 0;
  let readOffset = 0;
  let stopAt = -1;
  const longest = Math.max(...stops.map((s) => s.length));
  return {
    push(token) {
      tokens.push(token);
      const before = text.length;
      const prefix = decodeTokens(tokenizer, tokens.slice(prefixOffset, readOffset));
      const grown = decodeTokens(tokenizer, tokens.slice(prefixOffset));
      if (grown.length > prefix.length && !grown.endsWith("\uFFFD")) {
        text += grown.slice(prefix.length);
        prefixOffset = readOffset;
        readOffset = tokens.length;
      }
      const from = Math.max(0, before - longest + 1);
      for (const stop of stops) {
        const at = text.indexOf(stop, from);
        if (at >= 0) stopAt = stopAt < 0 ? at : Math.min(stopAt, at);
      }
      return stopAt >= 0;
    },
    text() {
      return stopAt >= 0 ? text.slice(0, stopAt) : decodeTokens(tokenizer, tokens);
    },
  };
}

/**
 * A tracker for one sample, matching `stops` (empty strings are not allowed).
 *
 * @throws {RangeError} On an empty stop string.
 *
 * @example
 * ```ts
 * import { byteLevelTokenizerFiles } from "../model/byte_level_tokenizer.ts";
 * import { loadTokenizer } from "../model/text_tokenizer.ts";
 * import { textTracker } from "./text_tracker.ts";
 * const dir = await Deno.makeTempDir();
 * const files = byteLevelTokenizerFiles();
 * await Deno.writeTextFile(`${dir}/tokenizer.json`, JSON.stringify(files.tokenizer));
 * await Deno.writeTextFile(`${dir}/tokenizer_config.json`, JSON.stringify(files.tokenizerConfig));
 * const t = textTracker(await loadTokenizer(dir), ["\n\n"]);
 * const stopped = [..."7\n\nQ"].map((c) => t.push(c.charCodeAt(0)));
 * if (stopped.join() !== "false,false,true,true" || t.text() !== "7") throw new Error(t.text());
 * ```
 */
export function textTracker(tokenizer: TextTokenizer, stops: readonly string[]): TextTracker {
  if (stops.some((s) => s.length === 0)) {
    throw new RangeError("Cannot match stop strings: the empty string is not a stop string");
  }
  if (tokenizer.tokenBytes !== null) {
    const encoder = new TextEncoder();
    return byteTracker(tokenizer.tokenBytes, stops.map((s) => encoder.encode(s)));
  }
  return windowTracker(tokenizer, stops);
}
