/**
 * Arithmetic on symbolic dimensions. A dimension is a number or a string; strings are
 * products of symbols with an optional integer coefficient (`"batch*seq"`, `"4*heads"`) or
 * opaque symbols (`"past_sequence_length + 1"`). Products are kept canonical (sorted factors)
 * so that equal expressions compare equal as strings; everything else that cannot be
 * proved gets a fresh symbol, which compares equal to nothing.
 *
 * @module
 */
import type { Dim } from "../ir.ts";

interface Product {
  coef: number;
  syms: string[];
}

function toProduct(d: Dim): Product {
  if (typeof d === "number") return { coef: d, syms: [] };
  let coef = 1;
  const syms: string[] = [];
  for (const part of splitFactors(d)) {
    if (/^\d+$/.test(part)) coef *= Number(part);
    else syms.push(part);
  }
  return { coef, syms: syms.sort() };
}

/** Splits on top-level `*` only; a factor with other operators stays whole. */
function splitFactors(d: string): string[] {
  if (/[+\-/ ]/.test(d)) return [d.includes("*") ? `(${d})` : d];
  return d.split("*");
}

function fromProduct(p: Product): Dim {
  if (p.syms.length === 0) return p.coef;
  if (p.coef === 0) return 0;
  const body = p.syms.join("*");
  return p.coef === 1 ? body : `${p.coef}*${body}`;
}

/**
 * The product of dimensions, canonical.
 *
 * @example
 * ```ts
 * import { mulDims } from "./dims.ts";
 * if (mulDims(["seq", 2, "batch"]) !== "2*batch*seq") throw new Error("not canonical");
 * if (mulDims([3, 4]) !== 12) throw new Error("wrong product");
 * ```
 */
export function mulDims(dims: readonly Dim[]): Dim {
  let coef = 1;
  const syms: string[] = [];
  for (const d of dims) {
    const p = toProduct(d);
    coef *= p.coef;
    syms.push(...p.syms);
  }
  return fromProduct({ coef, syms: syms.sort() });
}

/**
 * `a / b` when it can be proved exact (numbers dividing evenly, symbols cancelling),
 * else `null`.
 *
 * @example
 * ```ts
 * import { divDims } from "./dims.ts";
 * if (divDims("4*batch*seq", "2*seq") !== "2*batch") throw new Error("no cancel");
 * if (divDims("batch", "seq") !== null) throw new Error("unprovable division accepted");
 * ```
 */
export function divDims(a: Dim, b: Dim): Dim | null {
  const pa = toProduct(a), pb = toProduct(b);
  if (pb.coef === 0 || pa.coef % pb.coef !== 0) return null;
  const syms = [...pa.syms];
  for (const s of pb.syms) {
    const i = syms.indexOf(s);
    if (i < 0) return null;
    syms.splice(i, 1);
  }
  return fromProduct({ coef: pa.coef / pb.coef, syms });
}

/**
 * `a + b`: a number when both are numbers, else a canonical sum string.
 *
 * @example
 * ```ts
 * import { addDims } from "./dims.ts";
 * if (addDims(2, 3) !== 5 || addDims("s", 0) !== "s") throw new Error("wrong sum");
 * if (addDims("a", "b") !== addDims("b", "a")) throw new Error("sum not canonical");
 * ```
 */
export function addDims(a: Dim, b: Dim): Dim {
  if (typeof a === "number" && typeof b === "number") return a + b;
  if (a === 0) return b;
  if (b === 0) return a;
  return [String(a), String(b)].sort().join(" + ");
}

/** Makes fresh symbols (`"?1"`, `"?2"`, ...) for dimensions nothing is known about. */
export class SymbolSource {
  #next = 0;
  /** A new symbol, equal to no other dimension. */
  fresh(): string {
    return `?${++this.#next}`;
  }
}

/** Whether `d` is a fresh (unknowable) symbol rather than a named or computed one. */
export function isUnknownDim(d: Dim): boolean {
  return typeof d === "string" && d.startsWith("?");
}
