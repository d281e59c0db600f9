/**
 * Final-answer extraction from a model response (SeRL spec, section 3).
 *
 * Priority, highest first:
 * 1. Minerva style: "final answer is X. I hope it is correct" (the last such sentence).
 * 2. "final answer is X" and the last `\boxed{X}` / `\fbox{X}`: whichever comes later in the
 *    text wins, so "The final answer is $\boxed{5}$" gives `5`.
 * 3. "answer: X" (the rest of that line; markdown bold around "Answer:" is fine).
 * 4. The last number (integer, decimal, thousands-separated or a fraction `a/b`).
 *
 * Every step is a linear scan (literal regexes, one brace-matching pass), so a response of
 * any size is handled in time proportional to its length.
 *
 * @module
 */
import { matchBraces } from "./_braces.ts";

const FINAL_ANSWER = /final\s+answer\s+is\b/gi;
const I_HOPE = /\bI\s+hope\b/gi;
const BOXED = /\\(?:boxed|fbox)(?![a-zA-Z])/g;
const ANSWER_COLON = /\banswer\s*(?:\*+\s*)?[:：]/gi;
const NUMBER = /-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?:\/\d+)?/g;

/**
 * Extracts the final answer from a model response.
 *
 * @param text The whole response.
 * @returns The answer as written (LaTeX kept, outer `$...$`, `\boxed{}` and a whole-answer
 * `\text{}` removed), or `null` when the response gives none.
 *
 * @example Boxed, Minerva style and fallbacks
 * ```ts
 * import { extractAnswer } from "./extract.ts";
 * if (extractAnswer("so we get \\boxed{\\frac{3}{4}}.") !== "\\frac{3}{4}") throw new Error();
 * const minerva = "Final Answer: The final answer is $12$. I hope it is correct.";
 * if (extractAnswer(minerva) !== "12") throw new Error();
 * if (extractAnswer("Answer: -7") !== "-7") throw new Error();
 * if (extractAnswer("3 apples and 4 pears make 7 fruits") !== "7") throw new Error();
 * if (extractAnswer("no idea") !== null) throw new Error();
 * ```
 */
export function extractAnswer(text: string): string | null {
  if (typeof text !== "string" || text.length === 0) return null;
  return minervaAnswer(text) ?? finalOrBoxed(text) ?? answerColon(text) ?? lastNumber(text);
}

/** "final answer is X. I hope": X between the last "I hope" and the last "final answer is" before it. */
function minervaAnswer(text: string): string | null {
  const hope = lastMatch(I_HOPE, text, text.length);
  if (hope === null) return null;
  const final = lastMatch(FINAL_ANSWER, text, hope.index);
  if (final === null) return null;
  return cleanAnswer(text.slice(final.index + final[0].length, hope.index));
}

/** The later of the last "final answer is X" and the last complete `\boxed{X}`. */
function finalOrBoxed(text: string): string | null {
  let braces: Int32Array | null = null;
  const getBraces = () => (braces ??= matchBraces(text));
  const final = lastMatch(FINAL_ANSWER, text, text.length);
  const boxed = lastBoxed(text, getBraces);
  if (final !== null && (boxed === null || final.index > boxed.start)) {
    const start = final.index + final[0].length;
    const answer = cleanAnswer(sentenceAfter(text, start));
    if (answer !== null) return answer;
  }
  return boxed === null ? null : cleanAnswer(boxed.content);
}

/** The last `\boxed`/`\fbox` with a complete argument: its start index and content. */
function lastBoxed(
  text: string,
  getBraces: () => Int32Array,
): { start: number; content: string } | null {
  const starts: number[] = [];
  BOXED.lastIndex = 0;
  for (let m = BOXED.exec(text); m !== null; m = BOXED.exec(text)) starts.push(m.index);
  for (let k = starts.length - 1; k >= 0; k--) {
    const start = starts[k]!;
    const nameEnd = start + (text.startsWith("\\boxed", start) ? 6 : 5);
    const content = boxedArgument(text, nameEnd, getBraces);
    if (content !== null) return { start, content };
  }
  return null;
}

/** The argument after `\boxed` starting at `i`: a braced group, or one token (`\boxed 5`). */
function boxedArgument(text: string, i: number, getBraces: () => Int32Array): string | null {
  while (i < text.length && (text[i] === " " || text[i] === "\t")) i++;
  if (i >= text.length) return null;
  if (text[i] === "{") {
    const close = getBraces()[i]!;
    return close > i ? text.slice(i + 1, close) : null;
  }
  let j = i;
  while (j < text.length && !/[\s$]/.test(text[j]!)) j++;
  return j > i ? text.slice(i, j) : null;
}

/** From `start`: a delimited math span, else up to the end of the line or sentence. */
function sentenceAfter(text: string, start: number): string {
  let i = start;
  while (i < text.length && /[\s:*]/.test(text[i]!)) i++;
  for (const [open, close] of [["$$", "$$"], ["$", "$"], ["\\(", "\\)"], ["\\[", "\\]"]]) {
    if (text.startsWith(open!, i)) {
      const end = text.indexOf(close!, i + open!.length);
      if (end > 0) return text.slice(i, end + close!.length);
    }
  }
  let j = i;
  for (; j < text.length; j++) {
    const c = text[j]!;
    if (c === "\n") break;
    if (c === "." && (j + 1 === text.length || /\s/.test(text[j + 1]!))) break;
  }
  return text.slice(i, j);
}

/** "answer: X": the rest of the line after the last such label. */
function answerColon(text: string): string | null {
  const m = lastMatch(ANSWER_COLON, text, text.length);
  if (m === null) return null;
  const start = m.index + m[0].length;
  const end = text.indexOf("\n", start);
  return cleanAnswer(text.slice(start, end < 0 ? text.length : end));
}

function lastNumber(text: string): string | null {
  let last: RegExpExecArray | null = null;
  NUMBER.lastIndex = 0;
  for (let m = NUMBER.exec(text); m !== null; m = NUMBER.exec(text)) last = m;
  if (last === null) return null;
  let s = last[0];
  // "10-3": the minus is subtraction, not a sign.
  if (s.startsWith("-") && last.index > 0 && /[\w)\]}]/.test(text[last.index - 1]!)) {
    s = s.slice(1);
  }
  return s;
}

/** The last match of a global regex that starts before `before`. */
function lastMatch(re: RegExp, text: string, before: number): RegExpExecArray | null {
  let last: RegExpExecArray | null = null;
  re.lastIndex = 0;
  for (let m = re.exec(text); m !== null && m.index < before; m = re.exec(text)) last = m;
  return last;
}

const WRAPPERS: readonly [string, string][] = [
  ["$$", "$$"],
  ["$", "$"],
  ["\\(", "\\)"],
  ["\\[", "\\]"],
  ["**", "**"],
];
const WHOLE_COMMAND = /^\\(?:boxed|fbox|text|textbf|textrm|mathrm|mbox) ?\{/;

/** Strips delimiters, markdown bold, a trailing full stop and whole-answer wrappers. */
function cleanAnswer(raw: string): string | null {
  let s = raw;
  for (let round = 0; round < 6; round++) {
    const before = s;
    s = strip(strip(s, " \t\r\n*", " \t\r\n*.,;"), " \t\r\n", " \t\r\n");
    for (const [open, close] of WRAPPERS) {
      if (s.length >= open.length + close.length && s.startsWith(open) && s.endsWith(close)) {
        const inner = s.slice(open.length, s.length - close.length);
        if (!inner.includes(open) && !inner.includes(close)) s = inner;
      }
    }
    const m = WHOLE_COMMAND.exec(s);
    if (m !== null) {
      const braces = matchBraces(s);
      const open = m[0].length - 1;
      if (braces[open] === s.length - 1) s = s.slice(open + 1, -1);
    }
    if (s === before) break;
  }
  s = s.trim();
  return s.length > 0 ? s : null;
}

/** Removes leading characters in `head` and trailing ones in `tail` (no regex backtracking). */
function strip(s: string, head: string, tail: string): string {
  let i = 0, j = s.length;
  while (i < j && head.includes(s[i]!)) i++;
  while (j > i && tail.includes(s[j - 1]!)) j--;
  return s.slice(i, j);
}
