/**
 * The model card (`README.md`) of a pretrained tiny model: architecture, data, schedule,
 * loss curve and evaluation, rendered from what the run measured (never typed by hand).
 *
 * @module
 */
import type { EvalMetrics } from "../eval/eval_metrics.ts";
import type { EvalReport } from "../eval/evaluate_model.ts";
import type { SelfInstructQuality } from "../eval/self_instruct_quality.ts";
import type { LlamaConfig } from "../model/llama_config.ts";
import type { PretrainLogLine } from "./pretrain.ts";

/** What the card is rendered from. */
export interface ModelCardData {
  /** Folder name of the model. */
  name: string;
  /** Architecture. */
  config: LlamaConfig;
  /** Parameter count. */
  parameters: number;
  /** The command that rebuilds the model. */
  command: string;
  /** Schedule length, the step the model stopped at, batch, peak learning rate, seed. */
  schedule: { steps: number; stoppedAt: number; batchSize: number; lr: number; seed: number };
  /** Corpus description (list share, exclusions). */
  corpus: string;
  /** The training log. */
  log: readonly PretrainLogLine[];
  /** Evaluation on the in-distribution and out-of-distribution sets. */
  evals: { name: string; report: EvalReport }[];
  /** Self-instruction quality, and the presence penalty it was sampled with. */
  selfInstruct: SelfInstructQuality & { presencePenalty: number };
  /** Why the run stops where it does (a sentence or two). */
  stopReason: string;
}

const pct = (
  x: number | null | undefined,
) => (x === null || x === undefined ? "n/a" : `${(100 * x).toFixed(1)}%`);

function evalRows(report: EvalReport): string[] {
  const row = (label: string, m: EvalMetrics) =>
    `| ${label} | ${m.problems} | ${pct(m.pass1)} | ${pct(m.pass1Sampled)} | ${pct(m.majK)} | ${
      m.rewardCosine === null ? "n/a" : m.rewardCosine.toFixed(3)
    } |`;
  const levels = Object.keys(report.byLevel).sort((a, b) => Number(a) - Number(b));
  return [
    `| level | problems | Pass@1 (greedy) | Pass@1 (T=1) | Maj@${report.settings.k} | reward cosine |`,
    "|---|---|---|---|---|---|",
    ...levels.map((l) => row(l, report.byLevel[l]!)),
    row("**all**", report),
  ];
}

/**
 * Renders the model card.
 *
 * @example
 * ```ts
 * import { renderModelCard } from "./model_card.ts";
 * if (typeof renderModelCard !== "function") throw new Error("missing");
 * ```
 */
export function renderModelCard(d: ModelCardData): string {
  const c = d.config;
  const every = Math.max(1, Math.round(d.log.length / 20));
  const curve = d.log.filter((l, i) =>
    i % every === 0 || i === d.log.length - 1 || l.devAccuracy !== undefined
  );
  const si = d.selfInstruct;
  return [
    `# ${d.name}`,
    "",
    "serl's bundled tiny model: a byte-level Llama-family decoder pretrained from scratch on the",
    "tiny-math world (seeds/tiny-math), so that the whole SeRL loop runs offline on a laptop CPU.",
    "It solves problems in the rollout format (the question, a newline, a short worked solution",
    "ending in `\\boxed{...}`) and writes new problems in the self-instruction format. It is",
    "decent but far from perfect on purpose: the headroom between a single sample and the",
    "majority of 16 is what self-rewarding turns into accuracy.",
    "",
    "Rebuild it with:",
    "",
    "```sh",
    d.command,
    "```",
    "",
    "## Model",
    "",
    `| | |`,
    `|---|---|`,
    `| architecture | ${c.modelType}, ${c.numHiddenLayers} layers, hidden ${c.hiddenSize}, ${c.numAttentionHeads} heads (${c.numKeyValueHeads} KV heads), MLP ${c.intermediateSize}, tied embeddings |`,
    `| parameters | ${d.parameters.toLocaleString("en-US")} |`,
    `| tokenizer | byte-level BPE with no merges: ${c.vocabSize} tokens (256 bytes + specials) |`,
    `| context | ${c.maxPositionEmbeddings} tokens |`,
    `| files | onnx/model.onnx + model.onnx_data (fp32, optimum/transformers.js layout) |`,
    "",
    "## Training",
    "",
    `- Data: ${d.corpus}`,
    `- Objective: token-mean negative log-likelihood of each example's completion (lib/train, objective \`nll\`), AdamW (0.9, 0.95), weight decay 0.01, grad-norm clip 1.0.`,
    `- Schedule: cosine over ${d.schedule.steps} steps, 2% warm-up, peak lr ${d.schedule.lr}, floor 0.1 x peak; ${d.schedule.batchSize} texts per step; seed ${d.schedule.seed}.`,
    `- Stopped at step ${d.schedule.stoppedAt} of ${d.schedule.steps}. ${d.stopReason}`,
    "",
    "Loss curve (token-mean NLL of the completions; dev = greedy accuracy on 200 held-out problems):",
    "",
    "| step | loss | lr | tokens/s | minutes | dev greedy |",
    "|---|---|---|---|---|---|",
    ...curve.map((l) =>
      `| ${l.step} | ${l.loss.toFixed(4)} | ${l.lr.toExponential(2)} | ${
        l.tokensPerSecond.toFixed(0)
      } | ${(l.elapsedSeconds / 60).toFixed(1)} | ${
        l.devAccuracy === undefined ? "" : pct(l.devAccuracy)
      } |`
    ),
    "",
    "## Evaluation",
    "",
    "Measured by the command above after training; `deno task eval --model <this folder> --data",
    "seeds/tiny-math/eval_500.jsonl --k 16 --max-new-tokens 192` gives the same numbers. Pass@1",
    "(T=1) and Maj@K use the same K samples (temperature 1.0, top-p 0.95); reward cosine is the",
    "cosine similarity of majority-vote and ground-truth rewards over those samples (paper Fig. 3).",
    "",
    ...d.evals.flatMap((e) => [`### ${e.name}`, "", ...evalRows(e.report), ""]),
    "## Self-instruction",
    "",
    `${si.prompts} generation prompts (8 seed examples, temperature 0.8, top-p 0.95, presence penalty ${si.presencePenalty}): ` +
    `${si.questionsPerPrompt.toFixed(2)} questions per completion; ${
      pct(si.passRules)
    } pass the rule filters; ` +
    `${pct(si.wellFormed)} are well-formed tiny-math problems; ${
      pct(si.truncated)
    } of completions hit the token limit.`,
    "",
    "Examples:",
    "",
    ...si.examples.map((q) => `- ${q}`),
    "",
  ].join("\n");
}
