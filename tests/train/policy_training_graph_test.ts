import type * as ort from "onnxruntime-node";
import type { Model } from "../../lib/onnx/ir.ts";
import { createSession, type Session } from "../../lib/onnx/session.ts";
import { buildLlamaModel } from "../../lib/model/build_llama_model.ts";
import { initLlamaWeights, llamaParameterShapes } from "../../lib/model/llama_parameters.ts";
import { type LlamaConfig, llamaConfig } from "../../lib/model/llama_config.ts";
import { policyLoss } from "../../lib/rl/policy_loss.ts";
import { klLoss } from "../../lib/rl/kl_loss.ts";
import { randomNormal, randomSeeded } from "../../lib/random.ts";
import {
  initLoraAdapters,
  type LoraConfig,
  loraConfig,
  mergeLoraWeights,
} from "../../lib/train/lora.ts";
import {
  buildPolicyLossModel,
  buildPolicyTrainingGraph,
  type PolicyTrainingMode,
} from "../../lib/train/policy_training_graph.ts";
import type { PolicyLossHeadOptions } from "../../lib/train/emit_policy_loss.ts";
import { assert, assertAllClose, assertAlmostEquals, assertEquals } from "../assert.ts";
import { modelToFloat64 } from "./_float64.ts";
import { dataFeeds, SEQUENCES, tensorFeeds, TINY, tokenInputs } from "./_tiny.ts";

const HEAD: PolicyLossHeadOptions = { klCoef: 0.1, klEstimator: "k3", dualClip: 3 };

const f64 = (m: ReadonlyMap<string, Float32Array>) =>
  new Map([...m].map(([k, v]) => [k, Float64Array.from(v)]));

async function run(s: Session, feeds: Record<string, ort.Tensor>) {
  const out = await s.ort.run(feeds);
  return Object.fromEntries(Object.entries(out).map(([k, t]) => [k, t.data as Float64Array]));
}

/** log-probs of the response tokens from lib/model's no-past token-log-probs graph. */
async function referenceLogProbs(
  weights: ReadonlyMap<string, Float32Array>,
  cfg: LlamaConfig = TINY,
): Promise<number[][]> {
  const model = modelToFloat64(
    buildLlamaModel(cfg, weights, { kind: "no-past", output: "token-log-probs" }),
  );
  const s = await createSession(model, { optimization: "disabled" });
  const feeds = dataFeeds(
    SEQUENCES,
    { oldLogProbs: [], advantages: [], refLogProbs: [] },
    "float64",
  );
  const out = (await s.ort.run({
    input_ids: feeds.input_ids!,
    attention_mask: feeds.attention_mask!,
    position_ids: feeds.position_ids!,
  })).token_log_probs!;
  await s.ort.release();
  const [, cols] = out.dims as number[];
  const data = out.data as Float64Array;
  return SEQUENCES.responseIds.map((r, i) =>
    r.map((_, t) => data[i * cols! + SEQUENCES.promptIds[i]!.length + t - 1]!)
  );
}

/**
 * Runs the float64 twin of the training graph and checks: log-probs against lib/model,
 * loss against lib/rl, and every gradient against central finite differences of the loss.
 */
async function checkGraph(
  mode: PolicyTrainingMode,
  trainable: Map<string, Float32Array>,
  expectedLogProbs: number[][],
  logProbTolerance: number,
  cfg: LlamaConfig = TINY,
): Promise<number> {
  const graph = buildPolicyTrainingGraph(cfg, mode, HEAD);
  assertEquals(graph.trainable, [...trainable.keys()]);
  const grad = await createSession(modelToFloat64(graph.model), { optimization: "disabled" });
  const fwd = await createSession(modelToFloat64(buildPolicyLossModel(cfg, mode, HEAD).model), {
    optimization: "disabled",
  });
  const params = f64(trainable);
  const paramFeeds = () => tensorFeeds(params, graph.shapes);
  const zeros = SEQUENCES.responseIds.map((r) => r.map(() => 0));
  const probe = await run(grad, {
    ...dataFeeds(
      SEQUENCES,
      { oldLogProbs: zeros, advantages: zeros, refLogProbs: zeros },
      "float64",
    ),
    ...paramFeeds(),
  });
  let k = 0;
  const logProbs = SEQUENCES.responseIds.map((r) => r.map(() => probe.log_probs![k++]!));
  assertAllClose(logProbs.flat(), expectedLogProbs.flat(), { rtol: logProbTolerance, atol: 0 });

  const inputs = tokenInputs(logProbs, 2, 0.6);
  const data = dataFeeds(SEQUENCES, inputs, "float64");
  const out = await run(grad, { ...data, ...paramFeeds() });
  const pg = policyLoss({ logProbs, ...inputs }, {
    aggregation: "seq-mean-token-mean",
    dualClip: 3,
  });
  const kl = klLoss({ logProbs, refLogProbs: inputs.refLogProbs }, {
    estimator: "k3",
    aggregation: "token-mean",
  });
  // The clip bounds and β are float32 constants (1.2 is 1.2000000477): 1e-7, not 1e-15.
  assertAlmostEquals(out.loss![0]!, pg.loss + 0.1 * kl.loss, 1e-7);
  assertAlmostEquals(out.clip_fraction![0]!, pg.clipFraction, 1e-12);
  assert(pg.clipFraction > 0 && pg.clipFraction < 1, `clip fraction ${pg.clipFraction}`);

  const lossAt = async () => (await run(fwd, { ...data, ...paramFeeds() })).loss![0]!;
  let checked = 0;
  for (const [name, p] of params) {
    const fd = new Float64Array(p.length);
    for (let i = 0; i < p.length; i++) {
      const eps = 1e-6, x = p[i]!;
      p[i] = x + eps;
      const plus = await lossAt();
      p[i] = x - eps;
      const minus = await lossAt();
      p[i] = x;
      fd[i] = (plus - minus) / (2 * eps);
    }
    assertAllClose(out[`grad.${name}`]!, fd, { rtol: 1e-5, atol: 1e-9, msg: name });
    checked += p.length;
  }
  await grad.ort.release();
  await fwd.ort.release();

  // The float32 graph as it ships (onnxruntime's fusions on) agrees with the float64 twin.
  const grad32 = await createSession(graph.model);
  const out32 = await grad32.ort.run({
    ...dataFeeds(SEQUENCES, inputs, "float32"),
    ...tensorFeeds(trainable, graph.shapes),
  });
  await grad32.ort.release();
  for (const name of trainable.keys()) {
    const g64 = out[`grad.${name}`]!;
    const scale = g64.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
    assertAllClose(out32[`grad.${name}`]!.data as Float32Array, g64, {
      rtol: 1e-3,
      atol: 1e-4 * scale,
      msg: `float32 ${name}`,
    });
  }
  return checked;
}

Deno.test("buildPolicyTrainingGraph() full fine-tuning: log-probs, loss and every weight gradient", async () => {
  const weights = initLlamaWeights(TINY, { seed: 3, std: 0.5 });
  const prng = randomSeeded(4);
  for (const [name, w] of weights) {
    if (name.endsWith("norm.weight")) w.forEach((_, i) => (w[i] = 1 + 0.2 * randomNormal(prng)));
  }
  const checked = await checkGraph(
    { kind: "full" },
    weights,
    await referenceLogProbs(weights),
    1e-12,
  );
  assertEquals(
    checked,
    [...llamaParameterShapes(TINY).values()].reduce((n, d) => n + d[0]! * (d[1] ?? 1), 0),
  );
});

Deno.test("buildPolicyTrainingGraph() full fine-tuning of a Qwen2-style model (q/k/v biases, tied head)", async () => {
  const cfg = llamaConfig({
    ...TINY,
    modelType: "qwen2",
    attentionBias: true,
    tieWordEmbeddings: true,
  });
  const weights = initLlamaWeights(cfg, { seed: 8, std: 0.5 });
  const prng = randomSeeded(9);
  for (const [name, w] of weights) {
    if (name.endsWith(".bias")) w.forEach((_, i) => (w[i] = 0.3 * randomNormal(prng)));
  }
  const checked = await checkGraph(
    { kind: "full" },
    weights,
    await referenceLogProbs(weights, cfg),
    1e-12,
    cfg,
  );
  assert(weights.has("model.layers.0.self_attn.k_proj.bias") && !weights.has("lm_head.weight"));
  assertEquals(checked, [...weights.values()].reduce((n, w) => n + w.length, 0));
});

async function checkLora(lora: LoraConfig): Promise<number> {
  const base = initLlamaWeights(TINY, { seed: 3, std: 0.5 });
  const adapters = initLoraAdapters(TINY, lora, { seed: 6 });
  const prng = randomSeeded(7);
  for (const [name, a] of adapters) {
    if (name.includes("lora_B")) a.forEach((_, i) => (a[i] = 0.3 * randomNormal(prng)));
  }
  const expected = await referenceLogProbs(mergeLoraWeights(TINY, base, adapters, lora));
  // The merged weights are rounded to float32, the graph adds the adapters in float64.
  return await checkGraph({ kind: "lora", lora, baseWeights: base }, adapters, expected, 1e-6);
}

Deno.test("buildPolicyTrainingGraph() LoRA on all linear layers: merged-model log-probs, loss and adapter gradients", async () => {
  const checked = await checkLora(loraConfig({ rank: 2, alpha: 3 }));
  // per layer: q (8x2 + 2x8), k (8x2 + 2x4), v (same), o (8x2 + 2x8), gate/up (8x2 + 2x12), down (12x2 + 2x8)
  assertEquals(checked, 2 * (32 + 24 + 24 + 32 + 40 + 40 + 40));
});

Deno.test("buildPolicyTrainingGraph() LoRA on some of q/k/v: zero blocks for the parts left out", async () => {
  const checked = await checkLora(
    loraConfig({ rank: 1, alpha: 2, targets: ["k_proj", "down_proj"] }),
  );
  assertEquals(checked, 2 * (12 + 20));
});

Deno.test("buildPolicyTrainingGraph() LoRA keeps the base weights as initializers and feeds only adapters", () => {
  const lora = loraConfig({ rank: 2 });
  const base = initLlamaWeights(TINY);
  const g = buildPolicyTrainingGraph(TINY, { kind: "lora", lora, baseWeights: base }, {});
  const inputs = new Set(g.model.graph.inputs.map((v) => v.name));
  for (const name of base.keys()) {
    assert(!inputs.has(name), `${name} is an input`);
    assert(g.model.graph.initializers.get(name)?.data === base.get(name), `${name} not shared`);
  }
  assertEquals(g.trainable.length, 2 * 7 * TINY.numHiddenLayers);
  assert(!inputs.has("ref_log_probs"), "no KL term: no reference input");
  const names = g.model.graph.outputs.map((o) => o.name);
  assertEquals(names.slice(0, 6), [
    "loss",
    "policy_loss",
    "clip_fraction",
    "approx_kl",
    "entropy",
    "log_probs",
  ]);
});

Deno.test("buildPolicyTrainingGraph() runs the LM head on response rows only", () => {
  const g: Model = buildPolicyLossModel(TINY, { kind: "full" }).model;
  const head = g.graph.nodes.find((n) =>
    n.opType === "MatMul" && n.inputs[1] === "lm_head.weight"
  )!;
  const gather = g.graph.nodes.find((n) => n.outputs[0] === head.inputs[0])!;
  assertEquals(gather.opType, "Gather");
  assertEquals(gather.inputs[1], "response_positions");
});
