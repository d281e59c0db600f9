/**
 * The RL loss head as ONNX ops: the PPO clipped surrogate of SeRL's OpenRLHF with later
 * OpenRLHF's options (asymmetric clip, dual clip, log-ratio clamp), an optional KL loss
 * term against reference log-probs, and metrics. It is the graph form of `policyLoss`,
 * `policyLossGradient`, `klLoss` and `klLossGradient` in `lib/rl`, which are its tests'
 * reference.
 *
 * Every per-token value is a flat `[N]` vector over the valid response tokens of a
 * micro-batch; the aggregation (token-mean, seq-mean-token-mean, dr-grpo, and the split of
 * a step into micro-batches) arrives as per-token weights, so one graph serves every mode.
 *
 * Min, max and clamp are written with Where on comparisons, so the gradient conventions are
 * exactly the reference's (torch's): a clamp passes the gradient on its bounds, and the
 * surrogate's min takes the unclipped branch on a tie.
 *
 * @module
 */
import type { GraphBuilder } from "../onnx/builder.ts";
import type { KlEstimator } from "../rl/kl.ts";
import { KL_CLAMP, KL_ESTIMATORS } from "../rl/kl.ts";

/** Value names of the loss head's per-token inputs, each float `[N]`. */
export interface PolicyLossHeadInputs {
  /** log π_θ(a_t | s_t) of the taken tokens (the gradient flows through these). */
  logProbs: string;
  /** log π_old of the same tokens. */
  oldLogProbs: string;
  /** Advantages. */
  advantages: string;
  /** Aggregation weights w of the policy loss (`loss = Σ w·ℓ`). */
  lossWeights: string;
  /** log π_ref of the same tokens; required when `klCoef > 0`. */
  refLogProbs?: string;
  /** Aggregation weights of the KL term; required when `klCoef > 0`. */
  klWeights?: string;
}

/** Options for {@linkcode emitPolicyLoss}. */
export interface PolicyLossHeadOptions {
  /**
   * ε_low: the ratio is clipped below at 1 - clipLow.
   * @default {0.2}
   */
  clipLow?: number;
  /**
   * ε_high: the ratio is clipped above at 1 + clipHigh.
   * @default {0.2}
   */
  clipHigh?: number;
  /**
   * c > 1 for the dual clip on negative advantages; undefined turns it off.
   * @default {undefined}
   */
  dualClip?: number;
  /**
   * Clamp of the log-ratio before exp; Infinity turns it off.
   * @default {Infinity}
   */
  logRatioClamp?: number;
  /**
   * β of the KL loss term (OpenRLHF `--use_kl_loss`); 0 leaves the term out.
   * @default {0}
   */
  klCoef?: number;
  /**
   * KL estimator of the loss term (k3 for GRPO).
   * @default {"k3"}
   */
  klEstimator?: KlEstimator;
  /**
   * Clamp each KL estimate to [-10, 10] (later OpenRLHF).
   * @default {false}
   */
  klClamp?: boolean;
  /**
   * Float type of the per-token inputs (float64 for precise checks against `lib/rl`).
   * @default {"float32"}
   */
  dataType?: "float32" | "float64";
  /**
   * `"clipped-surrogate"`: the RL loss above. `"nll"`: supervised learning (pretraining,
   * SFT), loss `-Σ w·log p` over the response tokens, with no old log-probs, advantages,
   * clip or KL term.
   * @default {"clipped-surrogate"}
   */
  objective?: "clipped-surrogate" | "nll";
}

/** Value names the loss head produces (scalars unless noted). */
export interface PolicyLossHeadOutputs {
  /** The total loss `Σ w·ℓ + β·Σ w_kl·k`. */
  loss: string;
  /** The policy term `Σ w·ℓ`. */
  policyLoss: string;
  /** `Σ w_kl·k` without β (absent when `klCoef` is 0). */
  klLoss?: string;
  /** Fraction of tokens where the ratio clip binds (surr2 < surr1). */
  clipFraction: string;
  /** Token mean of `logp_old - logp` (OpenRLHF's `ppo_kl`). */
  approxKl: string;
  /** `[N]` probability ratios ρ. */
  ratios: string;
}

/** `clamp(x, lo, hi)` with torch's gradient: it passes on the bounds themselves. */
function emitClamp(b: GraphBuilder, x: string, lo: string, hi: string): string {
  const low = b.op("Where", [b.op("Less", [x, lo]), lo, x]);
  return b.op("Where", [b.op("Greater", [low, hi]), hi, low]);
}

/** One KL estimate per token of `d = logp - logp_ref`: k1 d, k2 d²/2, k3 e^-d - 1 + d. */
function emitKlEstimate(
  b: GraphBuilder,
  d: string,
  estimator: KlEstimator,
  c: (v: number) => string,
): string {
  if (estimator === "k1") return d;
  if (estimator === "k2") return b.mul(b.mul(d, d), c(0.5));
  return b.add(b.sub(b.op("Exp", [b.neg(d)]), c(1)), d);
}

/**
 * Emits the loss head into `b`.
 *
 * @param b Builder of the training graph.
 * @param inputs Per-token value names.
 * @param options Clip and KL options (validated like `policyLoss`).
 * @returns Value names of the loss, its parts and the metrics.
 * @throws {RangeError} On out-of-range options.
 * @throws {TypeError} On an unknown KL estimator, or a KL term without its inputs.
 *
 * @example The loss at ρ = 1 is minus the weighted advantage
 * ```ts
 * import * as ort from "onnxruntime-node";
 * import { GraphBuilder } from "../onnx/builder.ts";
 * import { createSession } from "../onnx/session.ts";
 * import { emitPolicyLoss } from "./emit_policy_loss.ts";
 * const b = new GraphBuilder();
 * const v = (name: string) => b.input(name, "float32", ["n"]);
 * const head = emitPolicyLoss(b, { logProbs: v("lp"), oldLogProbs: v("old"),
 *   advantages: v("adv"), lossWeights: v("w") });
 * b.output(head.loss, "loss", { shape: [] });
 * const s = await createSession({ irVersion: 8, opsetImports: [{ domain: "", version: 17 }],
 *   producerName: "", producerVersion: "", graph: b.graph, metadata: {} });
 * const t = (x: number[]) => new ort.Tensor("float32", Float32Array.from(x), [x.length]);
 * const out = await s.ort.run({ lp: t([-1, -2]), old: t([-1, -2]), adv: t([1, 3]), w: t([0.5, 0.5]) });
 * if ((out.loss!.data as Float32Array)[0] !== -2) throw new Error("wrong loss");
 * await s.ort.release();
 * ```
 */
export function emitPolicyLoss(
  b: GraphBuilder,
  inputs: PolicyLossHeadInputs,
  options: PolicyLossHeadOptions = {},
): PolicyLossHeadOutputs {
  const {
    clipLow = 0.2,
    clipHigh = 0.2,
    dualClip,
    logRatioClamp = Infinity,
    klCoef = 0,
    klEstimator = "k3",
    klClamp = false,
    dataType = "float32",
  } = options;
  const c = (v: number) => b.constant(v, [], dataType);
  const context = "Cannot emit the policy loss";
  if (!(clipLow >= 0 && clipLow < 1)) {
    throw new RangeError(`${context} as clipLow must be in [0, 1): current value is ${clipLow}`);
  }
  if (!(clipHigh >= 0 && Number.isFinite(clipHigh))) {
    throw new RangeError(`${context} as clipHigh must be >= 0: current value is ${clipHigh}`);
  }
  if (dualClip !== undefined && !(dualClip > 1 && Number.isFinite(dualClip))) {
    throw new RangeError(`${context} as dualClip must be > 1: current value is ${dualClip}`);
  }
  if (!(logRatioClamp > 0)) {
    throw new RangeError(
      `${context} as logRatioClamp must be > 0: current value is ${logRatioClamp}`,
    );
  }
  if (!(klCoef >= 0 && Number.isFinite(klCoef))) {
    throw new RangeError(`${context} as klCoef must be >= 0: current value is ${klCoef}`);
  }
  if (!KL_ESTIMATORS.includes(klEstimator)) {
    throw new TypeError(`${context}: unknown KL estimator "${klEstimator}"`);
  }
  const { logProbs, oldLogProbs, advantages, lossWeights } = inputs;

  let logRatio = b.sub(logProbs, oldLogProbs);
  if (Number.isFinite(logRatioClamp)) {
    logRatio = emitClamp(b, logRatio, c(-logRatioClamp), c(logRatioClamp));
  }
  const ratios = b.op("Exp", [logRatio]);
  const surr1 = b.mul(ratios, advantages);
  const surr2 = b.mul(emitClamp(b, ratios, c(1 - clipLow), c(1 + clipHigh)), advantages);
  const clipped = b.op("Less", [surr2, surr1]);
  let objective = b.op("Where", [clipped, surr2, surr1]);
  if (dualClip !== undefined) {
    const floor = b.mul(advantages, c(dualClip));
    const binds = b.op("And", [
      b.op("Less", [advantages, c(0)]),
      b.op("Greater", [floor, objective]),
    ]);
    objective = b.op("Where", [binds, floor, objective]);
  }
  const policyLoss = b.neg(b.reduceSum(b.mul(objective, lossWeights), [], false));

  let loss = policyLoss;
  let klLoss: string | undefined;
  if (klCoef > 0) {
    const { refLogProbs, klWeights } = inputs;
    if (refLogProbs === undefined || klWeights === undefined) {
      throw new TypeError(
        `${context}: a KL term (klCoef ${klCoef}) needs refLogProbs and klWeights`,
      );
    }
    let k = emitKlEstimate(b, b.sub(logProbs, refLogProbs), klEstimator, c);
    if (klClamp) k = emitClamp(b, k, c(-KL_CLAMP), c(KL_CLAMP));
    klLoss = b.reduceSum(b.mul(k, klWeights), [], false);
    loss = b.add(policyLoss, b.mul(klLoss, c(klCoef)));
  }
  const clipFraction = b.reduce("ReduceMean", b.cast(clipped, dataType), [0], false);
  const approxKl = b.reduce("ReduceMean", b.sub(oldLogProbs, logProbs), [0], false);
  return {
    loss,
    policyLoss,
    ...(klLoss === undefined ? {} : { klLoss }),
    clipFraction,
    approxKl,
    ratios,
  };
}

/**
 * The supervised (negative log-likelihood) loss `-Σ w·log p`, with `w` the per-token
 * aggregation weights (so token-mean and seq-mean-token-mean work as for the RL loss).
 *
 * @example
 * ```ts
 * import { GraphBuilder } from "../onnx/builder.ts";
 * import { emitNllLoss } from "./emit_policy_loss.ts";
 * const b = new GraphBuilder();
 * const loss = emitNllLoss(b, { logProbs: b.input("lp", "float32", ["n"]), lossWeights: b.input("w", "float32", ["n"]) });
 * if (!b.graph.nodes.some((n) => n.outputs.includes(loss))) throw new Error("no loss node");
 * ```
 */
export function emitNllLoss(
  b: GraphBuilder,
  inputs: { logProbs: string; lossWeights: string },
): string {
  return b.neg(b.op("ReduceSum", [b.mul(inputs.logProbs, inputs.lossWeights)], { keepdims: 0 }));
}
