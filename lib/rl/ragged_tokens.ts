/**
 * The shape every per-token value of lib/rl takes: one row per response, one number per
 * valid token, rows of different lengths (no padding).
 *
 * @module
 */

/**
 * (B, T_i): `rows[i][t]` is the value at token t of response i.
 *
 * @example
 * ```ts
 * import type { RaggedTokens } from "./ragged_tokens.ts";
 * const logProbs: RaggedTokens = [[-0.5, -1.2], [-0.1]];
 * if (logProbs[1]!.length !== 1) throw new Error("rows keep their own lengths");
 * ```
 */
export type RaggedTokens = readonly (readonly number[])[];
