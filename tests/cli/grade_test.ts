import { assertEquals, assertRejects, assertThrows } from "../assert.ts";
import { gradeRecord, gradeStream } from "../../lib/cli/grade.ts";

const INPUT = [
  '{"response": "so the answer is \\\\boxed{\\\\frac{3}{4}}", "gold": "0.75", "id": 1}',
  '{"pred": "x = 3", "gold": 3}',
  '{"pred": "12"}',
  "",
  '{"response": "I give up", "gold": "5"}',
  '{"pred": "7", "gold": null}',
].join("\n");
const OUTPUT = [
  { answer: "\\frac{3}{4}", equal: true },
  { answer: "x = 3", equal: true },
  { answer: "12" },
  { answer: null, equal: false },
  { answer: "7" },
];

async function run(text: string, skipBad = false): Promise<string> {
  let out = "";
  const decoder = new TextDecoder();
  const input = ReadableStream.from([text]).pipeThrough(new TextEncoderStream());
  const output = new WritableStream<Uint8Array>({
    write(chunk) {
      out += decoder.decode(chunk);
    },
  });
  await gradeStream(input, output, { skipBad });
  return out;
}

Deno.test("gradeStream() writes one record per input line, in order", async () => {
  const lines = (await run(INPUT)).trimEnd().split("\n").map((l) => JSON.parse(l));
  assertEquals(lines, OUTPUT);
});

Deno.test("gradeRecord() names the line of a malformed record", () => {
  assertThrows(() => gradeRecord("not json", 7), SyntaxError, "line 7");
  assertThrows(() => gradeRecord("[1, 2]", 3), SyntaxError, "line 3: expected a JSON object");
  assertThrows(
    () => gradeRecord('{"gold": "1"}', 4),
    SyntaxError,
    'line 4: expected a string "pred"',
  );
  assertThrows(() => gradeRecord('{"pred": "1", "gold": [1]}', 5), SyntaxError, '"gold" must be');
});

Deno.test("gradeStream() stops on a malformed line, or records it with skipBad", async () => {
  const text = '{"pred": "1"}\n{"pred": \n{"pred": "2", "gold": "2.0"}\n';
  await assertRejects(() => run(text), SyntaxError, "line 2");
  const lines = (await run(text, true)).trimEnd().split("\n").map((l) => JSON.parse(l));
  assertEquals(lines.length, 3);
  assertEquals(lines[0], { answer: "1" });
  assertEquals(Object.keys(lines[1]), ["error"]);
  assertEquals(lines[2], { answer: "2", equal: true });
});

Deno.test("deno task grade: files in and out, exit status 1 on a bad line", async () => {
  const dir = await Deno.makeTempDir();
  try {
    await Deno.writeTextFile(`${dir}/in.jsonl`, INPUT + "\n");
    const script = new URL("../../lib/cli/grade.ts", import.meta.url).pathname;
    const cmd = (args: string[], stdin: "null" | "piped" = "null") =>
      new Deno.Command(Deno.execPath(), {
        args: ["run", "--allow-read", "--allow-write", script, ...args],
        stdin,
        stdout: "piped",
        stderr: "piped",
      });
    const ok = await cmd(["--in", `${dir}/in.jsonl`, "--out", `${dir}/out.jsonl`]).output();
    assertEquals(ok.code, 0, new TextDecoder().decode(ok.stderr));
    const written = (await Deno.readTextFile(`${dir}/out.jsonl`)).trimEnd().split("\n");
    assertEquals(written.map((l) => JSON.parse(l)), OUTPUT);

    const child = cmd([], "piped").spawn();
    const writer = child.stdin.getWriter();
    await writer.write(new TextEncoder().encode('{"pred": "1/2", "gold": "0.5"}\nbad\n'));
    await writer.close();
    const bad = await child.output();
    assertEquals(bad.code, 1);
    assertEquals(new TextDecoder().decode(bad.stdout), '{"answer":"1/2","equal":true}\n');
    assertEquals(new TextDecoder().decode(bad.stderr).includes("line 2"), true);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
