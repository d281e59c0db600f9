// deno-lint-ignore-file no-console
/**
 * `deno task bench <name>`: runs one benchmark. Each prints human-readable lines and ends
 * with one JSON object of ratios measured in the same run (machines here are shared and
 * noisy, so absolute times are context, ratios are the result).
 *
 * @module
 */
const BENCHES: Record<string, string> = {
  engine: "./engine.ts",
  rl: "./rl.ts",
  instruct: "./instruct.ts",
  world: "./world.ts",
  reward: "./reward.ts",
  generate: "./generate.ts",
  train: "./train.ts",
};

const name = Deno.args[0];
if (name === undefined || name === "--help" || !(name in BENCHES)) {
  const known = Object.keys(BENCHES).join(", ") || "(none yet)";
  console.error(`usage: deno task bench <name> [args]\nbenchmarks: ${known}`);
  Deno.exit(name === "--help" ? 0 : 2);
}
await import(new URL(BENCHES[name]!, import.meta.url).href);
