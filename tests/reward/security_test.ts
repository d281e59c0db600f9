/**
 * Model text must never reach mathjs's evaluation: inputs that try mathjs features are
 * treated as text (or as the plain mathematics they spell), and neither mathjs instance nor
 * any built-in prototype is changed by grading them.
 *
 * @module
 */
import * as mathjs from "mathjs";
import { assert, assertEquals } from "../assert.ts";
import { restrictedMath } from "../../lib/reward/_mathjs.ts";
import { answersEquivalent, prepareAnswer } from "../../lib/reward/equivalent.ts";
import { parseExpression } from "../../lib/reward/expression.ts";
import { majorityVote } from "../../lib/reward/vote.ts";

const HOSTILE = [
  'import({"evil": 1})',
  "import({evil: 1}, {override: true})",
  'createUnit("knot", "0.514444 m/s")',
  "createUnit('foo')",
  'evaluate("1+1")',
  "evaluate('createUnit(\"bar\")')",
  "f(x) = x^2",
  "g(x) = 2",
  "a = 5",
  "pi = 3",
  "e = 2",
  'config({number: "BigNumber"})',
  "x.constructor",
  'x.constructor.constructor("return 1")()',
  "[1, 2, 3][1]",
  "{a: 1}",
  '"text"',
  "1:3",
  "x ? 1 : 2",
  "5 cm to inch",
  'simplify("x + x")',
  'parse("1")',
  "compile('1')",
  "typed('f', {})",
  "__proto__",
  "x.__proto__.polluted = 1",
  "chain(3).add(4)",
  "help(sin)",
];

/** Own keys and what each holds (value, or getter and setter), to detect any change. */
function snapshot(obj: object): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const key of Reflect.ownKeys(obj)) {
    const d = Object.getOwnPropertyDescriptor(obj, key)!;
    out.set(String(key), "value" in d ? d.value : d.get ?? d.set);
  }
  return out;
}

Deno.test("parseExpression() rejects every mathjs feature beyond arithmetic", () => {
  for (const text of HOSTILE) assertEquals(parseExpression(text), null, text);
  // What it accepts is arithmetic on numbers, names and a few functions.
  assert(parseExpression("2 pi r^2 + sqrt(2) - nthRoot(8, 3) * abs(-1) / 5!") !== null);
});

Deno.test("hostile answers are graded as text or plain mathematics, and nothing is run", () => {
  for (const text of HOSTILE) {
    const prepared = prepareAnswer(text);
    const kinds = prepared.readings.map((r) => r.kind);
    assert(!kinds.includes("expr") || /^[a-z]\(x\) = |^[a-z]+ = /.test(text), `${text}: ${kinds}`);
  }
  // Had anything been evaluated, these would be equal.
  assert(!answersEquivalent('evaluate("1+1")', "2"));
  assert(!answersEquivalent("[1, 2, 3][1]", "2"));
  assert(!answersEquivalent("x ? 1 : 2", "1"));
  assert(!answersEquivalent("1:3", "\\{1, 2, 3\\}"));
  // "f(x) = x^2" is the equation it spells, not a definition.
  assert(answersEquivalent("f(x) = x^2", "x^2"));
});

Deno.test("grading hostile answers changes neither mathjs instance nor any prototype", () => {
  const watched: object[] = [
    mathjs,
    restrictedMath,
    Object.prototype,
    Function.prototype,
    Array.prototype,
    String.prototype,
    globalThis,
  ];
  const before = watched.map(snapshot);
  const unitsBefore = Object.keys(mathjs.Unit.UNITS).length;

  for (const a of HOSTILE) {
    for (const b of HOSTILE) answersEquivalent(a, b);
  }
  majorityVote(HOSTILE);

  const after = watched.map(snapshot);
  for (let i = 0; i < watched.length; i++) {
    assertEquals([...after[i]!.keys()], [...before[i]!.keys()], `keys of watched object ${i}`);
    for (const [key, value] of before[i]!) {
      assert(Object.is(after[i]!.get(key), value), `watched object ${i}: ${key} changed`);
    }
  }
  assertEquals(Object.keys(mathjs.Unit.UNITS).length, unitsBefore);
  assertEquals(mathjs.evaluate("2 + 3"), 5);
  assertEquals(mathjs.evaluate("pi"), Math.PI);
  for (const name of ["evil", "knot", "foo", "bar", "f", "g", "polluted"]) {
    assert(!(name in mathjs), `mathjs gained ${name}`);
    assert(!(name in restrictedMath), `the grader's instance gained ${name}`);
  }
  assert(!("polluted" in {}));
  assert(typeof (restrictedMath as unknown as Record<string, unknown>).evaluate !== "function");
});
