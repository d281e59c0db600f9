/**
 * PNG screenshots of figure pages through a locally installed Chromium (Debian's
 * `chromium` package), headless. Nothing is downloaded: without a browser the caller is told
 * so and skips the PNGs.
 *
 * @module
 */
import { pathToFileURL } from "node:url";

/** Where Chromium is looked for, in order. */
export const CHROMIUM_PATHS: readonly string[] = Object.freeze([
  "/usr/bin/chromium",
  "/usr/bin/chromium-browser",
  "/usr/bin/google-chrome",
  "/usr/bin/google-chrome-stable",
]);

/**
 * The first executable Chromium of `paths`, or null.
 *
 * @example
 * ```ts
 * import { findChromium } from "./render_png.ts";
 * if (await findChromium(["/no/such/chromium"]) !== null) throw new Error();
 * ```
 */
export async function findChromium(
  paths: readonly string[] = CHROMIUM_PATHS,
): Promise<string | null> {
  for (const path of paths) {
    try {
      const info = await Deno.stat(path);
      if (info.isFile && ((info.mode ?? 0o111) & 0o111) !== 0) return path;
    } catch (e) {
      if (!(e instanceof Deno.errors.NotFound)) throw e;
    }
  }
  return null;
}

/** Options of {@linkcode renderPng}. */
export interface RenderPngOptions {
  /** The Chromium executable (absolute path). */
  chromium: string;
  /** Window width in pixels. @default 900 */
  width?: number;
  /** Window height in pixels. @default 500 */
  height?: number;
  /** Milliseconds of page time to let the figure draw. @default 10000 */
  budgetMs?: number;
}

/**
 * Screenshots a local HTML page into a PNG.
 *
 * @param htmlPath The page (absolute path).
 * @param pngPath Where the PNG goes (absolute path).
 * @param options The browser and window size.
 * @throws {Error} When Chromium fails or writes no PNG (with its last output lines).
 *
 * @example (needs Chromium; see tests/report/render_png_test.ts)
 * ```ts ignore
 * import { findChromium, renderPng } from "./render_png.ts";
 * const chromium = await findChromium();
 * if (chromium !== null) await renderPng("/abs/fig.html", "/abs/fig.png", { chromium });
 * ```
 */
export async function renderPng(
  htmlPath: string,
  pngPath: string,
  options: RenderPngOptions,
): Promise<void> {
  const { chromium, width = 900, height = 500, budgetMs = 10000 } = options;
  await Deno.remove(pngPath).catch(() => {});
  const out = await new Deno.Command(chromium, {
    args: [
      "--headless",
      "--no-sandbox", // required as root; the page is our own local file
      "--disable-gpu",
      "--hide-scrollbars",
      "--allow-file-access-from-files",
      `--virtual-time-budget=${budgetMs}`,
      `--window-size=${width},${height}`,
      `--screenshot=${pngPath}`,
      pathToFileURL(htmlPath).href,
    ],
    stdout: "piped",
    stderr: "piped",
  }).output();
  let written = false;
  try {
    written = (await Deno.stat(pngPath)).size > 0;
  } catch { /* not written */ }
  if (out.code !== 0 || !written) {
    const tail = new TextDecoder().decode(out.stderr).trim().split("\n").slice(-5).join("\n");
    throw new Error(
      `Cannot render ${htmlPath} to PNG: chromium exited with ${out.code}${
        written ? "" : " and wrote no file"
      }\n${tail}`,
    );
  }
}
