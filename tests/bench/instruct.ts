// deno-lint-ignore-file no-console
/**
 * `deno task bench instruct`: ROUGE-L pair scores per second, the hot path of the ROUGE-L
 * filter. Queries are 30-word instructions, each scored against a pool of 500 30-word
 * instructions (words drawn from a 300-word vocabulary with Zipf-like frequencies, so the
 * pairs share many tokens). Every pair is scored in full (equal lengths give a length
 * bound of 1, so nothing is skipped). For comparison, on the same pairs: the filter path
 * (`findRougeLAbove` at 0.7; no pair here exceeds it, so it scans the whole pool too), the
 * textbook O(m n) dynamic program on the same integer token ids (`naive_pairs_per_s`; the
 * speedup is against this), and the dynamic program with tokenization of both strings per
 * pair, as `rouge_score` does (`naive_text_pairs_per_s`).
 *
 * Last line: one JSON object with those rates (pairs per second) and `speedup_vs_naive`.
 *
 * @module
 */
import { createRougeIndex, findRougeLAbove, maxRougeL } from "../../lib/instruct/rouge_index.ts";
import { randomSeeded } from "../../lib/random.ts";
import { naiveLcs, naiveRougeL } from "../instruct/_naive_rouge.ts";

const POOL = 500, QUERIES = 400, WORDS = 30, VOCAB = 300;
const prng = randomSeeded(2505);
const vocab = Array.from({ length: VOCAB }, (_, i) => `w${i.toString(36)}`);
const zipf = vocab.map((_, i) => 1 / (i + 1));
const total = zipf.reduce((a, b) => a + b, 0);
const pickWord = () => {
  let u = prng() * total;
  for (let i = 0; i < VOCAB; i++) if ((u -= zipf[i]) < 0) return vocab[i];
  return vocab[VOCAB - 1];
};
const sentence = () => Array.from({ length: WORDS }, pickWord).join(" ");
const pool = Array.from({ length: POOL }, sentence);
const queries = Array.from({ length: QUERIES }, sentence);

function measure(label: string, pairsPerRun: number, run: () => number): number {
  run(); // warm-up (JIT)
  let runs = 0, checksum = 0;
  const start = performance.now();
  while (performance.now() - start < 1500) {
    checksum += run();
    runs++;
  }
  const seconds = (performance.now() - start) / 1000;
  const rate = (runs * pairsPerRun) / seconds;
  console.log(`${label.padEnd(40)} ${(rate / 1e6).toFixed(3)} M pairs/s (checksum ${checksum})`);
  return rate;
}

const index = createRougeIndex(pool);
const exact = measure("maxRougeL (every pair scored)", QUERIES * POOL, () => {
  let sum = 0;
  for (const q of queries) sum += maxRougeL(index, q).score;
  return Math.round(sum * 1e6);
});
const filter = measure("findRougeLAbove 0.7 (filter path)", QUERIES * POOL, () => {
  let hits = 0;
  for (const q of queries) if (findRougeLAbove(index, q, 0.7)) hits++;
  return hits;
});
const naiveQueries = queries.slice(0, 40);
const naive = measure("naive DP on token ids (reference)", naiveQueries.length * POOL, () => {
  let sum = 0;
  for (const q of naiveQueries) {
    const qIds = q.split(" ").map((t) => index.vocab.get(t) ?? -1);
    for (const p of index.entries) {
      sum = Math.max(sum, (2 * naiveLcs(qIds, p)) / (qIds.length + p.length));
    }
  }
  return Math.round(sum * 1e6);
});
const naiveText = measure("naive DP on strings (rouge_score-like)", 20 * POOL, () => {
  let sum = 0;
  for (const q of naiveQueries.slice(0, 20)) {
    for (const p of pool) sum = Math.max(sum, naiveRougeL(q, p));
  }
  return Math.round(sum * 1e6);
});
console.log(`pool ${POOL} x ${WORDS} words, ${QUERIES} queries, vocabulary ${VOCAB}`);
console.log(JSON.stringify({
  rouge_pairs_per_s: Math.round(exact),
  filter_pairs_per_s: Math.round(filter),
  naive_pairs_per_s: Math.round(naive),
  naive_text_pairs_per_s: Math.round(naiveText),
  speedup_vs_naive: Number((exact / naive).toFixed(1)),
}));
