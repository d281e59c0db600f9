/**
 * Private helpers of the kind tables: draw numbers and words from a {@linkcode Prng}.
 *
 * @module
 */
import { type Prng, randomInt } from "../random.ts";
import type { WorldRange } from "./world_ranges.ts";

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
