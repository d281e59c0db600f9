// deno-lint-ignore-file no-console
/**
 * `deno task bench world`: throughput of the tiny-math world. Generation feeds pretraining
 * (problems + solutions as a stream); the solver runs on every question a model writes
 * during self-instruction, and on every model answer check against the world's truth, so
 * it must be cheap on both real problems and garbage.
 *
 * @module
 */
import { randomInt, randomSeeded } from "../../lib/random.ts";
import { generateWorldProblems, solveWorldProblem } from "../../lib/world/mod.ts";

function measure(label: string, count: number, fn: () => number): number {
  fn(); // warm-up
  const t0 = performance.now();
  const check = fn();
  const seconds = (performance.now() - t0) / 1000;
  const rate = count / seconds;
  console.log(
    `${label.padEnd(44)} ${Math.round(rate).toString().padStart(9)} /s  (check ${check})`,
  );
  return rate;
}

const N = 20_000;
const problems = generateWorldProblems(N, { seed: 1 });
const prng = randomSeeded(2);
const garbage = Array.from(
  { length: N },
  () =>
    Array.from(
      { length: randomInt(prng, 10, 90) },
      () => String.fromCharCode(randomInt(prng, 32, 127)),
    )
      .join(""),
);
const nearMisses = problems.map((p) => p.problem.replace(/ (\d)/, " 0$1"));

const generate = measure(
  "generate problem + solution",
  N,
  () => generateWorldProblems(N, { seed: 3 }).reduce((s, p) => s + p.solution.length, 0),
);
const solve = measure(
  "solve well-formed problems",
  N,
  () => problems.reduce((s, p) => s + (solveWorldProblem(p.problem) === null ? 0 : 1), 0),
);
const reject = measure(
  "reject random printable strings",
  N,
  () => garbage.reduce((s, t) => s + (solveWorldProblem(t) === null ? 1 : 0), 0),
);
const near = measure(
  "reject near misses (a leading zero)",
  N,
  () => nearMisses.reduce((s, t) => s + (solveWorldProblem(t) === null ? 1 : 0), 0),
);
const chars = problems.reduce((s, p) => s + p.problem.length + p.solution.length + 2, 0) / N;
console.log(`mean problem + solution length: ${chars.toFixed(1)} characters`);
console.log(JSON.stringify({
  generate_per_s: Math.round(generate),
  solve_per_s: Math.round(solve),
  reject_garbage_per_s: Math.round(reject),
  reject_near_miss_per_s: Math.round(near),
  generated_chars_per_s: Math.round(generate * chars),
  solve_vs_generate: Number((solve / generate).toFixed(2)),
}));
