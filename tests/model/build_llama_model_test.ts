import * as ort from "onnxruntime-node";
import { assert, assertAllClose, assertEquals, assertThrows } from "../assert.ts";
import { buildLlamaModel } from "../../lib/model/build_llama_model.ts";
import { type LlamaConfig, llamaConfig } from "../../lib/model/llama_config.ts";
import { initLlamaWeights, type LlamaWeights } from "../../lib/model/llama_parameters.ts";
import { createSession } from "../../lib/onnx/session.ts";
import { deriveSeed, randomNormal, randomSeeded } from "../../lib/random.ts";
import { referenceLogits } from "./_reference_llama.ts";

const LLAMA = llamaConfig({
  vocabSize: 32,
  hiddenSize: 16,
  numHiddenLayers: 2,
  numAttentionHeads: 4,
  numKeyValueHeads: 2,
  intermediateSize: 24,
  ropeTheta: 100,
});
const QWEN = llamaConfig({
  ...LLAMA,
  modelType: "qwen2",
  tieWordEmbeddings: true,
  numKeyValueHeads: 1,
});

/** Weights with a larger std than the default so logits vary, and random biases. */
function weightsFor(cfg: LlamaConfig, seed = 1): LlamaWeights {
  const w = initLlamaWeights(cfg, { seed, std: 0.3 });
  const prng = randomSeeded(deriveSeed(seed, "test"));
  for (const [name, data] of w) {
    if (name.endsWith(".bias") || name.endsWith("norm.weight")) {
      for (let i = 0; i < data.length; i++) {
        data[i] = (name.endsWith(".bias") ? 0 : 1) + 0.3 * randomNormal(prng);
      }
    }
  }
  return w;
}

const i64 = (values: number[], dims: number[]) =>
  new ort.Tensor("int64", BigInt64Array.from(values, (v) => BigInt(v)), dims);
const f32 = (data: Float32Array, dims: number[]) => new ort.Tensor("float32", data, dims);
const range = (a: number, b: number) => Array.from({ length: b - a }, (_, i) => a + i);
const IDS = [3, 17, 5, 5, 29, 0, 11];

async function run(model: Parameters<typeof createSession>[0], feeds: Record<string, ort.Tensor>) {
  const s = await createSession(model);
  try {
    return await s.ort.run(feeds);
  } finally {
    await s.ort.release();
  }
}

function emptyPast(cfg: LlamaConfig, batch: number, length = 0): Record<string, ort.Tensor> {
  const feeds: Record<string, ort.Tensor> = {};
  const dims = [batch, cfg.numKeyValueHeads, length, cfg.headDim];
  for (let i = 0; i < cfg.numHiddenLayers; i++) {
    for (const kind of ["key", "value"]) {
      feeds[`past_key_values.${i}.${kind}`] = f32(
        new Float32Array(dims.reduce((a, b) => a * b)),
        dims,
      );
    }
  }
  return feeds;
}

for (const [label, cfg] of [["llama GQA", LLAMA], ["qwen2 tied with biases", QWEN]] as const) {
  Deno.test(`buildLlamaModel() no-past logits match a float64 reference forward (${label})`, async () => {
    const w = weightsFor(cfg);
    const out = await run(buildLlamaModel(cfg, w, { kind: "no-past" }), {
      input_ids: i64(IDS, [1, IDS.length]),
      attention_mask: i64(IDS.map(() => 1), [1, IDS.length]),
      position_ids: i64(range(0, IDS.length), [1, IDS.length]),
    });
    assertEquals(out.logits!.dims, [1, IDS.length, cfg.vocabSize]);
    const want = referenceLogits(cfg, w, IDS).flatMap((row) => [...row]);
    assertAllClose(out.logits!.data as Float32Array, want, { atol: 2e-4, rtol: 1e-4 });
  });

  Deno.test(`buildLlamaModel() with-past graph fed token by token equals the no-past pass (${label})`, async () => {
    const w = weightsFor(cfg, 2);
    const s = await createSession(buildLlamaModel(cfg, w, { kind: "with-past" }));
    const want = referenceLogits(cfg, w, IDS);
    // prefill 3 tokens, then one at a time
    let past = emptyPast(cfg, 1);
    let done = 0;
    for (const n of [3, 1, 1, 1, 1]) {
      const out = await s.ort.run({
        input_ids: i64(IDS.slice(done, done + n), [1, n]),
        attention_mask: i64(range(0, done + n).map(() => 1), [1, done + n]),
        position_ids: i64(range(done, done + n), [1, n]),
        ...past,
      });
      assertEquals(out["present.0.key"]!.dims, [1, cfg.numKeyValueHeads, done + n, cfg.headDim]);
      const logits = out.logits!.data as Float32Array;
      for (let t = 0; t < n; t++) {
        assertAllClose(
          logits.subarray(t * cfg.vocabSize, (t + 1) * cfg.vocabSize),
          want[done + t]!,
          {
            atol: 2e-4,
            rtol: 1e-4,
          },
        );
      }
      past = {};
      for (const [name, value] of Object.entries(out)) {
        if (name.startsWith("present.")) past[name.replace("present", "past_key_values")] = value;
      }
      done += n;
    }
    await s.ort.release();
  });
}

Deno.test("buildLlamaModel() decode graph over a cache returns the last logits and only the new keys", async () => {
  const cfg = LLAMA;
  const w = weightsFor(cfg, 3);
  const prefix = await run(buildLlamaModel(cfg, w), {
    input_ids: i64(IDS.slice(0, 5), [1, 5]),
    attention_mask: i64([1, 1, 1, 1, 1], [1, 5]),
    position_ids: i64(range(0, 5), [1, 5]),
    ...emptyPast(cfg, 1),
  });
  // the decode graph takes keys as they are and values transposed to [b, kv, d, past]
  const past: Record<string, ort.Tensor> = {};
  for (let l = 0; l < cfg.numHiddenLayers; l++) {
    past[`cache.${l}.key`] = prefix[`present.${l}.key`]!;
    const v = prefix[`present.${l}.value`]!.data as Float32Array;
    const [kv, length, d] = [cfg.numKeyValueHeads, 5, cfg.headDim];
    const t = new Float32Array(v.length);
    for (let h = 0; h < kv; h++) {
      for (let s = 0; s < length; s++) {
        for (let i = 0; i < d; i++) t[(h * d + i) * length + s] = v[(h * length + s) * d + i]!;
      }
    }
    past[`cache.${l}.value_t`] = f32(t, [1, kv, d, length]);
  }
  const out = await run(buildLlamaModel(cfg, w, { kind: "decode" }), {
    input_ids: i64(IDS.slice(5, 7), [1, 2]),
    attention_mask: i64(range(0, 7).map(() => 1), [1, 7]),
    position_ids: i64([5, 6], [1, 2]),
    ...past,
  });
  assertEquals(out.logits!.dims, [1, 1, cfg.vocabSize]);
  assertEquals(out["current.1.value"]!.dims, [1, cfg.numKeyValueHeads, 2, cfg.headDim]);
  assertAllClose(out.logits!.data as Float32Array, referenceLogits(cfg, w, IDS)[6]!, {
    atol: 2e-4,
    rtol: 1e-4,
  });
});

Deno.test("buildLlamaModel() left padding leaves a row's logits unchanged", async () => {
  const cfg = LLAMA;
  const w = weightsFor(cfg, 4);
  const pad = 3;
  const n = IDS.length;
  // row 0: 3 pads then the first 4 ids; row 1: all 7 ids
  const ids = [0, 0, 0, ...IDS.slice(0, n - pad), ...IDS];
  const mask = [0, 0, 0, ...range(0, n - pad).map(() => 1), ...IDS.map(() => 1)];
  const positions = [0, 0, 0, ...range(0, n - pad), ...range(0, n)];
  const out = await run(buildLlamaModel(cfg, w, { kind: "no-past" }), {
    input_ids: i64(ids, [2, n]),
    attention_mask: i64(mask, [2, n]),
    position_ids: i64(positions, [2, n]),
  });
  const logits = out.logits!.data as Float32Array;
  const want = referenceLogits(cfg, w, IDS.slice(0, n - pad));
  for (let t = 0; t < n - pad; t++) {
    const at = (pad + t) * cfg.vocabSize;
    assertAllClose(logits.subarray(at, at + cfg.vocabSize), want[t]!, { atol: 2e-4, rtol: 1e-4 });
  }
  for (const v of logits) assert(Number.isFinite(v), "padding produced a non-finite logit");
});

Deno.test("buildLlamaModel() token-log-probs output is the log-softmax of the next tokens", async () => {
  const cfg = QWEN;
  const w = weightsFor(cfg, 5);
  const out = await run(buildLlamaModel(cfg, w, { kind: "no-past", output: "token-log-probs" }), {
    input_ids: i64(IDS, [1, IDS.length]),
    attention_mask: i64(IDS.map(() => 1), [1, IDS.length]),
    position_ids: i64(range(0, IDS.length), [1, IDS.length]),
  });
  const logits = referenceLogits(cfg, w, IDS);
  const want = IDS.slice(1).map((next, t) => {
    const row = logits[t]!;
    const max = Math.max(...row);
    const logZ = max + Math.log(row.reduce((a, v) => a + Math.exp(v - max), 0));
    return row[next]! - logZ;
  });
  assertAllClose(out.token_log_probs!.data as Float32Array, want, { atol: 2e-4 });
});

Deno.test("buildLlamaModel() with weights as graph inputs computes what the initializers do", async () => {
  const cfg = LLAMA;
  const w = weightsFor(cfg, 6);
  const model = buildLlamaModel(cfg, null, { kind: "no-past" });
  assertEquals(model.graph.initializers.has("model.norm.weight"), false);
  const feeds: Record<string, ort.Tensor> = {
    "input_ids": i64(IDS, [1, IDS.length]),
    "attention_mask": i64(IDS.map(() => 1), [1, IDS.length]),
    "position_ids": i64(range(0, IDS.length), [1, IDS.length]),
  };
  for (const input of model.graph.inputs) {
    const data = w.get(input.name);
    if (data) feeds[input.name] = f32(data, input.shape as number[]);
  }
  const out = await run(model, feeds);
  const want = referenceLogits(cfg, w, IDS).flatMap((row) => [...row]);
  assertAllClose(out.logits!.data as Float32Array, want, { atol: 2e-4, rtol: 1e-4 });
});

Deno.test("buildLlamaModel() refuses scaled rotary embeddings and wrong weights", () => {
  const scaled = { ...LLAMA, ropeScaling: { rope_type: "llama3", factor: 8 } };
  assertThrows(() => buildLlamaModel(scaled, null), TypeError, "rope_scaling");
  const w = weightsFor(LLAMA);
  w.set("model.norm.weight", new Float32Array(3));
  assertThrows(() => buildLlamaModel(LLAMA, w), TypeError, "model.norm.weight");
});
