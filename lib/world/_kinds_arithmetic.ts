/**
 * Levels 1 and 2: sums and differences of two numbers, products, and exact divisions.
 *
 * @module
 */
import { rational } from "./rational.ts";
import { drawInt } from "./_draw.ts";
import { slotInt } from "./_slots.ts";
import { PRODUCT_STYLES, productSteps, SUM_STYLES, sumSteps } from "./_steps.ts";
import type { WorldKindDef } from "./world_kinds.ts";

/** The kinds of levels 1 and 2. */
export const ARITHMETIC_KINDS: Readonly<Record<"add" | "sub" | "mul" | "div", WorldKindDef>> = {
  add: {
    level: 1,
    templates: [
      "What is {a} + {b}?",
      "Compute {a} + {b}.",
      "What is {a} plus {b}?",
      "Find the sum of {a} and {b}.",
      "Add {a} and {b}.",
    ],
    sample(prng, ranges) {
      const a = drawInt(prng, ranges.level1), b = drawInt(prng, ranges.level1);
      return { slots: { a: `${a}`, b: `${b}` }, answer: rational(a + b) };
    },
    solve: (s) => rational(slotInt(s, "a") + slotInt(s, "b")),
    traceStyles: SUM_STYLES,
    steps: (s, style) => `${sumSteps(slotInt(s, "a"), "+", slotInt(s, "b"), style)}.`,
  },
  sub: {
    level: 1,
    templates: [
      "What is {a} - {b}?",
      "Compute {a} - {b}.",
      "What is {a} minus {b}?",
      "Subtract {b} from {a}.",
      "What is {b} less than {a}?",
    ],
    sample(prng, ranges) {
      const x = drawInt(prng, ranges.level1), y = drawInt(prng, ranges.level1);
      const a = Math.max(x, y), b = Math.min(x, y);
      return { slots: { a: `${a}`, b: `${b}` }, answer: rational(a - b) };
    },
    solve: (s) => rational(slotInt(s, "a") - slotInt(s, "b")),
    traceStyles: SUM_STYLES,
    steps: (s, style) => `${sumSteps(slotInt(s, "a"), "-", slotInt(s, "b"), style)}.`,
  },
  mul: {
    level: 2,
    templates: [
      "What is {a} * {b}?",
      "Compute {a} * {b}.",
      "What is {a} times {b}?",
      "Find the product of {a} and {b}.",
      "Multiply {a} by {b}.",
    ],
    sample(prng, ranges) {
      const x = drawInt(prng, ranges.level2Factor), y = drawInt(prng, ranges.level2Small);
      const [a, b] = prng() < 0.5 ? [x, y] : [y, x];
      return { slots: { a: `${a}`, b: `${b}` }, answer: rational(a * b) };
    },
    solve: (s) => rational(slotInt(s, "a") * slotInt(s, "b")),
    traceStyles: PRODUCT_STYLES,
    steps: (s, style) => `${productSteps(slotInt(s, "a"), slotInt(s, "b"), style)}.`,
  },
  div: {
    level: 2,
    templates: [
      "What is {a} / {b}?",
      "Compute {a} / {b}.",
      "What is {a} divided by {b}?",
      "Divide {a} by {b}.",
      "How many times does {b} go into {a}?",
    ],
    sample(prng, ranges) {
      const q = drawInt(prng, ranges.level2Factor), b = drawInt(prng, ranges.level2Small);
      return { slots: { a: `${q * b}`, b: `${b}` }, answer: rational(q) };
    },
    solve(s) {
      const a = slotInt(s, "a"), b = slotInt(s, "b");
      return b !== 0n && a % b === 0n ? rational(a / b) : null;
    },
    traceStyles: 2,
    steps(s, style = 0) {
      const a = slotInt(s, "a"), b = slotInt(s, "b");
      return style === 1
        ? `${a} = ${b} * ${a / b}, so ${a} / ${b} = ${a / b}.`
        : `${b} * ${a / b} = ${a}, so ${a} / ${b} = ${a / b}.`;
    },
  },
};
