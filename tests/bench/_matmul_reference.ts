/**
 * The yardstick of the benchmarks: one large fp32 MatMul (`[n, n] x [n, n]`, the weight an
 * initializer so onnxruntime prepacks it), whose GFLOP/s is what "fraction of MatMul" is
 * measured against, timed in the same run as the thing measured.
 *
 * @module
 */
import * as ort from "onnxruntime-node";
import { GraphBuilder } from "../../lib/onnx/builder.ts";
import { createSession } from "../../lib/onnx/session.ts";

/** A ready reference MatMul. */
export interface MatmulReference {
  /** FLOPs of one run (2 n^3). */
  flops: number;
  /** Runs it once. */
  run(): Promise<void>;
  /** Frees the session. */
  release(): Promise<void>;
}

/** Builds the `n x n` reference MatMul session on `threads` threads. */
export async function createMatmulReference(n: number, threads: number): Promise<MatmulReference> {
  const b = new GraphBuilder();
  const a = b.input("a", "float32", [n, n]);
  b.output(
    b.matMul(a, b.constant(Array.from({ length: n * n }, (_, i) => (i % 13) / 13), [n, n])),
    "y",
  );
  const session = await createSession({
    irVersion: 8,
    opsetImports: [{ domain: "", version: 17 }],
    producerName: "serl-bench",
    producerVersion: "",
    graph: b.graph,
    metadata: {},
  }, { threads });
  const feed = {
    a: new ort.Tensor("float32", Float32Array.from({ length: n * n }, (_, i) => (i % 7) / 7), [
      n,
      n,
    ]),
  };
  return {
    flops: 2 * n ** 3,
    run: async () => {
      await session.ort.run(feed);
    },
    release: () => session.ort.release(),
  };
}
