/**
 * Seeded randomness for reproducible runs.
 *
 * Every random choice in serl (few-shot shuffles, token sampling, weight init, problem
 * generation) draws from a {@linkcode Prng} made by {@linkcode randomSeeded}. Seeds are
 * never carried from step to step as mutable state: they are derived from the run seed and
 * the coordinates of the draw with {@linkcode deriveSeed} (for example `(seed, "rollout",
 * step, prompt, sample)`), so a run resumed at step k draws exactly what an uninterrupted
 * run draws there.
 *
 * The generator is xoshiro128** (Blackman and Vigna, 2018) seeded through splitmix32; each
 * float uses two 32-bit outputs, so it has the full 53 bits of a double.
 *
 * @module
 */

/** A source of uniform floats in [0, 1), the shape of `Math.random`. */
export type Prng = () => number;

/** One splitmix32 step: a well-mixed 32-bit value from a 32-bit counter. */
function splitmix32(x: number): number {
  x = (x + 0x9e3779b9) | 0;
  let z = x;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

/**
 * Hashes a seed and a list of keys (numbers or strings) into a new 32-bit seed.
 *
 * Distinct key lists give independent streams; the same list always gives the same seed.
 *
 * @param seed The run seed (any integer; only its low 32 bits are used).
 * @param keys Coordinates of the draw, for example a purpose name, a step and an index.
 * @returns An unsigned 32-bit seed.
 *
 * @example Derive a per-sample seed
 * ```ts
 * import { deriveSeed } from "./random.ts";
 * const a = deriveSeed(7, "rollout", 3, 0);
 * if (a !== deriveSeed(7, "rollout", 3, 0)) throw new Error("not deterministic");
 * if (a === deriveSeed(7, "rollout", 3, 1)) throw new Error("streams collide");
 * ```
 */
export function deriveSeed(seed: number, ...keys: readonly (number | string)[]): number {
  let h = splitmix32(seed >>> 0);
  const mix = (v: number) => {
    h = splitmix32((h ^ (v >>> 0)) >>> 0);
  };
  for (const key of keys) {
    if (typeof key === "number") {
      if (!Number.isSafeInteger(key)) {
        throw new TypeError(`Cannot derive a seed from key ${key}: keys must be safe integers`);
      }
      mix(key % 0x100000000);
      mix(Math.floor(key / 0x100000000));
    } else {
      mix(0x5bd1e995 ^ key.length);
      for (let i = 0; i < key.length; i++) mix(key.charCodeAt(i));
    }
  }
  return h;
}

/**
 * Makes a deterministic {@linkcode Prng} from a seed (xoshiro128**).
 *
 * @param seed Any integer; only its low 32 bits are used.
 * @returns A function returning uniform floats in [0, 1) with 53 bits of precision.
 *
 * @example Same seed, same stream
 * ```ts
 * import { randomSeeded } from "./random.ts";
 * const a = randomSeeded(42), b = randomSeeded(42);
 * if (a() !== b() || a() !== b()) throw new Error("streams differ");
 * ```
 */
export function randomSeeded(seed: number): Prng {
  let s0 = splitmix32(seed >>> 0);
  let s1 = splitmix32(s0);
  let s2 = splitmix32(s1);
  let s3 = splitmix32(s2);
  const next32 = (): number => {
    const result = Math.imul(rotl(Math.imul(s1, 5), 7), 9) >>> 0;
    const t = s1 << 9;
    s2 ^= s0;
    s3 ^= s1;
    s1 ^= s2;
    s0 ^= s3;
    s2 ^= t;
    s3 = rotl(s3, 11);
    return result;
  };
  return () => {
    const hi = next32() >>> 5; // 27 bits
    const lo = next32() >>> 6; // 26 bits
    return (hi * 67108864 + lo) / 9007199254740992;
  };
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

/**
 * A uniform integer in `[min, max)`.
 *
 * @example
 * ```ts
 * import { randomInt, randomSeeded } from "./random.ts";
 * const v = randomInt(randomSeeded(1), 3, 6);
 * if (v < 3 || v >= 6 || !Number.isInteger(v)) throw new Error("out of range");
 * ```
 */
export function randomInt(prng: Prng, min: number, max: number): number {
  if (!(max > min)) throw new RangeError(`Cannot draw an integer from [${min}, ${max})`);
  return min + Math.floor(prng() * (max - min));
}

/**
 * A standard normal sample (Box-Muller; one of the pair is discarded for simplicity).
 *
 * @example
 * ```ts
 * import { randomNormal, randomSeeded } from "./random.ts";
 * if (!Number.isFinite(randomNormal(randomSeeded(3)))) throw new Error("not finite");
 * ```
 */
export function randomNormal(prng: Prng): number {
  const u = 1 - prng(); // (0, 1]: log stays finite
  const v = prng();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/**
 * Returns a shuffled copy (Fisher-Yates); the input is not changed.
 *
 * @example
 * ```ts
 * import { randomSeeded, shuffled } from "./random.ts";
 * const out = shuffled([1, 2, 3, 4], randomSeeded(5));
 * if ([...out].sort().join() !== "1,2,3,4") throw new Error("lost items");
 * ```
 */
export function shuffled<T>(items: readonly T[], prng: Prng): T[] {
  const out = items.slice();
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(prng() * (i + 1));
    const tmp = out[i]!;
    out[i] = out[j]!;
    out[j] = tmp;
  }
  return out;
}
