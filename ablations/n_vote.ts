/** How many voters the majority vote needs: n_vote in {2, 4, 8, 16, 32}. */
import type { Ablation } from "../lib/config/ablation.ts";

export default {
  base: "main",
  variants: {
    n2: { rollout: { nVote: 2 } }, // r_mean is 0.5 or 1 (or 0): the band keeps only split pairs
    n4: { rollout: { nVote: 4 } },
    n8: { rollout: { nVote: 8 } },
    n16: { rollout: { nVote: 16 } }, // the paper's setting
    n32: { rollout: { nVote: 32 } }, // twice the rollout compute
  },
  note: "Paper: more voters give more accurate labels (reward cosine with ground truth) at a " +
    "linear cost in rollout compute. Compare majorityLabelAccuracy and eval pass1 against seconds.",
} satisfies Ablation;
