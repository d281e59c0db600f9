/**
 * The terminal lines of `deno task serl`: one a step, one an evaluation.
 *
 * @module
 */
import type { EvalPoint, StepMetrics } from "../serl/step_metrics.ts";

const f = (x: number | null, digits = 2) => (x === null ? "n/a" : x.toFixed(digits));

/** `step 3/8  reward 0.52  kept 0.75  ...` */
export function formatStepLine(m: StepMetrics, total: number): string {
  const width = String(total).length;
  return [
    `step ${String(m.step).padStart(width)}/${total}`,
    `reward ${f(m.trainReward)}/${f(m.rolloutReward)}`,
    `kept ${f(m.keptFraction)}`,
    `rollouts ${m.rollouts}`,
    `maj-acc ${f(m.majorityLabelAccuracy)}`,
    `pol-acc ${f(m.policyTrueAccuracy)}`,
    `r0/r1 ${f(m.rMeanZero)}/${f(m.rMeanOne)}`,
    `kl ${m.klRef === null ? "n/a" : m.klRef.toExponential(1)}`,
    `ent ${f(m.entropy)}`,
    `len ${m.responseLength.toFixed(0)}`,
    `clip ${f(m.clipFraction, 3)}`,
    `|g| ${f(m.gradNorm)}`,
    `lr ${m.lr.toExponential(1)}`,
    `${(m.seconds.step ?? 0).toFixed(0)}s`,
  ].join("  ");
}

/** `eval step 4: Pass@1 0.312 on 200 problems  (L1 0.50 L2 ...)` */
export function formatEvalPoint(p: EvalPoint): string {
  const levels = Object.entries(p.byLevel).map(([l, v]) => `L${l} ${v.toFixed(2)}`).join(" ");
  const set = p.set === "eval" ? "eval" : "eval-ood";
  return `${set} step ${p.step}: Pass@1 ${
    p.pass1.toFixed(3)
  } on ${p.problems} problems  (${levels})`;
}
