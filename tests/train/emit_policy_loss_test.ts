import * as ort from "onnxruntime-node";
import { GraphBuilder } from "../../lib/onnx/builder.ts";
import type { Model } from "../../lib/onnx/ir.ts";
import { buildGradientGraph } from "../../lib/onnx/autodiff/gradient_graph.ts";
import { createSession } from "../../lib/onnx/session.ts";
import { randomNormal, randomSeeded } from "../../lib/random.ts";
import {
  policyLoss,
  policyLossGradient,
  type PolicyLossOptions,
} from "../../lib/rl/policy_loss.ts";
import { klLoss, klLossGradient } from "../../lib/rl/kl_loss.ts";
import type { KlEstimator } from "../../lib/rl/kl.ts";
import { type LossAggregation, lossTokenWeights } from "../../lib/rl/loss_aggregation.ts";
import { emitPolicyLoss, type PolicyLossHeadOptions } from "../../lib/train/emit_policy_loss.ts";
import { assertAllClose, assertAlmostEquals, assertThrows } from "../assert.ts";

interface Case {
  logProbs: number[][];
  oldLogProbs: number[][];
  advantages: number[][];
  refLogProbs: number[][];
}

/** Ragged data with ratios far enough from 1 that every clip branch is taken somewhere. */
function randomCase(seed: number, lengths: number[]): Case {
  const prng = randomSeeded(seed);
  const rows = (f: () => number) => lengths.map((n) => Array.from({ length: n }, f));
  const logProbs = rows(() => -1 - Math.abs(randomNormal(prng)));
  return {
    logProbs,
    oldLogProbs: logProbs.map((r) => r.map((v) => v + 0.6 * randomNormal(prng))),
    advantages: rows(() => 1.5 * randomNormal(prng)),
    refLogProbs: logProbs.map((r) => r.map((v) => v + 1.5 * randomNormal(prng))),
  };
}

function headModel(options: PolicyLossHeadOptions): Model {
  const b = new GraphBuilder();
  const v = (name: string) => b.input(name, "float64", ["n"]);
  const head = emitPolicyLoss(b, {
    logProbs: v("lp"),
    oldLogProbs: v("old"),
    advantages: v("adv"),
    lossWeights: v("w"),
    refLogProbs: v("ref"),
    klWeights: v("wkl"),
  }, { ...options, dataType: "float64" });
  const scalar = { dataType: "float64" as const, shape: [] };
  b.output(head.loss, "loss", scalar);
  b.output(head.clipFraction, "clip_fraction", scalar);
  b.output(head.approxKl, "approx_kl", scalar);
  return {
    irVersion: 8,
    opsetImports: [{ domain: "", version: 17 }],
    producerName: "test",
    producerVersion: "",
    graph: b.graph,
    metadata: {},
  };
}

async function runHead(
  c: Case,
  loss: PolicyLossOptions,
  head: PolicyLossHeadOptions,
  klAggregation: LossAggregation,
): Promise<Record<string, Float64Array>> {
  const grad = buildGradientGraph(headModel(head), {
    loss: "loss",
    wrt: ["lp"],
    keep: ["clip_fraction", "approx_kl"],
  });
  const lengths = c.logProbs.map((r) => r.length);
  const extra = loss.maxLength === undefined ? {} : { maxLength: loss.maxLength };
  const flat = (rows: number[][]) => {
    const data = Float64Array.from(rows.flat());
    return new ort.Tensor("float64", data, [data.length]);
  };
  const session = await createSession(grad);
  const out = await session.ort.run({
    lp: flat(c.logProbs),
    old: flat(c.oldLogProbs),
    adv: flat(c.advantages),
    ref: flat(c.refLogProbs),
    w: flat(lossTokenWeights(lengths, loss.aggregation, extra)),
    wkl: flat(lossTokenWeights(lengths, klAggregation, extra)),
  });
  await session.ort.release();
  return Object.fromEntries(Object.entries(out).map(([k, t]) => [k, t.data as Float64Array]));
}

const CASES: { name: string; loss: PolicyLossOptions; kl?: KlEstimator; klClamp?: boolean }[] = [
  { name: "token-mean, symmetric clip", loss: { aggregation: "token-mean" } },
  {
    name: "seq-mean-token-mean, asymmetric clip, dual clip",
    loss: { aggregation: "seq-mean-token-mean", clipLow: 0.1, clipHigh: 0.28, dualClip: 1.1 },
  },
  {
    name: "dr-grpo, log-ratio clamp",
    loss: { aggregation: "dr-grpo", maxLength: 9, logRatioClamp: 0.5 },
  },
  { name: "k1 KL term", loss: { aggregation: "token-mean" }, kl: "k1" },
  { name: "k2 KL term", loss: { aggregation: "token-mean", dualClip: 3 }, kl: "k2" },
  { name: "k3 KL term (GRPO)", loss: { aggregation: "seq-mean-token-mean" }, kl: "k3" },
  { name: "clamped k3 KL term", loss: { aggregation: "token-mean" }, kl: "k3", klClamp: true },
];

for (const [index, { name, loss, kl, klClamp = false }] of CASES.entries()) {
  Deno.test(`emitPolicyLoss() matches policyLoss and its gradient: ${name}`, async () => {
    const c = randomCase(10 + index, [3, 1, 5, 2]);
    if (klClamp) c.refLogProbs[2]![0] = c.logProbs[2]![0]! + 12; // k3 = e^12 - 13 > 10: clamped
    const beta = kl === undefined ? 0 : 0.37;
    const { aggregation: _, ...clip } = loss;
    const head: PolicyLossHeadOptions = {
      ...clip,
      ...(kl === undefined ? {} : { klCoef: beta, klEstimator: kl, klClamp }),
    };
    const got = await runHead(c, loss, head, "seq-mean-token-mean");
    const ref = policyLoss(c, loss);
    const refGrad = policyLossGradient(c, loss).flat();
    let expectedLoss = ref.loss;
    if (kl !== undefined) {
      const klInput = { logProbs: c.logProbs, refLogProbs: c.refLogProbs };
      const klOptions = { estimator: kl, clamp: klClamp };
      expectedLoss += beta * klLoss(klInput, klOptions).loss;
      const g = klLossGradient(klInput, klOptions).flat();
      for (let i = 0; i < refGrad.length; i++) refGrad[i] = refGrad[i]! + beta * g[i]!;
    }
    assertAlmostEquals(got.loss![0]!, expectedLoss, 1e-12);
    assertAlmostEquals(got.clip_fraction![0]!, ref.clipFraction, 1e-12);
    assertAlmostEquals(got.approx_kl![0]!, ref.approxKl, 1e-12);
    assertAllClose(got["grad.lp"]!, refGrad, { rtol: 1e-12, atol: 1e-14 });
    // The case must exercise the clip: some tokens clipped, some not.
    if (!(ref.clipFraction > 0 && ref.clipFraction < 1)) {
      throw new Error(`clip fraction ${ref.clipFraction}: the case does not exercise the clip`);
    }
    if (loss.dualClip !== undefined) {
      const binds = c.advantages.flat().filter((a, i) =>
        a < 0 && ref.ratios.flat()[i]! > loss.dualClip!
      );
      if (binds.length === 0) throw new Error("the case does not exercise the dual clip");
    }
  });
}

Deno.test("emitPolicyLoss() takes the unclipped branch on a tie, as policyLossGradient does", async () => {
  // ρ = 1.2 exactly at the upper bound (A > 0): surr1 == surr2, gradient passes.
  const lp = Math.log(1.2);
  const c = {
    logProbs: [[lp, -1]],
    oldLogProbs: [[0, -1]],
    advantages: [[2, -1]],
    refLogProbs: [[0, 0]],
  };
  const loss: PolicyLossOptions = { aggregation: "token-mean" };
  const got = await runHead(c, loss, {}, "token-mean");
  assertAllClose(got["grad.lp"]!, policyLossGradient(c, loss).flat(), { rtol: 1e-12 });
  if (got["grad.lp"]![0] === 0) throw new Error("the tie blocked the gradient");
});

Deno.test("emitPolicyLoss() rejects bad options and a KL term without its inputs", () => {
  const b = new GraphBuilder();
  const v = (name: string) => b.input(name, "float32", ["n"]);
  const inputs = { logProbs: v("a"), oldLogProbs: v("b"), advantages: v("c"), lossWeights: v("d") };
  assertThrows(() => emitPolicyLoss(b, inputs, { clipLow: 1 }), RangeError, "clipLow");
  assertThrows(() => emitPolicyLoss(b, inputs, { dualClip: 1 }), RangeError, "dualClip");
  assertThrows(() => emitPolicyLoss(b, inputs, { klCoef: 0.1 }), TypeError, "refLogProbs");
  assertThrows(
    () => emitPolicyLoss(b, inputs, { klCoef: 0.1, klEstimator: "k9" as KlEstimator }),
    TypeError,
    "k9",
  );
});
