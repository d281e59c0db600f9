/**
 * The training graph of a policy: the model's no-past forward over prompt + response, the
 * response log-probs (LM head at response positions only), the RL loss head, and the
 * reverse-mode gradient with respect to the trainable tensors, all in standard ONNX ops.
 *
 * Two modes:
 * - `"full"`: every parameter is trainable and is a graph input, fed each step.
 * - `"lora"`: the base weights are initializers (frozen, prepacked by onnxruntime), and the
 *   adapters of `lib/train/lora.ts` are the inputs and the only gradients.
 *
 * Inputs (N = valid response tokens of the micro-batch; see `packPolicySequences`):
 * `input_ids`, `attention_mask`, `position_ids` int64 `[batch, seq]`;
 * `response_positions`, `response_tokens` int64 `[N]`; `old_log_probs`, `advantages`,
 * `loss_weights` float32 `[N]`; with a KL term also `ref_log_probs`, `kl_weights` `[N]`;
 * then the trainable tensors by name. Outputs: `loss`, `policy_loss`, (`kl_loss`),
 * `clip_fraction`, `approx_kl`, `entropy` (token mean), `log_probs` `[N]`, then
 * `grad.<name>` for each trainable tensor in order.
 *
 * @module
 */
import { GraphBuilder } from "../onnx/builder.ts";
import { emptyGraph, type Model } from "../onnx/ir.ts";
import { buildGradientGraph } from "../onnx/autodiff/gradient_graph.ts";
import { emitDecoderBody } from "../model/emit_decoder_body.ts";
import type { LlamaConfig } from "../model/llama_config.ts";
import { assertLlamaWeights, llamaParameterShapes } from "../model/llama_parameters.ts";
import { LLAMA_IR_VERSION, LLAMA_OPSET } from "../model/build_llama_model.ts";
import { emitNllLoss, emitPolicyLoss, type PolicyLossHeadOptions } from "./emit_policy_loss.ts";
import { emitResponseLogProbs } from "./emit_response_log_probs.ts";
import { injectLora } from "./inject_lora.ts";
import { type LoraConfig, loraModules } from "./lora.ts";

/** What is trained: all weights, or LoRA adapters beside frozen base weights. */
export type PolicyTrainingMode =
  | { kind: "full" }
  | { kind: "lora"; lora: LoraConfig; baseWeights: ReadonlyMap<string, Float32Array> };

/** A policy loss graph and what to feed it. */
export interface PolicyLossModel {
  /** The forward graph ending in the scalar `loss`. */
  model: Model;
  /** Trainable tensor names, in the order of the gradient outputs (inputs of the graph). */
  trainable: string[];
  /** Shapes of the trainable tensors. */
  shapes: Map<string, number[]>;
  /** Metric outputs kept beside the loss, in order. */
  metrics: string[];
  /** Whether the graph has the KL inputs (`ref_log_probs`, `kl_weights`). */
  hasKl: boolean;
}

/**
 * Builds the forward loss graph (before differentiation).
 *
 * @param cfg Architecture.
 * @param mode `{ kind: "full" }` or LoRA with the frozen base weights.
 * @param options Loss head options (clip, dual clip, KL term).
 * @returns The forward graph and its trainable tensors.
 * @throws {TypeError|RangeError} On invalid weights or options.
 *
 * @example
 * ```ts
 * import { llamaConfig } from "../model/llama_config.ts";
 * import { buildPolicyLossModel } from "./policy_training_graph.ts";
 * const cfg = llamaConfig({ vocabSize: 8, hiddenSize: 4, numHiddenLayers: 1,
 *   numAttentionHeads: 1, intermediateSize: 4 });
 * const { model, trainable } = buildPolicyLossModel(cfg, { kind: "full" });
 * if (!trainable.includes("lm_head.weight") || model.graph.outputs[0]!.name !== "loss") {
 *   throw new Error("wrong graph");
 * }
 * ```
 */
export function buildPolicyLossModel(
  cfg: LlamaConfig,
  mode: PolicyTrainingMode,
  options: PolicyLossHeadOptions = {},
): PolicyLossModel {
  const b = new GraphBuilder(emptyGraph(`serl_${cfg.modelType}_policy_loss`), {
    opset: LLAMA_OPSET,
  });
  const batch = "batch_size", seq = "sequence_length", n = "response_tokens";
  const inputIds = b.input("input_ids", "int64", [batch, seq]);
  const attentionMask = b.input("attention_mask", "int64", [batch, seq]);
  const positionIds = b.input("position_ids", "int64", [batch, seq]);
  const positions = b.input("response_positions", "int64", [n]);
  const tokens = b.input("response_tokens", "int64", [n]);
  const vector = (name: string) => b.input(name, "float32", [n]);
  const nll = options.objective === "nll";
  const oldLogProbs = nll ? "" : vector("old_log_probs");
  const advantages = nll ? "" : vector("advantages");
  const lossWeights = vector("loss_weights");
  if (nll && (options.klCoef ?? 0) > 0) {
    throw new RangeError(
      "Cannot build a supervised (nll) loss graph with a KL term: klCoef must be 0",
    );
  }
  const hasKl = (options.klCoef ?? 0) > 0;
  const kl = hasKl ? { refLogProbs: vector("ref_log_probs"), klWeights: vector("kl_weights") } : {};

  const parameterShapes = llamaParameterShapes(cfg);
  const weights = new Map<string, string>();
  const shapes = new Map<string, number[]>();
  const trainable: string[] = [];
  if (mode.kind === "full") {
    for (const [name, dims] of parameterShapes) {
      weights.set(name, b.input(name, "float32", dims));
      shapes.set(name, dims);
      trainable.push(name);
    }
  } else {
    assertLlamaWeights(cfg, mode.baseWeights);
    for (const [name, dims] of parameterShapes) {
      const data = mode.baseWeights.get(name)!;
      weights.set(name, b.initializer(name, { dataType: "float32", dims, data }));
    }
  }
  const body = emitDecoderBody(b, cfg, weights, { inputIds, positionIds, attentionMask });
  if (mode.kind === "lora") {
    const modules = loraModules(cfg, mode.lora);
    const adapters = new Map<string, string>();
    for (const m of modules) {
      for (
        const [name, dims] of [[m.a, [m.in, mode.lora.rank]], [m.b, [
          mode.lora.rank,
          m.out,
        ]]] as const
      ) {
        adapters.set(name, b.input(name, "float32", [...dims]));
        shapes.set(name, [...dims]);
        trainable.push(name);
      }
    }
    injectLora(b, {
      modules,
      weights,
      adapters,
      rank: mode.lora.rank,
      scale: mode.lora.alpha / mode.lora.rank,
    });
  }
  const response = emitResponseLogProbs(b, cfg, weights, body.hidden, { positions, tokens });
  const head = nll
    ? {
      loss: emitNllLoss(b, { logProbs: response.logProbs, lossWeights }),
      clipFraction: b.constant(0),
      approxKl: b.constant(0),
      klLoss: undefined,
    }
    : emitPolicyLoss(b, {
      logProbs: response.logProbs,
      oldLogProbs,
      advantages,
      lossWeights,
      ...kl,
    }, options);
  const policyLossValue = "policyLoss" in head ? head.policyLoss : head.loss;
  const scalar = { dataType: "float32" as const, shape: [] };
  b.output(head.loss, "loss", scalar);
  b.output(policyLossValue, "policy_loss", scalar);
  const metrics = ["policy_loss"];
  if (head.klLoss !== undefined) {
    b.output(head.klLoss, "kl_loss", scalar);
    metrics.push("kl_loss");
  }
  b.output(head.clipFraction, "clip_fraction", scalar);
  b.output(head.approxKl, "approx_kl", scalar);
  b.output(b.reduce("ReduceMean", response.entropy, [0], false), "entropy", scalar);
  b.output(response.logProbs, "log_probs", { dataType: "float32", shape: [n] });
  metrics.push("clip_fraction", "approx_kl", "entropy", "log_probs");
  const model: Model = {
    irVersion: LLAMA_IR_VERSION,
    opsetImports: [{ domain: "", version: LLAMA_OPSET }],
    producerName: "serl",
    producerVersion: "0.1.0",
    graph: b.graph,
    metadata: { "serl.graph": `policy-loss-${mode.kind}` },
  };
  return { model, trainable, shapes, metrics, hasKl };
}

/** A differentiated policy loss graph. */
export interface PolicyTrainingGraph extends PolicyLossModel {
  /** Outputs `[loss, ...metrics, ...grad.<trainable>]`. */
  model: Model;
}

/**
 * Builds the training graph: {@linkcode buildPolicyLossModel} differentiated by serl's
 * autodiff with respect to the trainable tensors, metrics kept.
 *
 * @param cfg Architecture.
 * @param mode `{ kind: "full" }` or LoRA with the frozen base weights.
 * @param options Loss head options.
 * @returns The gradient graph and its trainable tensors.
 * @throws {TypeError|RangeError} On invalid weights or options.
 *
 * @example
 * ```ts
 * import { llamaConfig } from "../model/llama_config.ts";
 * import { initLlamaWeights } from "../model/llama_parameters.ts";
 * import { loraConfig } from "./lora.ts";
 * import { buildPolicyTrainingGraph } from "./policy_training_graph.ts";
 * const cfg = llamaConfig({ vocabSize: 8, hiddenSize: 4, numHiddenLayers: 1,
 *   numAttentionHeads: 1, intermediateSize: 4 });
 * const g = buildPolicyTrainingGraph(cfg, { kind: "lora",
 *   lora: loraConfig({ rank: 1, targets: ["q_proj"] }), baseWeights: initLlamaWeights(cfg) });
 * const names = g.model.graph.outputs.map((o) => o.name);
 * if (names.at(-1) !== "grad.model.layers.0.self_attn.q_proj.lora_B.weight") throw new Error(names.join());
 * ```
 */
export function buildPolicyTrainingGraph(
  cfg: LlamaConfig,
  mode: PolicyTrainingMode,
  options: PolicyLossHeadOptions = {},
): PolicyTrainingGraph {
  const forward = buildPolicyLossModel(cfg, mode, options);
  const model = buildGradientGraph(forward.model, {
    loss: "loss",
    wrt: forward.trainable,
    keep: forward.metrics,
  });
  return { ...forward, model };
}
