// deno-lint-ignore-file no-console
/**
 * `deno task bench engine`: forward vs forward+backward of a Llama-style policy-gradient
 * graph at a realistic size, and achieved GFLOP/s against one large MatMul timed in the
 * same run.
 *
 * `backward_over_forward` is time(forward + backward) / time(forward) of the same graph
 * (PyTorch's own ratio for this kind of model on this machine is about 830/280 = 3.0).
 * Weights are initializers (prepacked by onnxruntime) in the main numbers; the
 * weights-as-inputs line is what full fine-tuning feeds each step.
 *
 * @module
 */
import * as ort from "onnxruntime-node";
import { buildGradientGraph } from "../../lib/onnx/autodiff/gradient_graph.ts";
import { countMatMulFlops } from "../../lib/onnx/flops.ts";
import { GraphBuilder } from "../../lib/onnx/builder.ts";
import type { Model } from "../../lib/onnx/ir.ts";
import { createSession } from "../../lib/onnx/session.ts";
import { buildLlamaLike } from "../onnx/fixtures/llama_like.ts";

const BATCH = 16, SEQ = 128, REPEATS = 10;
const cfg = {
  vocab: 256,
  hidden: 256,
  layers: 4,
  heads: 4,
  kvHeads: 2,
  intermediate: 704,
  dataType: "float32" as const,
  seed: 1,
  initStd: 0.02,
};

async function median(run: () => Promise<unknown>, repeats = REPEATS): Promise<number> {
  await run();
  await run();
  const times: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const t0 = performance.now();
    await run();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

function feeds(): Record<string, ort.Tensor> {
  const n = BATCH * SEQ;
  const ids = BigInt64Array.from({ length: n }, (_, i) => BigInt((i * 7919) % cfg.vocab));
  const pos = BigInt64Array.from({ length: n }, (_, i) => BigInt(i % SEQ));
  return {
    input_ids: new ort.Tensor("int64", ids, [BATCH, SEQ]),
    attention_mask: new ort.Tensor("int64", new BigInt64Array(n).fill(1n), [BATCH, SEQ]),
    position_ids: new ort.Tensor("int64", pos, [BATCH, SEQ]),
    targets: new ort.Tensor("int64", ids.map((v) => (v + 1n) % BigInt(cfg.vocab)), [BATCH, SEQ]),
    advantages: new ort.Tensor("float32", Float32Array.from({ length: n }, (_, i) => Math.sin(i)), [
      BATCH,
      SEQ,
    ]),
  };
}

function matmulModel(n: number): Model {
  const b = new GraphBuilder();
  const a = b.input("a", "float32", [n, n]);
  b.output(
    b.matMul(a, b.constant(Array.from({ length: n * n }, (_, i) => (i % 13) / 13), [n, n])),
    "y",
  );
  return {
    irVersion: 8,
    opsetImports: [{ domain: "", version: 17 }],
    producerName: "",
    producerVersion: "",
    graph: b.graph,
    metadata: {},
  };
}

const threads = navigator.hardwareConcurrency >= 2 ? 2 : 1;
const model = buildLlamaLike(cfg);
const wrt = [...model.graph.initializers.keys()].filter((n) => n.startsWith("model."));
const t0 = performance.now();
const grad = buildGradientGraph(model, { loss: "loss", wrt });
const buildMs = performance.now() - t0;
const dims = { batch: BATCH, seq: SEQ };
const fwdFlops = countMatMulFlops(model.graph, { dims });
const totalFlops = countMatMulFlops(grad.graph, { dims });

const f = feeds();
const fwd = await createSession(model, { threads });
const fb = await createSession(grad, { threads });
const forwardMs = await median(() => fwd.ort.run(f));
const fwdBwdMs = await median(() => fb.ort.run(f));

// Full fine-tuning feeds the weights every step: same gradient graph, weights as inputs.
const asInputs: Model = {
  ...grad,
  graph: {
    ...grad.graph,
    inputs: [
      ...grad.graph.inputs,
      ...wrt.map((n) => ({
        name: n,
        dataType: "float32" as const,
        shape: grad.graph.initializers.get(n)!.dims,
      })),
    ],
    initializers: new Map([...grad.graph.initializers].filter(([n]) => !wrt.includes(n))),
  },
};
const weightFeeds = Object.fromEntries(wrt.map((n) => {
  const t = model.graph.initializers.get(n)!;
  return [n, new ort.Tensor("float32", t.data as Float32Array, t.dims)];
}));
const fbIn = await createSession(asInputs, { threads });
const fwdBwdInputsMs = await median(() => fbIn.ort.run({ ...f, ...weightFeeds }));

const mm = await createSession(matmulModel(1024), { threads });
const mmFeed = {
  a: new ort.Tensor("float32", Float32Array.from({ length: 1024 * 1024 }, (_, i) => (i % 7) / 7), [
    1024,
    1024,
  ]),
};
const mmMs = await median(() => mm.ort.run(mmFeed), 20);
const matmulGflops = (2 * 1024 ** 3) / (mmMs * 1e6);
const achieved = totalFlops / (fwdBwdMs * 1e6);

console.log(
  `model: ${cfg.layers} layers, width ${cfg.hidden}, ${cfg.heads} heads (${cfg.kvHeads} KV), MLP ${cfg.intermediate}, vocab ${cfg.vocab}; batch ${BATCH} x ${SEQ} tokens; ${threads} threads`,
);
console.log(
  `gradient graph: ${grad.graph.nodes.length} nodes (forward ${model.graph.nodes.length}), built in ${
    buildMs.toFixed(0)
  } ms`,
);
console.log(
  `forward            ${forwardMs.toFixed(1)} ms  (${(fwdFlops / 1e9).toFixed(2)} GFLOP matmul)`,
);
console.log(
  `forward+backward   ${fwdBwdMs.toFixed(1)} ms  (${
    (totalFlops / 1e9).toFixed(2)
  } GFLOP matmul) = ${(fwdBwdMs / forwardMs).toFixed(2)} x forward`,
);
console.log(`  weights as inputs ${fwdBwdInputsMs.toFixed(1)} ms`);
console.log(
  `MatMul 1024^3      ${mmMs.toFixed(2)} ms = ${
    matmulGflops.toFixed(0)
  } GFLOP/s; forward+backward achieves ${achieved.toFixed(0)} GFLOP/s`,
);
console.log(JSON.stringify({
  forward_ms: +forwardMs.toFixed(2),
  forward_backward_ms: +fwdBwdMs.toFixed(2),
  forward_backward_weights_as_inputs_ms: +fwdBwdInputsMs.toFixed(2),
  backward_over_forward: +(fwdBwdMs / forwardMs).toFixed(3),
  forward_gflop: +(fwdFlops / 1e9).toFixed(3),
  forward_backward_gflop: +(totalFlops / 1e9).toFixed(3),
  achieved_gflops: +achieved.toFixed(1),
  matmul_gflops: +matmulGflops.toFixed(1),
  fraction_of_matmul: +(achieved / matmulGflops).toFixed(3),
}));
