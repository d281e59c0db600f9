// deno-lint-ignore-file no-console
/**
 * `deno task bench engine`: forward vs forward+backward of a Llama-style policy-gradient
 * graph at a realistic size (4 layers, width 256, batch 16 x 128 tokens, about 13.4 GFLOP
 * forward), and achieved GFLOP/s against one large MatMul timed in the same run.
 *
 * `backward_over_forward` is time(forward + backward) / time(forward) of the same graph
 * (PyTorch's own ratio for this model on this machine is about 830/280 = 3.0). Weights are
 * initializers (prepacked by onnxruntime) in the main numbers; the weights-as-inputs line is
 * what full fine-tuning feeds each step. Cases run interleaved, round after round, and
 * ratios are medians of per-round ratios, so load from other processes hits every case alike.
 *
 * @module
 */
import * as ort from "onnxruntime-node";
import { buildGradientGraph } from "../../lib/onnx/autodiff/gradient_graph.ts";
import { countMatMulFlops } from "../../lib/onnx/flops.ts";
import { createMatmulReference } from "./_matmul_reference.ts";
import type { Model } from "../../lib/onnx/ir.ts";
import { createSession } from "../../lib/onnx/session.ts";
import { buildLlamaLike } from "../onnx/fixtures/llama_like.ts";

const BATCH = 16, SEQ = 128, ROUNDS = 15;
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

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** Times each case once per round after two warm-up runs; returns per-case time lists. */
async function interleaved(cases: Record<string, () => Promise<unknown>>, rounds: number) {
  const names = Object.keys(cases);
  for (const n of names) for (let w = 0; w < 2; w++) await cases[n]!();
  const times: Record<string, number[]> = Object.fromEntries(names.map((n) => [n, []]));
  for (let r = 0; r < rounds; r++) {
    for (const n of names) {
      const t0 = performance.now();
      await cases[n]!();
      times[n]!.push(performance.now() - t0);
    }
  }
  return times;
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

const threads = navigator.hardwareConcurrency >= 2 ? 2 : 1;
const model = buildLlamaLike(cfg);
const wrt = [...model.graph.initializers.keys()].filter((n) => n.startsWith("model."));
const t0 = performance.now();
const grad = buildGradientGraph(model, { loss: "loss", wrt });
const buildMs = performance.now() - t0;
const dims = { batch: BATCH, seq: SEQ };
const fwdFlops = countMatMulFlops(model.graph, { dims });
const totalFlops = countMatMulFlops(grad.graph, { dims });
const MM = 1024, MM_REPEAT = 4;

// Full fine-tuning feeds the weights every step: the same gradient graph, weights as inputs.
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

const f = feeds();
const fwd = await createSession(model, { threads });
const fb = await createSession(grad, { threads });
const fbIn = await createSession(asInputs, { threads });
const mm = await createMatmulReference(MM, threads);
const mmFlops = mm.flops;
const times = await interleaved({
  forward: () => fwd.ort.run(f),
  forwardBackward: () => fb.ort.run(f),
  weightsAsInputs: () => fbIn.ort.run({ ...f, ...weightFeeds }),
  matmul: async () => {
    for (let i = 0; i < MM_REPEAT; i++) await mm.run();
  },
}, ROUNDS);

const forwardMs = median(times.forward!), fwdBwdMs = median(times.forwardBackward!);
const inputsMs = median(times.weightsAsInputs!), mmMs = median(times.matmul!) / MM_REPEAT;
const perRound = (fn: (i: number) => number) => median(times.forward!.map((_, i) => fn(i)));
const backwardOverForward = perRound((i) => times.forwardBackward![i]! / times.forward![i]!);
// achieved / matmul GFLOP/s in the same round = (total / fb_i) / (mmFlops / mm_i)
const fraction = perRound((i) =>
  (totalFlops / times.forwardBackward![i]!) / (mmFlops * MM_REPEAT / times.matmul![i]!)
);
const fractionInputs = perRound((i) =>
  (totalFlops / times.weightsAsInputs![i]!) / (mmFlops * MM_REPEAT / times.matmul![i]!)
);

console.log(
  `model: ${cfg.layers} layers, width ${cfg.hidden}, ${cfg.heads} heads (${cfg.kvHeads} KV), MLP ${cfg.intermediate}, vocab ${cfg.vocab}; batch ${BATCH} x ${SEQ} tokens; ${threads} threads; ${ROUNDS} interleaved rounds`,
);
console.log(
  `gradient graph: ${grad.graph.nodes.length} nodes (forward ${model.graph.nodes.length}), built in ${
    buildMs.toFixed(0)
  } ms`,
);
console.log(
  `forward             ${forwardMs.toFixed(1)} ms  (${
    (fwdFlops / 1e9).toFixed(2)
  } GFLOP in MatMul/Gemm)`,
);
console.log(
  `forward+backward    ${fwdBwdMs.toFixed(1)} ms  (${(totalFlops / 1e9).toFixed(2)} GFLOP), ${
    backwardOverForward.toFixed(2)
  } x forward`,
);
console.log(`  weights as inputs ${inputsMs.toFixed(1)} ms`);
console.log(
  `MatMul ${MM}^3       ${mmMs.toFixed(2)} ms = ${
    (mmFlops / mmMs / 1e6).toFixed(0)
  } GFLOP/s; forward+backward reaches ${(100 * fraction).toFixed(0)}% of it`,
);
console.log(JSON.stringify({
  forward_ms: +forwardMs.toFixed(2),
  forward_backward_ms: +fwdBwdMs.toFixed(2),
  forward_backward_weights_as_inputs_ms: +inputsMs.toFixed(2),
  backward_over_forward: +backwardOverForward.toFixed(3),
  forward_gflop: +(fwdFlops / 1e9).toFixed(3),
  forward_backward_gflop: +(totalFlops / 1e9).toFixed(3),
  achieved_gflops: +(totalFlops / fwdBwdMs / 1e6).toFixed(1),
  matmul_gflops: +(mmFlops / mmMs / 1e6).toFixed(1),
  fraction_of_matmul: +fraction.toFixed(3),
  fraction_of_matmul_weights_as_inputs: +fractionInputs.toFixed(3),
}));
