// deno-lint-ignore-file no-console
/**
 * `deno task bench train`: the policy training step at serl's tiny default size (4 layers,
 * width 256, 4 heads over 2 KV heads, MLP 768, byte-level vocabulary 260), 16 sequences of
 * 64 prompt + 128 response tokens, in full fine-tuning and LoRA (rank 16, all linear
 * layers): tokens/s of forward + backward + AdamW update (`trainPolicyStep`), and achieved
 * GFLOP/s (MatMul/Gemm FLOPs of the training graph, `countMatMulFlops`) against one
 * 1024^3 MatMul timed in the same run.
 *
 * `tokens_per_s` counts every token of the packed batch (prompt and response); the loss
 * covers the response tokens only. `fraction_of_matmul` is the median, over the timed steps,
 * of the step's achieved GFLOP/s over the MatMul's timed right after it (same machine load). Options: `--steps N` timed steps (default 5),
 * `--threads N` (default 2).
 *
 * @module
 */
import { parseArgs } from "node:util";
import { byteLevelTokenizerFiles } from "../../lib/model/byte_level_tokenizer.ts";
import { llamaConfig } from "../../lib/model/llama_config.ts";
import { initLlamaWeights, llamaParameterCount } from "../../lib/model/llama_parameters.ts";
import { loadModel } from "../../lib/model/load_model.ts";
import { saveModelFolder } from "../../lib/model/save_model_folder.ts";
import { createMatmulReference } from "./_matmul_reference.ts";
import { countMatMulFlops } from "../../lib/onnx/flops.ts";
import { randomInt, randomSeeded } from "../../lib/random.ts";
import { loraConfig } from "../../lib/train/lora.ts";
import {
  createPolicyTrainer,
  type PolicyTrainer,
  releasePolicyTrainer,
} from "../../lib/train/policy_trainer.ts";
import { buildPolicyTrainingGraph } from "../../lib/train/policy_training_graph.ts";
import { type PolicyBatch, trainPolicyStep } from "../../lib/train/train_policy_step.ts";

const { values } = parseArgs({
  args: Deno.args.slice(1),
  options: { steps: { type: "string", default: "5" }, threads: { type: "string", default: "2" } },
});
const STEPS = Number(values.steps), THREADS = Number(values.threads);
const BATCH = 16, PROMPT = 64, RESPONSE = 128, LORA_RANK = 16;

const config = llamaConfig({
  vocabSize: 260,
  hiddenSize: 256,
  numHiddenLayers: 4,
  numAttentionHeads: 4,
  numKeyValueHeads: 2,
  intermediateSize: 768,
});
const dir = await Deno.makeTempDir({ prefix: "serl_bench_train_" });
await saveModelFolder(dir, {
  config,
  weights: initLlamaWeights(config, { seed: 1 }),
  tokenizer: byteLevelTokenizerFiles(),
});
const model = await loadModel(dir, { threads: THREADS });

const prng = randomSeeded(7);
const tokens = (n: number) => Array.from({ length: n }, () => randomInt(prng, 0, 256));
const batch: PolicyBatch = {
  promptIds: Array.from({ length: BATCH }, () => tokens(PROMPT)),
  responseIds: Array.from({ length: BATCH }, () => tokens(RESPONSE)),
  oldLogProbs: Array.from({ length: BATCH }, () => new Array(RESPONSE).fill(-Math.log(260))),
  advantages: Array.from({ length: BATCH }, (_, i) => new Array(RESPONSE).fill(i % 2 ? 1 : -1)),
};
const packedTokens = BATCH * (PROMPT + RESPONSE);
const dims = {
  "batch_size": BATCH,
  "sequence_length": PROMPT + RESPONSE,
  "response_tokens": BATCH * RESPONSE,
};

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

async function timeMs(run: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await run();
  return performance.now() - t0;
}

// The reference: one 1024^3 MatMul with its weight prepacked, timed right after each step
// (the machine is shared: each step is compared with the MatMul under the same load, and the
// median of those ratios is the result).
const matmul = await createMatmulReference(1024, THREADS);
const matmulMs: number[] = [];
async function timeMatmul(): Promise<number> {
  const runs = [];
  for (let i = 0; i < 5; i++) runs.push(await timeMs(() => matmul.run()));
  matmulMs.push(median(runs));
  return median(runs);
}

async function timeMode(lora: boolean) {
  const loraInput = { rank: LORA_RANK, alpha: 2 * LORA_RANK };
  const t0 = performance.now();
  const trainer: PolicyTrainer = await createPolicyTrainer(model, {
    lr: 1e-6,
    totalSteps: 1000,
    microBatchSize: BATCH,
    ...(lora ? { lora: loraInput } : {}),
  });
  const setupMs = performance.now() - t0;
  const graph = buildPolicyTrainingGraph(
    config,
    lora
      ? { kind: "lora", lora: loraConfig(loraInput), baseWeights: model.weights }
      : { kind: "full" },
  );
  const flops = countMatMulFlops(graph.model.graph, { dims });
  await trainPolicyStep(trainer, batch);
  await trainPolicyStep(trainer, batch);
  const steps: number[] = [], fractions: number[] = [];
  for (let i = 0; i < STEPS; i++) {
    const stepMs = await timeMs(() => trainPolicyStep(trainer, batch));
    const mmMs = await timeMatmul();
    steps.push(stepMs);
    fractions.push((flops / stepMs) / (2 * 1024 ** 3 / mmMs));
  }
  const ms = median(steps);
  const fraction = median(fractions);
  const trainable = trainer.params.reduce((n, p) => n + p.length, 0);
  await releasePolicyTrainer(trainer);
  return { ms, fraction, flops, setupMs, trainable, nodes: graph.model.graph.nodes.length };
}

const full = await timeMode(false);
const lora = await timeMode(true);
await matmul.release();
const mmMs = median(matmulMs);
const matmulGflops = (2 * 1024 ** 3) / (mmMs * 1e6);
const gflops = (r: { flops: number; ms: number }) => r.flops / (r.ms * 1e6);

console.log(
  `model: ${config.numHiddenLayers} layers, width ${config.hiddenSize}, ${config.numAttentionHeads} heads (${config.numKeyValueHeads} KV), MLP ${config.intermediateSize}, vocab ${config.vocabSize}, ${
    (llamaParameterCount(config) / 1e6).toFixed(2)
  }M parameters; batch ${BATCH} x (${PROMPT} prompt + ${RESPONSE} response) tokens; ${THREADS} threads`,
);
for (const [label, r] of [["full fine-tuning", full], [`LoRA rank ${LORA_RANK}`, lora]] as const) {
  console.log(
    `${label.padEnd(17)} step ${r.ms.toFixed(1).padStart(7)} ms  ${
      Math.round(packedTokens / (r.ms / 1000)).toString().padStart(6)
    } tokens/s  ${(r.flops / 1e9).toFixed(2)} GFLOP matmul = ${gflops(r).toFixed(0)} GFLOP/s = ${
      (100 * r.fraction).toFixed(0)
    }% of MatMul  (${(r.trainable / 1e6).toFixed(3)}M trainable, graph ${r.nodes} nodes, setup ${
      r.setupMs.toFixed(0)
    } ms)`,
  );
}
console.log(`MatMul 1024^3     ${mmMs.toFixed(2)} ms = ${matmulGflops.toFixed(0)} GFLOP/s`);
await Deno.remove(dir, { recursive: true });
console.log(JSON.stringify({
  tokens_per_s: Math.round(packedTokens / (full.ms / 1000)),
  fraction_of_matmul: +full.fraction.toFixed(3),
  step_ms: +full.ms.toFixed(1),
  achieved_gflops: +gflops(full).toFixed(1),
  lora_tokens_per_s: Math.round(packedTokens / (lora.ms / 1000)),
  lora_fraction_of_matmul: +lora.fraction.toFixed(3),
  lora_step_ms: +lora.ms.toFixed(1),
  lora_achieved_gflops: +gflops(lora).toFixed(1),
  matmul_gflops: +matmulGflops.toFixed(1),
  step_gflop: +(full.flops / 1e9).toFixed(3),
  lora_step_gflop: +(lora.flops / 1e9).toFixed(3),
  tokens_per_step: packedTokens,
}));
