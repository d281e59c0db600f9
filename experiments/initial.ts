/**
 * initial: the bundled model before any RL (evaluation only), the "initial" row of the
 * paper's tables.
 */
import type { ExperimentOverrides } from "../lib/config/experiment.ts";
import main from "./main.ts";

export default {
  ...main, // the same model and eval settings
  name: "initial", // runs/initial/<run-id>/
  method: "eval", // greedy Pass@1 on data.eval (and data.evalOod when set); no training
  data: {
    ...main.data,
    evalOod: "seeds/tiny-math/eval_ood.jsonl", // also the out-of-distribution set
  },
} satisfies ExperimentOverrides;
