import * as ort from "onnxruntime-node";
import { buildGradientGraph } from "../../../lib/onnx/autodiff/gradient_graph.ts";
import { defaultOpset, type Model } from "../../../lib/onnx/ir.ts";
import { createSession } from "../../../lib/onnx/session.ts";
import { assert, assertAllClose, assertEquals } from "../../assert.ts";
import { buildOptimumLike, withPolicyLoss } from "../fixtures/optimum_like.ts";

const CFG = {
  vocab: 9,
  hidden: 8,
  layers: 2,
  heads: 2,
  kvHeads: 1,
  intermediate: 10,
  maxPositions: 8,
  seed: 3,
};
const B = 2, S = 4;

function feeds(): Record<string, ort.Tensor> {
  const i64 = (v: number[], dims: number[]) =>
    new ort.Tensor("int64", BigInt64Array.from(v, BigInt), dims);
  const f: Record<string, ort.Tensor> = {
    "input_ids": i64([1, 4, 2, 8, 0, 5, 7, 3], [B, S]),
    "attention_mask": i64([1, 1, 1, 1, 0, 1, 1, 1], [B, S]),
    "position_ids": i64([0, 1, 2, 3, 0, 0, 1, 2], [B, S]),
    targets: i64([4, 2, 8, 6, 0, 7, 3, 1], [B, S]),
    advantages: new ort.Tensor("float64", Float64Array.from([0.5, -1, 2, 0.3, 0, 1.5, -0.2, 0.8]), [
      B,
      S,
    ]),
  };
  // Training time: the past is empty.
  for (let l = 0; l < CFG.layers; l++) {
    for (const kind of ["key", "value"]) {
      f[`past_key_values.${l}.${kind}`] = new ort.Tensor("float64", new Float64Array(0), [
        B,
        CFG.kvHeads,
        0,
        CFG.hidden / CFG.heads,
      ]);
    }
  }
  return f;
}

/** Moves every float initializer to a graph input so finite differences can perturb it. */
function asInputs(model: Model): { model: Model; names: string[] } {
  const g = model.graph;
  const names = [...g.initializers].filter(([, t]) => t.dataType === "float64" && t.dims.length > 0)
    .map(([n]) => n);
  return {
    names,
    model: {
      ...model,
      graph: {
        ...g,
        inputs: [
          ...g.inputs,
          ...names.map((n) => ({
            name: n,
            dataType: "float64" as const,
            shape: g.initializers.get(n)!.dims,
          })),
        ],
        initializers: new Map([...g.initializers].filter(([n]) => !names.includes(n))),
      },
    },
  };
}

Deno.test("an optimum-style with-past export (opset 14) differentiates: every weight gradient matches finite differences", async () => {
  const exported = buildOptimumLike(CFG);
  const { model, names } = asInputs(withPolicyLoss(exported));
  assert(names.some((n) => n.startsWith("onnx::MatMul_")) && names.includes("cos_cached"));
  const grad = buildGradientGraph(model, { loss: "loss", wrt: names });
  assertEquals(defaultOpset(grad), 17);
  assert(!grad.graph.outputs.some((o) => o.name.startsWith("present.")), "present outputs kept");
  const weights = new Map(
    names.map((n) => [n, exported.graph.initializers.get(n)!.data as Float64Array]),
  );
  const weightFeeds = (override?: [string, Float64Array]) =>
    Object.fromEntries(names.map((n) => {
      const data = override?.[0] === n ? override[1] : weights.get(n)!;
      return [n, new ort.Tensor("float64", data, exported.graph.initializers.get(n)!.dims)];
    }));
  const f = feeds();
  const gs = await createSession(grad, { optimization: "disabled" });
  const fwd = await createSession({
    ...model,
    graph: { ...model.graph, outputs: model.graph.outputs.filter((o) => o.name === "loss") },
  }, { optimization: "disabled" });
  const out = await gs.ort.run({ ...f, ...weightFeeds() });
  const lossAt = async (name: string, data: Float64Array) =>
    ((await fwd.ort.run({ ...f, ...weightFeeds([name, data]) })).loss!.data as Float64Array)[0]!;
  let checked = 0;
  for (const name of names) {
    const w = weights.get(name)!;
    const fd = new Float64Array(w.length);
    for (let i = 0; i < w.length; i++) {
      const p = Float64Array.from(w), m = Float64Array.from(w);
      p[i]! += 1e-6;
      m[i]! -= 1e-6;
      fd[i] = ((await lossAt(name, p)) - (await lossAt(name, m))) / 2e-6;
    }
    assertAllClose(out[`grad.${name}`]!.data as Float64Array, fd, {
      rtol: 1e-5,
      atol: 1e-7,
      msg: name,
    });
    checked += w.length;
  }
  assert(checked > 1000, `${checked} weights checked`);
  await gs.ort.release();
  await fwd.ort.release();
});
