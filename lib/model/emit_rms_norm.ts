/**
 * RMSNorm as ONNX ops: `x / sqrt(mean(x², last axis) + eps) * weight`.
 *
 * @module
 */
import type { GraphBuilder } from "../onnx/builder.ts";

/**
 * Emits RMSNorm over the last axis of `x` as Pow(x, 2), ReduceMean, Add, Sqrt, Div, Mul:
 * ops serl's autodiff differentiates, in exactly the pattern onnxruntime fuses into one
 * SimplifiedLayerNormalization kernel at run time (a Mul(x, x) or Reciprocal form is not
 * fused, and costs six kernel launches instead of one).
 *
 * @param b Builder to emit into.
 * @param x Value name of the input, `[..., hidden]`.
 * @param weight Value name of the `[hidden]` scale.
 * @param eps Added to the mean square.
 * @returns Value name of the normalized output (same shape as `x`).
 *
 * @example
 * ```ts
 * import * as ort from "onnxruntime-node";
 * import { GraphBuilder } from "../onnx/builder.ts";
 * import { createSession } from "../onnx/session.ts";
 * import { emitRmsNorm } from "./emit_rms_norm.ts";
 * const b = new GraphBuilder();
 * const x = b.input("x", "float32", [1, 2]);
 * b.output(emitRmsNorm(b, x, b.constant([1, 2], [2]), 0), "y");
 * const s = await createSession({ irVersion: 8, opsetImports: [{ domain: "", version: 17 }],
 *   producerName: "", producerVersion: "", graph: b.graph, metadata: {} });
 * const y = (await s.ort.run({ x: new ort.Tensor("float32", new Float32Array([3, 4]), [1, 2]) })).y!;
 * // rms of (3, 4) = sqrt(12.5)
 * if (Math.abs((y.data as Float32Array)[1]! - 8 / Math.sqrt(12.5)) > 1e-5) throw new Error("wrong");
 * await s.ort.release();
 * ```
 */
export function emitRmsNorm(b: GraphBuilder, x: string, weight: string, eps: number): string {
  const meanSquare = b.reduce("ReduceMean", b.op("Pow", [x, b.constant(2)]), [-1]);
  const rms = b.op("Sqrt", [b.add(meanSquare, b.constant(eps))]);
  return b.mul(b.div(x, rms), weight);
}
