/**
 * Tables of the notebooks and the report: plain rows of text and numbers, rendered as HTML
 * or as aligned text.
 *
 * @module
 */

/** One cell: text, a number (shown with `digits` decimals) or null (shown as "-"). */
export type TableCell = string | number | null;

/** A table. */
export interface ReportTable {
  /** A one-line caption. */
  caption: string;
  /** Column headers. */
  columns: string[];
  /** Rows, each as long as `columns`. */
  rows: TableCell[][];
  /** Decimals of number cells. @default 3 */
  digits?: number;
}

/**
 * Escapes text for HTML element content and attribute values.
 *
 * @example
 * ```ts
 * import { escapeHtml } from "./report_table.ts";
 * if (escapeHtml('<a href="x">&</a>') !== "&lt;a href=&quot;x&quot;&gt;&amp;&lt;/a&gt;") throw new Error();
 * ```
 */
export function escapeHtml(text: string): string {
  return text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;").replaceAll("'", "&#39;");
}

/**
 * A cell as text.
 *
 * @example
 * ```ts
 * import { formatTableCell } from "./report_table.ts";
 * if (formatTableCell(0.5, 3) !== "0.500" || formatTableCell(null, 3) !== "-" || formatTableCell(7, 3) !== "7") throw new Error();
 * ```
 */
export function formatTableCell(cell: TableCell, digits: number): string {
  if (cell === null) return "-";
  if (typeof cell === "string") return cell;
  return Number.isInteger(cell) ? String(cell) : cell.toFixed(digits);
}

function checkShape(table: ReportTable): void {
  table.rows.forEach((row, i) => {
    if (row.length !== table.columns.length) {
      throw new RangeError(
        `Cannot render table "${table.caption}": row ${i} has ${row.length} cells, expected ${table.columns.length}`,
      );
    }
  });
}

/**
 * The table as an HTML `<table>` with its caption.
 *
 * @throws {RangeError} When a row's length differs from the columns'.
 *
 * @example
 * ```ts
 * import { tableHtml } from "./report_table.ts";
 * const html = tableHtml({ caption: "c", columns: ["a", "b"], rows: [["x<y", 0.25]] });
 * if (!html.includes("<td>x&lt;y</td>") || !html.includes("0.250")) throw new Error(html);
 * ```
 */
export function tableHtml(table: ReportTable): string {
  checkShape(table);
  const digits = table.digits ?? 3;
  const head = table.columns.map((c) => `<th>${escapeHtml(c)}</th>`).join("");
  const body = table.rows.map((row) =>
    `<tr>${row.map((c) => `<td>${escapeHtml(formatTableCell(c, digits))}</td>`).join("")}</tr>`
  ).join("\n");
  return `<table class="serl-table">\n<caption>${escapeHtml(table.caption)}</caption>\n` +
    `<thead><tr>${head}</tr></thead>\n<tbody>\n${body}\n</tbody>\n</table>`;
}

/**
 * The table as aligned plain text (caption, header, rule, rows).
 *
 * @throws {RangeError} When a row's length differs from the columns'.
 *
 * @example
 * ```ts
 * import { tableText } from "./report_table.ts";
 * const text = tableText({ caption: "c", columns: ["a", "bb"], rows: [["x", 1]] });
 * if (text !== "c\na  bb\n-  --\nx  1") throw new Error(JSON.stringify(text));
 * ```
 */
export function tableText(table: ReportTable): string {
  checkShape(table);
  const digits = table.digits ?? 3;
  const cells = [table.columns, ...table.rows.map((r) => r.map((c) => formatTableCell(c, digits)))];
  const widths = table.columns.map((_, j) => Math.max(...cells.map((r) => r[j]!.length)));
  const line = (r: string[]) => r.map((c, j) => c.padEnd(widths[j]!)).join("  ").trimEnd();
  return [
    table.caption,
    line(table.columns),
    line(widths.map((w) => "-".repeat(w))),
    ...cells.slice(1).map(line),
  ].join("\n");
}
