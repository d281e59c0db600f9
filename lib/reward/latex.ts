/**
 * LaTeX (and plain-text) answers to one plain notation the answer parser reads.
 *
 * The output is mathjs syntax for scalars (`((3)/(4))`, `sqrt((2))`, `nthRoot((8),(3))`,
 * `2 pi`, `Infinity`) plus a few marks for structure: `⦃ ⦄` a set (from `\{ \}`), `⟦a,b;c,d⟧`
 * a matrix (from `pmatrix`/`bmatrix`/...), `± ∓ ∪ ∈ ≤ ≥ ≠` and ` or ` / ` and `. Spacing
 * commands, `\left`/`\right`, `$...$`, `\(...\)`, `\[...\]`, `\$` and unit text (`\text{ cm}`)
 * are dropped; `\%` becomes `%`, `^\circ` becomes `°`, and a mixed number `2\frac{1}{2}`
 * becomes `(2+1/2)`.
 *
 * One pass over the input with a precomputed brace table; recursion only into braced groups,
 * capped at {@linkcode GRADER_LIMITS}`.maxDepth`, so the cost is linear in practice and
 * bounded always.
 *
 * @module
 */
import { matchBraces } from "./_braces.ts";
import { GRADER_LIMITS } from "./limits.ts";
import {
  FUNCTIONS,
  MATRIX_ENVS,
  SIMPLE,
  TEXT_COMMANDS,
  UNICODE,
  UNICODE_RE,
  UNIT_WORDS,
} from "./_latex_tables.ts";

/**
 * Converts an answer written in LaTeX or plain text to the grader's plain notation.
 *
 * @param src The answer (not the whole response).
 * @returns The plain form, or `null` when the answer exceeds the grader's length or nesting
 * limits (the caller then compares it as text).
 *
 * @example
 * ```ts
 * import { latexToPlain } from "./latex.ts";
 * const plain = latexToPlain("\\dfrac{3}{4}")!;
 * if (plain.replace(/\s/g, "") !== "((3)/(4))") throw new Error(plain);
 * if (latexToPlain("2\\frac{1}{2}")!.replace(/\s/g, "") !== "(2+1/2)") throw new Error();
 * ```
 */
export function latexToPlain(src: string): string | null {
  if (src.length > GRADER_LIMITS.maxAnswerChars) return null;
  const s = src.replace(UNICODE_RE, (c) => UNICODE[c] ?? c);
  try {
    const out = new Converter(s).convert(0, s.length, 0);
    return out.replace(/\s+/g, " ").trim();
  } catch (e) {
    if (e instanceof LimitError) return null;
    throw e;
  }
}

class LimitError extends Error {}

class Converter {
  readonly braces: Int32Array;
  constructor(readonly s: string) {
    this.braces = matchBraces(s);
  }

  /** Converts `s[start, end)`. */
  convert(start: number, end: number, depth: number): string {
    if (depth > GRADER_LIMITS.maxDepth) throw new LimitError();
    const s = this.s;
    let out = "";
    let i = start;
    while (i < end) {
      const c = s[i]!;
      if (c === "\\") {
        const r = this.command(i, end, depth, out);
        out = r.out;
        i = r.next;
      } else if (c === "{") {
        const close = this.closeOf(i, end);
        const inner = this.convert(i + 1, close, depth + 1);
        if (inner.trim() === ",") out += ",";
        else out += hasTopLevelComma(inner) ? `⦃${inner}⦄` : `(${inner})`;
        i = close + 1;
      } else if (c === "}") {
        i++; // stray closing brace
      } else if (c === "^") {
        // Plain-text powers: "2^10" means 2^{10}, not LaTeX's 2^{1}0.
        const digits = /^ *-?\d+/.exec(
          s.slice(i + 1, Math.min(end, i + 1 + GRADER_LIMITS.maxDigits)),
        );
        const arg = digits !== null
          ? { text: digits[0], next: i + 1 + digits[0].length }
          : this.argument(i + 1, end, depth);
        const power = arg.text.trim();
        if (power === "°") out += "°";
        else if (power !== "") out += `^(${arg.text})`;
        i = arg.next;
      } else if (c === "_") {
        const arg = this.argument(i + 1, end, depth);
        const sub = arg.text.replace(/[^A-Za-z0-9]/g, "");
        if (sub !== "") out += `_${sub}`;
        i = arg.next;
      } else if (c === "$" || c === "~") {
        out += c === "~" ? " " : "";
        i++;
      } else {
        out += c;
        i++;
      }
    }
    return out;
  }

  /** The matching `}` of the `{` at `i`, or `end` when unmatched within range. */
  closeOf(i: number, end: number): number {
    const close = this.braces[i]!;
    return close > i && close < end ? close : end;
  }

  /** One macro argument at `i` (spaces skipped): a braced group, a command, or a character. */
  argument(i: number, end: number, depth: number): { text: string; next: number } {
    const s = this.s;
    while (i < end && s[i] === " ") i++;
    if (i >= end) return { text: "", next: i };
    if (s[i] === "{") {
      const close = this.closeOf(i, end);
      return { text: this.convert(i + 1, close, depth + 1), next: close + 1 };
    }
    if (s[i] === "\\") {
      const r = this.command(i, end, depth + 1, "");
      return { text: r.out, next: r.next };
    }
    if (s[i] === "(") {
      const close = matchParen(s, i, end);
      return { text: `(${this.convert(i + 1, close, depth + 1)})`, next: Math.min(close + 1, end) };
    }
    return { text: s[i]!, next: i + 1 };
  }

  /** Handles the command at `s[i] === "\\"`; `out` is what precedes it (for mixed numbers). */
  command(i: number, end: number, depth: number, out: string): { out: string; next: number } {
    if (depth > GRADER_LIMITS.maxDepth) throw new LimitError();
    const s = this.s;
    let j = i + 1;
    while (j < end && /[a-zA-Z]/.test(s[j]!)) j++;
    if (j === i + 1 && j < end) j++; // a one-character command: \{ \, \% ...
    const name = s.slice(i + 1, j);
    if (name === "frac" || name === "dfrac" || name === "tfrac" || name === "cfrac") {
      const num = this.argument(j, end, depth);
      const den = this.argument(num.next, end, depth);
      return { out: fraction(out, num.text, den.text), next: den.next };
    }
    if (name === "binom" || name === "dbinom" || name === "tbinom") {
      const n = this.argument(j, end, depth);
      const k = this.argument(n.next, end, depth);
      return { out: `${out} binom((${n.text}),(${k.text}))`, next: k.next };
    }
    if (name === "sqrt") {
      let k = j;
      while (k < end && s[k] === " ") k++;
      let index: string | null = null;
      if (s[k] === "[") {
        const close = s.indexOf("]", k);
        if (close > k && close < end) {
          index = this.convert(k + 1, close, depth + 1);
          k = close + 1;
        }
      }
      const arg = this.argument(k, end, depth);
      const text = index === null ? ` sqrt((${arg.text}))` : ` nthRoot((${arg.text}),(${index}))`;
      return { out: out + text, next: arg.next };
    }
    if (TEXT_COMMANDS.has(name)) {
      const arg = this.argument(j, end, depth);
      const text = textGroup(out, arg.text, name);
      if (text === " " && s[arg.next] === "^") {
        // A dropped unit takes its power along: 5 \text{ cm}^2 is 5.
        return { out: out + text, next: this.argument(arg.next + 1, end, depth).next };
      }
      return { out: out + text, next: arg.next };
    }
    if (name === "begin") return this.environment(j, end, depth, out);
    if (name === "end") {
      const arg = this.argument(j, end, depth); // a stray \end{...}
      return { out, next: arg.next };
    }
    if (name === "left" || name === "right") {
      let k = j;
      while (k < end && s[k] === " ") k++;
      return { out, next: s[k] === "." ? k + 1 : j };
    }
    if (name === "\\") return { out: out + ",", next: j };
    if (FUNCTIONS.has(name)) return this.func(name, j, end, depth, out);
    if (name in SIMPLE) return { out: out + SIMPLE[name]!, next: j };
    // Greek letters become variable names; an unknown command's name becomes a word (text).
    return { out: `${out} ${name} `, next: j };
  }

  /** `\sin x`, `\sin^2(x)`, `\log_2 8`: a function name, optional base and power, argument. */
  func(
    name: string,
    j: number,
    end: number,
    depth: number,
    out: string,
  ): { out: string; next: number } {
    const s = this.s;
    let base: string | null = null, power: string | null = null;
    for (let round = 0; round < 2; round++) {
      while (j < end && s[j] === " ") j++;
      if (s[j] === "_" && base === null) {
        const arg = this.argument(j + 1, end, depth);
        base = arg.text;
        j = arg.next;
      } else if (s[j] === "^" && power === null) {
        const arg = this.argument(j + 1, end, depth);
        power = arg.text;
        j = arg.next;
      }
    }
    while (j < end && s[j] === " ") j++;
    let arg: string;
    if (s[j] === "(") {
      const close = matchParen(s, j, end);
      arg = this.convert(j + 1, close, depth + 1);
      j = Math.min(close + 1, end);
    } else {
      const a = this.argument(j, end, depth);
      arg = a.text;
      j = a.next;
    }
    const fn = name === "lg" ? "log10" : name;
    let call = base === null ? `${fn}((${arg}))` : `(ln((${arg}))/ln((${base})))`;
    if (power !== null) call = `(${call})^(${power})`;
    return { out: `${out} ${call} `, next: j };
  }

  /** `\begin{env} ... \end{env}`: matrices become `⟦a,b;c,d⟧`, other environments their content. */
  environment(j: number, end: number, depth: number, out: string): { out: string; next: number } {
    const s = this.s;
    const envArg = this.argument(j, end, depth);
    const env = envArg.text.replace(/[^A-Za-z*]/g, "");
    let k = envArg.next;
    const endTag = `\\end{${env}}`;
    const close = s.indexOf(endTag, k);
    const bodyEnd = close < 0 || close > end ? end : close;
    const next = close < 0 || close > end ? end : close + endTag.length;
    if (env === "array") { // skip the column spec {cc}
      while (k < bodyEnd && s[k] === " ") k++;
      if (s[k] === "{") k = this.closeOf(k, bodyEnd) + 1;
    }
    if (!MATRIX_ENVS.has(env)) {
      const body = this.convert(k, bodyEnd, depth + 1).replace(/&/g, " ");
      return { out: `${out} ${body} `, next };
    }
    const rows = this.splitCells(k, bodyEnd).map((row) =>
      row.map(([a, b]) => this.convert(a, b, depth + 1).trim()).join(",")
    ).filter((row) => row !== "");
    const det = env === "vmatrix" || env === "Vmatrix" ? " det " : "";
    return { out: `${out}${det}⟦${rows.join(";")}⟧`, next };
  }

  /** Splits `s[start, end)` at top-level `\\` (rows) and `&` (cells) into index ranges. */
  splitCells(start: number, end: number): [number, number][][] {
    const s = this.s;
    const rows: [number, number][][] = [];
    let row: [number, number][] = [];
    let cell = start;
    for (let i = start; i < end; i++) {
      const c = s[i]!;
      if (c === "{") {
        i = this.closeOf(i, end);
      } else if (c === "&") {
        row.push([cell, i]);
        cell = i + 1;
      } else if (c === "\\" && s[i + 1] === "\\") {
        row.push([cell, i]);
        rows.push(row);
        row = [];
        cell = i + 2;
        i++;
      } else if (c === "\\") {
        i++;
      }
    }
    row.push([cell, end]);
    rows.push(row);
    return rows;
  }
}

/** `\frac{a}{b}`, or a mixed number when digits precede and both parts are digits. */
function fraction(out: string, num: string, den: string): string {
  const n = num.trim(), d = den.trim();
  if (/^\d+$/.test(n) && /^\d+$/.test(d)) {
    let k = out.length;
    while (k > 0 && out[k - 1] === " ") k--;
    let m = k;
    while (m > 0 && out.charCodeAt(m - 1) >= 48 && out.charCodeAt(m - 1) <= 57) m--;
    if (m < k && (m === 0 || !/[\w.^)\]]/.test(out[m - 1]!))) {
      return `${out.slice(0, m)}(${out.slice(m, k)}+${n}/${d})`;
    }
  }
  return `${out} ((${num})/(${den}))`;
}

/** `\text{...}`-like content: a connector, a dropped unit, or words kept as text. */
function textGroup(before: string, content: string, command: string): string {
  const t = content.trim();
  const lower = t.toLowerCase();
  if (lower === "or" || lower === "and") return ` ${lower} `;
  if (before.trim() !== "" && isUnitText(lower)) return " ";
  if (command === "boxed" || command === "fbox" || !/[a-zA-Z]/.test(t)) return ` ${content} `;
  return ` ${t} `;
}

/** True for text made only of unit words, like `cm`, `square feet`, `km/h`, `cm^(2)`. */
function isUnitText(lower: string): boolean {
  const words = lower.replace(/\^\(?([23])\)?/g, "^$1").split(/[\s.]+/).filter((w) => w !== "");
  return words.length > 0 && words.every((w) => UNIT_WORDS.has(w));
}

/** The index of the `)` that closes the `(` at `i`, or `end`. */
function matchParen(s: string, i: number, end: number): number {
  let depth = 0;
  for (let k = i; k < end; k++) {
    if (s[k] === "(") depth++;
    else if (s[k] === ")" && --depth === 0) return k;
  }
  return end;
}

/** True when `s` has a comma outside every bracket. */
function hasTopLevelComma(s: string): boolean {
  let depth = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (c === "(" || c === "[" || c === "⦃" || c === "⟦") depth++;
    else if (c === ")" || c === "]" || c === "⦄" || c === "⟧") depth--;
    else if (c === "," && depth === 0) return true;
  }
  return false;
}
