/**
 * Llama-family language models on onnxruntime: configs (Llama, Qwen2), parameters with a
 * seeded init, composable ONNX emitters for the decoder, the three graphs (with-past in
 * optimum / transformers.js names, serl's decode graph, no-past for scoring and training),
 * model folders that transformers.js loads and that hold onnx-community fp32 exports, the
 * tokenizer (through transformers.js), and sessions per execution provider.
 *
 * ```ts
 * import { byteLevelTokenizerFiles, initLlamaWeights, llamaConfig, loadModel, saveModelFolder }
 *   from "./mod.ts";
 * const config = llamaConfig({ vocabSize: 260, hiddenSize: 16, numHiddenLayers: 1,
 *   numAttentionHeads: 2, intermediateSize: 32 });
 * const dir = await Deno.makeTempDir();
 * await saveModelFolder(dir, { config, weights: initLlamaWeights(config, { seed: 1 }),
 *   tokenizer: byteLevelTokenizerFiles() });
 * const model = await loadModel(dir);
 * if (model.weights.size !== 12) throw new Error(`got ${model.weights.size} weights`);
 * ```
 *
 * @module
 */
export * from "./llama_config.ts";
export * from "./llama_parameters.ts";
export * from "./emit_rms_norm.ts";
export * from "./emit_rotary.ts";
export * from "./emit_attention_bias.ts";
export * from "./emit_attention.ts";
export * from "./emit_decoder_body.ts";
export * from "./emit_lm_head.ts";
export * from "./build_llama_model.ts";
export * from "./without_past.ts";
export * from "./byte_level_tokenizer.ts";
export * from "./text_tokenizer.ts";
export * from "./check_decoder_graph.ts";
export * from "./load_model.ts";
export * from "./save_model_folder.ts";
export * from "./with_weights.ts";
export * from "./language_model_graph.ts";
export * from "./model_session.ts";
