/**
 * Model folders for tests, built by code: serl's own layout, and the layout (and naming
 * habits) of an optimum / onnx-community fp32 export.
 *
 * @module
 */
import { join } from "node:path";
import { buildLlamaModel } from "../../lib/model/build_llama_model.ts";
import { byteLevelTokenizerFiles } from "../../lib/model/byte_level_tokenizer.ts";
import { type LlamaConfig, llamaConfig, llamaConfigJson } from "../../lib/model/llama_config.ts";
import { initLlamaWeights, type LlamaWeights } from "../../lib/model/llama_parameters.ts";
import { saveModelFolder } from "../../lib/model/save_model_folder.ts";
import { writeModel } from "../../lib/onnx/model_file.ts";

/** A small GQA Llama over serl's 260-token byte-level vocabulary. */
export const TEST_CONFIG: LlamaConfig = llamaConfig({
  vocabSize: 260,
  hiddenSize: 32,
  numHiddenLayers: 2,
  numAttentionHeads: 4,
  numKeyValueHeads: 2,
  intermediateSize: 64,
});

/** Weights with a std large enough that next-token distributions are far from uniform. */
export function testWeights(config: LlamaConfig = TEST_CONFIG, seed = 1): LlamaWeights {
  return initLlamaWeights(config, { seed, std: 0.15 });
}

const folders = new Map<string, Promise<string>>();

/** A serl model folder (cached per config, seed and template for the test process). */
export function serlFolder(
  options: { config?: LlamaConfig; seed?: number; chatTemplate?: string | null } = {},
): Promise<string> {
  const { config = TEST_CONFIG, seed = 1, chatTemplate = null } = options;
  const key = JSON.stringify([config, seed, chatTemplate]);
  let dir = folders.get(key);
  if (dir === undefined) {
    dir = (async () => {
      const path = await Deno.makeTempDir({ prefix: "serl_model_" });
      await saveModelFolder(path, {
        config,
        weights: testWeights(config, seed),
        tokenizer: byteLevelTokenizerFiles({ chatTemplate }),
      });
      return path;
    })();
    folders.set(key, dir);
  }
  return dir;
}

/**
 * A folder laid out and named the way onnx-community publishes an fp32 Llama: producer
 * "pytorch", MatMul weights as anonymous `onnx::MatMul_<n>` initializers, `onnx/model.onnx`
 * + `onnx/model.onnx_data`, `config.json` with `transformers.js_config`, plus the names of
 * quantized siblings that serl must not pick.
 */
export async function exportStyleFolder(
  weights: LlamaWeights,
  config: LlamaConfig = TEST_CONFIG,
): Promise<string> {
  const dir = await Deno.makeTempDir({ prefix: "onnx_community_" });
  const model = buildLlamaModel(config, weights, { kind: "with-past" });
  const graph = model.graph;
  let counter = 1000;
  for (const [name, tensor] of [...graph.initializers]) {
    if (!name.endsWith("proj.weight") && name !== "lm_head.weight") continue;
    const anonymous = `onnx::MatMul_${counter++}`;
    graph.initializers.delete(name);
    graph.initializers.set(anonymous, tensor);
    for (const node of graph.nodes) {
      node.inputs = node.inputs.map((i) => (i === name ? anonymous : i));
    }
  }
  await Deno.mkdir(join(dir, "onnx"));
  await writeModel(
    { ...model, producerName: "pytorch", producerVersion: "2.5.1", metadata: {} },
    join(dir, "onnx", "model.onnx"),
  );
  const files = byteLevelTokenizerFiles();
  const configJson = llamaConfigJson(config, {
    bos_token_id: null,
    eos_token_id: files.eosTokenId,
    "transformers.js_config": { dtype: "fp32", use_external_data_format: true },
  });
  await Deno.writeTextFile(join(dir, "config.json"), JSON.stringify(configJson));
  await Deno.writeTextFile(
    join(dir, "generation_config.json"),
    JSON.stringify({ eos_token_id: [files.eosTokenId] }),
  );
  await Deno.writeTextFile(join(dir, "tokenizer.json"), JSON.stringify(files.tokenizer));
  await Deno.writeTextFile(
    join(dir, "tokenizer_config.json"),
    JSON.stringify(files.tokenizerConfig),
  );
  return dir;
}
