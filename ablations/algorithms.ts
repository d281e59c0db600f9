/** The advantage estimator swap of the paper's Table 4: Reinforce++, GRPO, RLOO. */
import type { Ablation } from "../lib/config/ablation.ts";

export default {
  base: "main",
  variants: {
    reinforce_pp: { rl: { estimator: "reinforce_pp" } }, // k1 KL in the reward, global whitening
    grpo: { rl: { estimator: "grpo" } }, // group-normalized, k3 KL loss term 1e-3 (auto placement)
    rloo: { rl: { estimator: "rloo" } }, // leave-one-out baseline, k1 KL in the reward, whitened
  },
  note: "Paper (Llama-3.2-3B, MATH-500): Reinforce++ 52.6 (iter 3), GRPO 50.4 (iter 1), " +
    "RLOO 51.7 (iter 3): all three work; differences are small.",
} satisfies Ablation;
