/**
 * Whole Llama-family ONNX models from a config and weights, in three variants:
 *
 * - `"with-past"`: the optimum / transformers.js decoder. Inputs `input_ids`,
 *   `attention_mask`, `position_ids`, `past_key_values.{i}.key|value`
 *   `[batch, kvHeads, past, headDim]`; outputs `logits` `[batch, seq, vocab]` and
 *   `present.{i}.key|value` `[batch, kvHeads, past + seq, headDim]`. This is the graph a
 *   model folder stores (`onnx/model.onnx`), so transformers.js can run it.
 * - `"decode"`: serl's generation graph. Inputs `input_ids`, `attention_mask`,
 *   `position_ids`, the cache as `cache.{i}.key` `[batch, kvHeads, past, headDim]` and
 *   `cache.{i}.value_t` `[batch, kvHeads, headDim, past]` (values transposed, see
 *   `emit_attention.ts`); outputs only the new keys and values (`current.{i}.key|value`,
 *   `[batch, kvHeads, seq, headDim]`) and the logits of the last position (`logits`
 *   `[batch, 1, vocab]`), so the generator keeps one KV cache in place instead of receiving
 *   a grown copy every step.
 * - `"no-past"`: the training / scoring graph (`input_ids`, `attention_mask`,
 *   `position_ids` -> `logits` `[batch, seq, vocab]`, or `token_log_probs` `[batch, seq - 1]`).
 *
 * Opset 17, IR version 8 (what onnxruntime-node 1.30 and transformers.js 4 load).
 *
 * @module
 */
import { GraphBuilder } from "../onnx/builder.ts";
import { emptyGraph, type Model } from "../onnx/ir.ts";
import type { LlamaConfig } from "./llama_config.ts";
import { assertLlamaWeights, llamaParameterShapes } from "./llama_parameters.ts";
import { emitDecoderBody } from "./emit_decoder_body.ts";
import { emitLmHead, emitTokenLogProbs } from "./emit_lm_head.ts";

/** The three graph variants, see the module doc. */
export type LlamaGraphKind = "with-past" | "decode" | "no-past";

/** Opset serl's graphs import. */
export const LLAMA_OPSET = 17;
/** IR version serl's graphs declare. */
export const LLAMA_IR_VERSION = 8;

/** Options for {@linkcode buildLlamaModel}. */
export interface BuildLlamaModelOptions {
  /**
   * Which graph.
   * @default "with-past"
   */
  kind?: LlamaGraphKind;
  /**
   * What the `"no-past"` graph returns: `"logits"`, or `"token-log-probs"` (the log-prob of
   * each next token, output `token_log_probs`).
   * @default "logits"
   */
  output?: "logits" | "token-log-probs";
}

/**
 * Builds a model. With `weights`, parameters are initializers named as in Hugging Face
 * (the arrays are shared, not copied); with `null` they are graph inputs of the same names
 * (for a training graph that feeds weights each step).
 *
 * @example
 * ```ts
 * import { llamaConfig } from "./llama_config.ts";
 * import { initLlamaWeights } from "./llama_parameters.ts";
 * import { buildLlamaModel } from "./build_llama_model.ts";
 * const cfg = llamaConfig({ vocabSize: 16, hiddenSize: 8, numHiddenLayers: 1,
 *   numAttentionHeads: 2, intermediateSize: 8 });
 * const m = buildLlamaModel(cfg, initLlamaWeights(cfg));
 * const names = m.graph.outputs.map((o) => o.name);
 * if (names.join() !== "logits,present.0.key,present.0.value") throw new Error(names.join());
 * ```
 */
export function buildLlamaModel(
  cfg: LlamaConfig,
  weights: ReadonlyMap<string, Float32Array> | null,
  options: BuildLlamaModelOptions = {},
): Model {
  const { kind = "with-past", output = "logits" } = options;
  if (cfg.ropeScaling !== null) {
    throw new TypeError(
      `Cannot build a ${cfg.modelType} graph with rope_scaling ${
        JSON.stringify(cfg.ropeScaling)
      }: serl builds unscaled rotary embeddings only`,
    );
  }
  if (weights !== null) assertLlamaWeights(cfg, weights);
  const b = new GraphBuilder(emptyGraph(`serl_${cfg.modelType}_${kind}`), { opset: LLAMA_OPSET });
  const shapes = llamaParameterShapes(cfg);
  const weightValues = new Map<string, string>();
  for (const [name, dims] of shapes) {
    weightValues.set(
      name,
      weights === null
        ? b.input(name, "float32", dims)
        : b.initializer(name, { dataType: "float32", dims, data: weights.get(name)! }),
    );
  }
  const batch = "batch_size";
  const seq = "sequence_length";
  const past = "past_sequence_length";
  const total = "total_sequence_length";
  const { numKeyValueHeads: kv, headDim: d, vocabSize: vocab } = cfg;
  const inputIds = b.input("input_ids", "int64", [batch, seq]);
  const attentionMask = b.input("attention_mask", "int64", [
    batch,
    kind === "no-past" ? seq : total,
  ]);
  const positionIds = b.input("position_ids", "int64", [batch, seq]);
  const keys: string[] = [];
  const values: string[] = [];
  if (kind === "with-past") {
    for (let i = 0; i < cfg.numHiddenLayers; i++) {
      keys.push(b.input(`past_key_values.${i}.key`, "float32", [batch, kv, past, d]));
      values.push(b.input(`past_key_values.${i}.value`, "float32", [batch, kv, past, d]));
    }
  } else if (kind === "decode") {
    for (let i = 0; i < cfg.numHiddenLayers; i++) {
      keys.push(b.input(`cache.${i}.key`, "float32", [batch, kv, past, d]));
      values.push(b.input(`cache.${i}.value_t`, "float32", [batch, kv, d, past]));
    }
  }
  const body = emitDecoderBody(b, cfg, weightValues, {
    inputIds,
    positionIds,
    attentionMask,
    ...(kind === "no-past"
      ? {}
      : { past: { keys, values, mode: kind === "decode" ? "split" : "concat" } }),
  });
  if (kind === "decode") {
    const last = b.op("Slice", [
      body.hidden,
      b.ints([-1]),
      b.ints([Number.MAX_SAFE_INTEGER]),
      b.ints([1]),
    ]);
    b.output(emitLmHead(b, cfg, weightValues, last), "logits", { shape: [batch, 1, vocab] });
  } else if (kind === "no-past" && output === "token-log-probs") {
    const logits = emitLmHead(b, cfg, weightValues, body.hidden);
    const seqMinusOne = "sequence_length_minus_1";
    b.output(emitTokenLogProbs(b, logits, inputIds), "token_log_probs", {
      shape: [batch, seqMinusOne],
    });
  } else {
    b.output(emitLmHead(b, cfg, weightValues, body.hidden), "logits", {
      shape: [batch, seq, vocab],
    });
  }
  if (kind !== "no-past") {
    const prefix = kind === "decode" ? "current" : "present";
    const length = kind === "decode" ? seq : total;
    for (let i = 0; i < cfg.numHiddenLayers; i++) {
      b.output(body.keys[i]!, `${prefix}.${i}.key`, { shape: [batch, kv, length, d] });
      b.output(body.values[i]!, `${prefix}.${i}.value`, { shape: [batch, kv, length, d] });
    }
  }
  return {
    irVersion: LLAMA_IR_VERSION,
    opsetImports: [{ domain: "", version: LLAMA_OPSET }],
    producerName: "serl",
    producerVersion: "0.1.0",
    graph: b.graph,
    metadata: { "serl.graph": kind },
  };
}
