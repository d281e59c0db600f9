import { assert, assertEquals, assertRejects } from "../assert.ts";
import {
  displayFlushed,
  figureText,
  flushDelayMs,
  type MimeBundle,
  PLOTLY_MIME,
  plotlyMimeBundle,
  showPlot,
  showTable,
} from "../../lib/report/show_in_notebook.ts";
import { readPlotlyJs } from "../../lib/report/plotly_js.ts";

const fig = {
  data: [{ type: "scatter" as const, name: "a", x: [1, 2], y: [0.5, 0.7] }],
  layout: { title: { text: "Train reward" } },
};

function recorder(): { shown: MimeBundle[]; display: (b: MimeBundle) => Promise<void> } {
  const shown: MimeBundle[] = [];
  return { shown, display: (b) => (shown.push(b), Promise.resolve()) };
}

Deno.test("plotlyMimeBundle() carries plotly JSON, HTML that draws it, and text", () => {
  const bundle = plotlyMimeBundle(fig, { id: "fig-1" });
  assertEquals(Object.keys(bundle).sort(), [PLOTLY_MIME, "text/html", "text/plain"].sort());
  assertEquals(bundle[PLOTLY_MIME], fig);
  const html = bundle["text/html"] as string;
  assert(html.startsWith('<div id="fig-1"'), html);
  assert(
    html.includes(
      'Plotly.newPlot("fig-1", [{"type":"scatter","name":"a","x":[1,2],"y":[0.5,0.7]}]',
    ),
  );
  assert(!html.includes("<script>var"), "plotly.js is inlined only when given");
  assertEquals(bundle["text/plain"], "[figure] Train reward: a");
  assertEquals(figureText({ data: [{}], layout: {} }), "[figure] untitled: trace 0");
  const withLib = plotlyMimeBundle(fig, { plotlyJs: "var Plotly = 1; '</script>'" });
  assert(
    (withLib["text/html"] as string).startsWith("<script>var Plotly = 1; '<\\/script>'</script>"),
  );
});

Deno.test("showPlot() inlines plotly.js in the first figure only", async () => {
  const { shown, display } = recorder();
  await showPlot(fig, { display });
  await showPlot(fig, { display });
  const js = await readPlotlyJs();
  assert(js.length > 1_000_000);
  assert((shown[0]!["text/html"] as string).includes(js.slice(0, 2000)));
  assert(!(shown[1]!["text/html"] as string).includes(js.slice(0, 2000)));
  const ids = shown.map((b) => /<div id="([^"]+)"/.exec(b["text/html"] as string)![1]);
  assert(ids[0] !== ids[1], "each figure gets its own div id");
  await showPlot(fig, { display, inlinePlotly: true });
  assert((shown[2]!["text/html"] as string).includes(js.slice(0, 2000)));
});

Deno.test("the show functions wait for a macrotask after displaying (the kernel's output race)", async () => {
  for (
    const show of [
      (display: (b: MimeBundle) => Promise<void>) =>
        showPlot(fig, { display, inlinePlotly: false }),
      (display: (b: MimeBundle) => Promise<void>) =>
        showTable({ caption: "c", columns: ["a"], rows: [[1]] }, { display }),
      (display: (b: MimeBundle) => Promise<void>) =>
        displayFlushed({ "text/plain": "x" }, { display }),
    ]
  ) {
    let timerRan = false;
    setTimeout(() => (timerRan = true), 0);
    const { shown, display } = recorder();
    await show(display);
    assertEquals(shown.length, 1);
    assert(timerRan, "resolved before a setTimeout(0) queued earlier had run");
  }
  assertEquals(flushDelayMs({ "text/html": "x".repeat(200_000) }), 0);
  assertEquals(flushDelayMs({ "text/html": "x".repeat(4_800_000) }), 240);
});

Deno.test("showTable() shows HTML and aligned text; outside the kernel the error says so", async () => {
  const { shown, display } = recorder();
  await showTable({ caption: "runs", columns: ["run", "reward"], rows: [["a<b", 0.25]] }, {
    display,
  });
  assertEquals(shown[0]!["text/plain"], "runs\nrun  reward\n---  ------\na<b  0.250");
  assert((shown[0]!["text/html"] as string).includes("<td>a&lt;b</td>"));
  await assertRejects(
    () => showTable({ caption: "", columns: [], rows: [] }),
    TypeError,
    "Deno Jupyter kernel",
  );
});
