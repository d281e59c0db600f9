import { llamaConfig } from "../../lib/model/llama_config.ts";
import { initLlamaWeights } from "../../lib/model/llama_parameters.ts";
import { randomNormal, randomSeeded } from "../../lib/random.ts";
import {
  initLoraAdapters,
  loraConfig,
  loraModules,
  mergeLoraWeights,
} from "../../lib/train/lora.ts";
import { assert, assertAllClose, assertEquals, assertThrows } from "../assert.ts";

const CFG = llamaConfig({
  vocabSize: 10,
  hiddenSize: 8,
  numHiddenLayers: 2,
  numAttentionHeads: 2,
  numKeyValueHeads: 1,
  intermediateSize: 12,
});

Deno.test("loraConfig() defaults to OpenRLHF's alpha and all linear layers, in a fixed order", () => {
  assertEquals(loraConfig({ rank: 4 }), {
    rank: 4,
    alpha: 16,
    targets: ["q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj"],
  });
  assertEquals(loraConfig({ rank: 1, alpha: 2, targets: ["down_proj", "q_proj"] }).targets, [
    "q_proj",
    "down_proj",
  ]);
});

Deno.test("loraConfig() rejects bad ranks, alphas and targets", () => {
  assertThrows(() => loraConfig({ rank: 0 }), RangeError, "rank");
  assertThrows(() => loraConfig({ rank: 1.5 }), RangeError, "rank");
  assertThrows(() => loraConfig({ rank: 2, alpha: 0 }), RangeError, "alpha");
  assertThrows(() => loraConfig({ rank: 2, targets: ["embed_tokens"] }), TypeError, "embed_tokens");
  assertThrows(() => loraConfig({ rank: 2, targets: ["q_proj", "q_proj"] }), TypeError, "repeated");
  assertThrows(() => loraConfig({ rank: 2, targets: [] }), TypeError, "no targets");
});

Deno.test("loraModules() lists each adapted projection with its MatMul shape", () => {
  const modules = loraModules(CFG, loraConfig({ rank: 3 }));
  assertEquals(modules.length, 14);
  const byName = new Map(modules.map((m) => [m.weight, m]));
  const down = byName.get("model.layers.1.mlp.down_proj.weight")!;
  assertEquals([down.in, down.out, down.a, down.b], [
    12,
    8,
    "model.layers.1.mlp.down_proj.lora_A.weight",
    "model.layers.1.mlp.down_proj.lora_B.weight",
  ]);
  assertEquals([byName.get("model.layers.0.self_attn.v_proj.weight")!.out], [4]);
});

Deno.test("initLoraAdapters() draws A within PEFT's Kaiming bound, B zero, per seed", () => {
  const lora = loraConfig({ rank: 4 });
  const a = initLoraAdapters(CFG, lora, { seed: 1 });
  const b = initLoraAdapters(CFG, lora, { seed: 2 });
  for (const m of loraModules(CFG, lora)) {
    const A = a.get(m.a)!;
    assertEquals(A.length, m.in * 4);
    assert(A.every((x) => Math.abs(x) <= 1 / Math.sqrt(m.in)), `${m.a} out of bound`);
    assert(Math.max(...A.map(Math.abs)) > 0.5 / Math.sqrt(m.in), `${m.a} too narrow`);
    assert(a.get(m.b)!.every((x) => x === 0), `${m.b} not zero`);
    assert(A.some((x, i) => x !== b.get(m.a)![i]), "seed ignored");
  }
  assertEquals(initLoraAdapters(CFG, lora, { seed: 1 }), a);
});

Deno.test("mergeLoraWeights() adds (alpha / rank) A B to each adapted weight only", () => {
  const lora = loraConfig({ rank: 2, alpha: 3, targets: ["k_proj", "gate_proj"] });
  const weights = initLlamaWeights(CFG, { seed: 4 });
  const adapters = initLoraAdapters(CFG, lora);
  const prng = randomSeeded(9);
  for (const [name, t] of adapters) {
    if (name.includes("lora_B")) t.forEach((_, i) => (t[i] = randomNormal(prng)));
  }
  const merged = mergeLoraWeights(CFG, weights, adapters, lora);
  const adapted = new Set(loraModules(CFG, lora).map((m) => m.weight));
  for (const [name, w] of weights) {
    if (!adapted.has(name)) {
      assert(merged.get(name) === w, `${name} should be shared`);
      continue;
    }
    const m = loraModules(CFG, lora).find((x) => x.weight === name)!;
    const A = adapters.get(m.a)!, B = adapters.get(m.b)!;
    const expected = new Float64Array(w.length);
    for (let i = 0; i < m.in; i++) {
      for (let j = 0; j < m.out; j++) {
        let s = 0;
        for (let k = 0; k < 2; k++) s += A[i * 2 + k]! * B[k * m.out + j]!;
        expected[i * m.out + j] = w[i * m.out + j]! + 1.5 * s;
      }
    }
    assertAllClose(merged.get(name)!, expected, { rtol: 1e-6, atol: 1e-7, msg: name });
  }
  assertEquals(
    weights.get("model.layers.0.self_attn.k_proj.weight"),
    initLlamaWeights(CFG, { seed: 4 }).get("model.layers.0.self_attn.k_proj.weight"),
  );
  adapters.delete("model.layers.1.mlp.gate_proj.lora_B.weight");
  assertThrows(() => mergeLoraWeights(CFG, weights, adapters, lora), TypeError, "gate_proj");
});
