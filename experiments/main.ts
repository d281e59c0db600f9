/**
 * main: SeRL on tiny-math with the bundled tiny model (the default of `deno task serl`).
 *
 * Everything not set here is the paper's default (lib/config/experiment_defaults.ts); what
 * is set here is what the tiny model needs, with the reason next to each value.
 */
import type { ExperimentOverrides } from "../lib/config/experiment.ts";

export default {
  name: "main", // runs/main/<run-id>/
  method: "serl", // self-instruction + majority-vote self-reward + Reinforce++
  seed: 0, // every draw of the run derives from it
  model: {
    dir: "seeds/models/tiny-math", // the bundled byte-level Llama, 4 x 256, ~3.2M params, context 1024
  },
  data: {
    seeds: "seeds/tiny-math/seed_500.jsonl", // 500 seed problems, 100 per level (few-shot + ROUGE pool only)
    eval: "seeds/tiny-math/eval_500.jsonl", // in-distribution eval, disjoint from the seeds
    evalOod: "", // the OOD set (larger numbers) is evaluated by ablations and on demand, not by default
  },
  instruct: {
    // The context is 1024 tokens (bytes) and the 8-example prompt is ~500 of them; 256
    // new bytes hold 2-3 new problems before the model ends its list.
    // Presence penalty 0, not the paper's 2: the penalty is per token and our tokens are
    // bytes, so it punishes every repeated letter and digit. Measured on the previous
    // bundled model (128 prompts each, LOG.md): penalty 2 gives 1.99 questions per prompt, 1.73 accepted by the
    // rule + ROUGE-L filters, 89% of those well-formed, and few word problems (levels
    // 2-4: 56 of 222); penalty 0 gives 2.99, 2.36 accepted, 84% well-formed, levels 2-4:
    // 102 of 302. Well-formed problems per prompt: 1.53 at 2, 1.99 at 0.
    sampling: { maxNewTokens: 256, presencePenalty: 0 },
    // The paper's 0.7 rejects ~63% of fresh tiny-math problems (the world's author measured
    // pass rates per level 68/25/19/27/47% at 0.7, 72% at 0.8, 85% at 0.85): the world's
    // problems share templates, so two different problems of one template overlap in most
    // words. 0.85 still rejects near-copies (same template and numbers differing in one slot).
    rougeThreshold: 0.85,
    // Keep groups whose majority holds 8 to 14 of 16 votes, not the paper's 4 to 12
    // ([0.2, 0.8]). Measured on the previous bundled model (one canonical trace per
    // problem), 400 seed problems at temperature 1 (LOG.md): its majority label was right in
    // 25-39% of groups with 3-7 agreeing votes, 53% at 8, 64-79% at 9-12, 89-100% at 13-16;
    // in the paper's band the labels trained on were right 46% of the time and every
    // learning rate tried lowered Pass@1. On the current model the groups this band keeps
    // have labels right 75-83% of the time (`keptLabelAccuracy` of the default run). Still a
    // difficulty band: all-agreeing groups (too easy) and groups without a real majority
    // (too hard) are dropped.
    difficultyBounds: [0.5, 0.875],
  },
  rollout: {
    maxNewTokens: 256, // tiny-math solutions are under ~100 bytes; 256 leaves room and fits the context
  },
  train: {
    lr: 3e-5, // tried 1e-5, 3e-5, 1e-4 on the previous model (LOG.md): 1e-4 lowered Pass@1 by 6-11 points in 10 steps; the paper's 5e-7 is for 3B full fine-tuning
  },
  loop: {
    evalMaxNewTokens: 256, // same budget as the rollouts
  },
} satisfies ExperimentOverrides;
