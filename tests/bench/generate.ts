// deno-lint-ignore-file no-console
/**
 * `deno task bench generate [--max-new-tokens N] [--threads T] [--skip-memory]`: sampling
 * throughput of serl's generator against transformers.js `generate()` on the same model
 * folder and prompts, a batch sweep, and the peak RSS of 256 sequences x 512 new tokens
 * (measured in a fresh subprocess running only serl, `--memory-only`).
 *
 * The model is the size of serl's tiny default (4 layers, hidden 256, 4 heads, 2 KV heads,
 * intermediate 768, byte-level vocabulary of 260: 3.3M parameters), randomly initialized.
 * Both sides sample at temperature 1 with top-k 50 (transformers.js's default), stop at EOS
 * or `--max-new-tokens`, and count only real tokens (up to and including EOS).
 * transformers.js has no `num_return_sequences` for sampling, so its batch repeats each
 * prompt 16 times. Runs alternate serl / transformers.js and keep each side's best, since
 * the machine is shared.
 *
 * @module
 */
import { parseArgs } from "node:util";
import { join } from "node:path";
import { AutoModelForCausalLM, AutoTokenizer, env, type Tensor } from "@huggingface/transformers";
import { generate } from "../../lib/generate/generate.ts";
import { byteLevelTokenizerFiles } from "../../lib/model/byte_level_tokenizer.ts";
import { llamaConfig } from "../../lib/model/llama_config.ts";
import { initLlamaWeights, llamaParameterCount } from "../../lib/model/llama_parameters.ts";
import { loadModel } from "../../lib/model/load_model.ts";
import { saveModelFolder } from "../../lib/model/save_model_folder.ts";

const { values } = parseArgs({
  args: Deno.args.slice(1),
  options: {
    "max-new-tokens": { type: "string", default: "128" },
    "threads": { type: "string", default: "0" },
    "skip-memory": { type: "boolean", default: false },
    "memory-only": { type: "boolean", default: false },
  },
});
const maxNewTokens = Number(values["max-new-tokens"]);
const threads = Number(values.threads);

const config = llamaConfig({
  vocabSize: 260,
  hiddenSize: 256,
  numHiddenLayers: 4,
  numAttentionHeads: 4,
  numKeyValueHeads: 2,
  intermediateSize: 768,
});
const root = await Deno.makeTempDir({ prefix: "serl_bench_generate_" });
const dir = join(root, "tiny");
const tokenizerFiles = byteLevelTokenizerFiles();
await saveModelFolder(dir, {
  config,
  weights: initLlamaWeights(config, { seed: 0 }),
  tokenizer: tokenizerFiles,
});
const EOS = tokenizerFiles.eosTokenId;
console.log(
  `model: ${llamaParameterCount(config)} parameters, ${maxNewTokens} new tokens max, threads ${
    threads || "onnxruntime default"
  }`,
);

const prompts = Array.from({ length: 16 }, (_, i) => `Q: ${17 * i + 3} + ${29 * i % 50} = ?\nA: `);
const serl = await loadModel(dir, { threads });

if (values["memory-only"]) {
  // 256 sequences x 512 new tokens, EOS off so that every row runs to the end.
  const before = Deno.memoryUsage().rss;
  let peak = before;
  const timer = setInterval(() => (peak = Math.max(peak, Deno.memoryUsage().rss)), 10);
  const t0 = performance.now();
  const out = await generate(serl, prompts, {
    n: 16,
    maxNewTokens: 512,
    topK: 50,
    eosTokenIds: [],
  });
  clearInterval(timer);
  peak = Math.max(peak, Deno.memoryUsage().rss);
  await Deno.remove(root, { recursive: true });
  console.log(JSON.stringify({
    tokens: out.flat().reduce((a, s) => a + s.tokens.length, 0),
    seconds: (performance.now() - t0) / 1000,
    rssBeforeMiB: before / 2 ** 20,
    rssPeakMiB: peak / 2 ** 20,
  }));
  Deno.exit(0);
}

/** Real tokens of a generated row: up to and including the first EOS. */
function realTokens(row: readonly bigint[], promptLength: number): number {
  for (let i = promptLength; i < row.length; i++) {
    if (Number(row[i]) === EOS) return i - promptLength + 1;
  }
  return row.length - promptLength;
}

async function timeSerl(p: number, n: number, seed: number, eos = true) {
  const t0 = performance.now();
  const out = await generate(serl, prompts.slice(0, p), {
    n,
    maxNewTokens,
    topK: 50,
    seed,
    ...(eos ? {} : { eosTokenIds: [] }),
  });
  const seconds = (performance.now() - t0) / 1000;
  const tokens = out.flat().reduce((a, s) => a + s.tokens.length, 0);
  return { tokens, seconds, rate: tokens / seconds };
}

env.allowRemoteModels = false;
env.localModelPath = root + "/";
const tokenizer = await AutoTokenizer.from_pretrained("tiny");
tokenizer.padding_side = "left";
const tjs = await AutoModelForCausalLM.from_pretrained("tiny", {
  dtype: "fp32",
  ...(threads > 0 ? { session_options: { intraOpNumThreads: threads } } : {}),
});

async function timeTransformersJs(p: number, n: number, eos = true) {
  const batch = prompts.slice(0, p).flatMap((q) => Array.from({ length: n }, () => q));
  const inputs = tokenizer(batch, { padding: true });
  const t0 = performance.now();
  const out = await tjs.generate({
    ...inputs,
    max_new_tokens: maxNewTokens,
    do_sample: true,
    top_k: 50,
    // an id outside the vocabulary: never sampled, so every row runs to max_new_tokens
    ...(eos ? {} : { eos_token_id: config.vocabSize + 1 }),
  }) as Tensor;
  const seconds = (performance.now() - t0) / 1000;
  const promptLength = inputs.input_ids.dims[1] as number;
  const rows = out.tolist() as bigint[][];
  const tokens = rows.reduce(
    (a, row) => a + (eos ? realTokens(row, promptLength) : row.length - promptLength),
    0,
  );
  return { tokens, seconds, rate: tokens / seconds };
}

const line = (label: string, r: { tokens: number; seconds: number; rate: number }) =>
  console.log(
    `${label.padEnd(40)} ${r.tokens.toString().padStart(7)} tokens ${
      r.seconds.toFixed(2).padStart(7)
    } s ${Math.round(r.rate).toString().padStart(7)} tokens/s`,
  );

// Warm-up: sessions, arenas, JIT.
await timeSerl(2, 2, 99);
await timeTransformersJs(2, 2);

console.log("16 prompts x 16 samples, stopping at EOS:");
let bestSerl = 0;
let bestTjs = 0;
for (let round = 0; round < 2; round++) {
  const s = await timeSerl(16, 16, round);
  line(`  serl, round ${round + 1}`, s);
  const t = await timeTransformersJs(16, 16);
  line(`  transformers.js, round ${round + 1}`, t);
  bestSerl = Math.max(bestSerl, s.rate);
  bestTjs = Math.max(bestTjs, t.rate);
}
const ratio = bestSerl / bestTjs;
console.log(`ratio serl / transformers.js: ${ratio.toFixed(2)} (target >= 3)`);

console.log("batch sweep, EOS off (every row generates max-new-tokens):");
const sweep: Record<string, { serl: number; transformersjs: number }> = {};
for (const [p, n] of [[1, 1], [1, 16], [4, 16], [16, 16]] as const) {
  const s = await timeSerl(p, n, 7, false);
  line(`  rows ${p * n}: serl`, s);
  const t = await timeTransformersJs(p, n, false);
  line(`  rows ${p * n}: transformers.js`, t);
  sweep[String(p * n)] = { serl: Math.round(s.rate), transformersjs: Math.round(t.rate) };
}

let rssPeakMiB: number | null = null;
if (!values["skip-memory"]) {
  const child = await new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      "-A",
      new URL(import.meta.url).pathname,
      "generate",
      "--memory-only",
      "--threads",
      String(threads),
    ],
    stderr: "inherit",
  }).output();
  if (!child.success) throw new Error(`memory run failed with exit code ${child.code}`);
  const m = JSON.parse(new TextDecoder().decode(child.stdout).trim().split("\n").at(-1)!);
  rssPeakMiB = m.rssPeakMiB as number;
  console.log(
    `memory: 256 x 512 new tokens (${m.tokens} tokens, ${
      m.seconds.toFixed(1)
    } s, fresh process): peak RSS ${rssPeakMiB.toFixed(0)} MiB (${
      m.rssBeforeMiB.toFixed(0)
    } MiB after loading) ${rssPeakMiB < 2048 ? "< 2 GiB: ok" : ">= 2 GiB: OVER BUDGET"}`,
  );
}

await Deno.remove(root, { recursive: true });
console.log(JSON.stringify({
  serl_tokens_per_s: Math.round(bestSerl),
  transformersjs_tokens_per_s: Math.round(bestTjs),
  ratio_vs_transformersjs: Number(ratio.toFixed(2)),
  max_new_tokens: maxNewTokens,
  sweep_tokens_per_s: sweep,
  rss_peak_mib_256x512: rssPeakMiB === null ? null : Math.round(rssPeakMiB),
}));
