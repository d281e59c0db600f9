import { join } from "node:path";
import { assert, assertEquals, assertThrows } from "../assert.ts";
import { buildReport } from "../../lib/report/build_report.ts";
import { figurePageHtml, reportHtml, type ReportSection } from "../../lib/report/report_html.ts";
import { tableText } from "../../lib/report/report_table.ts";
import { configDifferenceTable, runSummaryTable } from "../../lib/report/run_tables.ts";
import { readRunRecord } from "../../lib/report/run_reader.ts";
import { writeFakeRun } from "./_fake_run.ts";

const section = (id: string, source = "runs"): ReportSection => ({
  id,
  title: `Study ${id}`,
  text: ["What <the> paper shows."],
  figures: [{
    name: `fig_${id}`,
    figure: { data: [{ y: [1, 2], name: "a" }], layout: { height: 400 } },
  }],
  tables: [{ caption: "t", columns: ["x"], rows: [[`row-${id}`]] }],
  runs: [{ label: "main", dir: `runs/${id}`, source, config: { name: `cfg-${id}` } }],
});

Deno.test("reportHtml() has every section's figures, tables and run configs, plotly.js once", () => {
  const html = reportHtml([section("a"), section("b", "smoke")], { plotlyJs: "/*PLOTLY*/" });
  assertEquals(html.split("/*PLOTLY*/").length, 2);
  for (const id of ["a", "b"]) {
    assert(html.includes(`<h2 id="${id}">Study ${id}</h2>`));
    assert(html.includes(`Plotly.newPlot("fig-fig_${id}"`));
    assert(html.includes(`<td>row-${id}</td>`));
    assert(html.includes(`&quot;name&quot;: &quot;cfg-${id}&quot;`), "config shown, escaped");
  }
  assert(html.includes("What &lt;the&gt; paper shows."));
  assertEquals(
    html.split("Smoke-scale runs").length,
    2,
    "the smoke warning only on smoke sections",
  );
  assertThrows(
    () => reportHtml([section("a"), section("a")], { plotlyJs: "" }),
    TypeError,
    "fig_a",
  );
});

Deno.test("figurePageHtml() draws the figure at its layout size", () => {
  const html = figurePageHtml({ data: [{ y: [3] }], layout: { width: 900, height: 500 } }, "p.js");
  assert(html.includes('<script src="p.js"></script>'));
  assert(html.includes('Plotly.newPlot("fig", [{"y":[3]}], {"width":900,"height":500}'));
});

Deno.test("buildReport() writes index.html, one page per figure, and says why PNGs were skipped", async () => {
  const out = await Deno.makeTempDir();
  await Deno.mkdir(join(out, "notebooks"));
  await Deno.writeTextFile(join(out, "notebooks", "00_quickstart.html"), "");
  const built = await buildReport({ out, chromium: null, sections: [section("a"), section("b")] });
  assertEquals(built.index, join(out, "index.html"));
  assertEquals(built.figurePages, [
    join(out, "figures", "fig_a.html"),
    join(out, "figures", "fig_b.html"),
  ]);
  assertEquals(built.pngs, []);
  assert(built.pngSkipped!.includes("apt-get install -y chromium"), built.pngSkipped!);
  const index = await Deno.readTextFile(built.index);
  assert(index.includes('href="notebooks/00_quickstart.html"'));
  assert((await Deno.readTextFile(join(out, "figures", "plotly.min.js"))).length > 1_000_000);
});

Deno.test("runSummaryTable() and configDifferenceTable() show what the runs hold", async () => {
  const root = await Deno.makeTempDir();
  const a = await writeFakeRun(join(root, "n2"), {
    overrides: { rollout: { nVote: 2 } },
    steps: 4,
  });
  const b = await writeFakeRun(join(root, "n4"), {
    overrides: { rollout: { nVote: 4 } },
    finished: false,
  });
  const runs = [
    { ...(await readRunRecord(a.dir)), label: "n2" },
    { ...(await readRunRecord(b.dir)), label: "n4" },
  ];
  const summary = runSummaryTable(runs);
  const first = a.metrics[0]!, last = a.metrics[3]!;
  assertEquals(summary.rows[0]!.slice(0, 3), [
    "n2",
    4,
    `${first.trainReward.toFixed(2)} → ${last.trainReward.toFixed(2)}`,
  ]);
  assertEquals(summary.rows[1]!.at(-1), "no (in progress)");
  const diff = configDifferenceTable(runs);
  assertEquals(diff.rows, [["rollout.nVote", "2", "4"]]);
  assert(tableText(diff).includes("rollout.nVote  2   4"));
});
