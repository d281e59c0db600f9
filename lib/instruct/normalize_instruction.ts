/**
 * The first step of the rule filters: whitespace collapse and the capitalization switch.
 *
 * @module
 */
import type { Capitalization } from "./config.ts";

/** Options for {@linkcode normalizeInstruction}. */
export interface NormalizeInstructionOptions {
  /**
   * `"firstChar"` upper-cases the first character only; `"python"` also lower-cases the
   * rest, like Python's `str.capitalize()` (the official code; it mangles LaTeX such as
   * `\Delta`); `"none"` keeps the case.
   * @default "firstChar"
   */
  capitalize?: Capitalization;
}

/**
 * Collapses every run of whitespace (JavaScript `\s`, which includes newlines and
 * non-breaking spaces) to one space, trims, and applies the capitalization switch.
 *
 * The first character is a code point, upper-cased with `toUpperCase()`; Python's
 * `capitalize()` uses title case there, which differs only for a few letters such as the
 * digraph "ǆ" and "ß" (and a non-ASCII first character is rejected by the leading-character
 * rule anyway).
 *
 * @param text A raw instruction, as parsed from a completion.
 * @param options The capitalization switch.
 * @returns The normalized instruction; `""` when the text is blank.
 *
 * @example Default: only the first character changes
 * ```ts
 * import { normalizeInstruction } from "./normalize_instruction.ts";
 * const got = normalizeInstruction("  what is\n $\\Delta x$ ?  ");
 * if (got !== "What is $\\Delta x$ ?") throw new Error(got);
 * ```
 *
 * @example The official code's capitalization
 * ```ts
 * import { normalizeInstruction } from "./normalize_instruction.ts";
 * const got = normalizeInstruction("find X in $\\Delta$", { capitalize: "python" });
 * if (got !== "Find x in $\\delta$") throw new Error(got);
 * ```
 */
export function normalizeInstruction(
  text: string,
  options?: NormalizeInstructionOptions,
): string {
  const { capitalize = "firstChar" } = options ?? {};
  const collapsed = text.replace(/\s+/g, " ").trim();
  if (collapsed === "" || capitalize === "none") return collapsed;
  const first = String.fromCodePoint(collapsed.codePointAt(0)!);
  const rest = collapsed.slice(first.length);
  switch (capitalize) {
    case "firstChar":
      return first.toUpperCase() + rest;
    case "python":
      return first.toUpperCase() + rest.toLowerCase();
    default:
      throw new TypeError(
        `Cannot normalize instruction: unknown capitalization "${capitalize satisfies never}"`,
      );
  }
}
