/**
 * Training a policy on onnxruntime: the training graph (the model's no-past forward, the
 * response log-probs with the LM head at response positions only, the clipped-surrogate
 * loss with an optional KL term, and serl's reverse-mode gradient in standard ONNX ops), in
 * full fine-tuning or LoRA mode; the trainer (micro-batches, gradient accumulation, AdamW
 * with grad-norm clip and a cosine schedule, skipped non-finite steps); old and reference
 * log-probs; and checkpoints in safetensors that resume bit for bit. A trained policy is
 * a plain model (`policyModel`, LoRA merged) that `saveLanguageModel` writes as a folder.
 *
 * The maths (advantages, loss reference, optimizer, schedule) lives in `lib/rl`; this area
 * runs it through onnxruntime.
 *
 * ```ts
 * import { llamaConfig } from "../model/llama_config.ts";
 * import { buildPolicyTrainingGraph, loraConfig } from "./mod.ts";
 * const cfg = llamaConfig({ vocabSize: 8, hiddenSize: 4, numHiddenLayers: 1,
 *   numAttentionHeads: 1, intermediateSize: 4 });
 * const g = buildPolicyTrainingGraph(cfg, { kind: "full" }, { klCoef: 0.001 });
 * if (!g.hasKl || g.model.graph.outputs[0]!.name !== "loss") throw new Error("wrong graph");
 * if (loraConfig({ rank: 4 }).alpha !== 16) throw new Error("wrong LoRA default");
 * ```
 *
 * @module
 */
export * from "./emit_policy_loss.ts";
export * from "./emit_response_log_probs.ts";
export * from "./lora.ts";
export * from "./inject_lora.ts";
export * from "./pack_policy_sequences.ts";
export * from "./policy_training_graph.ts";
export * from "./policy_trainer_options.ts";
export * from "./policy_trainer.ts";
export * from "./train_policy_step.ts";
export * from "./response_log_probs.ts";
export * from "./safetensors.ts";
export * from "./policy_checkpoint.ts";
