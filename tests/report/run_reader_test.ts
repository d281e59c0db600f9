import { join } from "node:path";
import { assert, assertEquals, assertRejects, assertThrows } from "../assert.ts";
import { parseEvalsJsonl, parseMetricsJsonl, readRunRecord } from "../../lib/report/run_reader.ts";
import { latestRunRecord, listRunFolders } from "../../lib/report/run_listing.ts";
import { fakeMetrics, writeFakeRun } from "./_fake_run.ts";

Deno.test("readRunRecord() reads config, metrics, evals and summary as written", async () => {
  const fake = await writeFakeRun(join(await Deno.makeTempDir(), "run"), { steps: 3 });
  const run = await readRunRecord(fake.dir);
  assertEquals(run.config, fake.config);
  assertEquals(run.metrics, fake.metrics);
  assertEquals(run.evals, fake.evals);
  assert(run.summary !== null);
  const unfinished = await writeFakeRun(join(await Deno.makeTempDir(), "run"), { finished: false });
  assertEquals((await readRunRecord(unfinished.dir)).summary, null);
  await assertRejects(
    () => readRunRecord(join(fake.dir, "none")),
    Deno.errors.NotFound,
    "config.json",
  );
});

Deno.test("a malformed metrics line is an error naming the file and the line", async () => {
  const fake = await writeFakeRun(join(await Deno.makeTempDir(), "run"), { steps: 2 });
  const path = join(fake.dir, "metrics.jsonl");
  const good = JSON.stringify(fakeMetrics(1));
  await Deno.writeTextFile(path, `${good}\n${good}\n{"step": 3, "trainRew\n`);
  await assertRejects(() => readRunRecord(fake.dir), SyntaxError, `${path}:3:`);
  const { trainReward: _, ...noReward } = fakeMetrics(2);
  await Deno.writeTextFile(path, `${good}\n${JSON.stringify(noReward)}\n`);
  await assertRejects(
    () => readRunRecord(fake.dir),
    TypeError,
    `${path}:2: "trainReward" must be a number`,
  );
  await Deno.writeTextFile(path, `${good}\n\n[1, 2]\n`);
  await assertRejects(
    () => readRunRecord(fake.dir),
    TypeError,
    `${path}:3: expected a JSON object`,
  );
  assertThrows(() => parseMetricsJsonl('{"step": NaN}', "m.jsonl"), SyntaxError, "m.jsonl:1:");
  assertThrows(
    () => parseEvalsJsonl('{"step":0,"set":"eval","problems":8}', "e.jsonl"),
    TypeError,
    'e.jsonl:1: "pass1"',
  );
});

Deno.test("listRunFolders() finds run folders; latestRunRecord() prefers the newest finished run", async () => {
  const root = await Deno.makeTempDir();
  await writeFakeRun(join(root, "main", "2026-01-01T00-00-00"), { salt: 1 });
  await writeFakeRun(join(root, "main", "2026-01-02T00-00-00"), { salt: 2 });
  await writeFakeRun(join(root, "main", "2026-01-03T00-00-00"), { salt: 3, finished: false });
  await writeFakeRun(join(root, "rl_gt", "a"), {});
  await Deno.mkdir(join(root, "report", "notebooks"), { recursive: true }); // not a run
  const runs = await listRunFolders(root);
  assertEquals(runs.map((r) => `${r.group}/${r.id}:${r.finished}`), [
    "main/2026-01-01T00-00-00:true",
    "main/2026-01-02T00-00-00:true",
    "main/2026-01-03T00-00-00:false",
    "rl_gt/a:true",
  ]);
  const latest = await latestRunRecord(root, "main");
  assertEquals(latest?.dir, join(root, "main", "2026-01-02T00-00-00"));
  assertEquals(await latestRunRecord(root, "maj_on_seeds"), null);
  assertEquals(await listRunFolders(join(root, "none")), []);
});

Deno.test("latestRunRecord() orders runs by start time, not by id", async () => {
  const root = await Deno.makeTempDir();
  const started = { "zz-custom": 1, "2026-01-05T00-00-00": 2, "aa-custom": 3 };
  for (const [id, day] of Object.entries(started)) {
    const dir = join(root, "main", id);
    await writeFakeRun(dir, { salt: day });
    const t = new Date(Date.UTC(2026, 0, day));
    await Deno.utime(join(dir, "config.json"), t, t);
  }
  assertEquals((await latestRunRecord(root, "main"))?.dir, join(root, "main", "aa-custom"));
  const t = new Date(Date.UTC(2026, 0, 9));
  await Deno.utime(join(root, "main", "zz-custom", "config.json"), t, t);
  assertEquals((await latestRunRecord(root, "main"))?.dir, join(root, "main", "zz-custom"));
});

Deno.test("latestRunRecord() falls back to an unfinished run with data, unless told not to", async () => {
  const root = await Deno.makeTempDir();
  await writeFakeRun(join(root, "main", "b"), { finished: false, steps: 2 });
  await writeFakeRun(join(root, "main", "c"), { finished: false, steps: 0, evals: [] });
  assertEquals((await latestRunRecord(root, "main"))?.dir, join(root, "main", "b"));
  assertEquals(await latestRunRecord(root, "main", { unfinished: false }), null);
});
