/** The paper's reward-hacking ablation: SeRL without the [0.2, 0.8] difficulty filter. */
import type { Ablation } from "../lib/config/ablation.ts";

export default {
  base: "main", // control = main unchanged
  override: { instruct: { filters: { difficulty: false } } }, // every group is trained on
  note: "Paper: without the filter, training reward keeps rising while accuracy collapses " +
    "after ~100 steps (groups converge on one wrong answer such as 0). Watch rolloutReward " +
    "and rMeanOne rise while eval pass1 and majorityLabelAccuracy fall. Tiny-math (LOG.md): " +
    "no signature in 20 small-scale steps; with --train.lr=1e-4 --loop.steps=60 the reward " +
    "rose 0.58 -> 0.79 while label accuracy fell 0.48 -> 0.25 and Pass@1 0.58 -> 0.40.",
} satisfies Ablation;
