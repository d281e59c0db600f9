/**
 * Level 4: short word problems about people counting objects.
 *
 * Counts are whole objects, so a word problem is well-formed only if no count goes
 * negative and every sharing comes out even.
 *
 * @module
 */
import type { Prng } from "../random.ts";
import { rational } from "./rational.ts";
import { drawInt, drawItem } from "./_draw.ts";
import { slotInt } from "./_slots.ts";
import { PRODUCT_STYLES, productSteps, SUM_STYLES, sumSteps } from "./_steps.ts";
import { WORLD_NAMES, WORLD_OBJECTS } from "./world_vocabulary.ts";
import type { WorldKindDef } from "./world_kinds.ts";

const NAMES = Object.keys(WORLD_NAMES);

/** A person (with pronoun), a different second person, and an object. */
function drawCast(prng: Prng): Record<string, string> {
  const name = drawItem(prng, NAMES);
  const name2 = drawItem(prng, NAMES.filter((n) => n !== name));
  return { name, he: WORLD_NAMES[name]!, name2, obj: drawItem(prng, WORLD_OBJECTS) };
}

/** The kinds of level 4. */
export const WORD_KINDS: Readonly<
  Record<"word_add" | "word_sub" | "word_mul" | "word_div" | "word_two_step", WorldKindDef>
> = {
  "word_add": {
    level: 4,
    templates: [
      "{name} has {a} {obj} and buys {b} more. How many does {he} have now?",
      "{name} had {a} {obj} and found {b} more. How many {obj} does {he} have?",
      "A box has {a} {obj}. {name} adds {b} more. How many {obj} are in the box?",
    ],
    sample(prng, ranges) {
      const cast = drawCast(prng);
      const a = drawInt(prng, ranges.level4Count), b = drawInt(prng, ranges.level4Count);
      return { slots: { ...cast, a: `${a}`, b: `${b}` }, answer: rational(a + b) };
    },
    solve: (s) => rational(slotInt(s, "a") + slotInt(s, "b")),
    traceStyles: SUM_STYLES,
    steps: (s, style) => `${sumSteps(slotInt(s, "a"), "+", slotInt(s, "b"), style)}.`,
  },
  "word_sub": {
    level: 4,
    templates: [
      "{name} has {a} {obj} and gives {b} to {name2}. How many are left?",
      "{name} had {a} {obj} and lost {b}. How many {obj} are left?",
      "A box has {a} {obj}. {name} takes out {b}. How many are left in the box?",
    ],
    sample(prng, ranges) {
      const cast = drawCast(prng);
      const x = drawInt(prng, ranges.level4Count), y = drawInt(prng, ranges.level4Count);
      const a = Math.max(x, y), b = Math.min(x, y);
      return { slots: { ...cast, a: `${a}`, b: `${b}` }, answer: rational(a - b) };
    },
    solve(s) {
      const left = slotInt(s, "a") - slotInt(s, "b");
      return left >= 0n ? rational(left) : null;
    },
    traceStyles: SUM_STYLES,
    steps: (s, style) => `${sumSteps(slotInt(s, "a"), "-", slotInt(s, "b"), style)}.`,
  },
  "word_mul": {
    level: 4,
    templates: [
      "{name} buys {a} bags with {b} {obj} in each. How many {obj} is that?",
      "A box holds {b} {obj}. How many {obj} are in {a} boxes?",
      "{name} makes {a} rows of {b} {obj}. How many {obj} are there?",
    ],
    sample(prng, ranges) {
      const cast = drawCast(prng);
      const a = drawInt(prng, ranges.level4Group), b = drawInt(prng, ranges.level4Group);
      return { slots: { ...cast, a: `${a}`, b: `${b}` }, answer: rational(a * b) };
    },
    solve: (s) => rational(slotInt(s, "a") * slotInt(s, "b")),
    traceStyles: PRODUCT_STYLES,
    steps: (s, style) => `${productSteps(slotInt(s, "a"), slotInt(s, "b"), style)}.`,
  },
  "word_div": {
    level: 4,
    templates: [
      "{name} shares {a} {obj} equally among {b} friends. How many does each get?",
      "{name} puts {a} {obj} into {b} equal groups. How many are in each group?",
      "{name} packs {a} {obj} in boxes of {b}. How many boxes does {he} fill?",
    ],
    sample(prng, ranges) {
      const cast = drawCast(prng);
      const q = drawInt(prng, ranges.level4Group), b = drawInt(prng, ranges.level4Group);
      return { slots: { ...cast, a: `${q * b}`, b: `${b}` }, answer: rational(q) };
    },
    solve(s) {
      const a = slotInt(s, "a"), b = slotInt(s, "b");
      return b !== 0n && a % b === 0n ? rational(a / b) : null;
    },
    traceStyles: 2,
    steps(s, style = 0) {
      const a = slotInt(s, "a"), b = slotInt(s, "b");
      return style === 1
        ? `${b} * ${a / b} = ${a}, so ${a} / ${b} = ${a / b}.`
        : `${a} / ${b} = ${a / b}.`;
    },
  },
  "word_two_step": {
    level: 4,
    templates: [
      "{name} has {a} {obj}, buys {b} more and gives away {c}. How many are left?",
      "{name} had {a} {obj}, found {b} more and lost {c}. How many does {he} have now?",
      "A box has {a} {obj}. {name} adds {b} and takes out {c}. How many are in the box?",
    ],
    sample(prng, ranges) {
      const cast = drawCast(prng);
      const [min, max] = ranges.level4Count;
      const a = drawInt(prng, ranges.level4Count), b = drawInt(prng, ranges.level4Count);
      const c = drawInt(prng, [min, Math.min(max, a + b)]);
      const slots = { ...cast, a: `${a}`, b: `${b}`, c: `${c}` };
      return { slots, answer: rational(a + b - c) };
    },
    solve(s) {
      const left = slotInt(s, "a") + slotInt(s, "b") - slotInt(s, "c");
      return left >= 0n ? rational(left) : null;
    },
    traceStyles: SUM_STYLES,
    steps(s, style) {
      const a = slotInt(s, "a"), b = slotInt(s, "b"), c = slotInt(s, "c");
      return `${sumSteps(a, "+", b, style)}, ${sumSteps(a + b, "-", c, style)}.`;
    },
  },
};
