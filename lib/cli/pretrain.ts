// deno-lint-ignore-file no-console
/**
 * `deno task pretrain`: pretrains serl's tiny model on the tiny-math corpus and writes it as
 * a model folder (the bundled `seeds/models/tiny-math` is made by this command with its
 * defaults). Resumable: rerun the same command after a kill and it continues from the last
 * checkpoint in `--run`.
 *
 * @module
 */
import { join } from "node:path";
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
  --steps N          optimizer steps in the schedule (default 6000)
  --minutes M        stop after M minutes, saving what is trained (default: no limit)
  --batch N          texts per step (default 32)
  --lr X             peak learning rate (default 1e-3)
  --layers N --hidden N --heads N --kv-heads N --intermediate N --context N
                     architecture (default 4, 256, 4, 2, 768, 1024)
  --seed N           initialization and corpus seed (default 0)
  --eval-every N     greedy accuracy on 200 held-out problems every N steps (default 500)
  --help             show this message`;

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
        steps: { type: "string", default: "6000" },
        minutes: { type: "string" },
        batch: { type: "string", default: "32" },
        lr: { type: "string", default: "1e-3" },
        layers: { type: "string", default: "4" },
        hidden: { type: "string", default: "256" },
        heads: { type: "string", default: "4" },
        "kv-heads": { type: "string", default: "2" },
        intermediate: { type: "string", default: "768" },
        context: { type: "string", default: "1024" },
        seed: { type: "string", default: "0" },
        "eval-every": { type: "string", default: "500" },
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
    if (v === undefined || !Number.isFinite(n)) throw new RangeError(`--${name} must be a number, got ${v}`);
    return n;
  };
  let settings;
  try {
    settings = {
      steps: num("steps", values.steps),
      maxSeconds: values.minutes === undefined ? Infinity : num("minutes", values.minutes) * 60,
      batchSize: num("batch", values.batch),
      lr: num("lr", values.lr),
      seed: num("seed", values.seed),
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
    corpus: { seed: settings.seed, exclude },
    dev,
    onLog: (l) =>
      console.log(
        `step ${l.step}/${settings.steps}  loss ${l.loss.toFixed(4)}  lr ${l.lr.toExponential(2)}  ` +
          `grad ${l.gradNorm.toFixed(2)}  ${l.tokensPerSecond.toFixed(0)} tok/s  ${(l.elapsedSeconds / 60).toFixed(1)} min` +
          (l.devAccuracy === undefined ? "" : `  dev greedy ${(100 * l.devAccuracy).toFixed(1)}%`),
      ),
  });
  await saveLanguageModel(result.model, values.out!);
  const minutes = (performance.now() - started) / 60000;
  console.log(`saved ${values.out} (${result.parameters} parameters, ${result.steps} steps, ${minutes.toFixed(1)} min this session)`);
  return 0;
}

if (import.meta.main) Deno.exit(await pretrainMain(Deno.args));
