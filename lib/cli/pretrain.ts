// deno-lint-ignore-file no-console
/**
 * `deno task pretrain`: pretrains serl's tiny model on the tiny-math corpus and writes it as
 * a model folder (the bundled `seeds/models/tiny-math` is made by this command with its
 * defaults). Resumable: rerun the same command after a kill and it continues from the last
 * checkpoint in `--run`.
 *
 * @module
 */
import { basename, join } from "node:path";
import { writeFileAtomic } from "../atomic_write.ts";
import { evaluateModel } from "../eval/evaluate_model.ts";
import { loadEvalRecords } from "../eval/eval_records.ts";
import { modelEvalSampler } from "../eval/eval_sampler.ts";
import { modelCompletionSampler, selfInstructQuality } from "../eval/self_instruct_quality.ts";
import { INSTRUCT_DEFAULTS } from "../instruct/config.ts";
import { loadModel } from "../model/load_model.ts";
import { releaseModel } from "../model/model_session.ts";
import { type ModelCardData, renderModelCard } from "../pretrain/model_card.ts";
import { solveWorldProblem } from "../world/solve_world_problem.ts";
import { parseArgs } from "node:util";
import { saveLanguageModel } from "../model/save_model_folder.ts";
import { normalizeForExclusion } from "../pretrain/pretrain_corpus.ts";
import { pretrain } from "../pretrain/pretrain.ts";
import { generateWorldProblems } from "../world/generate_world_problem.ts";
import { parseWorldJsonl } from "../world/world_jsonl.ts";

const USAGE = `usage: deno task pretrain [options]

Pretrains serl's tiny model on tiny-math and saves it as a model folder.
  --out DIR          model folder to write (default seeds/models/tiny-math)
  --run DIR          checkpoints and metrics (default runs/pretrain/tiny-math)
  --steps N          optimizer steps in the cosine schedule (default 3200)
  --stop-at N        stop after N steps, before the schedule ends (default 2000: the
                     bundled model stops there to keep headroom for self-play)
  --minutes M        stop after M minutes, saving what is trained (default: no limit)
  --batch N          texts per step (default 32)
  --lr X             peak learning rate (default 1.5e-3)
  --layers N --hidden N --heads N --kv-heads N --intermediate N --context N
                     architecture (default 4, 256, 4, 2, 768, 1024)
  --seed N           initialization and corpus seed (default 0)
  --solutions S      mixed: every style of worked solution, one drawn per example
                     (default); canonical: the seed files' trace only
  --no-card          skip the evaluation and the model card (README.md) after training
  --eval-every N     greedy accuracy on 200 held-out problems every N steps (default 400)
  --help             show this message`;

/** The `--solutions` value, checked. */
function solutionStyles(value: string | undefined): "mixed" | "canonical" {
  if (value === "mixed" || value === "canonical") return value;
  throw new RangeError(`--solutions must be mixed or canonical, got ${value}`);
}

/** Problems held out for the periodic check: drawn from their own seed, never trained on. */
export const PRETRAIN_DEV_SEED = 90210;

/** Runs the command; returns the exit code. */
export async function pretrainMain(args: string[]): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args,
      options: {
        out: { type: "string", default: "seeds/models/tiny-math" },
        run: { type: "string", default: "runs/pretrain/tiny-math" },
        steps: { type: "string", default: "3200" },
        "stop-at": { type: "string", default: "2000" },
        minutes: { type: "string" },
        batch: { type: "string", default: "32" },
        lr: { type: "string", default: "1.5e-3" },
        layers: { type: "string", default: "4" },
        hidden: { type: "string", default: "256" },
        heads: { type: "string", default: "4" },
        "kv-heads": { type: "string", default: "2" },
        intermediate: { type: "string", default: "768" },
        context: { type: "string", default: "1024" },
        seed: { type: "string", default: "0" },
        solutions: { type: "string", default: "mixed" },
        "eval-every": { type: "string", default: "400" },
        "no-card": { type: "boolean" },
        help: { type: "boolean", short: "h" },
      },
    }));
  } catch (e) {
    console.error(`${(e as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const num = (name: string, v: string | undefined): number => {
    const n = Number(v);
    if (v === undefined || !Number.isFinite(n)) {
      throw new RangeError(`--${name} must be a number, got ${v}`);
    }
    return n;
  };
  let settings;
  try {
    settings = {
      steps: num("steps", values.steps),
      stopAtStep: num("stop-at", values["stop-at"]),
      maxSeconds: values.minutes === undefined ? Infinity : num("minutes", values.minutes) * 60,
      batchSize: num("batch", values.batch),
      lr: num("lr", values.lr),
      seed: num("seed", values.seed),
      solutionStyles: solutionStyles(values.solutions),
      evalEvery: num("eval-every", values["eval-every"]),
      architecture: {
        numHiddenLayers: num("layers", values.layers),
        hiddenSize: num("hidden", values.hidden),
        numAttentionHeads: num("heads", values.heads),
        numKeyValueHeads: num("kv-heads", values["kv-heads"]),
        intermediateSize: num("intermediate", values.intermediate),
        maxPositionEmbeddings: num("context", values.context),
        tieWordEmbeddings: true,
      },
    };
  } catch (e) {
    console.error((e as Error).message);
    return 2;
  }
  const here = new URL("../../seeds/tiny-math/", import.meta.url).pathname;
  const held = [
    ...parseWorldJsonl(await Deno.readTextFile(join(here, "eval_500.jsonl"))),
    ...parseWorldJsonl(await Deno.readTextFile(join(here, "eval_ood.jsonl"))),
  ];
  const dev = generateWorldProblems(200, { seed: PRETRAIN_DEV_SEED });
  const exclude = new Set([...held, ...dev].map((p) => normalizeForExclusion(p.problem)));
  const started = performance.now();
  const result = await pretrain({
    ...settings,
    runDir: values.run!,
    corpus: { seed: settings.seed, exclude, solutionStyles: settings.solutionStyles },
    dev,
    onLog: (l) =>
      console.log(
        `step ${l.step}/${settings.steps}  loss ${l.loss.toFixed(4)}  lr ${
          l.lr.toExponential(2)
        }  ` +
          `grad ${l.gradNorm.toFixed(2)}  ${l.tokensPerSecond.toFixed(0)} tok/s  ${
            (l.elapsedSeconds / 60).toFixed(1)
          } min` +
          (l.devAccuracy === undefined ? "" : `  dev greedy ${(100 * l.devAccuracy).toFixed(1)}%`),
      ),
  });
  await saveLanguageModel(result.model, values.out!);
  const minutes = (performance.now() - started) / 60000;
  console.log(
    `saved ${values.out} (${result.parameters} parameters, ${result.steps} steps, ${
      minutes.toFixed(1)
    } min this session)`,
  );
  if (values["no-card"]) return 0;
  await writeModelCard(values.out!, {
    command: `deno task pretrain ${args.join(" ")}`.trim(),
    schedule: {
      steps: settings.steps,
      stoppedAt: result.steps,
      batchSize: settings.batchSize,
      lr: settings.lr,
      seed: settings.seed,
    },
    log: result.log,
    parameters: result.parameters,
    corpus: `tiny-math problems of all five levels with their worked solutions (90% of examples; ${
      settings.solutionStyles === "mixed"
        ? "each in one of its kind's equally valid styles, drawn per example"
        : "the canonical trace only"
    }) and numbered problem lists in the self-instruction format (10%), drawn fresh for every step from the world generator (corpus seed = --seed); eval_500, eval_ood and the 200 dev problems are excluded by normalized text.`,
    held: {
      eval: join(here, "eval_500.jsonl"),
      ood: join(here, "eval_ood.jsonl"),
      seeds: join(here, "seed_500.jsonl"),
    },
  });
  console.log(`wrote ${join(values.out!, "README.md")} and ${join(values.out!, "eval.json")}`);
  return 0;
}

/** Evaluates the saved model and writes its card and the evaluation reports next to it. */
async function writeModelCard(
  dir: string,
  run: {
    command: string;
    schedule: ModelCardData["schedule"];
    log: ModelCardData["log"];
    parameters: number;
    corpus: string;
    held: { eval: string; ood: string; seeds: string };
  },
): Promise<void> {
  const model = await loadModel(dir);
  try {
    const evals = [];
    for (
      const [name, path] of [["eval_500 (in distribution)", run.held.eval], [
        "eval_ood (larger numbers)",
        run.held.ood,
      ]] as const
    ) {
      console.log(`evaluating ${path} (greedy and 16 samples per problem)`);
      const records = await loadEvalRecords(path);
      evals.push({
        name,
        report: await evaluateModel(modelEvalSampler(model), records, { k: 16, maxNewTokens: 192 }),
      });
    }
    const seeds = parseWorldJsonl(await Deno.readTextFile(run.held.seeds)).map((r) => r.problem);
    const config = {
      ...INSTRUCT_DEFAULTS,
      sampling: { ...INSTRUCT_DEFAULTS.sampling, maxNewTokens: 256 },
    };
    const quality = await selfInstructQuality(modelCompletionSampler(model), seeds, {
      prompts: 64,
      config,
      isWellFormed: (q) => solveWorldProblem(q) !== null,
    });
    const card = renderModelCard({
      name: basename(dir),
      config: model.config,
      parameters: run.parameters,
      command: run.command,
      schedule: run.schedule,
      corpus: run.corpus,
      log: run.log,
      evals,
      selfInstruct: { ...quality, presencePenalty: config.sampling.presencePenalty },
      stopReason: run.schedule.stoppedAt < run.schedule.steps
        ? "Run to the end of its schedule, the same run gives a much stronger model with little gap between one sample and the majority of 16 (measured in LOG.md), which leaves little for self-play to improve; stopping here keeps the model decent but far from perfect."
        : "The schedule ran to its end.",
    });
    await writeFileAtomic(join(dir, "README.md"), card);
    await writeFileAtomic(
      join(dir, "eval.json"),
      JSON.stringify(
        {
          evals: evals.map((e) => ({ name: e.name, ...e.report, results: undefined })),
          selfInstruct: quality,
        },
        null,
        2,
      ) + "\n",
    );
  } finally {
    await releaseModel(model);
  }
}

if (import.meta.main) Deno.exit(await pretrainMain(Deno.args));
