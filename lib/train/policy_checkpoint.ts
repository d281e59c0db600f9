/**
 * Checkpoints of a policy trainer: everything a resumed run needs to take bit-identical
 * next steps.
 *
 * A checkpoint is a folder (by convention `<root>/step-000012`, see
 * {@linkcode policyCheckpointDir}) of three files:
 * - `model.safetensors` (full fine-tuning: every weight) or `adapters.safetensors` (LoRA:
 *   the `lora_A`/`lora_B` tensors), float32 in serl's layout (projections `[in, out]`, the
 *   transpose of PyTorch's `nn.Linear.weight`);
 * - `optimizer.safetensors`: Adam's moments as `m.<name>` and `v.<name>`;
 * - `trainer_state.json`: format and version, mode, LoRA config, Adam's step (updates
 *   applied; the learning-rate schedule is a function of it), the skip counters, and the
 *   caller's own JSON state (`extra`: RL step, seeds, data position...).
 *
 * The folder is written under a temporary name and renamed into place, so a crash leaves
 * either the previous checkpoint or the complete new one; every file is flushed first.
 *
 * @module
 */
import { basename, dirname, join } from "node:path";
import { writeFileAtomic } from "../atomic_write.ts";
import type { LoraConfig } from "./lora.ts";
import { loraConfig } from "./lora.ts";
import type { PolicyTrainer } from "./policy_trainer.ts";
import { decodeSafetensors, encodeSafetensors, type SafetensorsTensor } from "./safetensors.ts";

/** The `format` field of `trainer_state.json`. */
export const POLICY_CHECKPOINT_FORMAT = "serl-policy-checkpoint";

/** The trainer state a checkpoint holds (copies, independent of the trainer). */
export interface PolicyCheckpoint {
  /** `"full"` or `"lora"`. */
  mode: "full" | "lora";
  /** LoRA configuration (`null` for full fine-tuning). */
  lora: LoraConfig | null;
  /** Trainable tensors by name, with their shapes. */
  tensors: Map<string, { shape: number[]; data: Float32Array }>;
  /** Adam: updates applied, first and second moments by tensor name. */
  adam: { step: number; m: Map<string, Float32Array>; v: Map<string, Float32Array> };
  /** Skipped steps in total and in a row. */
  counters: { skippedSteps: number; consecutiveSkips: number };
  /** The caller's JSON state. */
  extra: Record<string, unknown>;
}

/**
 * A copy of the trainer's state.
 *
 * @example
 * ```ts
 * import { createAdamState } from "../rl/optimizer.ts";
 * import { policyCheckpoint } from "./policy_checkpoint.ts";
 * const params = [new Float32Array([1, 2])];
 * const trainer = { lora: null, names: ["w"], shapes: new Map([["w", [2]]]), params,
 *   adam: createAdamState(params), counters: { skippedSteps: 0, consecutiveSkips: 0 } };
 * const c = policyCheckpoint(trainer, { rlStep: 4 });
 * params[0]![0] = 9;
 * if (c.tensors.get("w")!.data[0] !== 1 || c.extra.rlStep !== 4) throw new Error("not a copy");
 * ```
 */
export function policyCheckpoint(
  trainer: Pick<PolicyTrainer, "lora" | "names" | "shapes" | "params" | "adam" | "counters">,
  extra: Record<string, unknown> = {},
): PolicyCheckpoint {
  const { names, shapes, params, adam, counters, lora } = trainer;
  const byName = (arrays: readonly Float32Array[]) =>
    new Map(names.map((name, k) => [name, Float32Array.from(arrays[k]!)]));
  return {
    mode: lora === null ? "full" : "lora",
    lora,
    tensors: new Map(names.map((name, k) => [name, {
      shape: [...shapes.get(name)!],
      data: Float32Array.from(params[k]!),
    }])),
    adam: { step: adam.step, m: byName(adam.m), v: byName(adam.v) },
    counters: { ...counters },
    extra: structuredClone(extra),
  };
}

/**
 * Restores a checkpoint into a trainer made with the same model and mode.
 *
 * @throws {TypeError} When the mode, LoRA config, tensor names or shapes differ.
 *
 * @example
 * ```ts
 * import { createAdamState } from "../rl/optimizer.ts";
 * import { policyCheckpoint, restorePolicyTrainer } from "./policy_checkpoint.ts";
 * const params = [new Float32Array([1, 2])];
 * const trainer = { lora: null, names: ["w"], shapes: new Map([["w", [2]]]), params,
 *   adam: createAdamState(params), counters: { skippedSteps: 0, consecutiveSkips: 0 } };
 * const c = policyCheckpoint(trainer);
 * params[0]![0] = 9;
 * restorePolicyTrainer(trainer, c);
 * if (params[0]![0] !== 1) throw new Error("not restored");
 * ```
 */
export function restorePolicyTrainer(
  trainer: Pick<PolicyTrainer, "lora" | "names" | "shapes" | "params" | "adam" | "counters">,
  checkpoint: PolicyCheckpoint,
): void {
  const context = "Cannot restore the trainer from this checkpoint";
  const mode = trainer.lora === null ? "full" : "lora";
  if (checkpoint.mode !== mode) {
    throw new TypeError(`${context}: it is ${checkpoint.mode}, the trainer ${mode}`);
  }
  if (JSON.stringify(checkpoint.lora) !== JSON.stringify(trainer.lora)) {
    throw new TypeError(
      `${context}: its LoRA config ${JSON.stringify(checkpoint.lora)} differs from the trainer's ${
        JSON.stringify(trainer.lora)
      }`,
    );
  }
  if (checkpoint.tensors.size !== trainer.names.length) {
    throw new TypeError(
      `${context}: ${checkpoint.tensors.size} tensors, the trainer has ${trainer.names.length}`,
    );
  }
  for (const name of trainer.names) {
    const t = checkpoint.tensors.get(name);
    const m = checkpoint.adam.m.get(name), v = checkpoint.adam.v.get(name);
    const shape = trainer.shapes.get(name)!.join();
    if (t === undefined || m === undefined || v === undefined) {
      throw new TypeError(`${context}: "${name}" or its optimizer state is missing`);
    }
    if (t.shape.join() !== shape || m.length !== t.data.length || v.length !== t.data.length) {
      throw new TypeError(`${context}: "${name}" has shape [${t.shape}], the trainer [${shape}]`);
    }
  }
  trainer.names.forEach((name, k) => {
    trainer.params[k]!.set(checkpoint.tensors.get(name)!.data);
    trainer.adam.m[k]!.set(checkpoint.adam.m.get(name)!);
    trainer.adam.v[k]!.set(checkpoint.adam.v.get(name)!);
  });
  trainer.adam.step = checkpoint.adam.step;
  trainer.counters.skippedSteps = checkpoint.counters.skippedSteps;
  trainer.counters.consecutiveSkips = checkpoint.counters.consecutiveSkips;
}

/**
 * The conventional folder of the checkpoint after `step` updates: `<root>/step-000012`.
 *
 * @example
 * ```ts
 * import { policyCheckpointDir } from "./policy_checkpoint.ts";
 * if (policyCheckpointDir("ckpt", 12) !== "ckpt/step-000012") throw new Error("wrong name");
 * ```
 */
export function policyCheckpointDir(root: string, step: number): string {
  return join(root, `step-${String(step).padStart(6, "0")}`);
}

let counter = 0;

/**
 * Writes `checkpoint` to the folder `dir` (replacing a previous one there).
 *
 * @example See tests/train/policy_checkpoint_test.ts for a round trip; the folder appears whole:
 * ```ts
 * import { policyCheckpointDir, savePolicyCheckpoint } from "./policy_checkpoint.ts";
 * const root = await Deno.makeTempDir();
 * await savePolicyCheckpoint(policyCheckpointDir(root, 1), { mode: "full", lora: null,
 *   tensors: new Map([["w", { shape: [1], data: new Float32Array([1]) }]]),
 *   adam: { step: 1, m: new Map([["w", new Float32Array(1)]]), v: new Map([["w", new Float32Array(1)]]) },
 *   counters: { skippedSteps: 0, consecutiveSkips: 0 }, extra: {} });
 * const names = [...Deno.readDirSync(root)].map((e) => e.name);
 * if (names.join() !== "step-000001") throw new Error(`left ${names}`);
 * ```
 */
export async function savePolicyCheckpoint(
  dir: string,
  checkpoint: PolicyCheckpoint,
): Promise<void> {
  const tmp = join(dirname(dir), `.${basename(dir)}.${Deno.pid}.${counter++}.tmp`);
  await Deno.mkdir(tmp, { recursive: true });
  try {
    const f32 = (shape: number[], data: Float32Array): SafetensorsTensor => ({
      dtype: "F32",
      shape,
      data,
    });
    const weights = new Map(
      [...checkpoint.tensors].map(([name, t]) => [name, f32(t.shape, t.data)]),
    );
    const moments = new Map<string, SafetensorsTensor>();
    for (const [name, t] of checkpoint.tensors) {
      moments.set(`m.${name}`, f32(t.shape, checkpoint.adam.m.get(name)!));
      moments.set(`v.${name}`, f32(t.shape, checkpoint.adam.v.get(name)!));
    }
    const metadata = { format: POLICY_CHECKPOINT_FORMAT, layout: "serl: projections [in, out]" };
    const file = checkpoint.mode === "lora" ? "adapters.safetensors" : "model.safetensors";
    await writeFileAtomic(join(tmp, file), encodeSafetensors(weights, metadata));
    await writeFileAtomic(join(tmp, "optimizer.safetensors"), encodeSafetensors(moments, metadata));
    const state = {
      format: POLICY_CHECKPOINT_FORMAT,
      version: 1,
      mode: checkpoint.mode,
      lora: checkpoint.lora,
      adamStep: checkpoint.adam.step,
      skippedSteps: checkpoint.counters.skippedSteps,
      consecutiveSkips: checkpoint.counters.consecutiveSkips,
      extra: checkpoint.extra,
    };
    await writeFileAtomic(join(tmp, "trainer_state.json"), JSON.stringify(state, null, 2) + "\n");
    const old = `${tmp}.old`;
    let replaced = false;
    try {
      await Deno.rename(dir, old);
      replaced = true;
    } catch (e) {
      if (!(e instanceof Deno.errors.NotFound)) throw e;
    }
    await Deno.rename(tmp, dir);
    if (replaced) await Deno.remove(old, { recursive: true });
  } catch (e) {
    await Deno.remove(tmp, { recursive: true }).catch(() => {});
    throw e;
  }
}

/**
 * Reads a checkpoint folder.
 *
 * @throws {Deno.errors.NotFound} When a file is missing.
 * @throws {SyntaxError} When a file is malformed or of another format.
 *
 * @example
 * ```ts
 * import { loadPolicyCheckpoint, savePolicyCheckpoint } from "./policy_checkpoint.ts";
 * const dir = `${await Deno.makeTempDir()}/step-000002`;
 * await savePolicyCheckpoint(dir, { mode: "full", lora: null,
 *   tensors: new Map([["w", { shape: [1], data: new Float32Array([0.25]) }]]),
 *   adam: { step: 2, m: new Map([["w", new Float32Array([3])]]), v: new Map([["w", new Float32Array([4])]]) },
 *   counters: { skippedSteps: 1, consecutiveSkips: 0 }, extra: { seed: 7 } });
 * const c = await loadPolicyCheckpoint(dir);
 * if (c.tensors.get("w")!.data[0] !== 0.25 || c.adam.v.get("w")![0] !== 4 || c.extra.seed !== 7) {
 *   throw new Error("bad round trip");
 * }
 * ```
 */
export async function loadPolicyCheckpoint(dir: string): Promise<PolicyCheckpoint> {
  const fail = (why: string): never => {
    throw new SyntaxError(`Cannot load the checkpoint ${dir}: ${why}`);
  };
  const state = JSON.parse(await Deno.readTextFile(join(dir, "trainer_state.json")));
  if (state?.format !== POLICY_CHECKPOINT_FORMAT || state.version !== 1) {
    fail(`trainer_state.json is not a version-1 ${POLICY_CHECKPOINT_FORMAT}`);
  }
  const mode = state.mode === "lora"
    ? "lora"
    : state.mode === "full"
    ? "full"
    : fail(`unknown mode ${state.mode}`);
  const lora = mode === "lora" ? loraConfig(state.lora) : null;
  const file = mode === "lora" ? "adapters.safetensors" : "model.safetensors";
  const weights = decodeSafetensors(await Deno.readFile(join(dir, file))).tensors;
  const moments =
    decodeSafetensors(await Deno.readFile(join(dir, "optimizer.safetensors"))).tensors;
  const tensors: PolicyCheckpoint["tensors"] = new Map();
  const m = new Map<string, Float32Array>(), v = new Map<string, Float32Array>();
  for (const [name, t] of weights) {
    const mt = moments.get(`m.${name}`), vt = moments.get(`v.${name}`);
    if (t.dtype !== "F32" || mt?.dtype !== "F32" || vt?.dtype !== "F32") {
      fail(`"${name}" or its moments are missing or not F32`);
    }
    tensors.set(name, { shape: t.shape, data: t.data as Float32Array });
    m.set(name, mt!.data as Float32Array);
    v.set(name, vt!.data as Float32Array);
  }
  for (const key of ["adamStep", "skippedSteps", "consecutiveSkips"]) {
    if (!Number.isSafeInteger(state[key]) || state[key] < 0) fail(`${key} is ${state[key]}`);
  }
  return {
    mode,
    lora,
    tensors,
    adam: { step: state.adamStep, m, v },
    counters: { skippedSteps: state.skippedSteps, consecutiveSkips: state.consecutiveSkips },
    extra: state.extra ?? {},
  };
}

/**
 * The folder of the latest complete checkpoint under `root` (highest `step-N`, at most
 * `options.atMost` when given), or `null`.
 *
 * @example
 * ```ts
 * import { latestPolicyCheckpoint } from "./policy_checkpoint.ts";
 * const root = await Deno.makeTempDir();
 * await Deno.mkdir(`${root}/step-000002`);
 * await Deno.mkdir(`${root}/step-000010`);
 * await Deno.mkdir(`${root}/.step-000011.1.0.tmp`); // an interrupted write
 * if (await latestPolicyCheckpoint(root) !== `${root}/step-000010`) throw new Error("wrong latest");
 * if (await latestPolicyCheckpoint(root, { atMost: 9 }) !== `${root}/step-000002`) throw new Error("atMost ignored");
 * ```
 */
export async function latestPolicyCheckpoint(
  root: string,
  options: { atMost?: number } = {},
): Promise<string | null> {
  const { atMost = Infinity } = options;
  let best = -1;
  let found: string | null = null;
  try {
    for await (const entry of Deno.readDir(root)) {
      const match = /^step-(\d+)$/.exec(entry.name);
      if (!entry.isDirectory || match === null) continue;
      const step = Number(match[1]);
      if (step > best && step <= atMost) {
        best = step;
        found = join(root, entry.name);
      }
    }
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) return null;
    throw e;
  }
  return found;
}
