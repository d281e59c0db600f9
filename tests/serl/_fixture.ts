/**
 * Fixtures of the serl tests: a tiny random model, and a sampler that runs the real
 * `generate` on it with a constraint processor, so the model "writes" scripted problem
 * lists and answers while every token is still sampled by the model (its own probabilities
 * pick among the allowed continuations, and the log-probs are its own).
 *
 * @module
 */
import { generate } from "../../lib/generate/generate.ts";
import type { LogitsProcessor } from "../../lib/generate/logits_processor.ts";
import { byteLevelTokenizerFiles } from "../../lib/model/byte_level_tokenizer.ts";
import { llamaConfig } from "../../lib/model/llama_config.ts";
import { initLlamaWeights } from "../../lib/model/llama_parameters.ts";
import { saveModelFolder } from "../../lib/model/save_model_folder.ts";
import { EXPERIMENT_DEFAULTS } from "../../lib/config/experiment_defaults.ts";
import { EXPERIMENT_SCALES } from "../../lib/config/experiment_presets.ts";
import { resolveExperiment } from "../../lib/config/resolve_experiment.ts";
import type { Experiment, ExperimentOverrides } from "../../lib/config/experiment.ts";
import type { SerlSampler } from "../../lib/serl/serl_sampler.ts";

const EOS = 256;
const encoder = new TextEncoder();

/** A processor that allows only bytes continuing one of `candidates` (then EOS). */
export function constrainTo(candidates: readonly string[]): LogitsProcessor {
  const bytes = candidates.map((c) => encoder.encode(c));
  return (logits, ctx) => {
    const allowed = new Set<number>();
    const g = ctx.generated;
    for (const c of bytes) {
      if (c.length < g.length) continue;
      let prefix = true;
      for (let i = 0; i < g.length && prefix; i++) prefix = c[i] === g[i];
      if (!prefix) continue;
      allowed.add(c.length === g.length ? EOS : c[g.length]!);
    }
    if (allowed.size === 0) allowed.add(EOS);
    for (let t = 0; t < logits.length; t++) if (!allowed.has(t)) logits[t] = -Infinity;
  };
}

const NUMBERS = [3, 7, 12, 15, 21, 28, 34, 46];
const THINGS = ["apples", "pens", "cards", "stones"];

/**
 * Scripted problem lists (continuing the prompt's "9."): two or three fresh questions and
 * one item for each rule filter (too short, blacklisted, "Write a program", leading
 * punctuation, empty).
 */
export const INSTRUCTION_SCRIPTS: readonly string[] = NUMBERS.flatMap((a, i) =>
  THINGS.map((thing, j) => {
    const b = NUMBERS[(i + j + 3) % NUMBERS.length]!;
    return [
      ` What is ${a} plus ${b}?`,
      `10. A box has ${b} ${thing}. Ann adds ${a} more. How many ${thing} are in the box?`,
      "11. Hi there.",
      "12. Draw a map of the town.",
      `13. Write a program that adds ${a} and ${b}.`,
      `14. (a) Multiply ${b} by ${a}.`,
      "15.",
      `16. What is ${a} times ${b}?`,
    ].join("\n");
  })
);

/** Scripted answers: three numbers and a response without an answer. */
export const ANSWER_SCRIPTS: readonly string[] = [
  "The answer is \\boxed{4}.",
  "So \\boxed{5}.",
  "It is \\boxed{6}.",
  "No idea.",
];

/** The scripted sampler: instruction prompts get lists, every other prompt an answer. */
export const scriptedSampler: SerlSampler = (model, prompts, options) => {
  const instruct = prompts.every((p) => p.startsWith("Come up with a series of questions:"));
  const scripts = instruct ? INSTRUCTION_SCRIPTS : ANSWER_SCRIPTS;
  return generate(model, prompts, { ...options, logitsProcessors: [constrainTo(scripts)] });
};

let modelDir: Promise<string> | null = null;

/** A tiny random Llama folder (2 layers, width 32, byte-level tokenizer), made once. */
export function tinySerlModel(): Promise<string> {
  modelDir ??= (async () => {
    const dir = await Deno.makeTempDir({ prefix: "serl_loop_model_" });
    const config = llamaConfig({
      vocabSize: 260,
      hiddenSize: 32,
      numHiddenLayers: 2,
      numAttentionHeads: 4,
      intermediateSize: 64,
      maxPositionEmbeddings: 1024,
    });
    await saveModelFolder(dir, {
      config,
      weights: initLlamaWeights(config, { seed: 5, std: 0.05 }),
      tokenizer: byteLevelTokenizerFiles(),
    });
    return dir;
  })();
  return modelDir;
}

const ROOT = new URL("../../", import.meta.url).pathname;

/** A smoke-scale experiment on the tiny model and tiny-math's files, plus overrides. */
export async function smokeExperiment(...overrides: ExperimentOverrides[]): Promise<Experiment> {
  return resolveExperiment(EXPERIMENT_DEFAULTS, EXPERIMENT_SCALES.smoke, {
    name: "test",
    model: { dir: await tinySerlModel(), threads: 2 },
    data: {
      seeds: `${ROOT}seeds/tiny-math/seed_500.jsonl`,
      seedLimit: 40,
      eval: `${ROOT}seeds/tiny-math/eval_500.jsonl`,
    },
    instruct: { sampling: { maxNewTokens: 256, topP: 1 } },
    rollout: { maxNewTokens: 24 },
    train: { lr: 1e-3 },
    loop: { evalLimit: 4, evalMaxNewTokens: 8 },
  }, ...overrides);
}
