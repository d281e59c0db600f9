// deno-lint-ignore-file no-console
/**
 * `deno task bench rl`: the CPU cost of lib/rl's per-step maths.
 *
 * - `adamStep` (grad-norm check + clip + AdamW update) over 8M float32 parameters in 24
 *   tensors, against a streaming loop with the same memory traffic (read p, g, m, v; write
 *   p, m, v; two multiply-adds per array) as the floor: `adam_vs_stream` is the ratio.
 * - `computeAdvantages` (REINFORCE++, k1 KL in the reward, whitening) over one SeRL
 *   rollout: 256 responses of 512 tokens, per token.
 * - `policyLoss` plus `policyLossGradient` over one optimizer step of 16 × 512 tokens.
 *
 * Last line: one JSON object with the timings and `adam_vs_stream`.
 *
 * @module
 */
import { adamStep, createAdamState } from "../../lib/rl/optimizer.ts";
import { computeAdvantages } from "../../lib/rl/compute_advantages.ts";
import { policyLoss, policyLossGradient } from "../../lib/rl/policy_loss.ts";
import { randomSeeded } from "../../lib/random.ts";

const PARAMS = 8_000_000, TENSORS = 24;
const prng = randomSeeded(6);

function timeMs(run: () => void, minMs = 1500): number {
  run(); // warm-up (JIT)
  let runs = 0;
  const start = performance.now();
  while (performance.now() - start < minMs) {
    run();
    runs++;
  }
  return (performance.now() - start) / runs;
}

const sizes = Array.from({ length: TENSORS }, () => Math.floor(PARAMS / TENSORS));
const params = sizes.map((n) => Float32Array.from({ length: n }, () => prng() - 0.5));
const grads = sizes.map((n) => Float32Array.from({ length: n }, () => (prng() - 0.5) * 1e-3));
const state = createAdamState(params);
const total = sizes.reduce((a, b) => a + b, 0);

const adamMs = timeMs(() => {
  adamStep(params, grads, state, { lr: 1e-6, weightDecay: 0.01 });
});
const streamMs = timeMs(() => {
  for (let k = 0; k < TENSORS; k++) {
    const p = params[k]!, g = grads[k]!, m = state.m[k]!, v = state.v[k]!;
    for (let j = 0; j < p.length; j++) {
      const gj = g[j]!;
      m[j] = 0.9 * m[j]! + 0.1 * gj;
      v[j] = 0.95 * v[j]! + 0.05 * gj;
      p[j] = p[j]! - 1e-12 * gj;
    }
  }
});
console.log(
  `adamStep   ${total.toLocaleString()} params: ${adamMs.toFixed(1)} ms/step ` +
    `(${(adamMs * 1e6 / total).toFixed(2)} ns/param)`,
);
console.log(
  `stream floor, same traffic: ${streamMs.toFixed(1)} ms/step ` +
    `(ratio ${(adamMs / streamMs).toFixed(2)})`,
);

const B = 256, T = 512, N = 16;
const rewards = Array.from({ length: B }, () => (prng() < 0.5 ? 1 : 0));
const logProbs = Array.from({ length: B }, () => Array.from({ length: T }, () => -3 * prng()));
const refLogProbs = logProbs.map((row) => row.map((x) => x + (prng() - 0.5) * 0.1));
let advantages: number[][] = [];
const advantagesMs = timeMs(() => {
  advantages = computeAdvantages(
    { rewards, groupSize: N, logProbs, refLogProbs },
    { estimator: "reinforce_pp", klCoef: 1e-3, klEstimator: "k1" },
  );
});
console.log(
  `computeAdvantages ${B} × ${T} tokens: ${advantagesMs.toFixed(1)} ms ` +
    `(${(advantagesMs * 1e6 / (B * T)).toFixed(0)} ns/token)`,
);

const step = {
  logProbs: logProbs.slice(0, N).map((row) => row.map((x) => x + (prng() - 0.5) * 0.2)),
  oldLogProbs: logProbs.slice(0, N),
  advantages: advantages.slice(0, N),
};
const lossMs = timeMs(() => {
  policyLoss(step, { aggregation: "seq-mean-token-mean" });
  policyLossGradient(step, { aggregation: "seq-mean-token-mean" });
});
console.log(`policyLoss + gradient ${N} × ${T} tokens: ${lossMs.toFixed(2)} ms`);

console.log(JSON.stringify({
  params: total,
  adam_ms_per_step: Number(adamMs.toFixed(2)),
  adam_ns_per_param: Number((adamMs * 1e6 / total).toFixed(3)),
  stream_ms_per_step: Number(streamMs.toFixed(2)),
  adam_vs_stream: Number((adamMs / streamMs).toFixed(3)),
  advantages_ms_per_rollout: Number(advantagesMs.toFixed(2)),
  policy_loss_ms_per_step: Number(lossMs.toFixed(3)),
}));
