/**
 * Level 5, first half: one-step linear equations `kx + b = c` and `kx - b = c`.
 *
 * The sampler picks an integer root; an equation written by a model may have a fractional
 * root, which is still a well-formed problem. `0x` (coefficient zero) has no unique root and
 * is not a problem of the world.
 *
 * @module
 */
import type { Prng } from "../random.ts";
import { formatRational, type Rational, rational } from "./rational.ts";
import { drawInt, drawUntil } from "./_draw.ts";
import { slotCoefficient, slotInt } from "./_slots.ts";
import { sumSteps } from "./_steps.ts";
import type { WorldRanges } from "./world_ranges.ts";
import type { WorldSlots } from "./world_template.ts";
import type { WorldKindDef, WorldSample } from "./world_kinds.ts";

/** The text of a coefficient times x: `3x`, or `x` for 1. */
function coefficientX(k: bigint): string {
  return k === 1n ? "x" : `${k}x`;
}

const FORMS = [
  "Solve for x: {lhs} = {c}.",
  "Solve {lhs} = {c} for x.",
  "If {lhs} = {c}, what is x?",
  "Find x if {lhs} = {c}.",
] as const;

function templates(sign: "+" | "-"): string[] {
  return FORMS.map((form) => form.replace("{lhs}", `{k}x ${sign} {b}`));
}

/** Draws `kx ± b = c` with an integer root and `c >= 0` (numbers are written unsigned). */
function sampleLinear(prng: Prng, ranges: WorldRanges, sign: 1 | -1): WorldSample {
  const [k, x, b, c] = drawUntil(
    prng,
    (p) => {
      const k = drawInt(p, ranges.level5Coefficient), x = drawInt(p, ranges.level5Root);
      const b = drawInt(p, ranges.level5Constant);
      return [k, x, b, k * x + sign * b];
    },
    ([, , , c]) => c >= 0,
    "a linear equation with a non-negative right-hand side",
  );
  return { slots: { k: k === 1 ? "" : `${k}`, b: `${b}`, c: `${c}` }, answer: rational(x) };
}

/** `x = (c - sign * b) / k`, or null for `k = 0`. */
function solveLinear(slots: WorldSlots, sign: 1n | -1n): Rational | null {
  const k = slotCoefficient(slots, "k");
  if (k === 0n) return null;
  return rational(slotInt(slots, "c") - sign * slotInt(slots, "b"), k);
}

/**
 * `3x = 20 - 5 = 15, x = 15 / 3 = 5.` (or `x = 20 - 5 = 15.` when k is 1). Styles 1 and 2
 * work the right-hand side out in parts (`47 - 18 = 47 - 10 - 8 = ...`, tens or units first).
 */
function linearSteps(slots: WorldSlots, sign: 1n | -1n, style = 0): string {
  const k = slotCoefficient(slots, "k"), b = slotInt(slots, "b"), c = slotInt(slots, "c");
  const rhs = c - sign * b;
  const op = sign === 1n ? "-" : "+";
  const moved = style === 0 ? `${c} ${op} ${b} = ${rhs}` : sumSteps(c, op, b, style - 1);
  if (k === 1n) return `x = ${moved}.`;
  return `${coefficientX(k)} = ${moved}, x = ${rhs} / ${k} = ${formatRational(rational(rhs, k))}.`;
}

/** The equation kinds of level 5. */
export const LINEAR_KINDS: Readonly<Record<"linear_add" | "linear_sub", WorldKindDef>> = {
  "linear_add": {
    level: 5,
    templates: templates("+"),
    sample: (prng, ranges) => sampleLinear(prng, ranges, 1),
    solve: (s) => solveLinear(s, 1n),
    traceStyles: 3,
    steps: (s, style) => linearSteps(s, 1n, style),
  },
  "linear_sub": {
    level: 5,
    templates: templates("-"),
    sample: (prng, ranges) => sampleLinear(prng, ranges, -1),
    solve: (s) => solveLinear(s, -1n),
    traceStyles: 3,
    steps: (s, style) => linearSteps(s, -1n, style),
  },
};
