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
    // The context is 1024 tokens (bytes) and the 8-example prompt is ~500 of them; a
    // problem list of 256 bytes holds 3-5 new problems.
    sampling: { maxNewTokens: 256, presencePenalty: 2 },
    // The paper's 0.7 rejects ~63% of fresh tiny-math problems (the world's author measured
    // pass rates per level 68/25/19/27/47% at 0.7, 72% at 0.8, 85% at 0.85): the world's
    // problems share templates, so two different problems of one template overlap in most
    // words. 0.85 still rejects near-copies (same template and numbers differing in one slot).
    rougeThreshold: 0.85,
  },
  rollout: {
    maxNewTokens: 256, // tiny-math solutions are under ~100 bytes; 256 leaves room and fits the context
  },
  train: {
    lr: 2e-5, // tuned on the tiny model (LOG.md); the paper's 5e-7 is for 3B full fine-tuning
  },
  loop: {
    evalMaxNewTokens: 256, // same budget as the rollouts
  },
} satisfies ExperimentOverrides;
