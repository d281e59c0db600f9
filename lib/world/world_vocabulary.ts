/**
 * The words that fill the word problems of level 4: people (each with the pronoun the
 * templates use for them) and the plural objects they count.
 *
 * Names and objects are short, so a problem stays under about 100 characters, and none of
 * them is on SeRL's rule-filter blacklist (image, graph, picture, file, map, draw, plot...).
 *
 * @module
 */

/**
 * Every person of the world, with the subject pronoun the templates use.
 *
 * @example
 * ```ts
 * import { WORLD_NAMES } from "./world_vocabulary.ts";
 * if (WORLD_NAMES["Ann"] !== "she" || WORLD_NAMES["Tom"] !== "he") throw new Error();
 * ```
 */
export const WORLD_NAMES: Readonly<Record<string, "he" | "she">> = Object.freeze({
  Ann: "she",
  Mia: "she",
  Emma: "she",
  Lily: "she",
  Zoe: "she",
  Sara: "she",
  Nina: "she",
  Lucy: "she",
  Amy: "she",
  Eva: "she",
  Rosa: "she",
  Kate: "she",
  Tom: "he",
  Ben: "he",
  Sam: "he",
  Leo: "he",
  Max: "he",
  Jack: "he",
  Omar: "he",
  Ivan: "he",
  Raj: "he",
  Luis: "he",
  Noah: "he",
  Paul: "he",
});

/**
 * Every object of the world, as the plural the templates use.
 *
 * @example
 * ```ts
 * import { WORLD_OBJECTS } from "./world_vocabulary.ts";
 * if (!WORLD_OBJECTS.includes("apples")) throw new Error("apples missing");
 * ```
 */
export const WORLD_OBJECTS: readonly string[] = Object.freeze([
  "apples",
  "pears",
  "plums",
  "pencils",
  "stickers",
  "marbles",
  "cookies",
  "books",
  "coins",
  "cards",
  "stamps",
  "shells",
  "balloons",
  "eggs",
  "cups",
  "toys",
  "beads",
  "stones",
  "buttons",
  "candles",
]);
