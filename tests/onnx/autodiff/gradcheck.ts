/**
 * Finite-difference gradient checking for the autodiff tests: builds a float64 graph,
 * differentiates it with serl's autodiff, runs both in onnxruntime, and compares every
 * gradient element with a central difference of the forward loss.
 *
 * @module
 */
import * as ort from "onnxruntime-node";
import { GraphBuilder } from "../../../lib/onnx/builder.ts";
import type { DataType, Dim, Model } from "../../../lib/onnx/ir.ts";
import { cloneGraph, sizeOf } from "../../../lib/onnx/ir.ts";
import { buildGradientGraph } from "../../../lib/onnx/autodiff/gradient_graph.ts";
import { createSession } from "../../../lib/onnx/session.ts";
import { randomNormal, randomSeeded } from "../../../lib/random.ts";
import { assertAllClose } from "../../assert.ts";

/** A graph input of the check: float64 values to differentiate, or fixed integer data. */
export interface CheckInput {
  shape: number[];
  /** Declared shape (symbolic dims allowed); defaults to `shape`. */
  declared?: Dim[];
  /** Fixed values (default: random normal). */
  values?: number[];
  /** Element type; float64 by default. int64 inputs are never differentiated. */
  dataType?: DataType;
  /** Differentiate with respect to this input (default: true for float64 inputs). */
  wrt?: boolean;
}

/** Options for {@linkcode gradcheck}. */
export interface GradcheckOptions {
  /** Forward computation: returns the value whose weighted sum is the loss. */
  forward: (b: GraphBuilder, inputs: Record<string, string>) => string;
  inputs: Record<string, CheckInput>;
  seed?: number;
  /** Default opset of the forward graph. */
  opset?: number;
  rtol?: number;
  atol?: number;
  /** Loss = sum(out * R) with random R (default) or plain sum. */
  weighted?: boolean;
  /** Relative finite-difference step. */
  eps?: number;
}

function model(b: GraphBuilder, opset: number): Model {
  return {
    irVersion: 8,
    opsetImports: [{ domain: "", version: opset }],
    producerName: "test",
    producerVersion: "",
    graph: b.graph,
    metadata: {},
  };
}

/** Runs the check; throws with the worst element on mismatch. Returns the graph built. */
export async function gradcheck(options: GradcheckOptions): Promise<Model> {
  const {
    forward,
    inputs,
    seed = 1,
    opset = 17,
    rtol = 1e-5,
    atol = 1e-8,
    weighted = true,
    eps: relEps = 1e-6,
  } = options;
  const prng = randomSeeded(seed);
  const b = new GraphBuilder(undefined, { opset });
  const names: Record<string, string> = {};
  const feeds: Record<string, ort.Tensor> = {};
  const wrt: string[] = [];
  for (const [name, spec] of Object.entries(inputs)) {
    const dataType = spec.dataType ?? "float64";
    names[name] = b.input(name, dataType, spec.declared ?? spec.shape);
    const n = sizeOf(spec.shape);
    const values = spec.values ?? Array.from({ length: n }, () => randomNormal(prng));
    feeds[name] = dataType === "int64"
      ? new ort.Tensor("int64", BigInt64Array.from(values, (v) => BigInt(v)), spec.shape)
      : dataType === "bool"
      ? new ort.Tensor("bool", Uint8Array.from(values), spec.shape)
      : new ort.Tensor("float64", Float64Array.from(values), spec.shape);
    if (dataType === "float64" && spec.wrt !== false) wrt.push(name);
  }
  const out = forward(b, names);
  // Probe the output's runtime shape to draw the loss weights.
  const probe = new GraphBuilder(cloneGraph(b.graph), { opset });
  probe.output(out, "__out", { dataType: "float64", shape: null });
  const probeSession = await createSession(model(probe, opset));
  const probeOut = (await probeSession.ort.run(feeds)).__out!;
  await probeSession.ort.release();
  const weights = Array.from({ length: probeOut.size }, () => (weighted ? randomNormal(prng) : 1));
  const w = b.constant(weights, [...probeOut.dims], "float64");
  b.output(b.reduceSum(b.mul(out, w), [], false), "loss", { dataType: "float64", shape: [] });
  const fwd = model(b, opset);
  const grad = buildGradientGraph(fwd, { loss: "loss", wrt });
  const fwdSession = await createSession(fwd, { optimization: "disabled" });
  const gradSession = await createSession(grad, { optimization: "all" });
  const got = await gradSession.ort.run(feeds);
  const lossAt = async (f: Record<string, ort.Tensor>) =>
    ((await fwdSession.ort.run(f)).loss!.data as Float64Array)[0]!;
  for (const name of wrt) {
    const base = feeds[name]!.data as Float64Array;
    const fd = new Float64Array(base.length);
    for (let i = 0; i < base.length; i++) {
      const eps = relEps * Math.max(1, Math.abs(base[i]!));
      const plus = Float64Array.from(base), minus = Float64Array.from(base);
      plus[i]! += eps;
      minus[i]! -= eps;
      const lp = await lossAt({
        ...feeds,
        [name]: new ort.Tensor("float64", plus, feeds[name]!.dims),
      });
      const lm = await lossAt({
        ...feeds,
        [name]: new ort.Tensor("float64", minus, feeds[name]!.dims),
      });
      fd[i] = (lp - lm) / (2 * eps);
    }
    const g = got[`grad.${name}`];
    if (!g) throw new Error(`missing output grad.${name}`);
    if (g.dims.join() !== feeds[name]!.dims.join()) {
      throw new Error(`grad.${name} has shape [${g.dims}], expected [${feeds[name]!.dims}]`);
    }
    assertAllClose(g.data as Float64Array, fd, {
      rtol,
      atol: Math.max(atol, 1e-6),
      msg: `grad.${name}`,
    });
  }
  await fwdSession.ort.release();
  await gradSession.ort.release();
  return grad;
}
