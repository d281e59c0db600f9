/**
 * Loaders for MATH-style JSONL evaluation sets: tiny-math's `seeds/tiny-math/*.jsonl`, and the
 * paper's benchmarks (MATH-500, ASDiv, ...) where a user has them as local files.
 *
 * One JSON object a line (blank lines skipped):
 * - the question: `problem` (MATH) or `question` (GSM8K, ASDiv exports); `problem` wins when
 *   a line has both;
 * - the gold answer: `answer` (a string or a number), else the last `\boxed{...}` of
 *   `solution`. An `answer` that is itself a worked solution is reduced the same way: its
 *   last `\boxed{}`, or the text after a GSM8K-style `#### ` final line;
 * - optional `level`: a number, or MATH's `"Level 3"`; MATH's `"Level ?"` (unknown) and a
 *   missing level give `null`;
 * - every field of the line is kept in `fields`, as read.
 *
 * A malformed line is an error naming the file and the line number: nothing is skipped.
 *
 * @module
 */

/** One labelled problem of an evaluation set. */
export interface EvalRecord {
  /** The question, as the model is asked it. */
  question: string;
  /** The gold final answer (never empty). */
  answer: string;
  /** Difficulty level, or null when the line gives none. */
  level: number | null;
  /** Every field of the line, as parsed (the ones above included). */
  fields: Record<string, unknown>;
}

/** Options of {@linkcode parseEvalJsonl}. */
export interface ParseEvalJsonlOptions {
  /**
   * Name of the text's origin in error messages (the file path).
   * @default {"<text>"}
   */
  source?: string;
}

/**
 * Parses MATH-style JSONL text into evaluation records.
 *
 * @param text The file's text.
 * @param options Where the text came from, for error messages.
 * @returns The records, in file order.
 * @throws {SyntaxError} When a line is not JSON, or a solution has no complete `\boxed{}`.
 * @throws {TypeError} When a line is not an object, lacks a question or an answer, or has a
 * level that is not a positive integer or `"Level N"`.
 *
 * @example Plain answers, boxed solutions and MATH levels
 * ```ts
 * import { parseEvalJsonl } from "./eval_records.ts";
 * const records = parseEvalJsonl([
 *   '{"problem": "What is 2 + 3?", "answer": "5", "level": 1}',
 *   '{"question": "Half of 3?", "solution": "It is $\\\\boxed{\\\\frac{3}{2}}$.", "level": "Level 4", "id": 7}',
 * ].join("\n"));
 * if (records[1]!.answer !== "\\frac{3}{2}" || records[1]!.level !== 4) throw new Error();
 * if (records[1]!.fields.id !== 7) throw new Error("other fields are kept");
 * ```
 *
 * @example A malformed line names its place
 * ```ts
 * import { parseEvalJsonl } from "./eval_records.ts";
 * try {
 *   parseEvalJsonl('{"problem": "1 + 1?", "answer": "2"}\n{"problem": "x?"}', { source: "a.jsonl" });
 *   throw new Error("accepted a line without an answer");
 * } catch (e) {
 *   if (!(e instanceof TypeError) || !e.message.includes("a.jsonl:2")) throw e;
 * }
 * ```
 */
export function parseEvalJsonl(text: string, options?: ParseEvalJsonlOptions): EvalRecord[] {
  const { source = "<text>" } = options ?? {};
  const records: EvalRecord[] = [];
  text.split("\n").forEach((line, i) => {
    if (line.trim() === "") return;
    const where = `${source}:${i + 1}`;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (e) {
      throw new SyntaxError(
        `Cannot read eval record at ${where}: invalid JSON (${(e as Error).message})`,
      );
    }
    records.push(evalRecord(value, where));
  });
  return records;
}

/**
 * Reads a MATH-style JSONL file (see {@linkcode parseEvalJsonl}).
 *
 * @param path The file.
 * @returns The records, in file order.
 * @throws {Deno.errors.NotFound} When the file does not exist.
 * @throws {SyntaxError | TypeError} On a malformed line, naming `path:line`.
 *
 * @example tiny-math's evaluation set
 * ```ts
 * import { loadEvalRecords } from "./eval_records.ts";
 * const records = await loadEvalRecords(new URL("../../seeds/tiny-math/eval_500.jsonl", import.meta.url).pathname);
 * if (records.length !== 500 || records.filter((r) => r.level === 5).length !== 100) {
 *   throw new Error("unexpected eval set");
 * }
 * ```
 */
export async function loadEvalRecords(path: string): Promise<EvalRecord[]> {
  let text: string;
  try {
    text = await Deno.readTextFile(path);
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) {
      throw new Deno.errors.NotFound(`Cannot read eval records: ${path} does not exist`);
    }
    throw e;
  }
  return parseEvalJsonl(text, { source: path });
}

function evalRecord(value: unknown, where: string): EvalRecord {
  const fail = (why: string) => new TypeError(`Cannot read eval record at ${where}: ${why}`);
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw fail("expected a JSON object");
  }
  const fields = value as Record<string, unknown>;
  const question = fields.problem ?? fields.question;
  if (typeof question !== "string" || question.trim() === "") {
    throw fail('expected a non-empty string "problem" or "question"');
  }
  let answer: string | null;
  if (fields.answer !== undefined && fields.answer !== null) {
    if (typeof fields.answer === "number" && Number.isFinite(fields.answer)) {
      answer = String(fields.answer);
    } else if (typeof fields.answer === "string") {
      answer = reduceAnswer(fields.answer, where);
    } else {
      throw fail('"answer" must be a string or a finite number');
    }
  } else if (typeof fields.solution === "string") {
    answer = lastBoxed(fields.solution);
    if (answer === null) {
      throw new SyntaxError(
        `Cannot read eval record at ${where}: "solution" has no complete \\boxed{...} and there is no "answer"`,
      );
    }
  } else {
    throw fail('expected an "answer", or a string "solution" with a \\boxed{...} answer');
  }
  if (answer.trim() === "") throw fail("the gold answer is empty");
  return { question, answer: answer.trim(), level: evalLevel(fields.level, fail), fields };
}

/** A plain answer as it is; a boxed or GSM8K-style (`#### 72`) solution reduced to its answer. */
function reduceAnswer(answer: string, where: string): string {
  if (/\\(?:boxed|fbox)/.test(answer)) {
    const boxed = lastBoxed(answer);
    if (boxed === null) {
      throw new SyntaxError(
        `Cannot read eval record at ${where}: "answer" has an incomplete \\boxed{...}`,
      );
    }
    return boxed;
  }
  const marker = /(?:^|\n)####\s*([^\n]*)\s*$/.exec(answer);
  return marker === null ? answer : marker[1]!.trim();
}

/** The content of the last complete `\boxed{...}` / `\fbox{...}`, or null. */
function lastBoxed(text: string): string | null {
  const starts = [...text.matchAll(/\\(?:boxed|fbox)\s*\{/g)];
  for (let k = starts.length - 1; k >= 0; k--) {
    const open = starts[k]!.index! + starts[k]![0].length - 1;
    let depth = 0;
    for (let i = open; i < text.length; i++) {
      const c = text[i];
      if (c === "\\") i++; // an escaped character, e.g. \{ or \}
      else if (c === "{") depth++;
      else if (c === "}" && --depth === 0) return text.slice(open + 1, i).trim();
    }
  }
  return null;
}

function evalLevel(level: unknown, fail: (why: string) => TypeError): number | null {
  if (level === undefined || level === null || level === "Level ?") return null;
  if (typeof level === "number" && Number.isInteger(level) && level >= 1) return level;
  if (typeof level === "string") {
    const m = /^\s*(?:level\s*)?(\d+)\s*$/i.exec(level);
    if (m !== null && Number(m[1]) >= 1) return Number(m[1]);
  }
  throw fail(
    `"level" must be a positive integer or "Level N", got ${JSON.stringify(level)}`,
  );
}
