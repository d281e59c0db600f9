/**
 * The plotly.js browser bundle (npm `plotly.js-dist-min`, pinned in deno.json), read from
 * node_modules so pages and notebook outputs work offline with no CDN.
 *
 * @module
 */
import { createRequire } from "node:module";

let cached: string | null = null;

/**
 * The path of `plotly.min.js` in node_modules.
 *
 * @throws {Error} When the package is not installed (run `deno install`).
 *
 * @example
 * ```ts
 * import { plotlyJsPath } from "./plotly_js.ts";
 * if (!plotlyJsPath().endsWith(".js")) throw new Error();
 * ```
 */
export function plotlyJsPath(): string {
  return createRequire(import.meta.url).resolve("plotly.js-dist-min");
}

/**
 * The text of `plotly.min.js` (read once, then cached).
 *
 * @example
 * ```ts
 * import { readPlotlyJs } from "./plotly_js.ts";
 * if (!(await readPlotlyJs()).includes("Plotly")) throw new Error();
 * ```
 */
export async function readPlotlyJs(): Promise<string> {
  cached ??= await Deno.readTextFile(plotlyJsPath());
  return cached;
}
