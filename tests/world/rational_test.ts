import { assert, assertEquals, assertThrows } from "../assert.ts";
import {
  formatRational,
  isIntegerRational,
  parseRational,
  rational,
  rationalAdd,
  rationalDiv,
  rationalEquals,
  rationalMul,
  rationalSub,
} from "../../lib/world/rational.ts";
import { randomInt, randomSeeded } from "../../lib/random.ts";

Deno.test("rational() normalizes sign and common factors", () => {
  assertEquals(rational(6, -8), { num: -3n, den: 4n });
  assertEquals(rational(-6n, -8n), { num: 3n, den: 4n });
  assertEquals(rational(0, -5), { num: 0n, den: 1n });
  assertEquals(rational(7), { num: 7n, den: 1n });
  assertEquals(rational(10n ** 30n, 10n ** 29n), { num: 10n, den: 1n });
});

Deno.test("rational() throws on a zero denominator and on unsafe numbers", () => {
  assertThrows(() => rational(1, 0), RangeError, "denominator 0");
  assertThrows(() => rational(0.5), RangeError, "safe integer");
  assertThrows(() => rational(2 ** 60), RangeError, "safe integer");
});

Deno.test("rational arithmetic matches floating point on random operands", () => {
  const prng = randomSeeded(11);
  for (let i = 0; i < 2000; i++) {
    const [a, b, c, d] = [0, 0, 0, 0].map(() => randomInt(prng, -50, 51));
    const x = rational(a!, b! === 0 ? 1 : b!), y = rational(c!, d! === 0 ? 1 : d!);
    const fx = Number(x.num) / Number(x.den), fy = Number(y.num) / Number(y.den);
    const near = (r: { num: bigint; den: bigint }, f: number) =>
      Math.abs(Number(r.num) / Number(r.den) - f) <= 1e-9 * Math.max(1, Math.abs(f));
    assert(near(rationalAdd(x, y), fx + fy), "add");
    assert(near(rationalSub(x, y), fx - fy), "sub");
    assert(near(rationalMul(x, y), fx * fy), "mul");
    if (y.num !== 0n) assert(near(rationalDiv(x, y), fx / fy), "div");
    for (const r of [rationalAdd(x, y), rationalMul(x, y)]) {
      assert(r.den > 0n, "denominator not positive");
      assert(rationalEquals(r, rational(r.num, r.den)), "result not normalized");
    }
  }
});

Deno.test("rational arithmetic is exact where floats are not", () => {
  const tenth = rational(1, 10);
  const sum = rationalAdd(rationalAdd(tenth, tenth), tenth);
  assertEquals(formatRational(sum), "3/10");
  const big = rational(10n ** 40n + 1n);
  assertEquals(formatRational(rationalSub(big, rational(10n ** 40n))), "1");
});

Deno.test("rationalDiv() throws on division by zero", () => {
  assertThrows(() => rationalDiv(rational(3), rational(0)), RangeError, "by 0");
});

Deno.test("parseRational() reads integers, fractions and decimals", () => {
  const cases: [string, string][] = [
    ["-7", "-7"],
    ["+7", "7"],
    ["0", "0"],
    ["6/8", "3/4"],
    ["-6/8", "-3/4"],
    ["0.75", "3/4"],
    ["-2.50", "-5/2"],
    ["12/4", "3"],
    ["007", "7"],
  ];
  for (const [text, want] of cases) assertEquals(formatRational(parseRational(text)), want, text);
});

Deno.test("parseRational() rejects anything else", () => {
  for (
    const text of ["", "3 / 4", "3/", "/4", "1e3", ".5", "5.", "\\frac{3}{4}", "x", "--1", "1/2/3"]
  ) {
    assertThrows(() => parseRational(text), SyntaxError, `"${text}"`);
  }
  assertThrows(() => parseRational("3/0"), RangeError, "denominator 0");
});

Deno.test("formatRational() round-trips through parseRational()", () => {
  const prng = randomSeeded(5);
  for (let i = 0; i < 500; i++) {
    const r = rational(randomInt(prng, -1000, 1000), randomInt(prng, 1, 60));
    const text = formatRational(r);
    assertEquals(parseRational(text), r);
    assertEquals(isIntegerRational(r), !text.includes("/"));
  }
});
