/**
 * The body of a Llama-family decoder as composable ONNX emitters: token embedding, the
 * layers (RMSNorm, grouped-query attention with rotary positions, SwiGLU MLP, residuals),
 * and the final norm. The LM head is separate ({@linkcode emitLmHead} in `emit_lm_head.ts`),
 * so a training graph can put its own loss head on the hidden states.
 *
 * Weights are referenced through a name map (parameter name -> value name), so the same
 * emitters serve graphs whose weights are initializers and graphs that take them as inputs.
 *
 * Ops on the path from weights to outputs: Gather, MatMul, Add, Mul, Div, Pow (exponent 2),
 * ReduceMean, Sqrt, Sigmoid, Softmax, Reshape, Transpose, Slice, Split, Concat. The mask and
 * positions use Shape, Range, Less, Equal, Where, Squeeze, Unsqueeze, Cast, Cos, Sin, Neg.
 *
 * @module
 */
import type { GraphBuilder } from "../onnx/builder.ts";
import type { LlamaConfig } from "./llama_config.ts";
import { emitAttention } from "./emit_attention.ts";
import { emitAttentionBias } from "./emit_attention_bias.ts";
import { emitRmsNorm } from "./emit_rms_norm.ts";
import { emitRotaryTables } from "./emit_rotary.ts";

/** Parameter name (Hugging Face style) -> value name in the graph being built. */
export type WeightValues = ReadonlyMap<string, string>;

/** Inputs of {@linkcode emitDecoderBody} (value names). */
export interface DecoderBodyInputs {
  /** int64 `[batch, seq]`. */
  inputIds: string;
  /** int64 `[batch, seq]`. */
  positionIds: string;
  /** int64 `[batch, past + seq]`, 0 marks padding. */
  attentionMask: string;
  /** Per-layer past keys and values `[batch, kvHeads, past, headDim]`, and how to use them. */
  past?: { keys: string[]; values: string[]; mode: "concat" | "split" };
}

/** Outputs of {@linkcode emitDecoderBody} (value names). */
export interface DecoderBodyOutputs {
  /** Final-normed hidden states `[batch, seq, hidden]`. */
  hidden: string;
  /** Per layer: presents (`"concat"`) or the new keys (`"split"`, no past). */
  keys: string[];
  /** Per layer values, like `keys`. */
  values: string[];
}

/**
 * Looks up a weight's value name, failing loudly when the map lacks it.
 *
 * @throws {TypeError} Naming the missing weight.
 *
 * @example
 * ```ts
 * import { weightValue } from "./emit_decoder_body.ts";
 * const weights = new Map([["model.norm.weight", "w_norm"]]);
 * if (weightValue(weights, "model.norm.weight") !== "w_norm") throw new Error("wrong name");
 * let threw = false;
 * try { weightValue(weights, "lm_head.weight"); } catch { threw = true; }
 * if (!threw) throw new Error("missing weight accepted");
 * ```
 */
export function weightValue(weights: WeightValues, name: string): string {
  const v = weights.get(name);
  if (v === undefined) throw new TypeError(`Cannot emit the decoder: weight "${name}" is missing`);
  return v;
}

/**
 * SwiGLU MLP: `down(silu(gate(x)) * up(x))` with `silu(g) = g * sigmoid(g)`.
 *
 * @example
 * ```ts
 * import { GraphBuilder } from "../onnx/builder.ts";
 * import { emitMlp } from "./emit_decoder_body.ts";
 * const b = new GraphBuilder();
 * const y = emitMlp(b, b.input("x", "float32", [1, 4]), { gate: b.input("g", "float32", [4, 8]),
 *   up: b.input("u", "float32", [4, 8]), down: b.input("d", "float32", [8, 4]) });
 * if (b.graph.nodes.filter((n) => n.opType === "MatMul").length !== 3) throw new Error("bad");
 * if (typeof y !== "string") throw new Error("no output");
 * ```
 */
export function emitMlp(
  b: GraphBuilder,
  x: string,
  w: { gate: string; up: string; down: string },
): string {
  const gate = b.matMul(x, w.gate);
  const silu = b.mul(gate, b.op("Sigmoid", [gate]));
  return b.matMul(b.mul(silu, b.matMul(x, w.up)), w.down);
}

/**
 * Emits the decoder body.
 *
 * @example No-past body over weight inputs
 * ```ts
 * import { GraphBuilder } from "../onnx/builder.ts";
 * import { llamaConfig } from "./llama_config.ts";
 * import { llamaParameterShapes } from "./llama_parameters.ts";
 * import { emitDecoderBody } from "./emit_decoder_body.ts";
 * const cfg = llamaConfig({ vocabSize: 8, hiddenSize: 8, numHiddenLayers: 2,
 *   numAttentionHeads: 2, intermediateSize: 8 });
 * const b = new GraphBuilder();
 * const weights = new Map<string, string>();
 * for (const [name, dims] of llamaParameterShapes(cfg)) weights.set(name, b.input(name, "float32", dims));
 * const out = emitDecoderBody(b, cfg, weights, { inputIds: b.input("input_ids", "int64", ["b", "s"]),
 *   positionIds: b.input("position_ids", "int64", ["b", "s"]),
 *   attentionMask: b.input("attention_mask", "int64", ["b", "s"]) });
 * if (out.keys.length !== 2) throw new Error("one key per layer expected");
 * ```
 */
export function emitDecoderBody(
  b: GraphBuilder,
  cfg: LlamaConfig,
  weights: WeightValues,
  inputs: DecoderBodyInputs,
): DecoderBodyOutputs {
  const w = (name: string) => weightValue(weights, name);
  const groups = cfg.numAttentionHeads / cfg.numKeyValueHeads;
  const rotary = emitRotaryTables(b, inputs.positionIds, cfg.headDim, cfg.ropeTheta);
  const bias = emitAttentionBias(b, inputs.attentionMask, inputs.inputIds, groups);
  let x = b.op("Gather", [w("model.embed_tokens.weight"), inputs.inputIds], { axis: 0 });
  const keys: string[] = [];
  const values: string[] = [];
  for (let i = 0; i < cfg.numHiddenLayers; i++) {
    const p = `model.layers.${i}`;
    const a = `${p}.self_attn`;
    const attention = emitAttention(
      b,
      cfg,
      {
        q: w(`${a}.q_proj.weight`),
        k: w(`${a}.k_proj.weight`),
        v: w(`${a}.v_proj.weight`),
        o: w(`${a}.o_proj.weight`),
        ...(cfg.attentionBias
          ? {
            qBias: w(`${a}.q_proj.bias`),
            kBias: w(`${a}.k_proj.bias`),
            vBias: w(`${a}.v_proj.bias`),
          }
          : {}),
      },
      emitRmsNorm(b, x, w(`${p}.input_layernorm.weight`), cfg.rmsNormEps),
      rotary,
      bias,
      inputs.past &&
        { key: inputs.past.keys[i]!, value: inputs.past.values[i]!, mode: inputs.past.mode },
    );
    keys.push(attention.key);
    values.push(attention.value);
    const h = b.add(x, attention.out);
    const mlp = emitMlp(
      b,
      emitRmsNorm(b, h, w(`${p}.post_attention_layernorm.weight`), cfg.rmsNormEps),
      {
        gate: w(`${p}.mlp.gate_proj.weight`),
        up: w(`${p}.mlp.up_proj.weight`),
        down: w(`${p}.mlp.down_proj.weight`),
      },
    );
    x = b.add(h, mlp);
  }
  return { hidden: emitRmsNorm(b, x, w("model.norm.weight"), cfg.rmsNormEps), keys, values };
}
