// deno-lint-ignore-file no-console
/**
 * `deno task build-seeds`: rebuilds the tiny-math data sets under seeds/tiny-math/
 * (seed_500.jsonl, eval_500.jsonl, eval_ood.jsonl) byte for byte from one seed.
 *
 * ```sh
 * deno task build-seeds                 # write the files (seed 2505)
 * deno task build-seeds --check         # exit 1 if the committed files differ
 * deno task build-seeds --out /tmp/tm --seed 7
 * ```
 *
 * @module
 */
import { parseArgs } from "node:util";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { writeFileAtomic } from "../atomic_write.ts";
import {
  buildWorldSeedSets,
  formatWorldJsonl,
  WORLD_SEED_SETS_SEED,
  type WorldRecord,
} from "../world/mod.ts";

const USAGE = `usage: deno task build-seeds [--out DIR] [--seed N] [--check]

Builds the tiny-math seed set (100 problems per level), the in-distribution eval set
(disjoint from it) and the out-of-distribution eval set (larger numbers).

  --out DIR   folder to write to (default: seeds/tiny-math of this repository)
  --seed N    seed every draw derives from (default: ${WORLD_SEED_SETS_SEED})
  --check     write nothing; exit 1 if a file in DIR differs from what the seed builds
  --help      show this text`;

const DEFAULT_OUT = fileURLToPath(new URL("../../seeds/tiny-math/", import.meta.url));

function levelCounts(records: readonly WorldRecord[]): string {
  const counts = [1, 2, 3, 4, 5].map((l) => records.filter((r) => r.level === l).length);
  return counts.map((n, i) => `L${i + 1} ${n}`).join(", ");
}

async function main(args: string[]): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args,
      strict: true,
      options: {
        out: { type: "string", default: DEFAULT_OUT },
        seed: { type: "string", default: `${WORLD_SEED_SETS_SEED}` },
        check: { type: "boolean", default: false },
        help: { type: "boolean", default: false },
      },
    }));
  } catch (e) {
    console.error(`${(e as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const seed = Number(values.seed);
  if (!/^-?\d+$/.test(values.seed) || !Number.isSafeInteger(seed)) {
    console.error(`--seed must be an integer, got "${values.seed}"`);
    return 2;
  }
  const sets = buildWorldSeedSets({ seed });
  const files: [string, WorldRecord[]][] = [
    ["seed_500.jsonl", sets.seed],
    ["eval_500.jsonl", sets.eval],
    ["eval_ood.jsonl", sets.ood],
  ];
  if (!values.check) await Deno.mkdir(values.out, { recursive: true });
  let differing = 0;
  for (const [name, records] of files) {
    const path = join(values.out, name);
    const text = formatWorldJsonl(records);
    if (values.check) {
      const current = await Deno.readTextFile(path).catch(() => null);
      const same = current === text;
      if (!same) differing++;
      console.log(`${same ? "same" : "DIFFERS"}  ${path}`);
    } else {
      await writeFileAtomic(path, text);
      console.log(`wrote ${path}: ${records.length} problems (${levelCounts(records)})`);
    }
  }
  if (differing > 0) {
    console.error(`${differing} file(s) differ from what seed ${seed} builds`);
    return 1;
  }
  return 0;
}

if (import.meta.main) Deno.exit(await main(Deno.args));
