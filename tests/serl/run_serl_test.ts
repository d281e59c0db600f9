import { join } from "node:path";
import { assert, assertEquals } from "../assert.ts";
import { runSerl } from "../../lib/serl/run_serl.ts";
import type { StepMetrics } from "../../lib/serl/step_metrics.ts";
import type { ExperimentOverrides } from "../../lib/config/experiment.ts";
import { scriptedSampler, smokeExperiment } from "./_fixture.ts";

async function run(runDir: string, ...overrides: ExperimentOverrides[]) {
  const experiment = await smokeExperiment(...overrides);
  return await runSerl(experiment, { runDir, sampler: scriptedSampler });
}

async function metricsOf(runDir: string): Promise<StepMetrics[]> {
  const text = await Deno.readTextFile(join(runDir, "metrics.jsonl"));
  return text.split("\n").filter(Boolean).map((l) => JSON.parse(l));
}

/** Metrics lines without their timings. */
async function timeless(runDir: string): Promise<string[]> {
  return (await metricsOf(runDir)).map((m) => JSON.stringify({ ...m, seconds: undefined }));
}

Deno.test("runSerl() writes the run folder: config, metrics, evals, samples, checkpoints, model, summary", async () => {
  const dir = join(await Deno.makeTempDir(), "run");
  const result = await run(dir, { loop: { keepCheckpoints: 1 } });
  assertEquals(result.status, "done");
  assertEquals(result.steps, 2);
  const config = JSON.parse(await Deno.readTextFile(join(dir, "config.json")));
  assertEquals(config.loop.steps, 2);
  const metrics = await metricsOf(dir);
  assertEquals(metrics.map((m) => m.step), [1, 2]);
  for (const m of metrics) {
    for (
      const key of [
        "trainReward",
        "keptFraction",
        "approxKl",
        "entropy",
        "responseLength",
        "clipFraction",
        "gradNorm",
        "lr",
        "rollouts",
        "majorityLabelAccuracy",
        "policyTrueAccuracy",
        "candidateWorldShare",
      ]
    ) assert(key in m, `metrics line lacks ${key}`);
    assert(m.trainReward >= 0.2 && m.trainReward <= 0.8, `trained groups are in the band`);
    assert(m.keptFraction > 0 && m.keptFraction <= 1);
    assert(m.funnel.candidates > 0 && m.funnel.accepted > 0 && m.funnel.kept >= 4);
    assertEquals(m.trainedGroups, 4);
    assert(m.rollouts >= 1 && m.updates === 2 && m.skippedUpdates === 0);
    assert(m.entropy > 0 && m.responseLength > 0 && m.gradNorm! > 0 && m.lr > 0);
    assert(m.seconds.step! > 0);
    // the scripted lists hold well-formed world problems, so the true labels are computable
    assert(m.labelledGroups > 0 && m.majorityLabelAccuracy !== null);
    assert(m.candidateWorldShare! > 0 && m.candidateWorldShare! < 1);
  }
  assertEquals(metrics[1]!.eval?.step, 2, "the last step is evaluated");
  // step 1's policy is the reference: KL to it is float noise
  assert(Math.abs(metrics[0]!.klRef!) < 1e-4, `klRef ${metrics[0]!.klRef}`);
  const samples = JSON.parse(await Deno.readTextFile(join(dir, "samples", "step-0002.json")));
  assertEquals(samples.groups.length, 2);
  assertEquals(samples.groups[0].responses.length, 4);
  assert(samples.completions[0].text.length > 0);
  const checkpoints = [...Deno.readDirSync(join(dir, "checkpoints"))].map((e) => e.name);
  assertEquals(checkpoints, ["step-000002"]);
  await Deno.stat(join(dir, "model", "onnx", "model.onnx"));
  const summary = JSON.parse(await Deno.readTextFile(join(dir, "summary.json")));
  assertEquals(summary.before.step, 0);
  assertEquals(summary.after.step, 2);
  assertEquals(summary.steps, 2);
});

Deno.test("runSerl() resumed after a stop (Ctrl-C) equals an uninterrupted run", async () => {
  const root = await Deno.makeTempDir();
  const four = { loop: { steps: 4, checkpointEvery: 3 } };
  await run(join(root, "straight"), four);
  const experiment = await smokeExperiment(four);
  const controller = new AbortController();
  const stopped = await runSerl(experiment, {
    runDir: join(root, "resumed"),
    sampler: scriptedSampler,
    signal: controller.signal,
    onEvent: (e) => {
      if (e.type === "step" && e.metrics.step === 2) controller.abort();
    },
  });
  assertEquals(stopped.status, "stopped");
  assertEquals(stopped.steps, 2);
  // a killed step 3 left a torn line behind; resuming must drop it
  await Deno.writeTextFile(join(root, "resumed", "metrics.jsonl"), '{"step":3,"tra', {
    append: true,
  });
  const resumed = await runSerl(experiment, {
    runDir: join(root, "resumed"),
    resume: true,
    sampler: scriptedSampler,
  });
  assertEquals(resumed.status, "done");
  assertEquals(await timeless(join(root, "resumed")), await timeless(join(root, "straight")));
  const weights = (d: string) => Deno.readFile(join(root, d, "model", "onnx", "model.onnx"));
  assertEquals(await weights("resumed"), await weights("straight"));
});

Deno.test("runSerl() resumed after kill -9 at an arbitrary moment equals an uninterrupted run", async () => {
  const root = await Deno.makeTempDir();
  const overrides = { loop: { steps: 4, checkpointEvery: 2 } };
  await run(join(root, "straight"), overrides);
  const config = join(root, "config.json");
  await Deno.writeTextFile(config, JSON.stringify(await smokeExperiment(overrides)));
  const child = (resume: boolean) =>
    new Deno.Command(Deno.execPath(), {
      args: [
        "run",
        "-A",
        new URL("./_run_child.ts", import.meta.url).pathname,
        config,
        join(root, "killed"),
        ...(resume ? ["--resume"] : []),
      ],
      stdout: "null",
      stderr: "inherit",
    }).spawn();
  const first = child(false);
  // kill as soon as step 3 is written: after the step-2 checkpoint, before the step-4 one
  for (let i = 0; i < 600; i++) {
    await new Promise((r) => setTimeout(r, 50));
    const lines = await Deno.readTextFile(join(root, "killed", "metrics.jsonl")).catch(() => "");
    if (lines.split("\n").filter(Boolean).length >= 3) break;
  }
  first.kill("SIGKILL");
  assertEquals((await first.status).signal, "SIGKILL");
  assert((await Deno.stat(join(root, "killed", "summary.json")).catch(() => null)) === null);
  const second = await child(true).status;
  assertEquals(second.code, 0);
  assertEquals(await timeless(join(root, "killed")), await timeless(join(root, "straight")));
  const weights = (d: string) => Deno.readFile(join(root, d, "model", "onnx", "model.onnx"));
  assertEquals(await weights("killed"), await weights("straight"));
});

Deno.test("runSerl() each filter switch changes the funnel", async () => {
  const root = await Deno.makeTempDir();
  const funnel = async (name: string, overrides: ExperimentOverrides) => {
    await run(join(root, name), { loop: { steps: 1 } }, overrides);
    return (await metricsOf(join(root, name)))[0]!;
  };
  const on = await funnel("on", {});
  for (
    const reason of ["empty", "wordCount", "blacklist", "writeProgram", "leadingChar"] as const
  ) {
    assert(on.funnel[reason] > 0, `the scripts exercise ${reason}`);
    const off = await funnel(reason, { instruct: { filters: { [reason]: false } } });
    assertEquals(off.funnel[reason], 0, `${reason} off rejects nothing`);
  }
  assert(on.funnel.rougeL > 0);
  const noRouge = await funnel("rougeL", { instruct: { filters: { rougeL: false } } });
  assertEquals(noRouge.funnel.rougeL, 0);
  // difficulty: a band that keeps nothing but r_mean 0.5 rejects groups; off keeps all
  const narrow = await funnel("narrow", {
    instruct: { difficultyBounds: [0.5, 0.5] },
    loop: { maxRollouts: 30 },
  });
  assert(narrow.funnel.tooHard + narrow.funnel.tooEasy > 0);
  assert(narrow.keptFraction < 1);
  const noDifficulty = await funnel("difficulty", {
    instruct: { difficultyBounds: [0.5, 0.5], filters: { difficulty: false } },
  });
  assertEquals(noDifficulty.funnel.tooHard + noDifficulty.funnel.tooEasy, 0);
  assertEquals(noDifficulty.keptFraction, 1);
  assertEquals(noDifficulty.rollouts, 1);
});

Deno.test("runSerl() runs the baselines: rl_gt on the world stream, maj_on_seeds, and eval only", async () => {
  const root = await Deno.makeTempDir();
  // the scripted answers are never right, so every group is "too hard": train on all
  await run(join(root, "gt"), {
    method: "rl_gt",
    loop: { steps: 1 },
    instruct: { filters: { difficulty: false } },
  });
  const [gt] = await metricsOf(join(root, "gt"));
  assertEquals(gt!.method, "rl_gt");
  assertEquals(gt!.funnel.candidates, 0, "no self-instruction");
  assertEquals(gt!.majorityLabelAccuracy, 1, "rl_gt's labels are the truth");
  assertEquals(gt!.trainReward, 0);
  assertEquals(gt!.policyTrueAccuracy, 0);
  await run(join(root, "seeds"), { method: "maj_on_seeds", loop: { steps: 1 } });
  const [seeds] = await metricsOf(join(root, "seeds"));
  assertEquals(seeds!.funnel.candidates, 0);
  assertEquals(seeds!.instructionWorldShare, 1, "the seeds are world problems");
  const evalOnly = await run(join(root, "eval"), { method: "eval" });
  assertEquals(evalOnly.steps, 0);
  assertEquals(evalOnly.summary!.before!.problems, 4);
});

Deno.test("runSerl() restarts iteration 2 from iteration 1's weights", async () => {
  const dir = join(await Deno.makeTempDir(), "run");
  const events: string[] = [];
  await runSerl(await smokeExperiment({ loop: { steps: 1, iterations: 2 } }), {
    runDir: dir,
    sampler: scriptedSampler,
    onEvent: (e) => events.push(e.type),
  });
  assert(events.includes("iteration"));
  const metrics = await metricsOf(dir);
  assertEquals(metrics.map((m) => m.iteration), [0, 1]);
  // iteration 1's reference is its own start: KL to it is float noise again
  assert(Math.abs(metrics[1]!.klRef!) < 1e-4, `klRef ${metrics[1]!.klRef}`);
  await Deno.stat(join(dir, "iterations", "1", "onnx", "model.onnx"));
});

Deno.test("runSerl() runs GRPO (k3 KL loss term), RLOO and LoRA through the same step", async () => {
  const root = await Deno.makeTempDir();
  for (
    const [name, overrides] of [
      ["grpo", { rl: { estimator: "grpo" } }],
      ["rloo", { rl: { estimator: "rloo" } }],
      ["lora", { train: { mode: "lora", loraRank: 2 } }],
    ] as [string, ExperimentOverrides][]
  ) {
    await run(join(root, name), overrides);
    const m = (await metricsOf(join(root, name)))[1];
    assert(m!.updates === 2 && m!.gradNorm! > 0, name);
    if (name === "grpo") {
      assert(
        m!.klRef !== null && m!.klLoss > 0,
        "GRPO has its k3 loss term (step 2: the policy has moved)",
      );
    }
    if (name === "rloo") assertEquals(m!.klLoss, 0, "RLOO puts the KL into the reward");
  }
});

Deno.test("runSerl() fails loudly when the model writes no usable problem", async () => {
  const { constrainTo } = await import("./_fixture.ts");
  const { generate } = await import("../../lib/generate/generate.ts");
  const dir = join(await Deno.makeTempDir(), "run");
  const experiment = await smokeExperiment({ loop: { maxRounds: 3 } });
  let message = "";
  try {
    await runSerl(experiment, {
      runDir: dir,
      sampler: (model, prompts, options) =>
        generate(model, prompts, { ...options, logitsProcessors: [constrainTo(["Hi."])] }),
    });
  } catch (e) {
    message = (e as Error).message;
  }
  assert(message.includes("loop.maxRounds") && message.includes("wordCount 6"), message);
});
