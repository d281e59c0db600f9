/**
 * Problem templates: one string serves both to write a problem and to read one back.
 *
 * A template is plain text with typed slots in braces, for example
 * `"{name} has {a} {obj} and buys {b} more. How many does {he} have now?"`. The slot name
 * decides what it holds:
 *
 * | slot              | holds                                                            |
 * | ----------------- | ---------------------------------------------------------------- |
 * | `a` `b` `c`       | an unsigned integer without leading zeros (`0`, `7`, `120`)      |
 * | `k`               | the coefficient before `x`: such an integer, or empty (means 1)  |
 * | `f` `g`           | a fraction of two such integers (`3/4`; unreduced is fine)       |
 * | `e`               | an arithmetic expression (digits, `+ - *`, parentheses, spaces)  |
 * | `name` `name2`    | a person of {@linkcode WORLD_NAMES}; the two must differ         |
 * | `obj`             | an object of {@linkcode WORLD_OBJECTS}                           |
 * | `he`              | `he` or `she`, whichever {@linkcode WORLD_NAMES} gives `name`    |
 *
 * A slot may appear more than once; every occurrence must then hold the same text. Matching
 * ignores case (SeRL's `officialCode` preset lower-cases generated questions), and slot
 * values come back in canonical case (`Ann`, `apples`, `she`).
 *
 * @module
 */
import { WORLD_NAMES, WORLD_OBJECTS } from "./world_vocabulary.ts";

/** Slot values by slot name, as text (`{ a: "12", name: "Ann" }`). */
export type WorldSlots = Readonly<Record<string, string>>;

/** Reads the slots of one template out of a whitespace-normalized text, or `null`. */
export type WorldTemplateMatcher = (text: string) => WorldSlots | null;

const INT = "0|[1-9][0-9]*";
const byLength = (words: readonly string[]) => [...words].sort((x, y) => y.length - x.length);
const NAMES = byLength(Object.keys(WORLD_NAMES)).join("|");
const OBJECTS = byLength(WORLD_OBJECTS).join("|");

const SLOT_PATTERNS: Readonly<Record<string, string>> = {
  a: INT,
  b: INT,
  c: INT,
  k: `(?:${INT})?`,
  f: `(?:${INT})/(?:${INT})`,
  g: `(?:${INT})/(?:${INT})`,
  e: "[-+*() 0-9]+",
  name: NAMES,
  name2: NAMES,
  obj: OBJECTS,
  he: "he|she",
};

const CANONICAL_WORDS: ReadonlyMap<string, string> = new Map(
  [...Object.keys(WORLD_NAMES), ...WORLD_OBJECTS, "he", "she"].map((w) => [w.toLowerCase(), w]),
);

const SLOT = /\{(\w+)\}/g;

function slotPattern(slot: string, template: string): string {
  const pattern = SLOT_PATTERNS[slot];
  if (pattern === undefined) {
    throw new TypeError(`Cannot use template "${template}": unknown slot {${slot}}`);
  }
  return pattern;
}

/**
 * Writes a template out with the given slot values.
 *
 * @param template The template text.
 * @param slots A value for every slot of the template.
 * @returns The problem text.
 * @throws {TypeError} If the template names an unknown slot or a value is missing.
 *
 * @example
 * ```ts
 * import { renderWorldTemplate } from "./world_template.ts";
 * const text = renderWorldTemplate("What is {a} + {b}?", { a: "12", b: "5" });
 * if (text !== "What is 12 + 5?") throw new Error(text);
 * ```
 */
export function renderWorldTemplate(template: string, slots: WorldSlots): string {
  return template.replace(SLOT, (_, slot: string) => {
    slotPattern(slot, template);
    const value = slots[slot];
    if (value === undefined) {
      throw new TypeError(`Cannot render template "${template}": missing slot {${slot}}`);
    }
    return value;
  });
}

/**
 * Compiles a template into a matcher that reads slot values back out of a text.
 *
 * The text must equal the template exactly (up to letter case) once each slot is replaced
 * by a value of its kind; callers collapse whitespace first. Besides the slot patterns the
 * matcher checks that `he` agrees with `name` and that `name2` differs from `name`.
 * Matching is linear in the text length for every template this world uses.
 *
 * @param template The template text.
 * @returns The matcher.
 * @throws {TypeError} If the template names an unknown slot.
 *
 * @example Read the slots of a word problem
 * ```ts
 * import { compileWorldTemplate } from "./world_template.ts";
 * const match = compileWorldTemplate("{name} has {a} {obj}. Does {he}?");
 * if (match("ann has 3 Apples. Does she?")?.["name"] !== "Ann") throw new Error("no match");
 * if (match("Ann has 3 apples. Does he?") !== null) throw new Error("pronoun not checked");
 * ```
 */
export function compileWorldTemplate(template: string): WorldTemplateMatcher {
  const seen = new Set<string>();
  let source = "";
  let last = 0;
  for (const m of template.matchAll(SLOT)) {
    source += escapeRegExp(template.slice(last, m.index));
    const slot = m[1]!;
    const pattern = slotPattern(slot, template);
    source += seen.has(slot) ? `\\k<${slot}>` : `(?<${slot}>${pattern})`;
    seen.add(slot);
    last = m.index + m[0].length;
  }
  source += escapeRegExp(template.slice(last));
  const regex = new RegExp(`^${source}$`, "i");
  return (text) => {
    const groups = regex.exec(text)?.groups;
    if (groups === undefined) return null;
    const slots: Record<string, string> = {};
    for (const [slot, value] of Object.entries(groups)) {
      slots[slot] = CANONICAL_WORDS.get(value.toLowerCase()) ?? value;
    }
    if (slots.he !== undefined && WORLD_NAMES[slots.name!] !== slots.he) return null;
    if (slots.name2 !== undefined && slots.name2 === slots.name) return null;
    return slots;
  };
}

function escapeRegExp(text: string): string {
  return text.replace(/[\\^$.*+?()[\]{}|/-]/g, "\\$&");
}
