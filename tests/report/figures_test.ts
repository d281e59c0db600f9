/**
 * Every figure's traces hold exactly what the run folders it was built from contain: fake
 * runs with known metrics are written to a temp dir, read back with the run reader, and
 * each trace's x/y arrays are compared with the values written.
 */
import { join } from "node:path";
import { assert, assertEquals } from "../assert.ts";
import { readRunRecord, readRunSamples } from "../../lib/report/run_reader.ts";
import { difficultyFilterFigure, stepMetricFigure } from "../../lib/report/step_figures.ts";
import { nVoteFigure, nVotePoints } from "../../lib/report/n_vote_figures.ts";
import { iterationFigure, pass1ByIteration } from "../../lib/report/iteration_figures.ts";
import { mainResultFigure, mainResultRows } from "../../lib/report/main_result.ts";
import {
  funnelFigure,
  funnelStages,
  levelMixFigure,
  REJECTION_REASONS,
  rejectionsFigure,
} from "../../lib/report/self_instruction_figures.ts";
import { seedDrift, seedDriftFigure } from "../../lib/report/seed_drift.ts";
import { rewardAlignmentByVotes } from "../../lib/report/reward_alignment.ts";
import { rewardAlignmentFigure } from "../../lib/report/reward_alignment_figure.ts";
import type { PlotlyFigure } from "../../lib/report/plotly_figure.ts";
import type { StepSamples } from "../../lib/serl/step_samples.ts";
import { fakeEval, writeFakeRun } from "./_fake_run.ts";

interface Trace {
  name: string;
  x: unknown[];
  y: unknown[];
  xaxis?: string;
}
const traces = (fig: PlotlyFigure) => fig.data as unknown as Trace[];
const trace = (fig: PlotlyFigure, name: string) => {
  const t = traces(fig).find((d) => d.name === name);
  assert(t !== undefined, `no trace "${name}" in ${traces(fig).map((d) => d.name)}`);
  return t;
};

Deno.test("difficultyFilterFigure() and stepMetricFigure() plot the runs' metrics and evals", async () => {
  const root = await Deno.makeTempDir();
  const a = await writeFakeRun(join(root, "control"), { steps: 5, salt: 0 });
  const b = await writeFakeRun(join(root, "ablated"), {
    steps: 3,
    salt: 1,
    evals: [fakeEval(0, 0.5), fakeEval(2, 0.4), fakeEval(3, 0.3)],
  });
  const runs = [
    { ...(await readRunRecord(a.dir)), label: "with filter" },
    { ...(await readRunRecord(b.dir)), label: "without filter" },
  ];
  const fig = difficultyFilterFigure(runs);
  const all = traces(fig);
  assertEquals(all.length, 4);
  for (const [i, fake] of [a, b].entries()) {
    const [reward, acc] = [all[2 * i]!, all[2 * i + 1]!];
    assertEquals(reward.x, fake.metrics.map((m) => m.step));
    assertEquals(reward.y, fake.metrics.map((m) => m.trainReward));
    assertEquals(acc.x, fake.evals.map((e) => e.step));
    assertEquals(acc.y, fake.evals.map((e) => e.pass1));
    assertEquals([reward.xaxis, acc.xaxis], ["x", "x2"]);
  }
  const label = stepMetricFigure(runs, "t", (m) => m.majorityLabelAccuracy);
  assertEquals(trace(label, "with filter").y, a.metrics.map((m) => m.majorityLabelAccuracy));
  assertEquals(trace(label, "with filter").y[1], null); // step 2 is not measured: a gap
});

Deno.test("nVoteFigure() plots per-run means of the metrics against rollout.nVote", async () => {
  const root = await Deno.makeTempDir();
  const fakes = [];
  for (const [i, nVote] of [8, 2, 4].entries()) {
    fakes.push(
      await writeFakeRun(join(root, `n${nVote}`), {
        steps: 3,
        salt: i,
        overrides: { rollout: { nVote } },
      }),
    );
  }
  const runs = await Promise.all(fakes.map((f) => readRunRecord(f.dir)));
  const fig = nVoteFigure(nVotePoints(runs));
  const sorted = [...fakes].sort((p, q) => p.config.rollout.nVote - q.config.rollout.nVote);
  const mean = (xs: (number | null)[]) => {
    const ok = xs.filter((x): x is number => x !== null);
    return ok.reduce((s, x) => s + x, 0) / ok.length;
  };
  const label = trace(fig, "majority-label accuracy (all groups)");
  assertEquals(label.x, [2, 4, 8]);
  assertEquals(label.y, sorted.map((f) => mean(f.metrics.map((m) => m.majorityLabelAccuracy))));
  assertEquals(
    trace(fig, "eval Pass@1 after training").y,
    sorted.map((f) => f.evals.at(-1)!.pass1),
  );
  assertEquals(
    trace(fig, "seconds per step").y,
    sorted.map((f) => mean(f.metrics.map((m) => m.seconds.step!))),
  );
});

Deno.test("iterationFigure() and mainResultFigure() plot the evals at iteration ends", async () => {
  const root = await Deno.makeTempDir();
  const loop = { steps: 2, iterations: 2 };
  const evals = [fakeEval(0, 0.5), fakeEval(1, 0.52), fakeEval(2, 0.55), fakeEval(4, 0.6)];
  const serlFake = await writeFakeRun(join(root, "main"), { steps: 4, overrides: { loop }, evals });
  const gtFake = await writeFakeRun(join(root, "rl_gt"), {
    steps: 4,
    evals: [fakeEval(0, 0.5), fakeEval(4, 0.7)],
  });
  const serl = await readRunRecord(serlFake.dir);
  const iterations = iterationFigure([{ label: "reinforce_pp", points: pass1ByIteration(serl) }]);
  assertEquals(trace(iterations, "reinforce_pp").x, ["initial", "iteration 1", "iteration 2"]);
  assertEquals(trace(iterations, "reinforce_pp").y, [0.5, 0.55, 0.6]);

  const rows = mainResultRows({ serl, rlGt: await readRunRecord(gtFake.dir) });
  const fig = mainResultFigure(rows);
  assertEquals(traces(fig).map((t) => t.name), [
    "initial",
    "SeRL iteration 1",
    "SeRL iteration 2",
    "RL with ground truth",
  ]);
  assertEquals(trace(fig, "SeRL iteration 2").x, ["all levels", "level 1", "level 2"]);
  const last = evals.at(-1)!;
  assertEquals(trace(fig, "SeRL iteration 2").y, [
    last.pass1,
    last.byLevel["1"],
    last.byLevel["2"],
  ]);
  assertEquals(trace(fig, "RL with ground truth").y[0], 0.7);
});

Deno.test("funnel, rejections and level-mix figures sum and split the metrics' funnels", async () => {
  const fake = await writeFakeRun(join(await Deno.makeTempDir(), "main"), { steps: 4 });
  const run = await readRunRecord(fake.dir);
  const sum = (f: (m: (typeof fake.metrics)[number]) => number) =>
    fake.metrics.reduce((s, m) => s + f(m), 0);
  const funnel = traces(funnelFigure(funnelStages(run.metrics)))[0]!;
  const rules = (m: (typeof fake.metrics)[number]) =>
    m.funnel.empty + m.funnel.wordCount + m.funnel.blacklist + m.funnel.writeProgram +
    m.funnel.leadingChar;
  assertEquals(funnel.x, [
    sum((m) => m.funnel.candidates),
    sum((m) => m.funnel.candidates - rules(m)),
    sum((m) => m.funnel.accepted),
    sum((m) => m.funnel.rolledOut),
    sum((m) => m.funnel.kept),
  ]);
  const rejections = rejectionsFigure(run.metrics);
  assertEquals(traces(rejections).length, REJECTION_REASONS.length);
  for (const [key, name] of REJECTION_REASONS) {
    assertEquals(trace(rejections, name).x, fake.metrics.map((m) => m.step));
    assertEquals(trace(rejections, name).y, fake.metrics.map((m) => m.funnel[key]));
  }
  const mix = levelMixFigure(run.metrics, { "1": 1, "2": 1, "3": 1, "4": 1, "5": 0, none: 0 });
  const level1 = trace(mix, "level 1");
  assertEquals(level1.x, ["seeds", "1", "2", "3", "4"]);
  const share = (m: (typeof fake.metrics)[number]) =>
    m.levelMix["1"]! / Object.values(m.levelMix).reduce((s, v) => s + v, 0);
  assertEquals(level1.y, [0.25, ...fake.metrics.map(share)]);
});

Deno.test("seedDriftFigure() plots the samples' accepted problems and the metrics' shares", async () => {
  const samples: StepSamples[] = [1, 2].map((step) => ({
    step,
    iteration: 0,
    rejected: {},
    groups: [],
    completions: [{
      examples: [],
      text: "",
      finishReason: "eos",
      parsed: [],
      accepted: step === 1 ? ["What is 2 plus 3?"] : ["What is 2 plus 3?", "Hello there friend"],
    }],
  }));
  const fake = await writeFakeRun(join(await Deno.makeTempDir(), "main"), { steps: 2, samples });
  const read = await readRunSamples(fake.dir);
  assertEquals(read.map((s) => s.step), [1, 2]);
  const fig = seedDriftFigure(seedDrift(read, ["What is 2 plus 3?"]), fake.metrics);
  const rouge = traces(fig)[0]!, wellFormed = traces(fig)[1]!;
  assertEquals(rouge.x, [1, 2]);
  assertEquals(rouge.y, [1, 0.5]);
  assertEquals(wellFormed.y, [1, 0.5]);
  assertEquals(traces(fig)[2]!.y, fake.metrics.map((m) => m.candidateWorldShare));
  assertEquals(traces(fig)[3]!.y, fake.metrics.map((m) => m.instructionWorldShare));
});

Deno.test("rewardAlignmentFigure() plots the cosines rewardAlignmentByVotes() computes", () => {
  // problem 0: answers 5,5,6,6 (gold 5); problem 1: 7,8,8,8 (gold 7)
  const results = [
    { level: 1, gold: "5", answers: ["5", "5", "6", "6"], correct: [1, 1, 0, 0] },
    { level: 2, gold: "7", answers: ["7", "8", "8", "8"], correct: [1, 0, 0, 0] },
  ].map((r, index) => ({
    index,
    level: r.level,
    gold: r.gold,
    greedy: null,
    sampled: { answers: r.answers, correct: r.correct } as never,
  }));
  const rows = rewardAlignmentByVotes(results, [2, 4]);
  // n=2: votes [1,1] and [1,0] (tie 7/8: shortest, then first); truth [1,1] and [1,0]: cosine 1
  // n=4: votes [1,1,0,0] (tie: "5" first) and [0,1,1,1]; truth [1,1,0,0],[1,0,0,0]: 2/sqrt(5*3)
  assertEquals(rows.find((r) => r.nVote === 2 && r.level === "all")!.cosine, 1);
  const cos4 = rows.find((r) => r.nVote === 4 && r.level === "all")!.cosine!;
  assert(Math.abs(cos4 - 2 / Math.sqrt(15)) < 1e-12, `cosine ${cos4}`);
  assertEquals(rows.find((r) => r.nVote === 4 && r.level === "2")!.cosine, 0);
  const fig = rewardAlignmentFigure(rows);
  assertEquals(trace(fig, "all levels").x, [2, 4]);
  assertEquals(trace(fig, "all levels").y, [1, cos4]);
  assertEquals(trace(fig, "level 2").y, [1, 0]);
});
