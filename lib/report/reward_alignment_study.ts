/**
 * The reward-alignment study of notebook 01 and the report: sample K responses to a
 * level-balanced set of eval problems with the model (no RL run needed), then
 * {@linkcode rewardAlignmentByVotes}. The result is saved in
 * `runs/reward_alignment/alignment.json` and reused while the settings are the same.
 *
 * @module
 */
import { join } from "node:path";
import { writeFileAtomic } from "../atomic_write.ts";
import { type EvalRecord, loadEvalRecords } from "../eval/eval_records.ts";
import { modelEvalSampler } from "../eval/eval_sampler.ts";
import { evaluateModel } from "../eval/evaluate_model.ts";
import { loadModel } from "../model/load_model.ts";
import { releaseModel } from "../model/model_session.ts";
import { rewardAlignmentByVotes, type RewardAlignmentRow } from "./reward_alignment.ts";

/** Settings of the study (all saved with the result). */
export interface RewardAlignmentSettings {
  /** The model folder. */
  model: string;
  /** The labelled problems (JSONL). */
  data: string;
  /** Problems taken per level (the first of each level, in file order). */
  perLevel: number;
  /** Voter counts; the model samples max(nVotes) responses per problem. */
  nVotes: number[];
  /** Most tokens per response. */
  maxNewTokens: number;
  /** Sampling temperature. */
  temperature: number;
  /** Sampling seed. */
  seed: number;
}

/** The saved result. */
export interface RewardAlignmentStudy {
  /** The settings. */
  settings: RewardAlignmentSettings;
  /** One row per (n_vote, level). */
  rows: RewardAlignmentRow[];
  /** Seconds the sampling took. */
  seconds: number;
}

/** Options of {@linkcode rewardAlignmentStudy}: settings, and where to save. */
export interface RewardAlignmentStudyOptions extends Partial<RewardAlignmentSettings> {
  /** Root of run folders; the result goes to `<runs>/reward_alignment/alignment.json`. @default "runs" */
  runs?: string;
  /** Compute when there is no saved result with these settings (false: return null). @default true */
  runMissing?: boolean;
}

/** The default settings: the bundled model, 20 problems of each level of eval_500, up to 32 voters. */
export const REWARD_ALIGNMENT_DEFAULTS: Readonly<RewardAlignmentSettings> = Object.freeze({
  model: "seeds/models/tiny-math",
  data: "seeds/tiny-math/eval_500.jsonl",
  perLevel: 20,
  nVotes: [2, 4, 8, 16, 32],
  maxNewTokens: 256,
  temperature: 1,
  seed: 0,
});

/**
 * The first `perLevel` records of each level, in file order.
 *
 * @example
 * ```ts
 * import { balancedByLevel } from "./reward_alignment_study.ts";
 * const r = (level: number) => ({ question: "q", answer: "1", level });
 * if (balancedByLevel([r(1), r(1), r(2)], 1).map((x) => x.level).join() !== "1,2") throw new Error();
 * ```
 */
export function balancedByLevel<T extends Pick<EvalRecord, "level">>(
  records: readonly T[],
  perLevel: number,
): T[] {
  const taken = new Map<number | null, number>();
  return records.filter((r) => {
    const n = taken.get(r.level) ?? 0;
    taken.set(r.level, n + 1);
    return n < perLevel;
  });
}

/**
 * Reads the saved study with these settings, or samples and saves it.
 *
 * @param options Settings (defaults {@linkcode REWARD_ALIGNMENT_DEFAULTS}), runs root,
 * whether to compute.
 * @returns The study, or null when missing and `runMissing` is false.
 * @throws {Deno.errors.NotFound} When the model or data is missing.
 *
 * @example Nothing saved, nothing computed
 * ```ts
 * import { rewardAlignmentStudy } from "./reward_alignment_study.ts";
 * const runs = await Deno.makeTempDir();
 * if (await rewardAlignmentStudy({ runs, runMissing: false }) !== null) throw new Error();
 * ```
 */
export async function rewardAlignmentStudy(
  options?: RewardAlignmentStudyOptions,
): Promise<RewardAlignmentStudy | null> {
  const { runs = "runs", runMissing = true, ...given } = options ?? {};
  const settings: RewardAlignmentSettings = { ...REWARD_ALIGNMENT_DEFAULTS, ...given };
  const path = join(runs, "reward_alignment", "alignment.json");
  try {
    const saved = JSON.parse(await Deno.readTextFile(path)) as RewardAlignmentStudy;
    if (JSON.stringify(saved.settings) === JSON.stringify(settings)) return saved;
  } catch (e) {
    if (!(e instanceof Deno.errors.NotFound || e instanceof SyntaxError)) throw e;
  }
  if (!runMissing) return null;
  const records = balancedByLevel(await loadEvalRecords(settings.data), settings.perLevel);
  const model = await loadModel(settings.model);
  const start = performance.now();
  let report;
  try {
    report = await evaluateModel(modelEvalSampler(model), records, {
      greedy: false,
      k: Math.max(...settings.nVotes),
      temperature: settings.temperature,
      topP: 1,
      maxNewTokens: settings.maxNewTokens,
      seed: settings.seed,
    });
  } finally {
    await releaseModel(model);
  }
  const study: RewardAlignmentStudy = {
    settings,
    rows: rewardAlignmentByVotes(report.results, settings.nVotes),
    seconds: (performance.now() - start) / 1000,
  };
  await Deno.mkdir(join(runs, "reward_alignment"), { recursive: true });
  await writeFileAtomic(path, JSON.stringify(study, null, 1) + "\n");
  return study;
}
