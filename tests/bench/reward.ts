// deno-lint-ignore-file no-console
/**
 * `deno task bench reward`: SeRL's self-reward on 16 groups of 16 realistic responses,
 * the shape of one SeRL step (spec section 1). Each response is a few sentences of worked
 * solution with intermediate numbers, ending in one of the usual answer forms (`\boxed{}`,
 * Minerva's "final answer is ... I hope", "Answer:", a bare last number) or in nothing.
 * Answers agree in equivalent spellings (`\frac{3}{4}`, `3/4`, `0.75`), disagree, and vary
 * in kind (integers, fractions, radicals, expressions, tuples, intervals, sets).
 *
 * Per group: extraction of 16 answers, the 16 x 16 equivalence matrix (120 comparisons),
 * and the vote. Also reported: extraction alone, and comparisons per second.
 *
 * Last line: one JSON object with `groups_per_s` (target >= 100), `ms_per_group`,
 * `comparisons_per_s`, `extractions_per_s`.
 *
 * @module
 */
import { type Prng, randomInt, randomSeeded } from "../../lib/random.ts";
import { extractAnswer } from "../../lib/reward/extract.ts";
import { answersEquivalent } from "../../lib/reward/equivalent.ts";
import { majorityVoteResponses } from "../../lib/reward/vote.ts";

const GROUPS = 16, PER_GROUP = 16;

/** Each problem: equivalent spellings of the majority answer, and some wrong answers. */
const PROBLEMS: { right: string[]; wrong: string[] }[] = [
  { right: ["12", "12.0", "12"], wrong: ["-12", "13", "11"] },
  { right: ["\\frac{3}{4}", "3/4", "0.75", "\\dfrac{3}{4}"], wrong: ["\\frac{4}{3}", "0.7", "3"] },
  { right: ["-7", "-7", "x = -7"], wrong: ["7", "-8"] },
  { right: ["2\\sqrt{2}", "\\sqrt{8}", "2 \\sqrt 2"], wrong: ["\\sqrt{2}", "4", "2.8"] },
  { right: ["(x+1)^2", "x^2+2x+1", "(1+x)^2"], wrong: ["x^2+1", "(x-1)^2"] },
  { right: ["(1, 2)", "(1,2)", "\\left(1, 2\\right)"], wrong: ["(2, 1)", "(1, 3)"] },
  { right: ["[2, \\infty)", "x \\geq 2", "[2,\\infty)"], wrong: ["(2, \\infty)", "x > 2"] },
  { right: ["\\{1, 2\\}", "x = 1 \\text{ or } x = 2", "2, 1"], wrong: ["\\{1\\}", "1, 3"] },
  { right: ["\\frac{\\pi}{3}", "\\pi/3", "60^\\circ"], wrong: ["\\frac{\\pi}{6}", "\\pi"] },
  { right: ["25\\%", "0.25", "\\frac14"], wrong: ["75\\%", "0.5"] },
  { right: ["1,000", "1000", "10^3"], wrong: ["100", "10000"] },
  {
    right: ["\\frac{1 \\pm \\sqrt{5}}{2}", "\\frac{1+\\sqrt5}{2}, \\frac{1-\\sqrt5}{2}"],
    wrong: ["\\frac{1+\\sqrt5}{2}"],
  },
  { right: ["2\\frac{1}{2}", "\\frac{5}{2}", "2.5"], wrong: ["\\frac{1}{2}", "5"] },
  { right: ["\\begin{pmatrix} 1 \\\\ -2 \\end{pmatrix}", "(1, -2)"], wrong: ["(-2, 1)"] },
  { right: ["y = 2x + 3", "2x+3"], wrong: ["y = 3x + 2", "2x-3"] },
  { right: ["\\text{Yes}", "yes"], wrong: ["no", "\\text{No}"] },
];

const FILLER = [
  "First we rewrite the expression and collect like terms.",
  "Substituting the value we found into the second equation gives",
  "Multiplying both sides by the common denominator,",
  "We check the edge case separately to be safe.",
  "Let us compute the sum of the first terms:",
  "Since the discriminant is positive there are two real roots.",
  "Dividing through and simplifying the fraction,",
];

function pick<T>(prng: Prng, items: readonly T[]): T {
  return items[randomInt(prng, 0, items.length)]!;
}

function response(prng: Prng, answer: string | null): string {
  const lines: string[] = [];
  for (let s = randomInt(prng, 3, 9); s > 0; s--) {
    const a = randomInt(prng, 2, 90), b = randomInt(prng, 2, 90);
    lines.push(`${pick(prng, FILLER)} $${a} + ${b} = ${a + b}$ and $\\frac{${a}}{${b}}$.`);
  }
  if (answer === null) return lines.join("\n") + "\nI am not sure how to finish this.";
  const form = randomInt(prng, 0, 4);
  if (form === 0) lines.push(`Therefore the answer is $\\boxed{${answer}}$.`);
  else if (form === 1) {
    lines.push(`Final Answer: The final answer is $${answer}$. I hope it is correct.`);
  } else if (form === 2) lines.push(`**Answer:** $${answer}$`);
  else lines.push(`So the final answer is \\boxed{${answer}}`);
  return lines.join("\n");
}

const prng = randomSeeded(3003);
const groups = PROBLEMS.slice(0, GROUPS).map((p) =>
  Array.from({ length: PER_GROUP }, () => {
    const u = prng();
    return response(prng, u < 0.55 ? pick(prng, p.right) : u < 0.92 ? pick(prng, p.wrong) : null);
  })
);

function measure(label: string, unitsPerRun: number, run: () => number): number {
  run(); // warm-up (JIT)
  let runs = 0, checksum = 0;
  const start = performance.now();
  while (performance.now() - start < 2000) {
    checksum += run();
    runs++;
  }
  const seconds = (performance.now() - start) / 1000;
  const rate = (runs * unitsPerRun) / seconds;
  console.log(`${label.padEnd(44)} ${rate.toFixed(0).padStart(9)} /s   (checksum ${checksum})`);
  return rate;
}

const groupsPerS = measure("groups voted (extract + 16x16 + vote)", GROUPS, () => {
  let kept = 0;
  for (const g of groups) {
    const vote = majorityVoteResponses(g);
    if (vote.rMean >= 0.2 && vote.rMean <= 0.8) kept++;
  }
  return kept;
});
const extractionsPerS = measure("answers extracted", GROUPS * PER_GROUP, () => {
  let found = 0;
  for (const g of groups) for (const r of g) if (extractAnswer(r) !== null) found++;
  return found;
});
const answers = groups.map((g) => g.map(extractAnswer).filter((a): a is string => a !== null));
const pairs = answers.reduce((s, a) => s + (a.length * (a.length - 1)) / 2, 0);
const comparisonsPerS = measure("answer pairs compared (unprepared)", pairs, () => {
  let equal = 0;
  for (const a of answers) {
    for (let i = 0; i < a.length; i++) {
      for (let j = i + 1; j < a.length; j++) if (answersEquivalent(a[i]!, a[j]!)) equal++;
    }
  }
  return equal;
});

const sample = majorityVoteResponses(groups[1]!);
console.log(
  `example group: answer ${sample.answer}, r_mean ${sample.rMean}, clusters ${
    sample.clusters.map((c) => c.members.length).join("/")
  }`,
);
console.log(JSON.stringify({
  groups_per_s: Math.round(groupsPerS),
  ms_per_group: +(1000 / groupsPerS).toFixed(3),
  comparisons_per_s: Math.round(comparisonsPerS),
  extractions_per_s: Math.round(extractionsPerS),
  groups: GROUPS,
  responses_per_group: PER_GROUP,
}));
