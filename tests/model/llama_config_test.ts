import { assertEquals, assertThrows } from "../assert.ts";
import { llamaConfig, llamaConfigJson, parseLlamaConfig } from "../../lib/model/llama_config.ts";

/** The fields of Qwen2.5-0.5B-Instruct's config.json that serl reads. */
const QWEN_JSON = {
  architectures: ["Qwen2ForCausalLM"],
  "model_type": "qwen2",
  "vocab_size": 151936,
  "hidden_size": 896,
  "num_hidden_layers": 24,
  "num_attention_heads": 14,
  "num_key_value_heads": 2,
  "intermediate_size": 4864,
  "hidden_act": "silu",
  "rope_theta": 1000000.0,
  "rms_norm_eps": 1e-6,
  "tie_word_embeddings": true,
  "max_position_embeddings": 32768,
  "rope_scaling": null,
  "use_sliding_window": false,
};

Deno.test("parseLlamaConfig() reads a Qwen2 config.json, biases and tied embeddings included", () => {
  const cfg = parseLlamaConfig(QWEN_JSON);
  assertEquals(cfg.headDim, 64);
  assertEquals(cfg.attentionBias, true);
  assertEquals(cfg.tieWordEmbeddings, true);
  assertEquals(cfg.ropeTheta, 1e6);
  assertEquals(cfg.ropeScaling, null);
});

Deno.test("parseLlamaConfig() applies Hugging Face defaults to a minimal llama config", () => {
  const cfg = parseLlamaConfig({
    model_type: "llama",
    vocab_size: 32,
    hidden_size: 64,
    num_hidden_layers: 2,
    num_attention_heads: 8,
    intermediate_size: 128,
  });
  assertEquals(
    [cfg.numKeyValueHeads, cfg.headDim, cfg.ropeTheta, cfg.rmsNormEps, cfg.tieWordEmbeddings],
    [8, 8, 10000, 1e-6, false],
  );
  assertEquals([cfg.maxPositionEmbeddings, cfg.attentionBias], [2048, false]);
});

Deno.test("llamaConfigJson() round-trips through parseLlamaConfig()", () => {
  const cfg = parseLlamaConfig(QWEN_JSON);
  const json = llamaConfigJson(cfg, { eos_token_id: 151645 });
  assertEquals(parseLlamaConfig(json), cfg);
  assertEquals(json.eos_token_id, 151645);
  assertEquals(json.architectures, ["Qwen2ForCausalLM"]);
});

Deno.test("parseLlamaConfig() refuses other architectures, activations and bad sizes", () => {
  assertThrows(
    () => parseLlamaConfig({ ...QWEN_JSON, model_type: "gpt2" }),
    TypeError,
    "model_type",
  );
  assertThrows(() => parseLlamaConfig({ ...QWEN_JSON, hidden_act: "gelu" }), TypeError, "silu");
  assertThrows(() => parseLlamaConfig({ ...QWEN_JSON, hidden_size: -1 }), TypeError, "hidden_size");
  assertThrows(
    () => parseLlamaConfig({ ...QWEN_JSON, num_key_value_heads: 3 }),
    TypeError,
    "multiple",
  );
  assertThrows(() => parseLlamaConfig([]), TypeError, "JSON object");
  assertThrows(
    () =>
      llamaConfig({
        vocabSize: 4,
        hiddenSize: 6,
        numHiddenLayers: 1,
        numAttentionHeads: 2,
        intermediateSize: 4,
      }),
    TypeError,
    "even",
  );
});
