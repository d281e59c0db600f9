import * as ort from "onnxruntime-node";
import { assertAllClose, assertEquals, assertRejects } from "../assert.ts";
import { sequenceLogProbs } from "../../lib/generate/sequence_log_probs.ts";
import { languageModelGraph } from "../../lib/model/language_model_graph.ts";
import { loadModel } from "../../lib/model/load_model.ts";
import { createSession } from "../../lib/onnx/session.ts";
import { serlFolder } from "../model/_model_fixture.ts";

const model = await loadModel(await serlFolder());
const SEQUENCES = [[72, 105, 33, 10, 200], [5], [1, 2], [9, 8, 7, 6, 5, 4, 3, 2, 1, 0, 11, 12, 13]];

/** log-softmax of the logits of one unpadded sequence, through the no-past logits graph. */
async function direct(seq: number[]): Promise<number[]> {
  const session = await createSession(languageModelGraph(model, "no-past"));
  const ids = BigInt64Array.from(seq, BigInt);
  const out = await session.ort.run({
    "input_ids": new ort.Tensor("int64", ids, [1, seq.length]),
    "attention_mask": new ort.Tensor("int64", ids.map(() => 1n), [1, seq.length]),
    "position_ids": new ort.Tensor("int64", BigInt64Array.from(seq, (_, i) => BigInt(i)), [
      1,
      seq.length,
    ]),
  });
  await session.ort.release();
  const logits = out.logits!.data as Float32Array;
  const v = model.config.vocabSize;
  return seq.slice(1).map((next, t) => {
    const row = logits.subarray(t * v, (t + 1) * v);
    const max = Math.max(...row);
    return row[next]! - max - Math.log(row.reduce((a, x) => a + Math.exp(x - max), 0));
  });
}

Deno.test("sequenceLogProbs() equals the log-softmax of each sequence's own forward pass", async () => {
  const got = await sequenceLogProbs(model, SEQUENCES);
  assertEquals(got.map((g) => g.length), [4, 0, 1, 12]);
  for (const [i, seq] of SEQUENCES.entries()) {
    assertAllClose(got[i]!, await direct(seq), { atol: 1e-4, msg: `sequence ${i}` });
  }
});

Deno.test("sequenceLogProbs() does not depend on padding side or batch size", async () => {
  const right = await sequenceLogProbs(model, SEQUENCES);
  const left = await sequenceLogProbs(model, SEQUENCES, { padding: "left" });
  const single = await sequenceLogProbs(model, SEQUENCES, { batchTokens: 1 });
  for (let i = 0; i < SEQUENCES.length; i++) {
    assertAllClose(left[i]!, right[i]!, { atol: 1e-4 });
    assertAllClose(single[i]!, right[i]!, { atol: 1e-4 });
  }
});

Deno.test("sequenceLogProbs() rejects tokens outside the vocabulary", async () => {
  await assertRejects(() => sequenceLogProbs(model, [[1, 260]]), RangeError, "outside [0, 260)");
});
