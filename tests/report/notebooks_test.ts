/**
 * The committed notebooks: outputs stripped, the Deno kernel, imports only from "../mod.ts",
 * and their code type-checks (the kernel itself never type-checks: its cells are written to
 * one module, as the kernel runs them in one scope, and `deno check`ed).
 */
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { assert, assertEquals } from "../assert.ts";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const DIR = join(ROOT, "notebooks");

interface Cell {
  "cell_type": string;
  source: string | string[];
  outputs?: unknown[];
  "execution_count"?: number | null;
}
interface Notebook {
  cells: Cell[];
  metadata: { kernelspec?: { name?: string } };
}

const names = [...Deno.readDirSync(DIR)].filter((e) => e.name.endsWith(".ipynb")).map((e) => e.name)
  .sort();
const notebooks = names.map((name) => ({
  name,
  nb: JSON.parse(Deno.readTextFileSync(join(DIR, name))) as Notebook,
}));
const code = (nb: Notebook) =>
  nb.cells.filter((c) => c.cell_type === "code").map((c) =>
    Array.isArray(c.source) ? c.source.join("") : c.source
  );

Deno.test("notebooks/: the seven studies, in order", () => {
  assertEquals(names, [
    "00_quickstart.ipynb",
    "01_reward_alignment.ipynb",
    "02_difficulty_filter.ipynb",
    "03_n_vote_sweep.ipynb",
    "04_algorithms.ipynb",
    "05_self_instruction.ipynb",
    "06_main_result.ipynb",
  ]);
});

Deno.test("committed notebooks have no outputs (strip them before committing)", () => {
  for (const { name, nb } of notebooks) {
    nb.cells.forEach((c, i) => {
      if (c.cell_type !== "code") return;
      assertEquals(c.outputs, [], `${name} cell ${i} has outputs: clear them before committing`);
      assertEquals(c.execution_count, null, `${name} cell ${i} has an execution count`);
    });
  }
});

Deno.test("notebooks run on the Deno kernel and import only ../mod.ts", () => {
  for (const { name, nb } of notebooks) {
    assertEquals(nb.metadata.kernelspec?.name, "deno", `${name}: kernelspec`);
    const imports = code(nb).join("\n").matchAll(
      /\bfrom\s+["']([^"']+)["']|import\s*\(\s*["']([^"']+)["']/g,
    );
    const specifiers = [...imports].map((m) => m[1] ?? m[2]);
    assert(specifiers.length > 0, `${name} imports nothing`);
    for (const s of specifiers) assertEquals(s, "../mod.ts", `${name} imports ${s}`);
  }
});

Deno.test("the notebooks' code type-checks", async () => {
  const dir = await Deno.makeTempDir();
  const mod = pathToFileURL(join(ROOT, "mod.ts")).href;
  const files = [];
  for (const { name, nb } of notebooks) {
    const file = join(dir, name.replace(/\.ipynb$/, ".ts"));
    const body = code(nb).join("\n\n").replaceAll('"../mod.ts"', JSON.stringify(mod));
    await Deno.writeTextFile(file, `${body}\nexport {};\n`);
    files.push(file);
  }
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["check", "--quiet", "--config", join(ROOT, "deno.json"), ...files],
    stdout: "piped",
    stderr: "piped",
    env: { NO_COLOR: "1" },
  }).output();
  const text = new TextDecoder().decode(out.stderr);
  assertEquals(out.code, 0, `deno check failed:\n${text}`);
});
