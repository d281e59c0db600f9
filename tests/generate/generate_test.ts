import * as ort from "onnxruntime-node";
import { assert, assertAllClose, assertEquals, assertNotEquals, assertRejects } from "../assert.ts";
import { generate } from "../../lib/generate/generate.ts";
import { sequenceLogProbs } from "../../lib/generate/sequence_log_probs.ts";
import { languageModelGraph } from "../../lib/model/language_model_graph.ts";
import { loadModel } from "../../lib/model/load_model.ts";
import { modelSession } from "../../lib/model/model_session.ts";
import { decodeTokens } from "../../lib/model/text_tokenizer.ts";
import { createSession } from "../../lib/onnx/session.ts";
import { exportStyleFolder, serlFolder, testWeights } from "../model/_model_fixture.ts";

const model = await loadModel(await serlFolder());
const PROMPTS = ["What is 2 + 2? ", "Hi", "A much longer prompt than the others, to pad them. "];

Deno.test("generate() gives the same tokens for the same seed and different ones for another", async () => {
  const a = await generate(model, PROMPTS, { n: 3, maxNewTokens: 12, seed: 5 });
  const b = await generate(model, PROMPTS, { n: 3, maxNewTokens: 12, seed: 5 });
  const c = await generate(model, PROMPTS, { n: 3, maxNewTokens: 12, seed: 6 });
  const tokens = (r: typeof a) => r.map((p) => p.map((s) => s.tokens));
  assertEquals(tokens(a), tokens(b));
  assertNotEquals(tokens(a), tokens(c));
  // samples of one prompt differ from each other
  assertNotEquals(a[0]![0]!.tokens, a[0]![1]!.tokens);
});

Deno.test("generate() gives a row the same tokens whatever else is in its batch", async () => {
  const base = { n: 3, maxNewTokens: 16, seed: 2, temperature: 0.8 };
  // EOS tokens taken from the samples themselves, so that some rows end early
  const free = await generate(model, [PROMPTS[0]!, PROMPTS[1]!], { ...base, eosTokenIds: [] });
  const options = { ...base, eosTokenIds: [free[0]![1]!.tokens[5]!, free[1]![2]!.tokens[3]!] };
  const alone = await generate(model, [PROMPTS[0]!], options);
  const padded = await generate(model, [PROMPTS[0]!, PROMPTS[2]!, PROMPTS[1]!], options);
  const oneRowBatches = await generate(model, [PROMPTS[0]!, PROMPTS[1]!], {
    ...options,
    maxBatchSize: 1,
  });
  const split = await generate(model, [PROMPTS[0]!, PROMPTS[1]!], { ...options, maxBatchSize: 2 });
  for (const other of [padded, oneRowBatches, split]) {
    for (let s = 0; s < 3; s++) {
      assertEquals(other[0]![s]!.tokens, alone[0]![s]!.tokens, `sample ${s}`);
      assertAllClose(other[0]![s]!.logProbs, alone[0]![s]!.logProbs, { atol: 1e-4 });
    }
  }
  for (let s = 0; s < 3; s++) assertEquals(split[1]![s]!.tokens, oneRowBatches[1]![s]!.tokens);
  // the EOS list made some samples end early, so compaction was exercised
  assert(padded.flat().some((s) => s.finishReason === "eos"), "no sample ended at EOS");
});

Deno.test("generate() returns the log-probs of a full forward pass over each finished sequence", async () => {
  // 70 new tokens: the cache grows in place twice, and rows ending at EOS are compacted away
  // between growths
  const options = { n: 2, maxNewTokens: 70, seed: 9, temperature: 0.7, topP: 0.9, topK: 50 };
  const free = await generate(model, PROMPTS, { ...options, eosTokenIds: [] });
  const eosTokenIds = [free[0]![0]!.tokens[40]!, free[2]![1]!.tokens[10]!];
  const results = await generate(model, PROMPTS, { ...options, eosTokenIds });
  assert(results.flat().some((s) => s.tokens.length < 70), "no sample ended early");
  assert(results.flat().some((s) => s.tokens.length > 64), "no sample outgrew two cache chunks");
  const samples = results.flat();
  const sequences = samples.map((s) => [...s.promptTokens, ...s.tokens]);
  for (const padding of ["right", "left"] as const) {
    const full = await sequenceLogProbs(model, sequences, { padding, batchTokens: 64 });
    samples.forEach((s, i) => {
      const tail = full[i]!.subarray(full[i]!.length - s.tokens.length);
      assertAllClose(s.logProbs, tail, { atol: 2e-4, msg: `sample ${i} (${padding})` });
    });
  }
});

Deno.test("generate() with temperature 0 picks the argmax of a full forward pass at every step", async () => {
  const [[sample]] = await generate(model, [PROMPTS[0]!], { temperature: 0, maxNewTokens: 10 });
  const sequence = [...sample!.promptTokens, ...sample!.tokens];
  const session = await createSession(languageModelGraph(model, "no-past"));
  const ids = BigInt64Array.from(sequence, BigInt);
  const out = await session.ort.run({
    "input_ids": new ort.Tensor("int64", ids, [1, sequence.length]),
    "attention_mask": new ort.Tensor("int64", ids.map(() => 1n), [1, sequence.length]),
    "position_ids": new ort.Tensor("int64", BigInt64Array.from(sequence, (_, i) => BigInt(i)), [
      1,
      sequence.length,
    ]),
  });
  await session.ort.release();
  const logits = out.logits!.data as Float32Array;
  const vocab = model.config.vocabSize;
  sample!.tokens.forEach((token, i) => {
    const row = logits.subarray(
      (sample!.promptTokens.length - 1 + i) * vocab,
      (sample!.promptTokens.length + i) * vocab,
    );
    const best = row.indexOf(Math.max(...row));
    assertEquals(token, best, `step ${i}`);
  });
});

Deno.test("generate() ends a sample at a stop string and leaves the stop string out of the text", async () => {
  const [[free]] = await generate(model, [PROMPTS[1]!], {
    temperature: 0,
    maxNewTokens: 60,
    eosTokenIds: [],
  });
  const tokens = free!.tokens;
  const printable = (t: number) => t >= 33 && t <= 126;
  // a two-character stop spanning two tokens, taken from the greedy text itself
  const j = tokens.findIndex((t, i) => i >= 2 && printable(t) && printable(tokens[i + 1] ?? -1));
  assert(j >= 0, "fixture has no two printable tokens in a row");
  const stop = String.fromCharCode(tokens[j]!, tokens[j + 1]!);
  let first = -1;
  for (let i = 0; i + 1 < tokens.length; i++) {
    if (tokens[i] === tokens[j] && tokens[i + 1] === tokens[j + 1]) {
      first = i;
      break;
    }
  }
  const [[stopped]] = await generate(model, [PROMPTS[1]!], {
    temperature: 0,
    maxNewTokens: 60,
    eosTokenIds: [],
    stop: ["\u0000never", stop],
  });
  assertEquals(stopped!.finishReason, "stop");
  assertEquals(stopped!.tokens, tokens.slice(0, first + 2));
  assertEquals(stopped!.text, decodeTokens(model.tokenizer, tokens.slice(0, first)));
  assertEquals(stopped!.logProbs.length, first + 2);
});

Deno.test("generate() ends a sample at EOS (kept in tokens, not in text) and at maxNewTokens", async () => {
  const [[free]] = await generate(model, [PROMPTS[0]!], {
    temperature: 0,
    maxNewTokens: 30,
    eosTokenIds: [],
  });
  const eos = free!.tokens[6]!;
  const first = free!.tokens.indexOf(eos);
  const [[ended]] = await generate(model, [PROMPTS[0]!], {
    temperature: 0,
    maxNewTokens: 30,
    eosTokenIds: [eos],
  });
  assertEquals(ended!.finishReason, "eos");
  assertEquals(ended!.tokens, free!.tokens.slice(0, first + 1));
  assertEquals(ended!.text, decodeTokens(model.tokenizer, free!.tokens.slice(0, first)));
  const [[short]] = await generate(model, [PROMPTS[0]!], {
    temperature: 0,
    maxNewTokens: 4,
    eosTokenIds: [],
  });
  assertEquals(short!.finishReason, "length");
  assertEquals(short!.tokens, free!.tokens.slice(0, 4));
});

Deno.test("generate() drops finished rows from the batch before the next step", async () => {
  const session = await modelSession(model, "decode");
  const batchSizes: number[] = [];
  const run = session.ort.run.bind(session.ort);
  session.ort.run = ((feeds: Record<string, ort.Tensor>, ...rest: unknown[]) => {
    batchSizes.push(feeds.input_ids!.dims[0]!);
    // deno-lint-ignore no-explicit-any
    return (run as any)(feeds, ...rest);
  }) as typeof session.ort.run;
  try {
    const free = await generate(model, PROMPTS, {
      n: 4,
      maxNewTokens: 25,
      seed: 4,
      eosTokenIds: [],
    });
    const eosTokenIds = free.map((p, i) => p[i]!.tokens[3 * i + 2]!);
    batchSizes.length = 0;
    const results = await generate(model, PROMPTS, {
      n: 4,
      maxNewTokens: 25,
      seed: 4,
      eosTokenIds,
    });
    const lengths = results.flat().map((s) => s.tokens.length);
    // prefill (one run of 3 prompts), then one run per step with the unfinished rows only
    assertEquals(batchSizes[0], 3);
    const steps = batchSizes.slice(1);
    for (let step = 0; step < steps.length; step++) {
      assertEquals(steps[step], lengths.filter((l) => l > step + 1).length, `step ${step}`);
    }
    assert(Math.min(...lengths) < 25, "no row finished early; the test shows nothing");
  } finally {
    session.ort.run = run;
  }
});

Deno.test("generate() with a large presence penalty never repeats a token", async () => {
  const [[sample]] = await generate(model, [PROMPTS[0]!], {
    temperature: 0,
    maxNewTokens: 40,
    eosTokenIds: [],
    presencePenalty: 1000,
  });
  assertEquals(new Set(sample!.tokens).size, sample!.tokens.length);
  const [[plain]] = await generate(model, [PROMPTS[0]!], {
    temperature: 0,
    maxNewTokens: 40,
    eosTokenIds: [],
  });
  assert(
    new Set(plain!.tokens).size < plain!.tokens.length,
    "greedy fixture never repeats; the test shows nothing",
  );
});

Deno.test("generate() with topK 1 samples the greedy tokens", async () => {
  const [[greedy]] = await generate(model, [PROMPTS[2]!], { temperature: 0, maxNewTokens: 15 });
  const [[topOne]] = await generate(model, [PROMPTS[2]!], {
    temperature: 1.5,
    topK: 1,
    maxNewTokens: 15,
    seed: 77,
  });
  assertEquals(topOne!.tokens, greedy!.tokens);
});

Deno.test("generate() on an onnx-community style export matches the same weights built by serl", async () => {
  const exported = await loadModel(await exportStyleFolder(testWeights()));
  assertEquals(exported.origin, "export");
  const options = { n: 2, maxNewTokens: 12, seed: 3, eosTokenIds: [32] };
  const theirs = await generate(exported, PROMPTS, options);
  const ours = await generate(model, PROMPTS, options);
  for (let p = 0; p < PROMPTS.length; p++) {
    for (let s = 0; s < 2; s++) {
      assertEquals(theirs[p]![s]!.tokens, ours[p]![s]!.tokens);
      assertAllClose(theirs[p]![s]!.logProbs, ours[p]![s]!.logProbs, { atol: 1e-4 });
    }
  }
});

Deno.test("generate() rejects empty prompts, unknown tokens and bad options", async () => {
  await assertRejects(() => generate(model, [[]]), RangeError, "no tokens");
  await assertRejects(() => generate(model, [[1, 999]]), RangeError, "outside [0, 260)");
  await assertRejects(() => generate(model, ["x"], { n: 0 }), RangeError, "n must be");
  await assertRejects(() => generate(model, ["x"], { temperature: -1 }), RangeError, "temperature");
  await assertRejects(
    () => generate(model, ["x"], { maxNewTokens: 5000 }),
    RangeError,
    "max_position_embeddings",
  );
  await assertRejects(() => generate(model, ["x"], { stop: [""] }), RangeError, "empty string");
});
