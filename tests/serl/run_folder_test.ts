import { join } from "node:path";
import { assert, assertEquals, assertRejects } from "../assert.ts";
import {
  latestRunDir,
  prepareRunFolder,
  pruneCheckpoints,
  readJsonLines,
  runFolderPaths,
  runIdFromDate,
  writeJsonLines,
} from "../../lib/serl/run_folder.ts";
import { EXPERIMENT_DEFAULTS } from "../../lib/config/experiment_defaults.ts";
import { resolveExperiment } from "../../lib/config/resolve_experiment.ts";

Deno.test("prepareRunFolder() writes config.json once and checks it on resume", async () => {
  const paths = runFolderPaths(join(await Deno.makeTempDir(), "runs", "main", "a"));
  await assertRejects(
    () => prepareRunFolder(paths, EXPERIMENT_DEFAULTS, true),
    Deno.errors.NotFound,
  );
  await prepareRunFolder(paths, EXPERIMENT_DEFAULTS, false);
  assertEquals(JSON.parse(await Deno.readTextFile(paths.config)), EXPERIMENT_DEFAULTS);
  await Deno.stat(paths.samples);
  await assertRejects(
    () => prepareRunFolder(paths, EXPERIMENT_DEFAULTS, false),
    Deno.errors.AlreadyExists,
  );
  await prepareRunFolder(paths, EXPERIMENT_DEFAULTS, true);
  const other = resolveExperiment(EXPERIMENT_DEFAULTS, { train: { lr: 1e-5 } });
  await assertRejects(() => prepareRunFolder(paths, other, true), TypeError, '"train.lr"');
});

Deno.test("readJsonLines() keeps the first lines; writeJsonLines() rewrites whole", async () => {
  const path = join(await Deno.makeTempDir(), "m.jsonl");
  assertEquals(await readJsonLines(path, 5), []);
  await writeJsonLines(path, ["1", "2", "3"]);
  assertEquals(await readJsonLines(path, 2), ["1", "2"]);
  await writeJsonLines(path, ["1"]);
  assertEquals(await Deno.readTextFile(path), "1\n");
});

Deno.test("latestRunDir() and runIdFromDate() order runs by time", async () => {
  const root = await Deno.makeTempDir();
  for (const ms of [3000, 1000, 2000]) await Deno.mkdir(join(root, runIdFromDate(new Date(ms))));
  assertEquals(await latestRunDir(root), join(root, runIdFromDate(new Date(3000))));
  assertEquals(await latestRunDir(join(root, "none")), null);
});

Deno.test("pruneCheckpoints() keeps the newest by step number and removes temporary folders", async () => {
  const dir = await Deno.makeTempDir();
  for (const name of ["step-000009", "step-000010", "step-000100", ".step-000101.1.tmp"]) {
    await Deno.mkdir(join(dir, name));
  }
  await pruneCheckpoints(dir, 2);
  const left = [...Deno.readDirSync(dir)].map((e) => e.name).sort();
  assertEquals(left, ["step-000010", "step-000100"]);
  assert(left.length === 2);
});
