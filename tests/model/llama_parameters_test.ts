import {
  assert,
  assertAlmostEquals,
  assertEquals,
  assertNotEquals,
  assertThrows,
} from "../assert.ts";
import { llamaConfig } from "../../lib/model/llama_config.ts";
import {
  assertLlamaWeights,
  initLlamaWeights,
  llamaParameterCount,
  llamaParameterShapes,
} from "../../lib/model/llama_parameters.ts";

const TINY = llamaConfig({
  vocabSize: 260,
  hiddenSize: 256,
  numHiddenLayers: 4,
  numAttentionHeads: 4,
  numKeyValueHeads: 2,
  intermediateSize: 768,
});

Deno.test("llamaParameterCount() of the tiny default is about 3.3M", () => {
  // embed + lm_head 2*260*256, per layer q,o 2*256^2 + k,v 2*256*128 + mlp 3*256*768 + norms
  const perLayer = 2 * 256 * 256 + 2 * 256 * 128 + 3 * 256 * 768 + 2 * 256;
  assertEquals(llamaParameterCount(TINY), 2 * 260 * 256 + 4 * perLayer + 256);
});

Deno.test("llamaParameterShapes() names parameters as Hugging Face does, with [in, out] projections", () => {
  const shapes = llamaParameterShapes(
    llamaConfig({ ...TINY, modelType: "qwen2", tieWordEmbeddings: true }),
  );
  assertEquals(shapes.get("model.layers.3.mlp.down_proj.weight"), [768, 256]);
  assertEquals(shapes.get("model.layers.0.self_attn.v_proj.bias"), [128]);
  assertEquals(shapes.has("lm_head.weight"), false);
  assertEquals([...shapes.keys()][0], "model.embed_tokens.weight");
});

Deno.test("initLlamaWeights() is seeded, per-parameter independent, and N(0, 0.02) for matrices", () => {
  const a = initLlamaWeights(TINY, { seed: 4 });
  const b = initLlamaWeights(TINY, { seed: 4 });
  const c = initLlamaWeights(TINY, { seed: 5 });
  assertEquals(
    a.get("model.layers.2.mlp.up_proj.weight"),
    b.get("model.layers.2.mlp.up_proj.weight"),
  );
  assertNotEquals(
    a.get("model.layers.2.mlp.up_proj.weight"),
    c.get("model.layers.2.mlp.up_proj.weight"),
  );
  // a parameter's values do not depend on which other parameters exist
  const fewer = initLlamaWeights(llamaConfig({ ...TINY, numHiddenLayers: 1 }), { seed: 4 });
  assertEquals(fewer.get("model.embed_tokens.weight"), a.get("model.embed_tokens.weight"));
  const w = a.get("model.layers.0.mlp.gate_proj.weight")!;
  const mean = w.reduce((s, v) => s + v, 0) / w.length;
  const std = Math.sqrt(w.reduce((s, v) => s + (v - mean) ** 2, 0) / w.length);
  assertAlmostEquals(mean, 0, 3e-4);
  assertAlmostEquals(std, 0.02, 3e-4);
  assert(a.get("model.norm.weight")!.every((v) => v === 1), "norm weights must start at 1");
});

Deno.test("assertLlamaWeights() names missing, extra and mis-sized parameters", () => {
  const w = initLlamaWeights(TINY);
  w.set("extra", new Float32Array(1));
  assertThrows(() => assertLlamaWeights(TINY, w), TypeError, '"extra" is not a parameter');
  w.delete("extra");
  w.set("lm_head.weight", new Float32Array(3));
  assertThrows(() => assertLlamaWeights(TINY, w), TypeError, "expected 66560");
  assertThrows(() => initLlamaWeights(TINY, { std: -1 }), RangeError);
});
