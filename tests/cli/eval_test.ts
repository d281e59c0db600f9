import { assert, assertEquals, assertNotEquals } from "../assert.ts";
import { loadEvalRecords } from "../../lib/eval/eval_records.ts";
import { generate } from "../../lib/generate/generate.ts";
import { loadModel } from "../../lib/model/load_model.ts";
import { extractAnswer } from "../../lib/reward/extract.ts";
import { groundTruthReward } from "../../lib/reward/ground_truth.ts";
import { tinyModelFolder } from "../eval/_tiny_model.ts";
import { runCli } from "./_run_cli.ts";

const script = new URL("../../lib/cli/eval.ts", import.meta.url).pathname;
const EVAL_500 = new URL("../../seeds/tiny-math/eval_500.jsonl", import.meta.url).pathname;

/** Runs the command with the permissions of `deno task eval`. */
const run = (...args: string[]) =>
  runCli(script, args, ["--allow-read", "--allow-write", "--allow-ffi", "--allow-env"]);

const modelDir = await tinyModelFolder();
const dir = await Deno.makeTempDir({ prefix: "serl_eval_cli_" });
globalThis.addEventListener("unload", () => Deno.removeSync(dir, { recursive: true }));
const MAX_NEW_TOKENS = 24;

// Ten tiny-math problems whose gold answers are the random model's own greedy answers on the
// even ones (computed here with generate directly), and an answer it never gives on the rest.
const records = (await loadEvalRecords(EVAL_500)).slice(0, 10);
const greedy = await generate(await loadModel(modelDir), records.map((r) => `${r.question}\n`), {
  temperature: 0,
  maxNewTokens: MAX_NEW_TOKENS,
  chatTemplate: false,
});
const golds = records.map((_, i) => {
  const answer = extractAnswer(greedy[i]![0]!.text);
  return answer !== null && i % 2 === 0 ? answer : "123456789";
});
const data = `${dir}/data.jsonl`;
await Deno.writeTextFile(
  data,
  records.map((r, i) =>
    JSON.stringify({ problem: r.question, answer: golds[i], level: r.level, id: i })
  )
    .join("\n"),
);
const COMMON = ["--model", modelDir, "--data", data, "--max-new-tokens", `${MAX_NEW_TOKENS}`];

Deno.test("deno task eval scores the model's greedy answers against gold answers end to end", async () => {
  const limit = 8;
  const expectedRight = golds.slice(0, limit).filter((g) => g !== "123456789").length;
  assert(expectedRight > 0, "the fixture model gave no greedy answer on an even problem");
  const out = `${dir}/report.json`;
  const { code, stdout, stderr } = await run(
    ...COMMON,
    "--k",
    "3",
    "--limit",
    `${limit}`,
    "--out",
    out,
  );
  assertEquals(code, 0, stderr);
  const report = JSON.parse(await Deno.readTextFile(out));
  assertEquals(report.problems, limit);
  assertEquals(report.pass1, expectedRight / limit);
  const levels = [...new Set(records.slice(0, limit).map((r) => r.level))].sort().map(String);
  assertEquals(Object.keys(report.byLevel), levels);
  for (const key of ["pass1", "pass1Sampled", "majK", "passK", "rewardCosine", "rewardAgreement"]) {
    assert(key in report && key in report.byLevel[levels[0]!], key);
  }
  assertEquals(report.settings.model, modelDir);
  assertEquals(report.settings.data, data);
  assertEquals([report.settings.k, report.settings.limit, report.settings.maxNewTokens], [
    3,
    limit,
    MAX_NEW_TOKENS,
  ]);
  assertEquals([report.settings.temperature, report.settings.topP, report.settings.chatTemplate], [
    1,
    0.95,
    false,
  ]);
  // sampled Pass@1 is the share of correct samples in the per-problem results
  const flags = report.results.flatMap((r: { sampled: { correct: number[] } }) =>
    r.sampled.correct
  );
  assertEquals(flags.length, limit * 3);
  assertEquals(
    report.pass1Sampled,
    flags.reduce((a: number, b: number) => a + b, 0) / flags.length,
  );
  assertEquals(report.results[0].sampled.texts, undefined);
  // the table: a row per level and one for all
  assert(/^all +8 +\d+\.\d%/m.test(stdout), stdout);
  for (const level of levels) assert(new RegExp(`^${level} +\\d+ `, "m").test(stdout), stdout);
  assert(stderr.includes(`wrote ${out}`), stderr);
});

Deno.test("deno task eval gives the same report for the same seed and other samples for another", async () => {
  const reportOf = async (seed: string, responses: boolean) => {
    const out = `${dir}/seed_${seed}_${responses}.json`;
    const args = [...COMMON, "--k", "4", "--seed", seed, "--no-greedy", "--out", out];
    const { code, stderr } = await run(...args, ...(responses ? ["--responses"] : []));
    assertEquals(code, 0, stderr);
    const report = JSON.parse(await Deno.readTextFile(out));
    return { ...report, seconds: null };
  };
  const a = await reportOf("7", true);
  const b = await reportOf("7", true);
  assertEquals(a, b);
  assertEquals(a.pass1, null);
  const c = await reportOf("8", true);
  assertNotEquals(
    a.results.map((r: { sampled: { texts: string[] } }) => r.sampled.texts),
    c.results.map((r: { sampled: { texts: string[] } }) => r.sampled.texts),
  );
  // with --responses the texts are there, and each one's grade is the ground-truth reward
  for (const r of a.results) {
    assertEquals(r.sampled.texts.length, 4);
    assertEquals(
      r.sampled.correct,
      r.sampled.texts.map((t: string) => groundTruthReward(t, r.gold)),
    );
  }
  const withoutTexts = await reportOf("7", false);
  assertEquals(withoutTexts.pass1Sampled, a.pass1Sampled);
});

Deno.test("deno task eval --help prints the usage and exits 0", async () => {
  const { code, stdout } = await run("--help");
  assertEquals(code, 0);
  assert(stdout.startsWith("usage: deno task eval --model DIR --data FILE"), stdout);
});

Deno.test("deno task eval exits 2 on bad arguments, naming the problem", async () => {
  const cases: [string[], string][] = [
    [["--data", data], "--model DIR is required"],
    [["--model", modelDir], "--data FILE is required"],
    [[...COMMON, "--k", "abc"], "--k must be an integer"],
    [[...COMMON, "--k=-1"], "--k must be an integer >= 0"],
    [[...COMMON, "--limit", "0"], "--limit must be an integer >= 1"],
    [[...COMMON, "--top-p", "1.5"], "--top-p must be a number in (0, 1]"],
    [[...COMMON, "--temperature", "x"], "--temperature must be a number"],
    [[...COMMON, "--tie-break", "longest"], "--tie-break must be shortest or first"],
    [[...COMMON, "--provider", "tpu"], "--provider must be cpu, webgpu or cuda"],
    [[...COMMON, "--no-greedy", "--k", "0"], "nothing to evaluate"],
    [[...COMMON, "--frobnicate"], "frobnicate"],
  ];
  for (const [args, message] of cases) {
    const { code, stderr } = await run(...args);
    assertEquals(code, 2, args.join(" "));
    assert(stderr.includes(message), `${args.join(" ")}: ${stderr}`);
  }
});

Deno.test("deno task eval exits 2 on bad input, naming the file", async () => {
  const bad = `${dir}/bad.jsonl`;
  await Deno.writeTextFile(
    bad,
    `${JSON.stringify({ problem: "1 + 1?", answer: "2" })}\n{"problem": "x"}\n`,
  );
  const empty = `${dir}/empty.jsonl`;
  await Deno.writeTextFile(empty, "\n");
  const cases: [string[], string][] = [
    [["--model", modelDir, "--data", `${dir}/missing.jsonl`], `${dir}/missing.jsonl`],
    [["--model", modelDir, "--data", bad], `${bad}:2`],
    [["--model", modelDir, "--data", empty], `${empty} has no problems`],
    [["--model", `${dir}/no_model`, "--data", data], `${dir}/no_model/config.json`],
    [[...COMMON, "--chat-template", "--limit", "1"], "chat template"],
    [
      ["--model", modelDir, "--data", data, "--max-new-tokens", "100000", "--limit", "1"],
      "max_position_embeddings",
    ],
  ];
  for (const [args, message] of cases) {
    const { code, stderr } = await run(...args);
    assertEquals(code, 2, args.join(" "));
    assert(stderr.includes(message), `${args.join(" ")}: ${stderr}`);
  }
});

Deno.test("deno task eval exits 1 when the report cannot be written", async () => {
  const out = `${dir}/no/such/folder/report.json`;
  const { code, stdout, stderr } = await run(...COMMON, "--k", "0", "--limit", "2", "--out", out);
  assertEquals(code, 1);
  assert(stderr.includes(`Cannot write ${out}`), stderr);
  assert(stdout.includes("all "), "the table is still printed");
});
