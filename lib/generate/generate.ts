/**
 * Batched sampling with a KV cache: the generation step of SeRL (new instructions, then
 * `n_vote` answers to each).
 *
 * How a call runs: prompts are tokenized (through the chat template when the tokenizer has
 * one), grouped into batches of at most `maxBatchSize` rows, left-padded with per-row
 * attention masks and position ids; each prompt is prefilled once and its cache repeated for
 * its samples; then all rows decode one token per step. A row that ends (EOS, stop string or
 * `maxNewTokens`) leaves the batch: its cache rows are compacted away, so no compute is spent
 * on it.
 *
 * Determinism: sample `s` of prompt `p` draws from its own stream
 * `randomSeeded(deriveSeed(seed, "generate", p, s))`, one uniform per sampled token, so its
 * tokens depend neither on the batch size nor on the other prompts. (Different batch shapes
 * can still change logits in the last float bits, which flips a token only when two
 * candidates are within that distance.)
 *
 * Sampling settings come only from the options: the sampling fields of a folder's
 * `generation_config.json` (temperature, top_p, ...) are not applied, since serl's
 * experiment config decides them; its EOS ids are (`model.eosTokenIds`).
 *
 * Log-probs: each sample carries `log p(token | prefix)` of its sampled tokens under the
 * model at temperature 1, from the raw logits before any processor (penalty, temperature,
 * top-k, top-p): the quantity the RL importance ratio needs.
 *
 * @module
 */
import type { LanguageModel } from "../model/load_model.ts";
import { modelSession } from "../model/model_session.ts";
import { decodeTokens, encodePrompt } from "../model/text_tokenizer.ts";
import { deriveSeed, type Prng, randomSeeded } from "../random.ts";
import { concatCacheDecoder } from "./_concat_cache_decoder.ts";
import type { DecoderRunner } from "./_decoder_runner.ts";
import { splitCacheDecoder } from "./_split_cache_decoder.ts";
import type { FinishReason, GeneratedSample, GenerateOptions } from "./generate_options.ts";
import type { LogitsContext, LogitsProcessor } from "./logits_processor.ts";
import { presencePenalty } from "./presence_penalty.ts";
import { argmaxLogits, logNormalizer, sampleLogits, sampleWeights } from "./sample_logits.ts";
import { temperatureScaling } from "./temperature_scaling.ts";
import { type TextTracker, textTracker } from "./text_tracker.ts";
import { topKFilter } from "./top_k_filter.ts";
import { topPFilter } from "./top_p_filter.ts";

/** A slice of one prompt's samples inside a batch. */
interface Unit {
  prompt: number;
  firstSample: number;
  count: number;
}

/** A row being decoded. */
interface Row {
  prompt: number;
  sample: number;
  prng: Prng;
  tokens: number[];
  logProbs: number[];
  seen: Uint8Array | null;
  distinct: number[];
  tracker: TextTracker | null;
}

function positiveInteger(value: number, name: string): void {
  if (!Number.isInteger(value) || value < 1) {
    throw new RangeError(`Cannot generate: ${name} must be a positive integer, got ${value}`);
  }
}

/** Groups prompts' samples into batches of at most `maxRows` rows. */
function batches(prompts: number, n: number, maxRows: number): Unit[][] {
  const out: Unit[][] = [];
  let current: Unit[] = [];
  let rows = 0;
  for (let p = 0; p < prompts; p++) {
    for (let first = 0; first < n;) {
      if (rows === maxRows) {
        out.push(current);
        current = [];
        rows = 0;
      }
      const count = Math.min(n - first, maxRows - rows);
      current.push({ prompt: p, firstSample: first, count });
      rows += count;
      first += count;
    }
  }
  if (current.length > 0) out.push(current);
  return out;
}

/**
 * Generates `n` samples for each prompt; returns them per prompt, in sample order.
 *
 * @param model A loaded model (`loadModel`).
 * @param prompts Strings (tokenized here) or token ids.
 * @throws {RangeError} On invalid options, an empty prompt, a token id outside the
 * vocabulary, or a prompt plus `maxNewTokens` longer than `max_position_embeddings`.
 *
 * @example Greedy decoding is deterministic
 * ```ts
 * import { llamaConfig } from "../model/llama_config.ts";
 * import { initLlamaWeights } from "../model/llama_parameters.ts";
 * import { byteLevelTokenizerFiles } from "../model/byte_level_tokenizer.ts";
 * import { saveModelFolder } from "../model/save_model_folder.ts";
 * import { loadModel } from "../model/load_model.ts";
 * import { generate } from "./generate.ts";
 * const config = llamaConfig({ vocabSize: 260, hiddenSize: 16, numHiddenLayers: 1,
 *   numAttentionHeads: 2, intermediateSize: 32 });
 * const dir = await Deno.makeTempDir();
 * await saveModelFolder(dir, { config, weights: initLlamaWeights(config),
 *   tokenizer: byteLevelTokenizerFiles() });
 * const model = await loadModel(dir);
 * const [[a]] = await generate(model, ["1+1="], { temperature: 0, maxNewTokens: 5 });
 * const [[b]] = await generate(model, ["1+1="], { temperature: 0, maxNewTokens: 5 });
 * if (a!.tokens.join() !== b!.tokens.join() || a!.logProbs.length !== a!.tokens.length) {
 *   throw new Error("not deterministic");
 * }
 * ```
 */
export async function generate(
  model: LanguageModel,
  prompts: readonly string[] | readonly (readonly number[])[],
  options: GenerateOptions = {},
): Promise<GeneratedSample[][]> {
  const {
    n = 1,
    maxNewTokens = 256,
    temperature = 1,
    topK = 0,
    topP = 1,
    presencePenalty: penalty = 0,
    stop = [],
    eosTokenIds = model.eosTokenIds,
    seed = 0,
    chatTemplate = model.tokenizer.hasChatTemplate,
    logitsProcessors = [],
    maxBatchSize = 256,
  } = options;
  positiveInteger(n, "n");
  positiveInteger(maxNewTokens, "maxNewTokens");
  positiveInteger(maxBatchSize, "maxBatchSize");
  if (!(temperature >= 0) || !Number.isFinite(temperature)) {
    throw new RangeError(`Cannot generate: temperature must be >= 0, got ${temperature}`);
  }
  if (!Number.isInteger(topK) || topK < 0) {
    throw new RangeError(`Cannot generate: topK must be an integer >= 0, got ${topK}`);
  }
  const vocab = model.config.vocabSize;
  const promptIds = prompts.map((p) =>
    typeof p === "string" ? encodePrompt(model.tokenizer, p, { chatTemplate }) : [...p]
  );
  for (const [i, ids] of promptIds.entries()) {
    if (ids.length === 0) throw new RangeError(`Cannot generate: prompt ${i} has no tokens`);
    for (const t of ids) {
      if (!Number.isInteger(t) || t < 0 || t >= vocab) {
        throw new RangeError(`Cannot generate: prompt ${i} has token ${t} outside [0, ${vocab})`);
      }
    }
    if (ids.length + maxNewTokens > model.config.maxPositionEmbeddings) {
      throw new RangeError(
        `Cannot generate: prompt ${i} (${ids.length} tokens) plus ${maxNewTokens} new tokens exceeds max_position_embeddings ${model.config.maxPositionEmbeddings}`,
      );
    }
  }
  const greedy = temperature === 0;
  const processors: LogitsProcessor[] = [];
  if (penalty !== 0) processors.push(presencePenalty(penalty));
  if (!greedy && temperature !== 1) processors.push(temperatureScaling(temperature));
  if (!greedy && topK > 0) processors.push(topKFilter(topK));
  if (!greedy && topP < 1) processors.push(topPFilter(topP));
  processors.push(...logitsProcessors);
  const eos = new Set(eosTokenIds);
  const work = new Float32Array(vocab);
  const scratch = new Float32Array(vocab);
  const results: GeneratedSample[][] = promptIds.map(() => new Array(n));

  const session = await modelSession(model, model.origin === "serl" ? "decode" : "with-past");
  for (const units of batches(promptIds.length, n, maxBatchSize)) {
    const prompts = units.map((u) => promptIds[u.prompt]!);
    const longest = Math.max(...prompts.map((p) => p.length));
    const runner: DecoderRunner = model.origin === "serl"
      ? splitCacheDecoder(session, model.config, {
        maxColumns: longest + maxNewTokens,
        prefillTokens: 8192,
      })
      : concatCacheDecoder(session, model.config, { prefillLogits: 1 << 26 });
    const promptLogits = await runner.prefill(prompts, units.map((u) => u.count));
    let rows: Row[] = [];
    const firstLogitsRow: number[] = [];
    units.forEach((u, i) => {
      for (let s = u.firstSample; s < u.firstSample + u.count; s++) {
        firstLogitsRow.push(i);
        rows.push({
          prompt: u.prompt,
          sample: s,
          prng: randomSeeded(deriveSeed(seed, "generate", u.prompt, s)),
          tokens: [],
          logProbs: [],
          seen: processors.length > 0 ? new Uint8Array(vocab) : null,
          distinct: [],
          tracker: stop.length > 0 ? textTracker(model.tokenizer, stop) : null,
        });
      }
    });
    let logits = promptLogits;
    let logitsRow = (r: number) => firstLogitsRow[r]!;
    const next = new Int32Array(rows.length);
    while (rows.length > 0) {
      const kept: number[] = [];
      for (let r = 0; r < rows.length; r++) {
        const row = rows[r]!;
        const raw = logits.subarray(logitsRow(r) * vocab, (logitsRow(r) + 1) * vocab);
        // One pass gives the raw normalizer (for the log-prob) and, without processors,
        // the sampling weights too.
        const logZ = logNormalizer(raw, scratch);
        const token = processors.length === 0 && !greedy
          ? sampleWeights(scratch, row.prng())
          : pickToken(raw, row, processors, greedy, work, scratch);
        row.tokens.push(token);
        row.logProbs.push(raw[token]! - logZ);
        if (row.seen !== null && row.seen[token] === 0) {
          row.seen[token] = 1;
          row.distinct.push(token);
        }
        const reason: FinishReason | null = eos.has(token)
          ? "eos"
          : row.tracker?.push(token)
          ? "stop"
          : row.tokens.length >= maxNewTokens
          ? "length"
          : null;
        if (reason === null) {
          next[kept.length] = token;
          kept.push(r);
          continue;
        }
        const text = reason === "stop"
          ? row.tracker!.text()
          : decodeTokens(model.tokenizer, reason === "eos" ? row.tokens.slice(0, -1) : row.tokens);
        results[row.prompt]![row.sample] = {
          promptTokens: promptIds[row.prompt]!,
          tokens: row.tokens,
          logProbs: row.logProbs,
          text,
          finishReason: reason,
        };
      }
      if (kept.length === 0) break;
      if (kept.length < rows.length) {
        runner.keep(kept);
        rows = kept.map((r) => rows[r]!);
      }
      logits = await runner.step(next.subarray(0, rows.length));
      logitsRow = (r) => r;
    }
  }
  return results;
}

/** Chooses the next token of `row` from its raw logits. */
function pickToken(
  raw: Float32Array,
  row: Row,
  processors: readonly LogitsProcessor[],
  greedy: boolean,
  work: Float32Array,
  scratch: Float32Array,
): number {
  let logits = raw;
  if (processors.length > 0) {
    work.set(raw);
    logits = work;
    const ctx: LogitsContext = {
      generated: row.tokens,
      seen: row.seen!,
      distinct: row.distinct,
      scratch,
    };
    for (const process of processors) logits = process(logits, ctx) ?? logits;
  }
  return greedy ? argmaxLogits(logits) : sampleLogits(logits, row.prng(), scratch);
}
