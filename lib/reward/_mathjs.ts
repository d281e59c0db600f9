/**
 * The one mathjs instance the grader uses: built from `parseDependencies` only, so it holds
 * the parser and the node classes and none of mathjs's evaluation functions. The grader
 * only ever calls `parse` on it and walks the returned tree itself; no node is ever
 * evaluated or compiled by mathjs, and this instance is never handed to other code.
 *
 * Private module (the `_` prefix); exported names exist for the security tests.
 *
 * @module
 */
import { create, parseDependencies } from "mathjs";
import type { MathNode } from "mathjs";

/** The restricted instance (parser and node classes only). */
export const restrictedMath: ReturnType<typeof create> = create(
  { parseDependencies },
  { number: "number" },
);

/** mathjs's parser on the restricted instance: text to an expression tree, nothing run. */
export function parseTree(src: string): MathNode {
  return restrictedMath.parse(src);
}

// mathjs builds its parser lazily (about 30 ms on first use); pay that at import, not
// inside the first comparison, so every comparison stays within the time bound.
parseTree("x + 1");
