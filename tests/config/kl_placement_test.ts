import { assertEquals } from "../assert.ts";
import { resolveKlPlan } from "../../lib/config/kl_placement.ts";

const auto = { klCoef: 1e-3, klPlacement: "auto", klEstimator: "auto" } as const;

Deno.test("resolveKlPlan() follows the SeRL scripts per estimator", () => {
  for (const estimator of ["reinforce_pp", "reinforce_pp_baseline", "rloo"] as const) {
    const p = resolveKlPlan({ ...auto, estimator });
    assertEquals([p.placement, p.estimator, p.rewardCoef, p.lossCoef], ["reward", "k1", 1e-3, 0]);
  }
  for (const estimator of ["grpo", "dr_grpo"] as const) {
    const p = resolveKlPlan({ ...auto, estimator });
    assertEquals([p.placement, p.estimator, p.rewardCoef, p.lossCoef], ["loss", "k3", 0, 1e-3]);
  }
});

Deno.test("resolveKlPlan() lets explicit settings win and turns off at klCoef 0", () => {
  const p = resolveKlPlan({ ...auto, estimator: "grpo", klPlacement: "reward", klEstimator: "k2" });
  assertEquals([p.placement, p.estimator, p.rewardCoef], ["reward", "k2", 1e-3]);
  const none = resolveKlPlan({ ...auto, estimator: "reinforce_pp", klCoef: 0 });
  assertEquals([none.placement, none.needsReference, none.rewardCoef], ["none", false, 0]);
});
