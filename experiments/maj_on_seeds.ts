/**
 * maj_on_seeds: majority-vote self-reward on the seed problems themselves, without
 * self-instruction (TTRL-style); isolates what self-instruction adds.
 */
import type { ExperimentOverrides } from "../lib/config/experiment.ts";
import main from "./main.ts";

export default {
  ...main, // the same model, lengths, learning rate and filters
  name: "maj_on_seeds", // runs/maj_on_seeds/<run-id>/
  method: "maj_on_seeds", // the 500 seeds, reshuffled each epoch, rolled out and voted on
} satisfies ExperimentOverrides;
