// deno-lint-ignore-file no-console
/**
 * `deno task eval --model DIR --data FILE [--k 16] [--out FILE.json] ...`: evaluates a model
 * folder on a MATH-style JSONL file (see `lib/eval`): greedy Pass@1, sampled Pass@1, Maj@K,
 * Pass@K and reward alignment, overall and per level. A table on stdout, progress on stderr,
 * the JSON report to `--out` (written atomically).
 *
 * ```sh
 * deno task eval --model seeds/models/tiny --data seeds/tiny-math/eval_500.jsonl --out eval.json
 * deno task eval --model DIR --data math500.jsonl --k 4 --limit 50 --max-new-tokens 1024 --chat-template
 * ```
 *
 * Exit status: 0 done, 1 the evaluation failed, 2 bad arguments or input (data file, model
 * folder, a prompt too long for the model).
 *
 * @module
 */
import { parseArgs } from "node:util";
import { writeFileAtomic } from "../atomic_write.ts";
import { type EvalReport, evaluateModel } from "../eval/evaluate_model.ts";
import { type EvalRecord, loadEvalRecords } from "../eval/eval_records.ts";
import { modelEvalSampler } from "../eval/eval_sampler.ts";
import { formatEvalTable } from "../eval/format_eval_table.ts";
import { type LanguageModel, loadModel } from "../model/load_model.ts";
import type { ExecutionProvider } from "../onnx/session.ts";

const USAGE = `usage: deno task eval --model DIR --data FILE [options]

Evaluates a model on labelled problems: greedy Pass@1, and K samples per problem for sampled
Pass@1, Maj@K (majority-vote answer graded), Pass@K and the cosine between majority-vote and
ground-truth rewards, overall and per level. Prompt: the raw question + "\\n".

  --model DIR            model folder (config.json, tokenizer, onnx/model.onnx)
  --data FILE            JSONL: "problem" or "question"; "answer", or "solution" with \\boxed{}
  --k N                  samples per problem, 0 for greedy only (default 16)
  --limit N              evaluate only the first N problems
  --seed S               seed of the samples (default 0)
  --out FILE             write the JSON report there
  --max-new-tokens N     most tokens per response (default 256)
  --temperature T        temperature of the K samples (default 1)
  --top-p P              nucleus mass of the K samples (default 0.95)
  --no-greedy            skip greedy decoding (no Pass@1)
  --tie-break RULE       majority-vote tie-break: shortest or first (default shortest)
  --chat-template        prompt through the tokenizer's chat template (instruct models)
  --stop STR             stop string, repeatable (default: EOS only)
  --max-batch-size N     most rows decoded together (default 256)
  --provider NAME        cpu, webgpu or cuda (default cpu)
  --threads N            intra-op threads, 0 = onnxruntime's choice (default 0)
  --responses            keep every response text in the JSON report
  --help                 show this text`;

/** A usage or input error: exit status 2. */
class UsageError extends Error {}

function integer(name: string, value: string, min: number): number {
  const n = Number(value);
  if (!/^-?\d+$/.test(value) || !Number.isSafeInteger(n) || n < min) {
    throw new UsageError(`--${name} must be an integer >= ${min}, got "${value}"`);
  }
  return n;
}

function real(name: string, value: string, ok: (x: number) => boolean, range: string): number {
  const x = Number(value);
  if (value.trim() === "" || !Number.isFinite(x) || !ok(x)) {
    throw new UsageError(`--${name} must be a number ${range}, got "${value}"`);
  }
  return x;
}

function parse(args: string[]) {
  const { values } = parseArgs({
    args,
    strict: true,
    allowNegative: true,
    options: {
      model: { type: "string" },
      data: { type: "string" },
      k: { type: "string", default: "16" },
      limit: { type: "string" },
      seed: { type: "string", default: "0" },
      out: { type: "string" },
      "max-new-tokens": { type: "string", default: "256" },
      temperature: { type: "string", default: "1" },
      "top-p": { type: "string", default: "0.95" },
      greedy: { type: "boolean", default: true },
      "tie-break": { type: "string", default: "shortest" },
      "chat-template": { type: "boolean", default: false },
      stop: { type: "string", multiple: true, default: [] },
      "max-batch-size": { type: "string", default: "256" },
      provider: { type: "string", default: "cpu" },
      threads: { type: "string", default: "0" },
      responses: { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) return null;
  if (values.model === undefined) throw new UsageError("--model DIR is required");
  if (values.data === undefined) throw new UsageError("--data FILE is required");
  const tieBreak = values["tie-break"];
  if (tieBreak !== "shortest" && tieBreak !== "first") {
    throw new UsageError(`--tie-break must be shortest or first, got "${tieBreak}"`);
  }
  const provider = values.provider;
  if (provider !== "cpu" && provider !== "webgpu" && provider !== "cuda") {
    throw new UsageError(`--provider must be cpu, webgpu or cuda, got "${provider}"`);
  }
  const k = integer("k", values.k, 0);
  const greedy = values.greedy;
  if (!greedy && k === 0) throw new UsageError("--no-greedy with --k 0 leaves nothing to evaluate");
  return {
    model: values.model,
    data: values.data,
    out: values.out ?? null,
    limit: values.limit === undefined ? null : integer("limit", values.limit, 1),
    chatTemplate: values["chat-template"],
    stop: values.stop,
    maxBatchSize: integer("max-batch-size", values["max-batch-size"], 1),
    provider: provider as ExecutionProvider,
    threads: integer("threads", values.threads, 0),
    responses: values.responses,
    evaluate: {
      k,
      greedy,
      seed: integer("seed", values.seed, 0),
      maxNewTokens: integer("max-new-tokens", values["max-new-tokens"], 1),
      temperature: real("temperature", values.temperature, (x) => x >= 0, ">= 0"),
      topP: real("top-p", values["top-p"], (x) => x > 0 && x <= 1, "in (0, 1]"),
      tieBreak: tieBreak as "shortest" | "first",
    },
  };
}

/** The JSON report: the metrics, every setting (model and data included), per-problem results. */
function jsonReport(report: EvalReport, cli: NonNullable<ReturnType<typeof parse>>): string {
  const results = cli.responses ? report.results : report.results.map((r) => ({
    ...r,
    greedy: r.greedy === null ? null : { ...r.greedy, texts: undefined },
    sampled: r.sampled === null ? null : { ...r.sampled, texts: undefined },
  }));
  const settings = {
    model: cli.model,
    data: cli.data,
    limit: cli.limit,
    ...report.settings,
    chatTemplate: cli.chatTemplate,
    stop: cli.stop,
    maxBatchSize: cli.maxBatchSize,
    provider: cli.provider,
  };
  // indented, except one line per problem (a 500 x 16 report stays a few hundred kB)
  const head = JSON.stringify({ ...report, settings, results: undefined }, null, 2);
  const lines = results.map((r) => `    ${JSON.stringify(r)}`).join(",\n");
  return `${head.slice(0, -2)},\n  "results": [\n${lines}\n  ]\n}\n`;
}

/** The command: returns the exit status. */
async function main(args: string[]): Promise<number> {
  let cli;
  try {
    cli = parse(args);
  } catch (e) {
    console.error(`${(e as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (cli === null) {
    console.log(USAGE);
    return 0;
  }
  let records: EvalRecord[];
  let model: LanguageModel;
  try {
    records = await loadEvalRecords(cli.data);
    if (records.length === 0) throw new UsageError(`${cli.data} has no problems`);
    if (cli.limit !== null) records = records.slice(0, cli.limit);
    model = await loadModel(cli.model, { provider: cli.provider, threads: cli.threads });
  } catch (e) {
    console.error((e as Error).message);
    return 2;
  }
  const { k, greedy } = cli.evaluate;
  const modes = [greedy ? "greedy" : "", k > 0 ? `${k} samples each` : ""].filter((m) => m !== "");
  console.error(`evaluating ${records.length} problems from ${cli.data}: ${modes.join(", then ")}`);
  let report: EvalReport;
  try {
    const sampler = modelEvalSampler(model, {
      chatTemplate: cli.chatTemplate,
      stop: cli.stop,
      maxBatchSize: cli.maxBatchSize,
    });
    report = await evaluateModel(sampler, records, cli.evaluate);
  } catch (e) {
    // generate's RangeErrors are input errors (e.g. a prompt longer than the model's context)
    console.error(`${cli.model}: ${(e as Error).message}`);
    return e instanceof RangeError || e instanceof TypeError ? 2 : 1;
  }
  console.log(formatEvalTable(report));
  if (cli.out !== null) {
    try {
      await writeFileAtomic(cli.out, jsonReport(report, cli));
    } catch (e) {
      console.error(`Cannot write ${cli.out}: ${(e as Error).message}`);
      return 1;
    }
    console.error(`wrote ${cli.out}`);
  }
  return 0;
}

if (import.meta.main) Deno.exit(await main(Deno.args));
