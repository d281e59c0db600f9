/**
 * onnxruntime sessions of a loaded model, created on first use and kept per model object
 * (so a model from `withWeights` gets fresh sessions and the old one keeps its own until
 * released).
 *
 * @module
 */
import { createSession, type Session } from "../onnx/session.ts";
import type { LanguageModel } from "./load_model.ts";
import { languageModelGraph } from "./language_model_graph.ts";

/**
 * Sessions a model offers: `"decode"` (serl's generation graph), `"with-past"` (the folder's
 * graph), `"token-log-probs"` (no-past graph returning the log-prob of each next token).
 */
export type ModelSessionKind = "decode" | "with-past" | "token-log-probs";

const SESSIONS = new WeakMap<LanguageModel, Map<ModelSessionKind, Promise<Session>>>();

/**
 * The session of one kind for `model` (created once, then shared).
 *
 * @example
 * ```ts
 * import { llamaConfig } from "./llama_config.ts";
 * import { initLlamaWeights } from "./llama_parameters.ts";
 * import { byteLevelTokenizerFiles } from "./byte_level_tokenizer.ts";
 * import { saveModelFolder } from "./save_model_folder.ts";
 * import { loadModel } from "./load_model.ts";
 * import { modelSession, releaseModel } from "./model_session.ts";
 * const config = llamaConfig({ vocabSize: 260, hiddenSize: 16, numHiddenLayers: 1,
 *   numAttentionHeads: 2, intermediateSize: 32 });
 * const dir = await Deno.makeTempDir();
 * await saveModelFolder(dir, { config, weights: initLlamaWeights(config),
 *   tokenizer: byteLevelTokenizerFiles() });
 * const model = await loadModel(dir);
 * const a = await modelSession(model, "decode");
 * if (a !== await modelSession(model, "decode") || a.provider !== "cpu") throw new Error("not shared");
 * await releaseModel(model);
 * ```
 */
export function modelSession(model: LanguageModel, kind: ModelSessionKind): Promise<Session> {
  let sessions = SESSIONS.get(model);
  if (sessions === undefined) {
    sessions = new Map();
    SESSIONS.set(model, sessions);
  }
  let session = sessions.get(kind);
  if (session === undefined) {
    const graph = kind === "token-log-probs"
      ? languageModelGraph(model, "no-past", { output: "token-log-probs" })
      : languageModelGraph(model, kind);
    session = createSession(graph, { provider: model.provider, threads: model.threads });
    sessions.set(kind, session);
    // A failed creation must not stay cached.
    session.catch(() => sessions!.delete(kind));
  }
  return session;
}

/**
 * Releases every session `model` created (their native memory); the model stays usable and
 * makes new sessions on the next call.
 *
 * @example
 * ```ts
 * import { releaseModel } from "./model_session.ts";
 * import type { LanguageModel } from "./load_model.ts";
 * await releaseModel({} as LanguageModel); // a model without sessions is fine
 * ```
 */
export async function releaseModel(model: LanguageModel): Promise<void> {
  const sessions = SESSIONS.get(model);
  if (sessions === undefined) return;
  SESSIONS.delete(model);
  for (const pending of sessions.values()) {
    // A session that failed to start reported its error to its caller and holds nothing.
    const session = await pending.catch(() => null);
    if (session !== null) await session.ort.release();
  }
}
