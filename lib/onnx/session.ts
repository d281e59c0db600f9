/**
 * onnxruntime-node sessions over serl models. This is the only file of the engine that
 * imports onnxruntime; everything else is plain data.
 *
 * Execution providers: `cpu` always; `webgpu` is bundled with onnxruntime-node on Linux and
 * reaches a GPU through Vulkan; `cuda` needs provider libraries that onnxruntime-node's
 * postinstall script downloads (serl keeps that script off, so install them yourself). A
 * provider that cannot start is an error naming it, never a quiet switch to the CPU.
 *
 * @module
 */
import * as ort from "onnxruntime-node";
import type { Model, Tensor } from "./ir.ts";
import { encodeModel } from "./proto.ts";

/** Execution providers serl can ask onnxruntime for. */
export type ExecutionProvider = "cpu" | "webgpu" | "cuda";

/** Options for {@linkcode createSession}. */
export interface CreateSessionOptions {
  /**
   * Where the graph runs.
   * @default "cpu"
   */
  provider?: ExecutionProvider;
  /**
   * Intra-op threads (0 lets onnxruntime choose: one per physical core).
   * @default 0
   */
  threads?: number;
  /**
   * onnxruntime graph optimization level.
   * @default "all"
   */
  optimization?: "disabled" | "basic" | "extended" | "all";
}

/** A running session and the provider it was created on. */
export interface Session {
  /** The onnxruntime session. */
  ort: ort.InferenceSession;
  /** The execution provider the session was created with. */
  provider: ExecutionProvider;
}

/**
 * Checks that onnxruntime-node can offer `provider`, or throws a clear error.
 *
 * @example
 * ```ts
 * import { assertProviderAvailable } from "./session.ts";
 * assertProviderAvailable("cpu");
 * ```
 */
export function assertProviderAvailable(provider: ExecutionProvider): void {
  const backends = ort.listSupportedBackends?.() ?? [{ name: "cpu", bundled: true }];
  const found = backends.find((b) => b.name === provider);
  if (!found) {
    throw new Error(
      `Cannot use execution provider "${provider}": onnxruntime-node ${ort.env.versions.common} on ${Deno.build.os}/${Deno.build.arch} does not support it (available: ${
        backends.map((b) => b.name).join(", ")
      })`,
    );
  }
  if (provider === "cuda") {
    const dir = new URL(
      import.meta.resolve("onnxruntime-node").replace(/dist\/.*$/, "bin/napi-v6/linux/x64/"),
    );
    let present = false;
    try {
      present = [...Deno.readDirSync(dir)].some((e) => e.name.includes("providers_cuda"));
    } catch { /* folder missing: not present */ }
    if (!present) {
      throw new Error(
        `Cannot use execution provider "cuda": libonnxruntime_providers_cuda.so is not installed in ${dir.pathname} ` +
          "(onnxruntime-node downloads it in a postinstall script, which serl keeps off; install the CUDA 12 " +
          'provider libraries there, or use provider "webgpu" or "cpu")',
      );
    }
  }
}

/**
 * Creates an onnxruntime session from a model file path or an in-memory {@linkcode Model}
 * (whose weights are handed over as in-memory external data, never re-serialized into a
 * protobuf).
 *
 * @example Run y = x + 1
 * ```ts
 * import * as ort from "onnxruntime-node";
 * import { GraphBuilder } from "./builder.ts";
 * import { createSession } from "./session.ts";
 * const b = new GraphBuilder();
 * const x = b.input("x", "float32", [2]);
 * b.output(b.add(x, b.constant(1)), "y", { dataType: "float32", shape: [2] });
 * const s = await createSession({ irVersion: 8, opsetImports: [{ domain: "", version: 17 }],
 *   producerName: "", producerVersion: "", graph: b.graph, metadata: {} });
 * const out = await s.ort.run({ x: new ort.Tensor("float32", new Float32Array([1, 2]), [2]) });
 * if ((out.y!.data as Float32Array)[1] !== 3) throw new Error("wrong");
 * await s.ort.release();
 * ```
 */
export async function createSession(
  model: Model | string,
  options: CreateSessionOptions = {},
): Promise<Session> {
  const { provider = "cpu", threads = 0, optimization = "all" } = options;
  assertProviderAvailable(provider);
  const sessionOptions: ort.InferenceSession.SessionOptions = {
    executionProviders: [provider],
    graphOptimizationLevel: optimization,
    ...(threads > 0 ? { intraOpNumThreads: threads } : {}),
  };
  try {
    if (typeof model === "string") {
      return { ort: await ort.InferenceSession.create(model, sessionOptions), provider };
    }
    const enc = encodeModel(model, {
      externalDataLocation: "weights.bin",
      externalThreshold: 1024,
    });
    const externalData = enc.externalData && enc.externalData.byteLength > 0
      ? [{ path: "weights.bin", data: enc.externalData }]
      : [];
    return {
      ort: await ort.InferenceSession.create(enc.model, { ...sessionOptions, externalData }),
      provider,
    };
  } catch (e) {
    const what = typeof model === "string" ? model : `graph "${model.graph.name}"`;
    throw new Error(
      `Cannot create an onnxruntime session (${provider}) for ${what}: ${(e as Error).message}`,
    );
  }
}

/**
 * Wraps a serl {@linkcode Tensor} as an onnxruntime tensor (no copy).
 *
 * @example
 * ```ts
 * import { toOrtTensor } from "./session.ts";
 * const t = toOrtTensor({ dataType: "float32", dims: [2], data: new Float32Array([1, 2]) });
 * if (t.dims[0] !== 2) throw new Error("wrong dims");
 * ```
 */
export function toOrtTensor(t: Tensor): ort.Tensor {
  const type = t.dataType === "float32"
    ? "float32"
    : t.dataType === "float64"
    ? "float64"
    : t.dataType === "float16"
    ? "float16"
    : t.dataType;
  // deno-lint-ignore no-explicit-any
  return new ort.Tensor(type as any, t.data as any, t.dims);
}
