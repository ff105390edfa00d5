import type { RssSampler } from "./lib/rss";
import { treeRssMb } from "./lib/rss";
import type { ScaleSession } from "./scale";

// The CSV exports at each measured size, downloaded through the app as a browser would: rows per second,
// and the server's RSS before and at its peak during the download. The exports stream keyset pages of
// 1,000 rows (lib/exports), so the peak should not grow from 1k to 100k rows. The largest invoice export
// is also read by a slow client (a pause after every chunk), which is where a server that buffers the
// whole response would show it.

export type ExportKind = "invoices" | "payments" | "refunds";

export type ExportRun = {
  size: number;
  kind: ExportKind;
  reader: "fast" | "slow";
  rows: number;
  megabytes: number;
  seconds: number;
  rowsPerSecond: number;
  rssBeforeMb: number;
  rssPeakMb: number;
};

const PATHS: Record<ExportKind, string> = {
  invoices: "/invoices/export",
  payments: "/payments/export",
  refunds: "/refunds/export",
};

async function download(url: string, cookie: string, slow: boolean) {
  const response = await fetch(url, { headers: { Cookie: cookie } });
  if (!response.ok || !response.body) throw new Error(`${url} answered ${response.status}`);
  let bytes = 0;
  let lines = 0;
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
    bytes += chunk.byteLength;
    for (const byte of chunk) if (byte === 10) lines++;
    if (slow) await new Promise((r) => setTimeout(r, 20));
  }
  return { bytes, rows: lines - 1 };
}

export async function measureExports(
  baseUrl: string,
  sessions: readonly ScaleSession[],
  options: { rss: RssSampler; pid: number; log: (line: string) => void },
): Promise<ExportRun[]> {
  const runs: ExportRun[] = [];
  const largest = Math.max(...sessions.map((s) => s.size));
  for (const session of sessions) {
    const plans: [ExportKind, boolean][] = [
      ["invoices", false],
      ["payments", false],
      ["refunds", false],
    ];
    if (session.size === largest) plans.push(["invoices", true]);
    for (const [kind, slow] of plans) {
      // Let the last run's garbage go before reading the starting point.
      await new Promise((r) => setTimeout(r, 1_000));
      const rssBeforeMb = treeRssMb(options.pid);
      const started = performance.now();
      const { result, peakMb } = await options.rss.during(() =>
        download(new URL(PATHS[kind], baseUrl).toString(), session.cookie, slow),
      );
      const seconds = (performance.now() - started) / 1000;
      const run: ExportRun = {
        size: session.size,
        kind,
        reader: slow ? "slow" : "fast",
        rows: result.rows,
        megabytes: Number((result.bytes / 1e6).toFixed(2)),
        seconds: Number(seconds.toFixed(2)),
        rowsPerSecond: Math.round(result.rows / seconds),
        rssBeforeMb: Math.round(rssBeforeMb),
        rssPeakMb: Math.round(peakMb),
      };
      runs.push(run);
      options.log(
        `  export ${kind}${slow ? " (slow reader)" : ""} of the ${session.size.toLocaleString("en")} User: ${run.rows.toLocaleString("en")} rows in ${run.seconds} s (${run.rowsPerSecond.toLocaleString("en")} rows/s), RSS ${run.rssBeforeMb} → peak ${run.rssPeakMb} MB`,
      );
    }
  }
  return runs;
}
