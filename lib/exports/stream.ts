import "server-only";
import { type Cell, csvRow } from "./csv";

// Excel reads a CSV file as UTF-8 only when it starts with a byte order mark; other readers skip it.
const BOM = "\uFEFF";

/**
 * A CSV body that reads one page of rows per chunk the client asks for (ReadableStream's pull), so at most
 * one page is in memory whatever the number of rows: a slow download simply reads the database slower.
 * `pages` yields each keyset page's rows, already turned into cells.
 */
export function csvStream(
  header: readonly string[],
  pages: AsyncIterator<Cell[][]>,
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(BOM + csvRow(header)));
    },
    async pull(controller) {
      const next = await pages.next();
      if (next.done) {
        controller.close();
        return;
      }
      controller.enqueue(encoder.encode(next.value.map(csvRow).join("")));
    },
    async cancel() {
      await pages.return?.();
    },
  });
}

/** The response headers of a CSV download named `<what>-<day>.csv`. */
export function csvHeaders(what: string, day: string): HeadersInit {
  return {
    "Content-Type": "text/csv; charset=utf-8",
    "Content-Disposition": `attachment; filename="${what}-${day}.csv"`,
    "Cache-Control": "no-store",
    "X-Content-Type-Options": "nosniff",
  };
}
