/** The paper's description versus the official code's behaviour (spec section 7). */
import type { Ablation } from "../lib/config/ablation.ts";
import { OFFICIAL_CODE_PRESET } from "../lib/config/experiment_presets.ts";

export default {
  base: "main", // control = the paper's description
  override: OFFICIAL_CODE_PRESET, // few-shot 6 seed + 2 generated, tie-break first, firstGetsOne, Python capitalize
  note: "The official code differs from the paper in four switches. On tiny-math, Python " +
    "capitalize only lower-cases names (the world's solver ignores case) and groups with no " +
    "answer at all are rare, so differences should come from the few-shot mix and the tie-break.",
} satisfies Ablation;
