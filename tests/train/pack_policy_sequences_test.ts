import { flattenTokenRows, packPolicySequences } from "../../lib/train/pack_policy_sequences.ts";
import { assertEquals, assertThrows } from "../assert.ts";

Deno.test("packPolicySequences() right-pads rows and points each response token at the position before it", () => {
  const p = packPolicySequences({ promptIds: [[5, 6, 7], [8]], responseIds: [[1], [2, 3, 4]] });
  assertEquals([p.batch, p.seq, p.tokens], [2, 4, 4]);
  assertEquals([...p.inputIds].map(Number), [5, 6, 7, 1, 8, 2, 3, 4]);
  assertEquals([...p.attentionMask].map(Number), [1, 1, 1, 1, 1, 1, 1, 1]);
  assertEquals([...p.positionIds].map(Number), [0, 1, 2, 3, 0, 1, 2, 3]);
  const q = packPolicySequences({ promptIds: [[5], [8, 9]], responseIds: [[1], [2, 3]] });
  assertEquals([...q.inputIds].map(Number), [5, 1, 0, 0, 8, 9, 2, 3]);
  assertEquals([...q.attentionMask].map(Number), [1, 1, 0, 0, 1, 1, 1, 1]);
  assertEquals([...q.positionIds].map(Number), [0, 1, 0, 0, 0, 1, 2, 3]);
  // The token at position p + 1 is the one predicted at p.
  for (const packed of [p, q]) {
    packed.responsePositions.forEach((pos, k) => {
      assertEquals(packed.inputIds[Number(pos) + 1], packed.responseTokens[k]);
    });
  }
  assertEquals([...q.responseTokens].map(Number), [1, 2, 3]);
});

Deno.test("packPolicySequences() rejects empty rows, mismatched counts and bad ids", () => {
  assertThrows(() => packPolicySequences({ promptIds: [], responseIds: [] }), RangeError, "empty");
  assertThrows(
    () => packPolicySequences({ promptIds: [[1]], responseIds: [] }),
    RangeError,
    "1 prompts",
  );
  assertThrows(
    () => packPolicySequences({ promptIds: [[]], responseIds: [[1]] }),
    RangeError,
    "prompt of 0",
  );
  assertThrows(
    () => packPolicySequences({ promptIds: [[1]], responseIds: [[]] }),
    RangeError,
    "response of 0",
  );
  assertThrows(
    () => packPolicySequences({ promptIds: [[1]], responseIds: [[-2]] }),
    RangeError,
    "token -2",
  );
});

Deno.test("flattenTokenRows() checks every row against its response", () => {
  assertEquals([...flattenTokenRows([[1, 2], [3]], [[0, 0], [0]], "x")], [1, 2, 3]);
  assertThrows(
    () => flattenTokenRows([[1], [3]], [[0, 0], [0]], "advantages"),
    RangeError,
    "advantages",
  );
  assertThrows(() => flattenTokenRows([[1]], [[0], [0]], "advantages"), RangeError, "1 rows");
});
