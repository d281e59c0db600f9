import { assertEquals } from "../assert.ts";
import { extractAnswer } from "../../lib/reward/extract.ts";
import { groundTruthReward } from "../../lib/reward/ground_truth.ts";

const FILES = ["seed_500.jsonl", "eval_500.jsonl", "eval_ood.jsonl"];

Deno.test("the tiny-math seed and eval sets grade right: every solution 1, a perturbed answer 0", async () => {
  for (const file of FILES) {
    const url = new URL(`../../seeds/tiny-math/${file}`, import.meta.url);
    const records = (await Deno.readTextFile(url)).trim().split("\n").map((l) => JSON.parse(l));
    const wrong: string[] = [];
    for (const { solution, answer } of records as { solution: string; answer: string }[]) {
      if (extractAnswer(solution) !== answer) wrong.push(`extract: ${solution}`);
      if (groundTruthReward(solution, answer) !== 1) wrong.push(`right: ${answer}`);
      const [num, den] = answer.split("/");
      const perturbed = `${BigInt(num!) + 1n}${den === undefined ? "" : `/${den}`}`;
      if (groundTruthReward(solution, perturbed) !== 0) {
        wrong.push(`wrong: ${answer} vs ${perturbed}`);
      }
      const latex = den === undefined
        ? answer
        : `${num!.startsWith("-") ? "-" : ""}\\frac{${num!.replace("-", "")}}{${den}}`;
      if (groundTruthReward(`\\boxed{${latex}}`, answer) !== 1) {
        wrong.push(`latex: ${latex} vs ${answer}`);
      }
    }
    assertEquals(wrong.slice(0, 5), [], `${file}: ${wrong.length} of ${records.length} wrong`);
  }
});
