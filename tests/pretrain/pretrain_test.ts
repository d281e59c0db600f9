import { pretrain } from "../../lib/pretrain/pretrain.ts";
import { releaseModel } from "../../lib/model/model_session.ts";
import { assert, assertEquals, assertRejects } from "../assert.ts";

const ARCH = {
  hiddenSize: 16,
  numHiddenLayers: 1,
  numAttentionHeads: 2,
  numKeyValueHeads: 1,
  intermediateSize: 32,
  maxPositionEmbeddings: 1024,
};

async function run(runDir: string, stopAtStep: number) {
  const r = await pretrain({
    architecture: ARCH,
    runDir,
    steps: 4,
    stopAtStep,
    batchSize: 4,
    checkpointEvery: 2,
    logEvery: 1,
    lr: 1e-2,
  });
  const weights = new Map([...r.model.weights].map(([k, v]) => [k, Float32Array.from(v)]));
  await releaseModel(r.model);
  return { ...r, weights };
}

Deno.test("pretrain() is deterministic, resumes from a checkpoint identically, and lowers the loss", async () => {
  const a = await run(await Deno.makeTempDir(), 4);
  const dir = await Deno.makeTempDir();
  const half = await run(dir, 2);
  assertEquals(half.steps, 2);
  const resumed = await run(dir, 4);
  assertEquals(resumed.steps, 4);
  assertEquals(resumed.log.map((l) => l.step), [1, 2, 3, 4]);
  for (const [name, w] of a.weights) assertEquals(resumed.weights.get(name), w, name);
  assertEquals(resumed.log.map((l) => l.loss), a.log.map((l) => l.loss));
  const elapsed = resumed.log.map((l) => l.elapsedSeconds); // the clock carries over a resume
  assert(elapsed.every((t, i) => i === 0 || t >= elapsed[i - 1]!), elapsed.join(", "));
  assert(a.log.at(-1)!.loss < a.log[0]!.loss, `loss ${a.log[0]!.loss} -> ${a.log.at(-1)!.loss}`);
});

Deno.test("pretrain() rejects a stop step outside the schedule", async () => {
  await assertRejects(
    () => pretrain({ architecture: ARCH, runDir: "unused", steps: 4, stopAtStep: 5 }),
    RangeError,
    "stopAtStep must be in [1, 4]",
  );
});
