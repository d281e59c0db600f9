import { assert, assertEquals } from "../assert.ts";
import { deriveSeed, randomSeeded } from "../../lib/random.ts";
import {
  WORLD_KINDS,
  WORLD_KINDS_BY_LEVEL,
  type WorldKind,
  type WorldKindDef,
} from "../../lib/world/world_kinds.ts";
import { DEFAULT_WORLD_RANGES, OOD_WORLD_RANGES } from "../../lib/world/world_ranges.ts";
import { compileWorldTemplate, renderWorldTemplate } from "../../lib/world/world_template.ts";
import {
  blacklistRule,
  emptyRule,
  leadingCharRule,
  wordCountRule,
  writeProgramRule,
} from "../../lib/instruct/rule_filters.ts";

const KINDS = Object.entries(WORLD_KINDS) as [WorldKind, WorldKindDef][];
const MATCHERS = KINDS.flatMap(([kind, def]) =>
  def.templates.map((t, index) => ({ kind, def, index, match: compileWorldTemplate(t) }))
);

/** Every problem of a kind/template, drawn `n` times with default and OOD ranges. */
function* instances(n: number) {
  for (const [kind, def] of KINDS) {
    for (const ranges of [DEFAULT_WORLD_RANGES, OOD_WORLD_RANGES]) {
      for (let i = 0; i < n; i++) {
        const { slots, answer } = def.sample(randomSeeded(deriveSeed(1, kind, i)), ranges);
        for (const [index, template] of def.templates.entries()) {
          yield { kind, def, index, slots, answer, text: renderWorldTemplate(template, slots) };
        }
      }
    }
  }
}

Deno.test("WORLD_KINDS_BY_LEVEL covers every kind once, and every level", () => {
  const listed = Object.values(WORLD_KINDS_BY_LEVEL).flat().sort();
  assertEquals(listed, Object.keys(WORLD_KINDS).sort());
  for (const kinds of Object.values(WORLD_KINDS_BY_LEVEL)) assert(kinds.length > 0);
});

Deno.test("every sampled problem matches exactly one template: its own", () => {
  for (const { kind, index, text } of instances(40)) {
    const hits = MATCHERS.filter((m) => {
      const slots = m.match(text);
      return slots !== null && m.def.solve(slots) !== null;
    });
    assertEquals(hits.map((h) => `${h.kind}#${h.index}`), [`${kind}#${index}`], text);
  }
});

Deno.test("every kind's solver agrees with its sampler", () => {
  for (const { def, index, answer, text } of instances(40)) {
    const read = MATCHERS.find((m) => m.def === def && m.index === index)!.match(text);
    assert(read !== null, text);
    assertEquals(def.solve(read), answer, text);
  }
});

Deno.test("every sampled problem passes SeRL's rule filters", () => {
  const rules = [emptyRule, wordCountRule, blacklistRule, writeProgramRule, leadingCharRule];
  for (const { text } of instances(10)) {
    for (const rule of rules) {
      const verdict = rule(text);
      assert(verdict.keep, `${text}: ${JSON.stringify(verdict)}`);
    }
    assert(/^[\x20-\x7e]+$/.test(text), `not printable ASCII: ${text}`);
  }
});

Deno.test("solvers reject problems whose answer is undefined", () => {
  const undefinedCases: [WorldKind, Record<string, string>][] = [
    ["div", { a: "85", b: "7" }],
    ["div", { a: "5", b: "0" }],
    ["word_div", { a: "10", b: "4" }],
    ["word_div", { a: "0", b: "0" }],
    ["word_sub", { a: "3", b: "5" }],
    ["word_two_step", { a: "3", b: "1", c: "5" }],
    ["linear_add", { k: "0", b: "1", c: "5" }],
    ["linear_sub", { k: "0", b: "1", c: "5" }],
    ["fraction_add", { f: "1/0", g: "1/2" }],
    ["fraction_mul", { f: "1/2", g: "3/0" }],
    ["fraction_of", { f: "1/0", a: "4" }],
    ["expression", { e: "3 + 4" }],
  ];
  for (const [kind, slots] of undefinedCases) {
    assertEquals(WORLD_KINDS[kind].solve(slots), null, `${kind} ${JSON.stringify(slots)}`);
  }
  assertEquals(WORLD_KINDS.div.solve({ a: "0", b: "5" })?.num, 0n);
  assertEquals(WORLD_KINDS.sub.solve({ a: "12", b: "57" })?.num, -45n);
  assertEquals(WORLD_KINDS.linear_add.solve({ k: "3", b: "5", c: "21" }), { num: 16n, den: 3n });
});
