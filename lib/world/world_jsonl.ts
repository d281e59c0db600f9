/**
 * The JSONL format of the tiny-math seed and eval files: one {@linkcode WorldRecord} a line,
 * keys always in the order `problem`, `answer`, `solution`, `level`, a newline after every
 * line, so the same records always give the same bytes.
 *
 * @module
 */
import type { WorldRecord } from "./generate_world_problem.ts";

const KEYS = ["problem", "answer", "solution", "level"] as const;

/**
 * Writes records as JSONL, keeping only the four record fields.
 *
 * @param records The records, in file order.
 * @returns The file text (empty for no records).
 *
 * @example
 * ```ts
 * import { formatWorldJsonl } from "./world_jsonl.ts";
 * const text = formatWorldJsonl([{ problem: "Add 1 and 2.", answer: "3", solution: "1 + 2 = 3. \\boxed{3}", level: 1 }]);
 * if (!text.startsWith('{"problem":"Add 1 and 2.","answer":"3"') || !text.endsWith("}\n")) {
 *   throw new Error(text);
 * }
 * ```
 */
export function formatWorldJsonl(records: readonly WorldRecord[]): string {
  return records
    .map((r) =>
      JSON.stringify({ problem: r.problem, answer: r.answer, solution: r.solution, level: r.level })
    )
    .map((line) => `${line}\n`)
    .join("");
}

/**
 * Reads JSONL records, checking every field.
 *
 * @param text The file text; blank lines are skipped.
 * @returns The records, in file order.
 * @throws {SyntaxError} If a line is not JSON.
 * @throws {TypeError} If a line is not an object with exactly the four record fields, with
 * string `problem`, `answer` and `solution` and a `level` from 1 to 5.
 *
 * @example Round trip
 * ```ts
 * import { formatWorldJsonl, parseWorldJsonl } from "./world_jsonl.ts";
 * const records = [{ problem: "Add 1 and 2.", answer: "3", solution: "\\boxed{3}", level: 1 as const }];
 * const back = parseWorldJsonl(formatWorldJsonl(records));
 * if (back.length !== 1 || back[0]!.solution !== "\\boxed{3}") throw new Error();
 * ```
 */
export function parseWorldJsonl(text: string): WorldRecord[] {
  const records: WorldRecord[] = [];
  text.split("\n").forEach((line, i) => {
    if (line.trim() === "") return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (e) {
      throw new SyntaxError(`Cannot parse world record on line ${i + 1}: ${(e as Error).message}`);
    }
    records.push(checkRecord(value, i + 1));
  });
  return records;
}

function checkRecord(value: unknown, line: number): WorldRecord {
  const fail = (why: string) => new TypeError(`Cannot read world record on line ${line}: ${why}`);
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw fail("expected an object");
  }
  const record = value as Record<string, unknown>;
  const extra = Object.keys(record).filter((k) => !(KEYS as readonly string[]).includes(k));
  if (extra.length > 0) throw fail(`unknown field "${extra[0]}"`);
  for (const key of ["problem", "answer", "solution"] as const) {
    if (typeof record[key] !== "string") throw fail(`field "${key}" must be a string`);
  }
  const level = record.level;
  if (level !== 1 && level !== 2 && level !== 3 && level !== 4 && level !== 5) {
    throw fail(`field "level" must be 1, 2, 3, 4 or 5, got ${JSON.stringify(level)}`);
  }
  return {
    problem: record.problem as string,
    answer: record.answer as string,
    solution: record.solution as string,
    level,
  };
}
