/**
 * Numbered questions out of a generation completion (spec section 2, "Parsing").
 *
 * @module
 */

/** Options for {@linkcode parseQuestions}. */
export interface ParseQuestionsOptions {
  /**
   * The completion continues the item the prompt opened (its trailing `9.`), so the text
   * before the first numbered line is that item. With `false` that text is dropped (for a
   * completion that stands alone).
   * @default true
   */
  continuesItem?: boolean;
  /**
   * The completion was cut at the token limit, so its last item is unfinished: drop it.
   * @default false
   */
  truncated?: boolean;
}

/**
 * A line that starts an item: at the start of the text or after a newline, optional
 * spaces or tabs, a number, an optional space or tab, a dot, then whitespace or the end
 * (so "3.14" and "2.5 kg" do not start items, "10." at the very end does).
 */
const ITEM_START = /(?:^|\n)[ \t]*\d+[ \t]?\.(?=\s|$)/g;

/**
 * Splits a completion into its numbered items: each item is the text after `N.` up to the
 * next line that starts with `M.` or the end. The numbers themselves are not checked
 * (a skipped or repeated number still starts an item), a line without a number joins the
 * item before it, and items are trimmed but otherwise raw: whitespace collapse and the
 * filters come after, and an empty item is returned as `""` so the funnel counts it.
 *
 * @param completion The model's text after the prompt (untrusted).
 * @param options Whether the completion continues an open item; whether it was truncated.
 * @returns The items in order.
 *
 * @example A completion that continues the prompt's "9."
 * ```ts
 * import { parseQuestions } from "./parse_questions.ts";
 * const items = parseQuestions(" What is 3.5 + 1?\n10. Name a prime\nabove 10.\n11.");
 * const want = ["What is 3.5 + 1?", "Name a prime\nabove 10.", ""];
 * if (JSON.stringify(items) !== JSON.stringify(want)) throw new Error(JSON.stringify(items));
 * ```
 */
export function parseQuestions(completion: string, options?: ParseQuestionsOptions): string[] {
  const { continuesItem = true, truncated = false } = options ?? {};
  const starts = [...completion.matchAll(ITEM_START)];
  const items: string[] = [];
  const lead = completion.slice(0, starts[0]?.index ?? completion.length).trim();
  if (continuesItem && lead !== "") items.push(lead);
  for (let k = 0; k < starts.length; k++) {
    const begin = starts[k].index + starts[k][0].length;
    const end = starts[k + 1]?.index ?? completion.length;
    items.push(completion.slice(begin, end).trim());
  }
  if (truncated) items.pop();
  return items;
}
