/**
 * The structure of an answer: what mathematical object(s) a plain-notation answer can mean.
 *
 * An answer gets one or more *readings*, and two answers are equivalent when some reading of
 * one equals some reading of the other. Several readings are kept where notation is
 * ambiguous:
 * - `x = 3`: the value `3` and the equation `x - 3 = 0`;
 * - `50%`: `50` and `0.5`; `60^\circ`: `60` and `\pi/3`;
 * - `3,5`: the decimal `3.5` and the list `{3, 5}`;
 * - `1, 2` (a bare list): the set `{1, 2}` and the ordered `(1, 2)`.
 *
 * Kinds of value: a scalar expression, a tuple (ordered, with its brackets: `(1, 2)` is an
 * ordered pair and an open interval alike, `[1, 2)` an interval), a set (order and
 * repetition ignored: `\{1, 2\}`, `x = 1 or x = 2`, `1 \pm \sqrt 2`, unions of intervals), a
 * matrix, an equation, and text.
 *
 * @module
 */
import { type Expr, KNOWN_NAMES, parseExpression as parseUnbudgeted } from "./expression.ts";
import { GRADER_LIMITS } from "./limits.ts";
import { UNIT_WORDS } from "./_latex_tables.ts";

/** One reading of an answer. */
export type Value =
  | { readonly kind: "expr"; readonly expr: Expr }
  /** `lhs - rhs`; equal to another equation when the two differences are proportional. */
  | { readonly kind: "equation"; readonly diff: Expr }
  /** `open`/`close` are `(`, `[`, `)`, `]`, or `""` for a bare list `1, 2`. */
  | {
    readonly kind: "tuple";
    readonly open: string;
    readonly close: string;
    readonly items: readonly Value[];
  }
  | { readonly kind: "set"; readonly items: readonly Value[] }
  | { readonly kind: "matrix"; readonly rows: readonly (readonly Value[])[] }
  | { readonly kind: "text"; readonly text: string };

interface Item {
  /** The reading used when this item sits inside a list, tuple or set. */
  primary: Value;
  readings: Value[];
  /** The variable on the left of `x = ...`, if any. */
  symbol?: string;
}

const CONNECTORS = new Set(["and", "or"]);
const OPENERS = "([⦃⟦";
const CLOSERS = ")]⦄⟧";
const RELATIONS = "=<>≤≥≠";
const THOUSANDS = /^[-+]?\d{1,3}(?:[, ]\d{3})+(?:\.\d+)?%?$/;
const MIXED_NUMBER = /^([-+]?)(\d+) (\d+)\/(\d+)$/;
const DECIMAL_COMMA = /^[-+]?\d+,(?:\d{1,2}|\d{4,})$/;
const SYMBOL_LIKE = /^[A-Za-z](?:_[A-Za-z0-9]+)?$|^[A-Za-z]\w{0,10} ?\([A-Za-z, ]*\)$/;

/**
 * All readings of an answer in plain notation (the output of `latexToPlain`).
 *
 * @param plain The converted answer.
 * @returns Its readings, most natural first; never empty (text is the last resort).
 *
 * @example
 * ```ts
 * import { answerReadings } from "./answer.ts";
 * const kinds = answerReadings("x=1 or x=2").map((r) => r.kind);
 * if (kinds[0] !== "set") throw new Error(kinds.join());
 * ```
 */
export function answerReadings(plain: string): Value[] {
  expressionsLeft = GRADER_LIMITS.maxExpressions;
  let s = stripEnd(plain.trim());
  s = s.replace(/^[A-Za-z]\w{0,10} ?∈ ?/, "");
  if (THOUSANDS.test(s) && /\d[, ]\d{3}/.test(s)) s = s.replace(/[, ]/g, "");
  s = s.replace(MIXED_NUMBER, "$1($2+$3/$4)");
  const readings: Value[] = [];
  if (DECIMAL_COMMA.test(s)) {
    const decimal = parseExpression(s.replace(",", "."));
    if (decimal !== null) readings.push({ kind: "expr", expr: decimal });
  }
  readings.push(...listReadings(s, 0));
  return readings;
}

/** Parses left for the answer being read (GRADER_LIMITS.maxExpressions); reset per answer. */
let expressionsLeft = 0;

/** {@linkcode parseUnbudgeted} within the answer's budget: past it every part is text. */
function parseExpression(s: string): Expr | null {
  return expressionsLeft-- > 0 ? parseUnbudgeted(s) : null;
}

const INFINITY = parseUnbudgeted("Infinity")!, NEG_INFINITY = parseUnbudgeted("-Infinity")!;

/** True when the answer is words rather than mathematics (`yes`, `even`, `\text{Monday}`). */
export function isWordy(plain: string): boolean {
  const words = withoutUnits(plain).match(/[A-Za-z]+/g) ?? [];
  return words.some((w) =>
    (w.length >= 3 && !KNOWN_NAMES.has(w) && !CONNECTORS.has(w)) || w.toLowerCase() === "no"
  );
}

function listReadings(s: string, depth: number): Value[] {
  if (depth > GRADER_LIMITS.maxDepth) return [text(s)];
  for (const sep of [" or ", " and ", "∪"]) {
    const parts = splitTop(s, sep);
    if (parts.length > GRADER_LIMITS.maxItems) return [text(s)];
    if (parts.length > 1) {
      const items = flatten(parts.map((p) => item(p, depth + 1)));
      return [items.length > GRADER_LIMITS.maxItems ? text(s) : { kind: "set", items }];
    }
  }
  const parts = splitTop(s, ",");
  if (parts.length > GRADER_LIMITS.maxItems) return [text(s)];
  if (parts.length > 1 && parts.every((p) => p.trim() !== "")) {
    const items = parts.map((p) => item(p, depth + 1));
    const symbols = items.map((it) => it.symbol);
    if (symbols.every((x) => x !== undefined) && new Set(symbols).size === items.length) {
      // x = 1, y = 2: the ordered pair (1, 2) by variable name, and the set of equations.
      const byName = items.slice().sort((a, b) => (a.symbol! < b.symbol! ? -1 : 1));
      const equations = items.map((it) => it.readings.find((r) => r.kind === "equation"));
      const out: Value[] = [
        { kind: "tuple", open: "(", close: ")", items: byName.map((it) => it.primary) },
      ];
      if (equations.every((e) => e !== undefined)) {
        out.push({ kind: "set", items: equations as Value[] });
      }
      return out;
    }
    return [
      { kind: "set", items: flatten(items) },
      { kind: "tuple", open: "", close: "", items: items.map((it) => it.primary) },
    ];
  }
  return item(s, depth + 1).readings;
}

/** One item: an equation or inequality, a `\pm`, a percentage, a bracketed group, a scalar. */
function item(raw: string, depth: number): Item {
  const s = stripEnd(raw.trim());
  if (depth > GRADER_LIMITS.maxDepth || s === "") return single(text(s));
  const rel = splitRelations(s);
  if (rel !== null) return relation(rel.parts, rel.ops, depth);
  const pm = s.search(/[±∓]/);
  if (pm >= 0 && countPlusMinus(s) <= GRADER_LIMITS.maxPlusMinus) {
    const [first, second] = s[pm] === "±" ? ["+", "-"] : ["-", "+"];
    const a = item(s.slice(0, pm) + first + s.slice(pm + 1), depth + 1);
    const b = item(s.slice(0, pm) + second + s.slice(pm + 1), depth + 1);
    return single({ kind: "set", items: flatten([a, b]) });
  }
  if (s.endsWith("%") || s.endsWith("°")) {
    // 50% is 50 or 0.5; 60° is 60 or pi/3.
    const base = s.slice(0, -1).trim();
    const scale = s.endsWith("%") ? "/100" : "*pi/180";
    const whole = parseExpression(base), scaled = parseExpression(`(${base})${scale}`);
    if (whole !== null && scaled !== null) {
      const readings: Value[] = [{ kind: "expr", expr: whole }, { kind: "expr", expr: scaled }];
      return { primary: readings[0]!, readings };
    }
  }
  const bare = withoutUnits(s);
  if (bare !== s) return item(bare, depth + 1);
  const enclosed = enclosure(s, depth);
  if (enclosed !== null) return enclosed;
  const expr = parseExpression(s);
  return single(expr === null ? text(s) : { kind: "expr", expr });
}

/** Bracketed forms: `⟦..⟧` matrix, `⦃..⦄` set, `(a, b)`/`[a, b)` tuple or interval, `(x)`. */
function enclosure(s: string, depth: number): Item | null {
  const open = OPENERS.indexOf(s[0]!);
  if (open < 0 || closingIndex(s, 0) !== s.length - 1) return null;
  const inner = s.slice(1, -1);
  const close = s[s.length - 1]!;
  if (s[0] === "⟦") {
    const rows = splitTop(inner, ";").map((row) =>
      splitTop(row, ",").map((cell) => item(cell, depth + 1).primary)
    );
    if (rows.length * (rows[0]?.length ?? 0) > GRADER_LIMITS.maxItems) return single(text(s));
    return single({ kind: "matrix", rows });
  }
  const parts = splitTop(inner, ",");
  if (parts.length > GRADER_LIMITS.maxItems) return single(text(s));
  if (s[0] === "⦃") {
    if (inner.trim() === "") return single({ kind: "set", items: [] });
    return single({ kind: "set", items: flatten(parts.map((p) => item(p, depth + 1))) });
  }
  if (parts.length === 1) {
    // A grouping bracket around one thing: (3), [x = 2]; a mixed pair like [3) is not.
    return OPENERS.indexOf(s[0]!) === CLOSERS.indexOf(close) ? item(inner, depth + 1) : null;
  }
  const items = parts.map((p) => item(p, depth + 1).primary);
  return single({ kind: "tuple", open: s[0]!, close, items });
}

/** `x = 3`, `y = 2x + 1`, `x > 2`, `1 < x \le 3`. */
function relation(parts: string[], ops: string[], depth: number): Item {
  const whole = parts.map((p, i) => p + (ops[i] ?? "")).join("");
  if (ops.every((op) => op === "=")) {
    const lhs = parts[0]!.trim(), rhs = parts[parts.length - 1]!.trim();
    const diff = parts.length === 2 ? parseExpression(`(${lhs})-(${rhs})`) : null;
    const equation: Value[] = diff !== null && diff.vars.length > 0
      ? [{ kind: "equation", diff }]
      : [];
    if (SYMBOL_LIKE.test(lhs) || KNOWN_NAMES.has(lhs)) {
      const value = item(rhs, depth + 1);
      return { primary: value.primary, readings: [...value.readings, ...equation], symbol: lhs };
    }
    if (parts.length === 2 && SYMBOL_LIKE.test(rhs)) {
      const value = item(lhs, depth + 1);
      return { primary: value.primary, readings: [...value.readings, ...equation], symbol: rhs };
    }
    return equation.length > 0 ? single(equation[0]!) : single(text(whole));
  }
  const interval = inequality(parts.map((p) => p.trim()), ops);
  return single(interval ?? text(whole));
}

/** A one-variable inequality as an interval: `x > 2` is `(2, ∞)`, `1 < x ≤ 3` is `(1, 3]`. */
function inequality(parts: string[], ops: string[]): Value | null {
  if (ops.some((op) => op === "=" || op === "≠")) return null;
  const isVar = (p: string) => SYMBOL_LIKE.test(p) && !p.includes("(");
  const num = (p: string) => {
    const e = parseExpression(p);
    return e !== null && e.vars.length === 0 ? e : null;
  };
  const inf = INFINITY, negInf = NEG_INFINITY;
  const less = (op: string) => op === "<" || op === "≤";
  const interval = (lo: Expr, loOpen: boolean, hi: Expr, hiOpen: boolean): Value => ({
    kind: "tuple",
    open: loOpen ? "(" : "[",
    close: hiOpen ? ")" : "]",
    items: [{ kind: "expr", expr: lo }, { kind: "expr", expr: hi }],
  });
  if (parts.length === 2) {
    const [a, b] = parts as [string, string], op = ops[0]!;
    const strict = op === "<" || op === ">";
    if (isVar(a) && num(b) !== null) {
      return less(op)
        ? interval(negInf, true, num(b)!, strict)
        : interval(num(b)!, strict, inf, true);
    }
    if (isVar(b) && num(a) !== null) {
      return less(op)
        ? interval(num(a)!, strict, inf, true)
        : interval(negInf, true, num(a)!, strict);
    }
    return null;
  }
  if (parts.length === 3 && isVar(parts[1]!) && less(ops[0]!) === less(ops[1]!)) {
    let [lo, hi] = [num(parts[0]!), num(parts[2]!)];
    let [loOp, hiOp] = ops as [string, string];
    if (lo === null || hi === null) return null;
    if (!less(loOp)) [lo, hi, loOp, hiOp] = [hi, lo, hiOp, loOp];
    return interval(lo, loOp === "<" || loOp === ">", hi, hiOp === "<" || hiOp === ">");
  }
  return null;
}

/** Splits at top-level relation signs; null when there are none. */
function splitRelations(s: string): { parts: string[]; ops: string[] } | null {
  const parts: string[] = [], ops: string[] = [];
  let depth = 0, start = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (OPENERS.includes(c)) depth++;
    else if (CLOSERS.includes(c)) depth--;
    else if (depth === 0 && RELATIONS.includes(c)) {
      parts.push(s.slice(start, i));
      ops.push(c);
      start = i + 1;
    }
  }
  if (ops.length === 0) return null;
  parts.push(s.slice(start));
  return parts.some((p) => p.trim() === "") ? null : { parts, ops };
}

/** Splits at `sep` outside all brackets. */
function splitTop(s: string, sep: string): string[] {
  const parts: string[] = [];
  let depth = 0, start = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (OPENERS.includes(c)) depth++;
    else if (CLOSERS.includes(c)) depth--;
    else if (depth === 0 && s.startsWith(sep, i)) {
      parts.push(s.slice(start, i));
      start = i + sep.length;
      i += sep.length - 1;
    }
  }
  parts.push(s.slice(start));
  return parts;
}

/** The index of the bracket closing the one at `i` (any bracket kind closes any). */
function closingIndex(s: string, i: number): number {
  let depth = 0;
  for (let k = i; k < s.length; k++) {
    if (OPENERS.includes(s[k]!)) depth++;
    else if (CLOSERS.includes(s[k]!) && --depth === 0) return k;
  }
  return -1;
}

/** Drops unit words after a number: `12 apples` is `12`, `5 square feet` is `5`. */
function withoutUnits(s: string): string {
  let j = s.length;
  for (;;) {
    if (j > 1 && s[j - 2] === "^" && /[23]/.test(s[j - 1]!)) j -= 2;
    else if (j > 0 && /[A-Za-z .\/]/.test(s[j - 1]!)) j--;
    else break;
  }
  const tail = s.slice(j).trim(), head = s.slice(0, j).trim();
  if (tail === "" || head === "" || !/[\d)%]$/.test(head) || !/[A-Za-z]{2}/.test(tail)) return s;
  const words = tail.split(/[\s./^]+/).filter((w) => /[A-Za-z]/.test(w));
  const units = words.every((w) =>
    UNIT_WORDS.has(w.toLowerCase()) || (w.length >= 3 && !KNOWN_NAMES.has(w) && !CONNECTORS.has(w))
  );
  return units ? head : s;
}

function countPlusMinus(s: string): number {
  let n = 0;
  for (const c of s) if (c === "±" || c === "∓") n++;
  return n;
}

/** Members of a list for a set: a nested set (from `\pm`) contributes its members. */
function flatten(items: Item[]): Value[] {
  return items.flatMap((it) => (it.primary.kind === "set" ? it.primary.items : [it.primary]));
}

function single(v: Value): Item {
  return { primary: v, readings: [v] };
}

function text(s: string): Value {
  return { kind: "text", text: s.replace(/\s+/g, "").toLowerCase() };
}

/** Removes a trailing full stop (not a decimal point) and trailing spaces. */
function stripEnd(s: string): string {
  let j = s.length;
  while (j > 0 && (s[j - 1] === "." || s[j - 1] === " ") && !/\d/.test(s[j] ?? "")) j--;
  return s.slice(0, j);
}
