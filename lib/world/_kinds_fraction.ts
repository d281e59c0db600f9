/**
 * Level 5, second half: sums, differences and products of two fractions, and "p/q of n".
 *
 * The sampler writes proper fractions in lowest terms; a model may write any `p/q` with
 * `q > 0` (unreduced is fine, the steps work with the fractions as written). A zero
 * denominator makes the problem ill-formed.
 *
 * @module
 */
import type { Prng } from "../random.ts";
import {
  formatRational,
  type Rational,
  rational,
  rationalAdd,
  rationalMul,
  rationalSub,
} from "./rational.ts";
import { drawInt, drawProperFraction } from "./_draw.ts";
import { slotFraction, slotInt } from "./_slots.ts";
import type { WorldRange } from "./world_ranges.ts";
import type { WorldSlots } from "./world_template.ts";
import type { WorldKindDef } from "./world_kinds.ts";

function gcd(a: bigint, b: bigint): bigint {
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}

/** Both fractions of slots f and g as written, or null if a denominator is zero. */
function pair(s: WorldSlots): [[bigint, bigint], [bigint, bigint]] | null {
  const f = slotFraction(s, "f"), g = slotFraction(s, "g");
  return f[1] === 0n || g[1] === 0n ? null : [f, g];
}

/** `n/d`, followed by ` = reduced` when reducing changes how it is written. */
function reduced(n: bigint, d: bigint): string {
  const r = formatRational(rational(n, d));
  return r === `${n}/${d}` ? r : `${n}/${d} = ${r}`;
}

/**
 * `1/6 + 1/4 = 2/12 + 3/12 = 5/12.`: the common denominator is the lcm (style 0) or the
 * product of the denominators (style 1: `4/24 + 6/24 = 10/24 = 5/12`).
 */
function sumSteps(s: WorldSlots, sign: 1n | -1n, style = 0): string {
  const [[p, q], [r, t]] = pair(s)!;
  const op = sign === 1n ? "+" : "-";
  const lcm = style === 1 ? q * t : q / gcd(q, t) * t;
  const x = p * (lcm / q), y = r * (lcm / t);
  const common = q === lcm && t === lcm ? "" : ` = ${x}/${lcm} ${op} ${y}/${lcm}`;
  return `${p}/${q} ${op} ${r}/${t}${common} = ${reduced(x + sign * y, lcm)}.`;
}

function sampleFractions(prng: Prng, denominators: WorldRange) {
  const [p, q] = drawProperFraction(prng, denominators);
  const [r, t] = drawProperFraction(prng, denominators);
  return { slots: { f: `${p}/${q}`, g: `${r}/${t}` }, f: rational(p, q), g: rational(r, t) };
}

function combine(s: WorldSlots, how: (f: Rational, g: Rational) => Rational): Rational | null {
  const fg = pair(s);
  return fg === null ? null : how(rational(...fg[0]), rational(...fg[1]));
}

/** The fraction kinds of level 5. */
export const FRACTION_KINDS: Readonly<
  Record<"fraction_add" | "fraction_sub" | "fraction_mul" | "fraction_of", WorldKindDef>
> = {
  "fraction_add": {
    level: 5,
    templates: [
      "What is {f} + {g}?",
      "Compute {f} + {g}.",
      "Find the sum of {f} and {g}.",
      "Add {f} and {g}.",
    ],
    sample(prng, ranges) {
      const { slots, f, g } = sampleFractions(prng, ranges.level5Denominator);
      const answer = rational(f.num * g.den + g.num * f.den, f.den * g.den);
      return { slots, answer };
    },
    solve: (s) => combine(s, rationalAdd),
    traceStyles: 2,
    steps: (s, style) => sumSteps(s, 1n, style),
  },
  "fraction_sub": {
    level: 5,
    templates: ["What is {f} - {g}?", "Compute {f} - {g}.", "Subtract {g} from {f}."],
    sample(prng, ranges) {
      const { slots, f, g } = sampleFractions(prng, ranges.level5Denominator);
      const answer = rational(f.num * g.den - g.num * f.den, f.den * g.den);
      return { slots, answer };
    },
    solve: (s) => combine(s, rationalSub),
    traceStyles: 2,
    steps: (s, style) => sumSteps(s, -1n, style),
  },
  "fraction_mul": {
    level: 5,
    templates: ["What is {f} * {g}?", "What is {f} times {g}?", "Multiply {f} by {g}."],
    sample(prng, ranges) {
      const { slots, f, g } = sampleFractions(prng, ranges.level5Denominator);
      return { slots, answer: rational(f.num * g.num, f.den * g.den) };
    },
    solve: (s) => combine(s, rationalMul),
    traceStyles: 2,
    steps(s, style = 0) {
      const [[p, q], [r, t]] = pair(s)!;
      const product = `${p}/${q} * ${r}/${t} = ${reduced(p * r, q * t)}.`;
      return style === 1
        ? `${p} * ${r} = ${p * r}, ${q} * ${t} = ${q * t}, so ${product}`
        : product;
    },
  },
  "fraction_of": {
    level: 5,
    templates: ["What is {f} of {a}?", "Find {f} of {a}."],
    sample(prng, ranges) {
      const [p, q] = drawProperFraction(prng, ranges.level5Denominator);
      const k = drawInt(prng, ranges.level5Coefficient);
      return { slots: { f: `${p}/${q}`, a: `${q * k}` }, answer: rational(p * k) };
    },
    solve(s) {
      const [p, q] = slotFraction(s, "f");
      return q === 0n ? null : rational(p * slotInt(s, "a"), q);
    },
    traceStyles: 2,
    steps(s, style = 0) {
      const [p, q] = slotFraction(s, "f"), n = slotInt(s, "a");
      // Style 1 divides first, which only reads well when q divides n.
      if (style === 1 && n % q === 0n) {
        return `${n} / ${q} = ${n / q}, ${n / q} * ${p} = ${n / q * p}.`;
      }
      return `${p}/${q} * ${n} = ${reduced(p * n, q)}.`;
    },
  },
};
