import { join } from "node:path";
import { assert, assertEquals, assertRejects } from "../assert.ts";
import { findChromium, renderPng } from "../../lib/report/render_png.ts";
import { figurePageHtml } from "../../lib/report/report_html.ts";
import { plotlyJsPath } from "../../lib/report/plotly_js.ts";
import { difficultyFilterFigure } from "../../lib/report/step_figures.ts";

const chromium = await findChromium();

Deno.test("findChromium() returns null when none of the paths exists", async () => {
  assertEquals(await findChromium(["/no/such/chromium"]), null);
});

Deno.test({
  name: "renderPng() screenshots a figure page with Debian's chromium",
  ignore: chromium === null, // CI installs chromium; without it the report says PNGs were skipped
  async fn() {
    const dir = await Deno.makeTempDir();
    await Deno.copyFile(plotlyJsPath(), join(dir, "plotly.min.js"));
    const fig = difficultyFilterFigure([{
      label: "a",
      metrics: [{ step: 1, trainReward: 0.4 }, { step: 2, trainReward: 0.6 }] as never,
      evals: [{ step: 0, set: "eval", problems: 8, pass1: 0.5, byLevel: {}, noAnswerShare: 0 }],
    }]);
    await Deno.writeTextFile(join(dir, "fig.html"), figurePageHtml(fig, "plotly.min.js"));
    await renderPng(join(dir, "fig.html"), join(dir, "fig.png"), {
      chromium: chromium!,
      width: 640,
      height: 360,
    });
    const png = await Deno.readFile(join(dir, "fig.png"));
    assertEquals([...png.slice(1, 4)], [0x50, 0x4e, 0x47]); // "PNG"
    const view = new DataView(png.buffer, png.byteOffset);
    assertEquals([view.getUint32(16), view.getUint32(20)], [640, 360]);
    assert(png.length > 5000, `a drawn figure, not a blank page: ${png.length} bytes`);
    await assertRejects(
      () =>
        renderPng(join(dir, "fig.html"), join(dir, "no", "such", "dir", "x.png"), {
          chromium: chromium!,
        }),
      Error,
      "Cannot render",
    );
  },
});
