/**
 * `deno task grade [--in FILE] [--out FILE] [--skip-bad]`: grades JSONL with the reward
 * grader. Reads standard input and writes standard output unless files are given.
 *
 * Each input line is a JSON object with `pred` (an answer) or `response` (a whole model
 * response, from which the final answer is extracted), and optionally `gold`; other fields
 * are ignored. Each output line, in input order, is `{"answer": string|null}` plus
 * `"equal": boolean` when `gold` was given (a string or a number; `null` counts as absent).
 * Blank lines are skipped. A malformed line stops the run with an error naming its line
 * number (exit status 1); with `--skip-bad` it becomes `{"error": "..."}` instead.
 *
 * @module
 */
import { parseArgs } from "node:util";
import { extractAnswer } from "../reward/extract.ts";
import { answersEquivalent } from "../reward/equivalent.ts";
import { goldAnswer } from "../reward/ground_truth.ts";

/** One output record of {@linkcode gradeRecord}. */
export type GradeOutput = { answer: string | null; equal?: boolean } | { error: string };

/**
 * Grades one input line.
 *
 * @param line The JSON text of one line.
 * @param lineNumber Its 1-based number, for error messages.
 * @returns The output record.
 * @throws {SyntaxError} When the line is not a JSON object with a string `pred` or `response`
 * (the message names the line number).
 *
 * @example
 * ```ts
 * import { gradeRecord } from "./grade.ts";
 * const out = gradeRecord('{"response": "so \\\\boxed{3/4}", "gold": "0.75"}', 1);
 * if (JSON.stringify(out) !== '{"answer":"3/4","equal":true}') throw new Error(JSON.stringify(out));
 * ```
 */
export function gradeRecord(line: string, lineNumber: number): GradeOutput {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (e) {
    throw new SyntaxError(
      `Cannot grade line ${lineNumber}: invalid JSON (${(e as Error).message})`,
    );
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new SyntaxError(`Cannot grade line ${lineNumber}: expected a JSON object`);
  }
  const { pred, response, gold } = value as Record<string, unknown>;
  let answer: string | null;
  if (pred !== undefined && pred !== null) {
    if (typeof pred !== "string" && typeof pred !== "number") {
      throw new SyntaxError(`Cannot grade line ${lineNumber}: "pred" must be a string or a number`);
    }
    answer = String(pred);
  } else if (typeof response === "string") {
    answer = extractAnswer(response);
  } else {
    throw new SyntaxError(
      `Cannot grade line ${lineNumber}: expected a string "pred" or "response"`,
    );
  }
  if (gold === undefined || gold === null) return { answer };
  if (typeof gold !== "string" && typeof gold !== "number") {
    throw new SyntaxError(`Cannot grade line ${lineNumber}: "gold" must be a string or a number`);
  }
  return { answer, equal: answer !== null && answersEquivalent(answer, goldAnswer(gold)) };
}

/** Options of {@linkcode gradeStream}. */
export interface GradeStreamOptions {
  /**
   * Write `{"error": ...}` for a malformed line instead of stopping.
   *
   * @default {false}
   */
  skipBad?: boolean;
}

/**
 * Grades a JSONL stream line by line into another stream.
 *
 * @param input JSONL bytes.
 * @param output Where the output JSONL goes.
 * @param options Error handling.
 * @returns How many lines were graded and how many were bad.
 * @throws {SyntaxError} On the first malformed line, unless `skipBad` is set.
 *
 * @example
 * ```ts
 * import { gradeStream } from "./grade.ts";
 * const input = ReadableStream.from(['{"pred": "1/2", "gold": "0.5"}\n{"pred": "2"}\n'])
 *   .pipeThrough(new TextEncoderStream());
 * let text = "";
 * const output = new WritableStream<Uint8Array>({ write(chunk) { text += new TextDecoder().decode(chunk); } });
 * await gradeStream(input, output);
 * if (text !== '{"answer":"1/2","equal":true}\n{"answer":"2"}\n') throw new Error(text);
 * ```
 */
export async function gradeStream(
  input: ReadableStream<Uint8Array>,
  output: WritableStream<Uint8Array>,
  options?: GradeStreamOptions,
): Promise<{ graded: number; bad: number }> {
  const { skipBad = false } = options ?? {};
  const writer = output.getWriter();
  const encoder = new TextEncoder();
  let lineNumber = 0, graded = 0, bad = 0, pending = "";
  const flush = async (final: boolean) => {
    if (pending.length > 0 && (final || pending.length > 1 << 16)) {
      await writer.write(encoder.encode(pending));
      pending = "";
    }
  };
  const handle = async (line: string) => {
    lineNumber++;
    if (line.trim() === "") return;
    let out: GradeOutput;
    try {
      out = gradeRecord(line, lineNumber);
      graded++;
    } catch (e) {
      if (!skipBad || !(e instanceof SyntaxError)) {
        await flush(true);
        throw e;
      }
      out = { error: e.message };
      bad++;
    }
    pending += JSON.stringify(out) + "\n";
    await flush(false);
  };
  try {
    let buffer = "";
    for await (const chunk of input.pipeThrough(new TextDecoderStream())) {
      buffer += chunk;
      let newline = buffer.indexOf("\n");
      while (newline >= 0) {
        await handle(buffer.slice(0, newline).replace(/\r$/, ""));
        buffer = buffer.slice(newline + 1);
        newline = buffer.indexOf("\n");
      }
    }
    if (buffer.length > 0) await handle(buffer.replace(/\r$/, ""));
    await flush(true);
  } finally {
    await writer.close().catch(() => {});
  }
  return { graded, bad };
}

const USAGE = "usage: deno task grade [--in FILE] [--out FILE] [--skip-bad]\n";

/** The command: parses arguments, runs {@linkcode gradeStream}, returns the exit status. */
export async function main(args: string[]): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args,
      strict: true,
      options: {
        in: { type: "string" },
        out: { type: "string" },
        "skip-bad": { type: "boolean", default: false },
        help: { type: "boolean", short: "h", default: false },
      },
    }));
  } catch (e) {
    await writeError(`${(e as Error).message}\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    await Deno.stdout.write(new TextEncoder().encode(USAGE));
    return 0;
  }
  const input = values.in === undefined
    ? Deno.stdin.readable
    : (await Deno.open(values.in)).readable;
  const output = values.out === undefined
    ? Deno.stdout.writable
    : (await Deno.open(values.out, { write: true, create: true, truncate: true })).writable;
  try {
    await gradeStream(input, output, { skipBad: values["skip-bad"] });
    return 0;
  } catch (e) {
    await writeError(`${(e as Error).message}\n`);
    return 1;
  }
}

async function writeError(text: string): Promise<void> {
  await Deno.stderr.write(new TextEncoder().encode(text));
}

if (import.meta.main) Deno.exit(await main(Deno.args));
