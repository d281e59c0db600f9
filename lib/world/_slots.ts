/**
 * Private helpers of the kind tables: read typed values out of slot text, and draw numbers.
 *
 * Slot text has already passed the template's pattern, so a malformed value here is a bug
 * in a kind table, and it throws.
 *
 * @module
 */
import { type Prng, randomInt } from "../random.ts";
import type { WorldSlots } from "./world_template.ts";
import type { WorldRange } from "./world_ranges.ts";

const INT = /^(0|[1-9][0-9]*)$/;
const FRACTION = /^(0|[1-9][0-9]*)\/(0|[1-9][0-9]*)$/;

function slotText(slots: WorldSlots, slot: string): string {
  const text = slots[slot];
  if (text === undefined) throw new TypeError(`Cannot read slot {${slot}}: it is missing`);
  return text;
}

/** The unsigned integer in slot `slot`. */
export function slotInt(slots: WorldSlots, slot: string): bigint {
  const text = slotText(slots, slot);
  if (!INT.test(text)) throw new TypeError(`Cannot read slot {${slot}} as an integer: "${text}"`);
  return BigInt(text);
}

/** The coefficient of x in slot `slot`: empty text means 1. */
export function slotCoefficient(slots: WorldSlots, slot: string): bigint {
  return slotText(slots, slot) === "" ? 1n : slotInt(slots, slot);
}

/** The fraction in slot `slot` as written (not reduced): `[numerator, denominator]`. */
export function slotFraction(slots: WorldSlots, slot: string): [bigint, bigint] {
  const text = slotText(slots, slot);
  const m = FRACTION.exec(text);
  if (m === null) throw new TypeError(`Cannot read slot {${slot}} as a fraction: "${text}"`);
  return [BigInt(m[1]!), BigInt(m[2]!)];
}

/** The text of a coefficient times x: `3x`, or `x` for 1. */
export function coefficientX(k: bigint): string {
  return k === 1n ? "x" : `${k}x`;
}

/** A uniform integer in the inclusive range. */
export function drawInt(prng: Prng, [min, max]: WorldRange): number {
  return randomInt(prng, min, max + 1);
}

/** A uniform element of a non-empty list. */
export function drawItem<T>(prng: Prng, items: readonly T[]): T {
  return items[randomInt(prng, 0, items.length)]!;
}

/** A proper fraction `p/q` in lowest terms with `q` drawn from the range (`q >= 2`). */
export function drawProperFraction(prng: Prng, denominators: WorldRange): [number, number] {
  const q = drawInt(prng, denominators);
  for (;;) {
    const p = randomInt(prng, 1, q);
    if (gcdNumber(p, q) === 1) return [p, q];
  }
}

/** Redraws until `accept` holds; throws after `attempts` tries (ranges too narrow). */
export function drawUntil<T>(
  prng: Prng,
  draw: (prng: Prng) => T,
  accept: (value: T) => boolean,
  what: string,
  attempts = 1000,
): T {
  for (let i = 0; i < attempts; i++) {
    const value = draw(prng);
    if (accept(value)) return value;
  }
  throw new RangeError(`Cannot generate ${what}: no valid draw in ${attempts} tries`);
}

function gcdNumber(a: number, b: number): number {
  while (b !== 0) [a, b] = [b, a % b];
  return a;
}
