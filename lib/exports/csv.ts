// CSV as RFC 4180 writes it (comma, CRLF, double quotes doubled), with formula injection guarded: a
// spreadsheet runs a cell that starts with = + - @ (or a tab or carriage return before one) as a formula,
// so such a cell gets a leading apostrophe, which spreadsheets show as text. Customer names, emails and
// notes are typed by other people; an export must never run what they typed. Pure module.

export type Cell = string | number | null | undefined;

const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]|^\s|\s$/;

/** One field: guarded against formulas, then quoted when it holds a comma, quote, line break or edge space. */
export function csvCell(value: Cell): string {
  if (value === null || value === undefined) return "";
  // Numbers we write are amounts in minor units, never negative; written as they are.
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "";
  const guarded = FORMULA_START.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(guarded) ? `"${guarded.replaceAll('"', '""')}"` : guarded;
}

export function csvRow(cells: readonly Cell[]): string {
  return `${cells.map(csvCell).join(",")}\r\n`;
}
