/**
 * Scalar expressions: a restricted parse into mathjs trees, then our own evaluation.
 *
 * The text goes through mathjs's parser (precedence, implicit multiplication, unary minus,
 * right-associative powers), and the tree is accepted only if every node is a number, a
 * name, `+ - * / ^ !`, parentheses or one of a few functions (`sqrt`, `nthRoot`, `abs`,
 * trigonometric, `log`/`ln`/`exp`, `binom`). Assignments, function definitions, accessors,
 * strings, objects, matrices, ranges, conditionals, units and every other mathjs function
 * (`import`, `createUnit`, `evaluate`, ...) make the text "not mathematics". Accepted trees
 * are compiled to plain closures over `Float64Array` and evaluated by this module, never
 * by mathjs, in double precision: `9^9^9^9` is an `Infinity` computed in nanoseconds.
 *
 * An expression with variables is sampled at {@linkcode GRADER_LIMITS}`.samplePoints`
 * points; the value of a variable at point k depends only on its name and k, so two
 * expressions are compared by comparing their sample vectors.
 *
 * @module
 */
import type { MathNode } from "mathjs";
import { parseTree } from "./_mathjs.ts";
import { GRADER_LIMITS } from "./limits.ts";
import { FUNCTIONS, GREEK } from "./_latex_tables.ts";
import { deriveSeed } from "../random.ts";

/** A parsed, sampled scalar expression. */
export interface Expr {
  /** Canonical form of the tree (for comparing what cannot be evaluated). */
  readonly key: string;
  /** Variable names, sorted. */
  readonly vars: readonly string[];
  /** Values at the sample points (one value when there are no variables). */
  readonly samples: Float64Array;
  /** The exact value when the text is an integer literal, else null. */
  readonly integer: bigint | null;
  /** True when the text names `Infinity`, so an infinite value is meant, not an overflow. */
  readonly infinite: boolean;
}

/** Names that are constants or functions, not products of one-letter variables. */
export const KNOWN_NAMES: ReadonlySet<string> = new Set([
  ..."pi e Infinity infinity sqrt nthRoot abs binom log10 asin acos atan".split(" "),
  ...FUNCTIONS,
  ...GREEK,
]);

type Fn = (env: Float64Array) => number;
const UNARY: Record<string, (x: number) => number> = {
  sqrt: Math.sqrt,
  abs: Math.abs,
  sin: Math.sin,
  cos: Math.cos,
  tan: Math.tan,
  cot: (x) => 1 / Math.tan(x),
  sec: (x) => 1 / Math.cos(x),
  csc: (x) => 1 / Math.sin(x),
  arcsin: Math.asin,
  arccos: Math.acos,
  arctan: Math.atan,
  asin: Math.asin,
  acos: Math.acos,
  atan: Math.atan,
  sinh: Math.sinh,
  cosh: Math.cosh,
  tanh: Math.tanh,
  log: Math.log,
  ln: Math.log,
  lg: Math.log10,
  log10: Math.log10,
  exp: Math.exp,
};
const BINARY: Record<string, (x: number, y: number) => number> = {
  nthRoot,
  binom,
  log: (x, b) => Math.log(x) / Math.log(b),
};
const OPERATORS: Record<string, (x: number, y: number) => number> = {
  add: (x, y) => x + y,
  subtract: (x, y) => x - y,
  multiply: (x, y) => x * y,
  divide: (x, y) => x / y,
  pow: Math.pow,
};

/**
 * Parses a scalar expression in the grader's plain notation (see `latex.ts`).
 *
 * @param src Plain text such as `((3)/(4))`, `2 pi r`, `sqrt((2))/2`, `x^2+1`.
 * @returns The sampled expression, or `null` when the text is not an accepted expression
 * (too long, too deep, a number with too many digits, a syntax error, or any construct
 * outside the allowed set).
 *
 * @example
 * ```ts
 * import { parseExpression } from "./expression.ts";
 * const half = parseExpression("((1)/(2))")!;
 * if (half.samples[0] !== 0.5) throw new Error();
 * if (parseExpression("import(x)") !== null) throw new Error("functions are not allowed");
 * if (parseExpression("f(x) = x") !== null) throw new Error("definitions are not allowed");
 * ```
 */
export function parseExpression(src: string): Expr | null {
  const text = prepare(src);
  if (text === null) return null;
  let tree: MathNode;
  try {
    tree = parseTree(text);
  } catch {
    return null;
  }
  const ctx: Context = { vars: [], nodes: 0, infinite: false };
  const compiled = compile(tree, ctx);
  if (compiled === null) return null;
  const order = ctx.vars.map((_, i) => i).sort((a, b) => (ctx.vars[a]! < ctx.vars[b]! ? -1 : 1));
  const vars = order.map((i) => ctx.vars[i]!);
  const points = vars.length === 0 ? 1 : GRADER_LIMITS.samplePoints;
  const samples = new Float64Array(points);
  const env = new Float64Array(ctx.vars.length);
  for (let k = 0; k < points; k++) {
    for (let v = 0; v < ctx.vars.length; v++) env[v] = sampleValue(ctx.vars[v]!, k);
    samples[k] = compiled.fn(env);
  }
  const literal = /^[-+]?\d+$/.exec(text.replace(/\s+/g, ""));
  return {
    key: compiled.key,
    vars,
    samples,
    integer: literal === null ? null : BigInt(literal[0]),
    infinite: ctx.infinite,
  };
}

/** Length, depth and digit checks, `**` to `^`, and letter runs split into variables. */
function prepare(src: string): string | null {
  const s = src.trim();
  if (s === "" || s.length > GRADER_LIMITS.maxExpressionChars) return null;
  let depth = 0, digits = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 40 || c === 91) depth++; // ( [
    else if (c === 41 || c === 93) depth--;
    if (depth > GRADER_LIMITS.maxDepth) return null;
    digits = c >= 48 && c <= 57 ? digits + 1 : 0;
    if (digits > GRADER_LIMITS.maxDigits) return null;
  }
  // mathjs reads "Infinity" as a constant, like the overflow 1e400: rename it to tell them apart.
  return s.replace(/\*\*/g, "^").replace(TOKENS, (t) => (/^[\d.]/.test(t) ? t : splitName(t)))
    .replace(/\bInfinity\b/g, "infinity");
}

/** Numbers (scientific notation kept whole, so `3e5` is not `3 e 5`) and letter runs. */
const TOKENS = /(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?|[A-Za-z]+(?:_[A-Za-z0-9]+)?/g;

/**
 * `xy` is `x y`, `ab_1` is `a b_1`; known names stay whole. A longer unknown word is not
 * mathematics (`chain`, `import`), so it makes the whole text unparseable.
 */
function splitName(run: string): string {
  const sub = run.indexOf("_");
  const letters = sub < 0 ? run : run.slice(0, sub);
  if (KNOWN_NAMES.has(letters) || letters.length === 1) return ` ${run} `;
  if (letters.length > 2) return "@"; // a character mathjs rejects
  return ` ${letters[0]} ${letters[1]}${sub < 0 ? "" : run.slice(sub)} `;
}

interface Context {
  vars: string[];
  nodes: number;
  infinite: boolean;
}

/** Validates and compiles a mathjs tree; null for anything outside the allowed set. */
function compile(node: MathNode, ctx: Context): { fn: Fn; key: string } | null {
  if (++ctx.nodes > GRADER_LIMITS.maxNodes) return null;
  switch (node.type) {
    case "ConstantNode": {
      const value = (node as unknown as { value: unknown }).value;
      if (typeof value !== "number" || !Number.isFinite(value)) return null;
      return { fn: () => value, key: String(value) };
    }
    case "ParenthesisNode":
      return compile((node as unknown as { content: MathNode }).content, ctx);
    case "SymbolNode":
      return symbol((node as unknown as { name: string }).name, ctx);
    case "OperatorNode": {
      const { fn, args } = node as unknown as { fn: string; args: MathNode[] };
      const parts = compileAll(args, ctx);
      if (parts === null) return null;
      if (args.length === 2 && fn in OPERATORS) {
        const op = OPERATORS[fn]!, [a, b] = [parts[0]!.fn, parts[1]!.fn];
        return {
          fn: (env) => op(a(env), b(env)),
          key: `(${fn} ${parts[0]!.key} ${parts[1]!.key})`,
        };
      }
      if (args.length === 1) {
        const a = parts[0]!.fn;
        if (fn === "unaryMinus") return { fn: (env) => -a(env), key: `(neg ${parts[0]!.key})` };
        if (fn === "unaryPlus") return parts[0]!;
        if (fn === "factorial") {
          return { fn: (env) => factorial(a(env)), key: `(! ${parts[0]!.key})` };
        }
      }
      return null;
    }
    case "FunctionNode": {
      const { fn, args } = node as unknown as { fn: MathNode; args: MathNode[] };
      if (fn.type !== "SymbolNode") return null;
      const name = (fn as unknown as { name: string }).name;
      const parts = compileAll(args, ctx);
      if (parts === null) return null;
      if (args.length === 1 && name in UNARY) {
        const f = UNARY[name]!, a = parts[0]!.fn;
        return { fn: (env) => f(a(env)), key: `(${name} ${parts[0]!.key})` };
      }
      if (args.length === 2 && name in BINARY) {
        const f = BINARY[name]!, [a, b] = [parts[0]!.fn, parts[1]!.fn];
        return {
          fn: (env) => f(a(env), b(env)),
          key: `(${name} ${parts[0]!.key} ${parts[1]!.key})`,
        };
      }
      return null;
    }
    default:
      return null;
  }
}

function compileAll(args: MathNode[], ctx: Context): { fn: Fn; key: string }[] | null {
  const out: { fn: Fn; key: string }[] = [];
  for (const arg of args) {
    const part = compile(arg, ctx);
    if (part === null) return null;
    out.push(part);
  }
  return out;
}

function symbol(name: string, ctx: Context): { fn: Fn; key: string } | null {
  if (name === "pi") return { fn: () => Math.PI, key: "pi" };
  if (name === "e") return { fn: () => Math.E, key: "e" };
  if (name === "infinity") {
    ctx.infinite = true;
    return { fn: () => Infinity, key: "Infinity" };
  }
  if (name in UNARY || name in BINARY || !/^[A-Za-z][A-Za-z0-9_]{0,23}$/.test(name)) return null;
  let index = ctx.vars.indexOf(name);
  if (index < 0) index = ctx.vars.push(name) - 1;
  return { fn: (env) => env[index]!, key: name };
}

const SAMPLES = new Map<string, Float64Array>();

/** The value of variable `name` at sample point `k`: in ±[0.35, 2.25], sign alternating. */
function sampleValue(name: string, k: number): number {
  let values = SAMPLES.get(name);
  if (values === undefined) {
    values = new Float64Array(GRADER_LIMITS.samplePoints);
    for (let i = 0; i < values.length; i++) {
      const u = deriveSeed(0x5e41, "grader-sample", name, i) / 4294967296;
      values[i] = (i % 2 === 0 ? 1 : -1) * (0.35 + 1.9 * u);
    }
    if (SAMPLES.size >= 4096) SAMPLES.clear(); // names are few; keep the cache bounded
    SAMPLES.set(name, values);
  }
  return values[k]!;
}

function factorial(n: number): number {
  if (!Number.isInteger(n) || n < 0 || n > 170) return NaN;
  let r = 1;
  for (let i = 2; i <= n; i++) r *= i;
  return r;
}

function binom(n: number, k: number): number {
  if (!Number.isInteger(n) || !Number.isInteger(k) || k < 0 || k > n) return NaN;
  const m = Math.min(k, n - k);
  if (m > 1000) return NaN;
  let r = 1;
  for (let i = 1; i <= m; i++) r = (r * (n - m + i)) / i;
  return Math.round(r) === r || r > 2 ** 53 ? r : Math.round(r);
}

function nthRoot(x: number, n: number): number {
  if (Number.isInteger(n) && n % 2 !== 0 && x < 0) return -Math.pow(-x, 1 / n);
  return Math.pow(x, 1 / n);
}
