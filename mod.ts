/**
 * serl: self-play reinforcement learning for language models with little data (SeRL,
 * arXiv 2505.20347), on onnxruntime, in TypeScript.
 *
 * The model writes new problems from a small seed set, answers each one several times,
 * rewards the answers that agree with the majority, and trains on that with Reinforce++,
 * GRPO or RLOO. Generation and training both run on onnxruntime sessions; training uses
 * ONNX gradient graphs that serl builds itself.
 *
 * ```ts
 * import { deriveSeed, randomSeeded } from "./mod.ts";
 * const prng = randomSeeded(deriveSeed(0, "example"));
 * if (!(prng() < 1)) throw new Error("unreachable");
 * ```
 *
 * @module
 */
export * from "./lib/random.ts";
export * from "./lib/atomic_write.ts";
export * from "./lib/onnx/mod.ts";
export * from "./lib/pretrain/mod.ts";
export * from "./lib/instruct/mod.ts";
export * from "./lib/world/mod.ts";
export * from "./lib/rl/mod.ts";
export * from "./lib/reward/mod.ts";
export * from "./lib/model/mod.ts";
export * from "./lib/generate/mod.ts";
export * from "./lib/train/mod.ts";
export * from "./lib/eval/mod.ts";
export * from "./lib/config/mod.ts";
export * from "./lib/serl/mod.ts";
export * from "./lib/report/mod.ts";
