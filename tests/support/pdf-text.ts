import { execFileSync } from "node:child_process";

/** The text of a PDF as poppler's pdftotext lays it out (installed by `npm test`, see scripts/test-all.ts). */
export function pdfText(pdf: Uint8Array, pages?: { first: number; last: number }): string {
  const range = pages ? ["-f", String(pages.first), "-l", String(pages.last)] : [];
  return execFileSync("pdftotext", ["-layout", "-enc", "UTF-8", ...range, "-", "-"], {
    input: pdf,
    encoding: "utf8",
  });
}

export function pdfPageCount(pdf: Uint8Array): number {
  // pdfinfo warns on stderr about harmless metadata it does not know; only its report matters here.
  const info = execFileSync("pdfinfo", ["-"], {
    input: pdf,
    encoding: "utf8",
    stdio: ["pipe", "pipe", "ignore"],
  });
  return Number(/^Pages:\s+(\d+)/m.exec(info)?.[1] ?? Number.NaN);
}

/** Collapses runs of spaces so a test reads a line's words, not pdftotext's column alignment. */
export const words = (text: string) => text.replace(/[ \t]+/g, " ");
