/**
 * rl_gt: the paper's upper baseline, RL with ground-truth rewards on labelled problems
 * (here an endless stream of labelled tiny-math problems that skips the eval problems),
 * with everything else as in main.
 */
import type { ExperimentOverrides } from "../lib/config/experiment.ts";
import main from "./main.ts";

export default {
  ...main, // the same model, lengths, learning rate and filters
  name: "rl_gt", // runs/rl_gt/<run-id>/
  method: "rl_gt", // reward 1 iff the response's answer equals the label; no self-instruction
  data: {
    ...main.data,
    labelled: "world", // generated labelled tiny-math problems (or a JSONL path with answers)
  },
} satisfies ExperimentOverrides;
