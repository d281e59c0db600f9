/**
 * A policy trainer: the training session of a model (full fine-tuning or LoRA), the
 * trainable tensors as Float32Arrays kept in JS between steps, the AdamW state, and the
 * skip counters. {@linkcode trainPolicyStep} runs a step; {@linkcode policyModel} gives
 * the current policy as a model for generation and old log-probs.
 *
 * One onnxruntime session serves the whole run: the trainable tensors are graph inputs,
 * fed each micro-batch (in LoRA mode the frozen base weights stay initializers inside it).
 *
 * @module
 */
import type { LanguageModel } from "../model/load_model.ts";
import { withWeights } from "../model/with_weights.ts";
import { createSession, type Session } from "../onnx/session.ts";
import { type AdamState, createAdamState } from "../rl/optimizer.ts";
import { initLoraAdapters, type LoraConfig, mergeLoraWeights } from "./lora.ts";
import { buildPolicyTrainingGraph } from "./policy_training_graph.ts";
import {
  type PolicyTrainerOptions,
  type PolicyTrainerSettings,
  resolvePolicyTrainerOptions,
} from "./policy_trainer_options.ts";

/** A trainer; {@linkcode trainPolicyStep} updates `params`, `adam` and `counters` in place. */
export interface PolicyTrainer {
  /** The base model: the starting point, and the reference policy. */
  readonly model: LanguageModel;
  /** Its options, defaults filled in. */
  readonly settings: Readonly<PolicyTrainerSettings>;
  /** The LoRA configuration, `null` for full fine-tuning. */
  readonly lora: LoraConfig | null;
  /** Trainable tensor names, in graph order. */
  readonly names: readonly string[];
  /** Shapes of the trainable tensors by name. */
  readonly shapes: ReadonlyMap<string, readonly number[]>;
  /** Current values of the trainable tensors, in `names` order. */
  readonly params: Float32Array[];
  /** Optimizer state (`adam.step` = updates applied). */
  readonly adam: AdamState;
  /** Skipped (non-finite) steps in total, and in a row. */
  readonly counters: { skippedSteps: number; consecutiveSkips: number };
  /** Whether the graph has the KL loss term. */
  readonly hasKl: boolean;
  /** The training session (forward + backward). */
  readonly session: Session;
}

/**
 * Builds the training graph of `model` and its session, and the initial trainable tensors
 * (a copy of the weights, or fresh LoRA adapters).
 *
 * @throws {TypeError} For a model serl did not build (exports cannot be trained yet) or
 *   invalid options.
 * @throws {RangeError} On out-of-range options.
 *
 * @example
 * ```ts
 * import { llamaConfig } from "../model/llama_config.ts";
 * import { initLlamaWeights } from "../model/llama_parameters.ts";
 * import { byteLevelTokenizerFiles } from "../model/byte_level_tokenizer.ts";
 * import { saveModelFolder } from "../model/save_model_folder.ts";
 * import { loadModel } from "../model/load_model.ts";
 * import { createPolicyTrainer, releasePolicyTrainer } from "./policy_trainer.ts";
 * const config = llamaConfig({ vocabSize: 260, hiddenSize: 16, numHiddenLayers: 1,
 *   numAttentionHeads: 2, intermediateSize: 32 });
 * const dir = await Deno.makeTempDir();
 * await saveModelFolder(dir, { config, weights: initLlamaWeights(config),
 *   tokenizer: byteLevelTokenizerFiles() });
 * const trainer = await createPolicyTrainer(await loadModel(dir),
 *   { lr: 1e-3, totalSteps: 10, lora: { rank: 2 } });
 * if (trainer.names.length !== 14 || trainer.adam.step !== 0) throw new Error("wrong trainer");
 * await releasePolicyTrainer(trainer);
 * ```
 */
export async function createPolicyTrainer(
  model: LanguageModel,
  options: PolicyTrainerOptions,
): Promise<PolicyTrainer> {
  if (model.origin !== "serl") {
    throw new TypeError(
      `Cannot create a policy trainer for ${model.dir}: training needs a serl-built model (its parameters by Hugging Face name); exports are not supported yet`,
    );
  }
  const settings = resolvePolicyTrainerOptions(options);
  const { lora, seed, head } = settings;
  const graph = buildPolicyTrainingGraph(
    model.config,
    lora === null ? { kind: "full" } : { kind: "lora", lora, baseWeights: model.weights },
    head,
  );
  const initial = lora === null ? model.weights : initLoraAdapters(model.config, lora, { seed });
  const params = graph.trainable.map((name) => Float32Array.from(initial.get(name)!));
  const session = await createSession(graph.model, {
    provider: model.provider,
    threads: model.threads,
  });
  return {
    model,
    settings,
    lora,
    names: graph.trainable,
    shapes: graph.shapes,
    params,
    adam: createAdamState(params),
    counters: { skippedSteps: 0, consecutiveSkips: 0 },
    hasKl: graph.hasKl,
    session,
  };
}

/**
 * The trainable tensors by name (copies).
 *
 * @example
 * ```ts
 * import { trainableTensors } from "./policy_trainer.ts";
 * const t = trainableTensors({ names: ["w"], params: [new Float32Array([1])] });
 * if (t.get("w")![0] !== 1) throw new Error("wrong tensors");
 * ```
 */
export function trainableTensors(
  trainer: Pick<PolicyTrainer, "names" | "params">,
): Map<string, Float32Array> {
  return new Map(trainer.names.map((name, k) => [name, Float32Array.from(trainer.params[k]!)]));
}

/**
 * The current policy's full weights: a copy of the trained weights, or the base weights
 * with the adapters merged in.
 *
 * @example
 * ```ts
 * import { policyWeights } from "./policy_trainer.ts";
 * import type { LanguageModel } from "../model/load_model.ts";
 * const model = {} as LanguageModel; // unused in full fine-tuning
 * const w = policyWeights({ model, lora: null, names: ["w"], params: [new Float32Array([2])] });
 * if (w.get("w")![0] !== 2) throw new Error("wrong weights");
 * ```
 */
export function policyWeights(
  trainer: Pick<PolicyTrainer, "model" | "lora" | "names" | "params">,
): Map<string, Float32Array> {
  if (trainer.lora === null) return trainableTensors(trainer);
  const adapters = new Map(trainer.names.map((name, k) => [name, trainer.params[k]!]));
  return mergeLoraWeights(trainer.model.config, trainer.model.weights, adapters, trainer.lora);
}

/**
 * The current policy as a model (new weights, fresh sessions on first use): generate with
 * it, score the old log-probs with it, and write it as a plain model folder with
 * `saveLanguageModel` (LoRA adapters merged, so transformers.js loads it). Release its
 * sessions (`releaseModel`) when done.
 *
 * @example
 * ```ts
 * import { llamaConfig } from "../model/llama_config.ts";
 * import { initLlamaWeights } from "../model/llama_parameters.ts";
 * import { byteLevelTokenizerFiles } from "../model/byte_level_tokenizer.ts";
 * import { saveModelFolder } from "../model/save_model_folder.ts";
 * import { loadModel } from "../model/load_model.ts";
 * import { createPolicyTrainer, policyModel, releasePolicyTrainer } from "./policy_trainer.ts";
 * const config = llamaConfig({ vocabSize: 260, hiddenSize: 16, numHiddenLayers: 1,
 *   numAttentionHeads: 2, intermediateSize: 32 });
 * const dir = await Deno.makeTempDir();
 * await saveModelFolder(dir, { config, weights: initLlamaWeights(config),
 *   tokenizer: byteLevelTokenizerFiles() });
 * const base = await loadModel(dir);
 * const trainer = await createPolicyTrainer(base, { lr: 1e-3, totalSteps: 10 });
 * const policy = policyModel(trainer);
 * const name = "model.norm.weight";
 * if (policy.weights.get(name) === base.weights.get(name) || policy.weights.get(name)![0] !== 1) {
 *   throw new Error("the policy must own a copy of the weights");
 * }
 * await releasePolicyTrainer(trainer);
 * ```
 */
export function policyModel(trainer: PolicyTrainer): LanguageModel {
  return withWeights(trainer.model, policyWeights(trainer));
}

/**
 * Releases the training session (the base model's own sessions are the caller's).
 *
 * @example
 * ```ts
 * import type { Session } from "../onnx/session.ts";
 * import { releasePolicyTrainer } from "./policy_trainer.ts";
 * let released = false;
 * const session = { ort: { release: () => Promise.resolve(void (released = true)) } };
 * await releasePolicyTrainer({ session: session as unknown as Session });
 * if (!released) throw new Error("not released");
 * ```
 */
export async function releasePolicyTrainer(
  trainer: Pick<PolicyTrainer, "session">,
): Promise<void> {
  await trainer.session.ort.release();
}
