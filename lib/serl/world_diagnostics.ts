/**
 * What the tiny-math world lets us measure that the paper could not: the true answer of
 * every problem the model writes (`solveWorldProblem`), hence the true accuracy of the
 * majority-vote labels and of the policy on its own problems, the share of generated text
 * that is a well-formed problem, and the level mix of what it writes. On other data (no
 * world problem among the instructions) the accuracies are null.
 *
 * @module
 */
import { answersEquivalent } from "../reward/equivalent.ts";
import { groundTruthReward } from "../reward/ground_truth.ts";
import { solveWorldProblem } from "../world/solve_world_problem.ts";
import type { RolloutGroup } from "./rollout_groups.ts";

/** Ground-truth diagnostics of one step's rollouts. */
export interface WorldDiagnostics {
  /** Groups with a true answer (a label, or a well-formed world problem). */
  labelledGroups: number;
  /** Share of those whose majority-vote label is the true answer (null: none). */
  majorityLabelAccuracy: number | null;
  /** The same over the groups kept by the difficulty filter (the labels trained on). */
  keptLabelAccuracy: number | null;
  /** Share of their responses whose answer is the true answer (null: none). */
  policyTrueAccuracy: number | null;
  /** Share of parsed candidate instructions that are world problems (null: no candidates). */
  candidateWorldShare: number | null;
  /** Share of rolled-out instructions that are world problems (null: none). */
  instructionWorldShare: number | null;
  /** Rolled-out instructions by world level (`"1"`..`"5"`), `"none"` for the rest. */
  levelMix: Record<string, number>;
}

const ratio = (a: number, b: number): number | null => (b === 0 ? null : a / b);

/**
 * Computes the diagnostics.
 *
 * @param groups Every group rolled out in the step.
 * @param kept Per group, whether the difficulty filter kept it.
 * @param candidates Every parsed candidate instruction of the step (none for baselines).
 * @returns The diagnostics.
 *
 * @example One world problem, labelled right by 3 of 4 voters
 * ```ts
 * import { worldDiagnostics } from "./world_diagnostics.ts";
 * const responses = ["\\boxed{5}", "\\boxed{5}", "\\boxed{5}", "\\boxed{6}"].map((text) =>
 *   ({ tokens: [1], logProbs: [0], text, finishReason: "eos" as const, answer: null }));
 * const d = worldDiagnostics([{ instruction: "What is 2 plus 3?", gold: null, promptTokens: [1],
 *   responses, rewards: [1, 1, 1, 0], rMean: 0.75, label: "5" }], [true], ["What is 2 plus 3?", "hi"]);
 * if (d.majorityLabelAccuracy !== 1 || d.policyTrueAccuracy !== 0.75) throw new Error(JSON.stringify(d));
 * if (d.candidateWorldShare !== 0.5 || d.levelMix["1"] !== 1) throw new Error(JSON.stringify(d));
 * ```
 */
export function worldDiagnostics(
  groups: readonly RolloutGroup[],
  kept: readonly boolean[],
  candidates: readonly string[],
): WorldDiagnostics {
  const levelMix: Record<string, number> = { "1": 0, "2": 0, "3": 0, "4": 0, "5": 0, none: 0 };
  let labelled = 0, labelRight = 0, keptLabelled = 0, keptRight = 0;
  let responses = 0, responsesRight = 0, world = 0;
  groups.forEach((g, i) => {
    const solved = solveWorldProblem(g.instruction);
    levelMix[solved === null ? "none" : String(solved.level)]!++;
    if (solved !== null) world++;
    const truth = g.gold ?? solved?.answer ?? null;
    if (truth === null) return;
    labelled++;
    const right = g.label !== null && answersEquivalent(g.label, truth) ? 1 : 0;
    labelRight += right;
    if (kept[i]) {
      keptLabelled++;
      keptRight += right;
    }
    for (const r of g.responses) {
      responses++;
      responsesRight += groundTruthReward(r.text, truth);
    }
  });
  const wellFormed = candidates.filter((c) => solveWorldProblem(c) !== null).length;
  return {
    labelledGroups: labelled,
    majorityLabelAccuracy: ratio(labelRight, labelled),
    keptLabelAccuracy: ratio(keptRight, keptLabelled),
    policyTrueAccuracy: ratio(responsesRight, responses),
    candidateWorldShare: ratio(wellFormed, candidates.length),
    instructionWorldShare: ratio(world, groups.length),
    levelMix,
  };
}
