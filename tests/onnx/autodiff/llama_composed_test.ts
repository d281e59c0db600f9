import * as ort from "onnxruntime-node";
import { buildGradientGraph } from "../../../lib/onnx/autodiff/gradient_graph.ts";
import { createSession } from "../../../lib/onnx/session.ts";
import type { Model } from "../../../lib/onnx/ir.ts";
import { assert, assertAllClose, assertEquals } from "../../assert.ts";
import { buildLlamaLike } from "../fixtures/llama_like.ts";

const CFG = {
  vocab: 11,
  hidden: 8,
  layers: 2,
  heads: 2,
  kvHeads: 1,
  intermediate: 12,
  dataType: "float64" as const,
  seed: 7,
  initStd: 0.4,
};

function feeds(): Record<string, ort.Tensor> {
  const i64 = (v: number[]) => new ort.Tensor("int64", BigInt64Array.from(v, BigInt), [2, 5]);
  return {
    // Row 1 is left-padded by two positions.
    input_ids: i64([1, 4, 2, 9, 3, 0, 0, 5, 7, 10]),
    attention_mask: i64([1, 1, 1, 1, 1, 0, 0, 1, 1, 1]),
    position_ids: i64([0, 1, 2, 3, 4, 0, 0, 0, 1, 2]),
    targets: i64([4, 2, 9, 3, 6, 0, 0, 7, 10, 1]),
    advantages: new ort.Tensor(
      "float64",
      Float64Array.from([0.5, -1, 2, 0.3, -0.7, 9, 9, 1.5, -0.2, 0.8]),
      [2, 5],
    ),
  };
}

/** Makes every float initializer a graph input so finite differences can perturb it. */
function weightsAsInputs(model: Model): { model: Model; weights: Map<string, Float64Array> } {
  const g = model.graph;
  const weights = new Map<string, Float64Array>();
  const inputs = [...g.inputs];
  const initializers = new Map(g.initializers);
  for (const [name, t] of g.initializers) {
    if (t.dataType !== "float64" || !name.startsWith("model.")) continue;
    weights.set(name, t.data as Float64Array);
    inputs.push({ name, dataType: "float64", shape: t.dims });
    initializers.delete(name);
  }
  return { model: { ...model, graph: { ...g, inputs, initializers } }, weights };
}

Deno.test("2-layer Llama-style policy-gradient graph: every weight gradient matches finite differences", async () => {
  const base = buildLlamaLike(CFG);
  const { model, weights } = weightsAsInputs(base);
  const names = [...weights.keys()];
  const grad = buildGradientGraph(model, { loss: "loss", wrt: names });
  for (const n of grad.graph.nodes) {
    assertEquals(n.domain, "", `node ${n.name} is not in the default domain`);
  }
  assertEquals(grad.graph.outputs.map((o) => o.name), ["loss", ...names.map((n) => `grad.${n}`)]);
  const fwd = await createSession(model, { optimization: "disabled" });
  const gs = await createSession(grad);
  const f = feeds();
  const weightFeeds = Object.fromEntries(
    [...weights].map(([n, w]) => [
      n,
      new ort.Tensor(
        "float64",
        w,
        model.graph.inputs.find((i) => i.name === n)!.shape as number[],
      ),
    ]),
  );
  const out = await gs.ort.run({ ...f, ...weightFeeds });
  const lossAt = async (name: string, values: Float64Array) => {
    const t = new ort.Tensor("float64", values, weightFeeds[name]!.dims);
    return ((await fwd.ort.run({ ...f, ...weightFeeds, [name]: t })).loss!.data as Float64Array)[
      0
    ]!;
  };
  const base0 = ((await fwd.ort.run({ ...f, ...weightFeeds })).loss!.data as Float64Array)[0]!;
  assertAllClose([(out.loss!.data as Float64Array)[0]!], [base0], { rtol: 1e-12 });
  let checked = 0;
  for (const name of names) {
    const w = weights.get(name)!;
    const fd = new Float64Array(w.length);
    for (let i = 0; i < w.length; i++) {
      const eps = 1e-6;
      const p = Float64Array.from(w), m = Float64Array.from(w);
      p[i]! += eps;
      m[i]! -= eps;
      fd[i] = ((await lossAt(name, p)) - (await lossAt(name, m))) / (2 * eps);
    }
    assertAllClose(out[`grad.${name}`]!.data as Float64Array, fd, {
      rtol: 1e-5,
      atol: 1e-8,
      msg: name,
    });
    checked += w.length;
  }
  assert(checked > 900, `only ${checked} weights checked`);
});

Deno.test("the Llama-style gradient graph differentiates initializers in place and keeps its inputs", () => {
  const model = buildLlamaLike({ ...CFG, dataType: "float32" });
  const wrt = [...model.graph.initializers.keys()].filter((n) => n.startsWith("model."));
  const grad = buildGradientGraph(model, { loss: "loss", wrt });
  assertEquals(grad.graph.inputs.map((i) => i.name), model.graph.inputs.map((i) => i.name));
  for (const n of wrt) assert(grad.graph.initializers.has(n), `initializer ${n} dropped`);
});
