/**
 * The studies of the report, one function each (the same figures the notebooks show):
 * each reads its runs (or makes smoke runs, see `study_runs.ts`) and returns a section.
 *
 * @module
 */
import { loadEvalRecords } from "../eval/eval_records.ts";
import { iterationFigure, iterationTable, pass1ByIteration } from "./iteration_figures.ts";
import { mainResultFigure, mainResultRows, mainResultTable } from "./main_result.ts";
import { nVoteFigure, nVotePoints, nVoteTable } from "./n_vote_figures.ts";
import type { ReportSection, SectionRun } from "./report_html.ts";
import { rewardAlignmentFigure, rewardAlignmentTable } from "./reward_alignment_figure.ts";
import {
  rewardAlignmentStudy,
  type RewardAlignmentStudyOptions,
} from "./reward_alignment_study.ts";
import { readRunSamples } from "./run_reader.ts";
import { configDifferenceTable, runSummaryTable } from "./run_tables.ts";
import { sampleProblemsTable } from "./sample_problems.ts";
import { seedDrift, seedDriftFigure } from "./seed_drift.ts";
import {
  funnelFigure,
  funnelStages,
  levelMixFigure,
  rejectionsFigure,
} from "./self_instruction_figures.ts";
import { difficultyFilterFigure, stepMetricFigure } from "./step_figures.ts";
import {
  ablationStudyRuns,
  experimentStudyRun,
  type StudyRun,
  type StudyRunOptions,
} from "./study_runs.ts";

const sectionRuns = (runs: readonly StudyRun[]): SectionRun[] =>
  runs.map((r) => ({ label: r.label, dir: r.dir, source: r.source, config: r.config }));

function missing(id: string, title: string, what: string): ReportSection {
  return { id, title, text: [`No runs: ${what}.`], figures: [], tables: [], runs: [] };
}

/**
 * Paper Fig. 3: reward alignment by n_vote and level (no RL run needed).
 *
 * @example (samples the bundled model; notebook 01 runs it)
 * ```ts ignore
 * import { rewardAlignmentSection } from "./report_sections.ts";
 * const section = await rewardAlignmentSection();
 * ```
 */
export async function rewardAlignmentSection(
  options?: RewardAlignmentStudyOptions,
): Promise<ReportSection> {
  const study = await rewardAlignmentStudy(options);
  const id = "reward_alignment", title = "Reward alignment (paper Fig. 3)";
  if (study === null) return missing(id, title, "run notebook 01 or deno task report");
  const s = study.settings;
  return {
    id,
    title,
    text: [
      "How well does the majority vote stand in for the ground truth? For each problem the model samples " +
      `${
        Math.max(...s.nVotes)
      } answers; the first n vote, and the cosine between their vote rewards and their ` +
      "ground-truth rewards is taken over all responses. The paper reports 0.75-0.85 for majority vote.",
      `${s.perLevel} problems per level of ${s.data}, model ${s.model}, temperature ${s.temperature}, ` +
      `up to ${s.maxNewTokens} tokens; sampling took ${study.seconds.toFixed(1)} s.`,
    ],
    figures: [{ name: "reward_alignment", figure: rewardAlignmentFigure(study.rows) }],
    tables: [rewardAlignmentTable(study.rows)],
    runs: [],
  };
}

/**
 * Paper Fig. 2: with and without the difficulty filter (`ablations/no_difficulty_filter.ts`).
 *
 * @example (makes smoke runs when runs/ has none)
 * ```ts ignore
 * import { difficultyFilterSection } from "./report_sections.ts";
 * const section = await difficultyFilterSection();
 * ```
 */
export async function difficultyFilterSection(options?: StudyRunOptions): Promise<ReportSection> {
  const id = "difficulty_filter", title = "Difficulty filter (paper Fig. 2)";
  const runs = await ablationStudyRuns("no_difficulty_filter", options);
  if (runs === null) return missing(id, title, "deno task ablate no_difficulty_filter");
  const [lo, hi] = runs[0]!.config.instruct.difficultyBounds;
  const names: Record<string, string> = {
    control: `with filter [${lo}, ${hi}]`,
    ablated: "without filter",
  };
  const labelled = runs.map((r) => ({ ...r, label: names[r.label] ?? r.label }));
  return {
    id,
    title,
    text: [
      "SeRL trains only on groups whose mean vote reward lies in a band (the paper: [0.2, 0.8]; " +
      `these runs: [${lo}, ${hi}]). The paper's ablation: without the filter the training reward ` +
      "keeps rising while accuracy collapses after about 100 steps (reward hacking: groups converge " +
      "on one wrong answer).",
    ],
    figures: [
      { name: "difficulty_filter", figure: difficultyFilterFigure(labelled) },
      {
        name: "difficulty_filter_label_accuracy",
        figure: stepMetricFigure(
          labelled,
          "True accuracy of the majority labels by step",
          (m) => m.majorityLabelAccuracy,
          {
            yTitle: "majority label = true answer",
            yPercent: true,
            yRange: [0, 1],
          },
        ),
      },
    ],
    tables: [runSummaryTable(labelled), configDifferenceTable(labelled)],
    runs: sectionRuns(labelled),
  };
}

/**
 * The n_vote sweep (`ablations/n_vote.ts`).
 *
 * @example (makes smoke runs when runs/ has none)
 * ```ts ignore
 * import { nVoteSection } from "./report_sections.ts";
 * const section = await nVoteSection();
 * ```
 */
export async function nVoteSection(options?: StudyRunOptions): Promise<ReportSection> {
  const id = "n_vote", title = "Number of voters (n_vote sweep)";
  const runs = await ablationStudyRuns("n_vote", options);
  if (runs === null) return missing(id, title, "deno task ablate n_vote");
  const points = nVotePoints(runs);
  return {
    id,
    title,
    text: [
      "More voters make more accurate pseudo-labels, at a cost linear in n_vote. Label accuracy is measured " +
      "exactly: tiny-math's solver knows the true answer of every problem the model writes.",
    ],
    figures: [
      { name: "n_vote", figure: nVoteFigure(points) },
      {
        name: "n_vote_train_reward",
        figure: stepMetricFigure(runs, "Train reward by step and n_vote", (m) => m.trainReward, {
          yTitle: "mean reward of trained groups",
          yRange: [0, 1],
        }),
      },
    ],
    tables: [nVoteTable(points), runSummaryTable(runs)],
    runs: sectionRuns(runs),
  };
}

/**
 * Paper Table 4: Reinforce++, GRPO and RLOO by iteration (`ablations/algorithms.ts`).
 *
 * @example (makes smoke runs when runs/ has none)
 * ```ts ignore
 * import { algorithmsSection } from "./report_sections.ts";
 * const section = await algorithmsSection();
 * ```
 */
export async function algorithmsSection(options?: StudyRunOptions): Promise<ReportSection> {
  const id = "algorithms", title = "Reinforce++, GRPO and RLOO (paper Table 4)";
  const runs = await ablationStudyRuns("algorithms", options);
  if (runs === null) return missing(id, title, "deno task ablate algorithms");
  const series = runs.map((r) => ({ label: r.label, points: pass1ByIteration(r) }));
  const caption = "Greedy Pass@1 by iteration and advantage estimator";
  return {
    id,
    title,
    text: [
      "The paper (Llama-3.2-3B, MATH-500): Reinforce++ 52.6 (iteration 3), GRPO 50.4 (iteration 1), " +
      "RLOO 51.7 (iteration 3): all three work and differ little.",
    ],
    figures: [{ name: "algorithms", figure: iterationFigure(series, { title: caption }) }],
    tables: [iterationTable(series, { title: caption }), runSummaryTable(runs)],
    runs: sectionRuns(runs),
  };
}

/**
 * Self-instruction: the filter funnel, rejections, sample problems and drift from the
 * seeds, from the latest `main` run.
 *
 * @example (makes a smoke run when runs/ has none)
 * ```ts ignore
 * import { selfInstructionSection } from "./report_sections.ts";
 * const section = await selfInstructionSection();
 * ```
 */
export async function selfInstructionSection(options?: StudyRunOptions): Promise<ReportSection> {
  const id = "self_instruction", title = "Self-instruction: filters, samples, drift";
  const run = await experimentStudyRun("main", options);
  if (run === null) return missing(id, title, "deno task serl main");
  const samples = await readRunSamples(run.dir);
  const seedRecords = await loadEvalRecords(run.config.data.seeds);
  const seeds = seedRecords.slice(0, run.config.data.seedLimit || undefined);
  const seedMix: Record<string, number> = { "1": 0, "2": 0, "3": 0, "4": 0, "5": 0, none: 0 };
  for (const s of seeds) seedMix[s.level === null ? "none" : String(s.level)]! += 1;
  return {
    id,
    title,
    text: [
      "Each step the model writes new problems from few-shot prompts of seeds. Rule filters, ROUGE-L against " +
      "everything seen and the difficulty filter decide what is trained on. Drift: how close accepted problems " +
      "stay to the nearest seed, and how many are still well-formed tiny-math problems.",
    ],
    figures: [
      { name: "funnel", figure: funnelFigure(funnelStages(run.metrics)) },
      { name: "rejections", figure: rejectionsFigure(run.metrics) },
      { name: "level_mix", figure: levelMixFigure(run.metrics, seedMix) },
      {
        name: "seed_drift",
        figure: seedDriftFigure(seedDrift(samples, seeds.map((s) => s.question)), run.metrics),
      },
    ],
    tables: [sampleProblemsTable(samples), runSummaryTable([run])],
    runs: sectionRuns([run]),
  };
}

/**
 * The main result: initial vs SeRL iterations vs RL with ground truth (and majority vote on
 * the seeds when a run of it exists).
 *
 * @example (makes smoke runs when runs/ has none)
 * ```ts ignore
 * import { mainResultSection } from "./report_sections.ts";
 * const section = await mainResultSection();
 * ```
 */
export async function mainResultSection(options?: StudyRunOptions): Promise<ReportSection> {
  const id = "main_result", title = "Main result: initial vs SeRL vs RL with ground truth";
  const serl = await experimentStudyRun("main", options);
  if (serl === null) return missing(id, title, "deno task serl main");
  // one scale in one figure: the baselines come from where the SeRL run came from
  const same = { ...options, source: serl.source };
  const initial = await experimentStudyRun("initial", same);
  const rlGt = await experimentStudyRun("rl_gt", same);
  const majOnSeeds = await experimentStudyRun("maj_on_seeds", { ...same, runMissing: false });
  const rows = mainResultRows({ initial, serl, rlGt, majOnSeeds });
  const runs = [initial, serl, rlGt, majOnSeeds].filter((r): r is StudyRun => r !== null);
  return {
    id,
    title,
    text: [
      "The paper (MMLU-Pro average): initial 34.0, RL with ground truth 36.1, SeRL iterations 1-3: " +
      "34.3 / 35.0 / 35.1: SeRL, with no labels, comes close to RL on labelled data.",
    ],
    figures: [{ name: "main_result", figure: mainResultFigure(rows) }],
    tables: [mainResultTable(rows), runSummaryTable(runs)],
    runs: sectionRuns(runs),
  };
}
