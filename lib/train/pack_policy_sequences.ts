/**
 * Packing prompt + response sequences into the dense int64 tensors of a no-past forward,
 * and the flat response-token indices of the training graph.
 *
 * Layout: row `i` is `prompt_i ++ response_i`, right-padded with id 0 to the longest row
 * (attention mask 0 on padding, positions `0..len-1`). Response token `t` of row `i` sits
 * at position `p = P_i + t` and is predicted by the hidden state at `p - 1`, whose flat
 * index `i·seq + p - 1` is its `response_positions` entry. Tokens are listed row by row,
 * which is also the order of every flat per-token vector (`flattenTokenRows`).
 *
 * @module
 */
import type { RaggedTokens } from "../rl/ragged_tokens.ts";

/** Prompts and responses of a micro-batch (valid response tokens only). */
export interface PolicySequences {
  /** (B, P_i) prompt token ids, P_i >= 1. */
  promptIds: RaggedTokens;
  /** (B, T_i) response token ids, T_i >= 1. */
  responseIds: RaggedTokens;
}

/** Dense tensors of a packed micro-batch (row-major). */
export interface PackedPolicySequences {
  /** Rows B. */
  batch: number;
  /** Columns: the longest prompt + response. */
  seq: number;
  /** N, the number of response tokens. */
  tokens: number;
  /** `[B, seq]` token ids, 0 on padding. */
  inputIds: BigInt64Array;
  /** `[B, seq]` 1 on tokens, 0 on padding. */
  attentionMask: BigInt64Array;
  /** `[B, seq]` positions `0..len-1`, 0 on padding. */
  positionIds: BigInt64Array;
  /** `[N]` flat index of the hidden state that predicts each response token. */
  responsePositions: BigInt64Array;
  /** `[N]` response token ids. */
  responseTokens: BigInt64Array;
}

/**
 * Packs a micro-batch.
 *
 * @throws {RangeError} When the row counts differ, a prompt or response is empty, or an id
 *   is not a non-negative integer.
 *
 * @example
 * ```ts
 * import { packPolicySequences } from "./pack_policy_sequences.ts";
 * const p = packPolicySequences({ promptIds: [[5, 6], [7]], responseIds: [[1], [2, 3]] });
 * // row 0: 5 6 1, row 1: 7 2 3; tokens 1, 2, 3 are predicted at 0·3+1, 1·3+0, 1·3+1
 * if (p.seq !== 3 || [...p.responsePositions].join() !== "1,3,4") throw new Error("bad pack");
 * ```
 */
export function packPolicySequences(sequences: PolicySequences): PackedPolicySequences {
  const { promptIds, responseIds } = sequences;
  const context = "Cannot pack sequences";
  const batch = promptIds.length;
  if (batch === 0) throw new RangeError(`${context}: the micro-batch is empty`);
  if (responseIds.length !== batch) {
    throw new RangeError(`${context}: ${batch} prompts but ${responseIds.length} responses`);
  }
  let seq = 0, tokens = 0;
  for (let i = 0; i < batch; i++) {
    const p = promptIds[i]!.length, t = responseIds[i]!.length;
    if (p < 1 || t < 1) {
      throw new RangeError(
        `${context}: row ${i} has a prompt of ${p} and a response of ${t} tokens (both must be >= 1)`,
      );
    }
    seq = Math.max(seq, p + t);
    tokens += t;
  }
  const inputIds = new BigInt64Array(batch * seq);
  const attentionMask = new BigInt64Array(batch * seq);
  const positionIds = new BigInt64Array(batch * seq);
  const responsePositions = new BigInt64Array(tokens);
  const responseTokens = new BigInt64Array(tokens);
  let k = 0;
  for (let i = 0; i < batch; i++) {
    const row = [...promptIds[i]!, ...responseIds[i]!];
    const p = promptIds[i]!.length;
    for (let c = 0; c < row.length; c++) {
      const id = row[c]!;
      if (!Number.isSafeInteger(id) || id < 0) {
        throw new RangeError(`${context}: row ${i} has token ${id} at ${c}, expected an id >= 0`);
      }
      const at = i * seq + c;
      inputIds[at] = BigInt(id);
      attentionMask[at] = 1n;
      positionIds[at] = BigInt(c);
      if (c >= p) {
        responsePositions[k] = BigInt(at - 1);
        responseTokens[k] = BigInt(id);
        k++;
      }
    }
  }
  return {
    batch,
    seq,
    tokens,
    inputIds,
    attentionMask,
    positionIds,
    responsePositions,
    responseTokens,
  };
}

/**
 * Per-token rows flattened in packing order (row by row) into a float32 vector.
 *
 * @throws {RangeError} When a row's length differs from the response's.
 *
 * @example
 * ```ts
 * import { flattenTokenRows } from "./pack_policy_sequences.ts";
 * const v = flattenTokenRows([[0.5], [1, 2]], [[9], [9, 9]], "advantages");
 * if (v.join() !== "0.5,1,2") throw new Error("bad flatten");
 * ```
 */
export function flattenTokenRows(
  rows: RaggedTokens,
  responseIds: RaggedTokens,
  what: string,
): Float32Array {
  if (rows.length !== responseIds.length) {
    throw new RangeError(
      `Cannot flatten ${what}: ${rows.length} rows for ${responseIds.length} responses`,
    );
  }
  let n = 0;
  for (const [i, row] of rows.entries()) {
    if (row.length !== responseIds[i]!.length) {
      throw new RangeError(
        `Cannot flatten ${what}: row ${i} has ${row.length} values for ${
          responseIds[i]!.length
        } tokens`,
      );
    }
    n += row.length;
  }
  const out = new Float32Array(n);
  let k = 0;
  for (const row of rows) for (const v of row) out[k++] = v;
  return out;
}
