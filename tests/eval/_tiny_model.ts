/**
 * A tiny random model folder for the eval tests (byte-level tokenizer, 2 layers), made once
 * per test process and per chat template.
 *
 * @module
 */
import { byteLevelTokenizerFiles } from "../../lib/model/byte_level_tokenizer.ts";
import { llamaConfig } from "../../lib/model/llama_config.ts";
import { initLlamaWeights } from "../../lib/model/llama_parameters.ts";
import { saveModelFolder } from "../../lib/model/save_model_folder.ts";

/** A chat template for the tests of `chatTemplate: true` (one user turn, then "A:"). */
export const TEST_CHAT_TEMPLATE =
  "{% for m in messages %}Q: {{ m.content }}{% endfor %}{% if add_generation_prompt %}A:{% endif %}";

const folders = new Map<string, Promise<string>>();

/**
 * The folder of a 2-layer Llama over the 260-token byte vocabulary, with weights wide enough
 * (std 0.15) that sampling is far from uniform.
 */
export function tinyModelFolder(chatTemplate: string | null = null): Promise<string> {
  const key = String(chatTemplate);
  let dir = folders.get(key);
  if (dir === undefined) {
    dir = (async () => {
      const path = await Deno.makeTempDir({ prefix: "serl_eval_model_" });
      const config = llamaConfig({
        vocabSize: 260,
        hiddenSize: 32,
        numHiddenLayers: 2,
        numAttentionHeads: 4,
        intermediateSize: 64,
      });
      await saveModelFolder(path, {
        config,
        weights: initLlamaWeights(config, { seed: 3, std: 0.15 }),
        tokenizer: byteLevelTokenizerFiles({ chatTemplate }),
      });
      return path;
    })();
    folders.set(key, dir);
  }
  return dir;
}
