import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { lighthouseMarkdown } from "../lighthouse";
import { paySection, scaleSection, table, verdict, webhookSection } from "./report-sections";
import { ROOT } from "./server";
import { LIMITS } from "./targets";
import type { BenchReport, LoadAverage } from "./types";

const RESULTS = path.join(ROOT, "bench", "results");

/**
 * The figures worth comparing across runs: the top webhook concurrency, the pay page at one connection,
 * the pages and their SQL at the largest size, memory. The rest is in the tables below.
 */
function comparable(key: string, sizes: readonly number[]): boolean {
  if (/\.c(4|10)\.|\.vsNode$|\.webhook\.c1\.|\.pay\.intent\.c50\.|\.pay\.page\.c50\./.test(key)) return false;
  if (key.startsWith("pglite.") && /\.(scale|sql)\./.test(key)) return false;
  if (/\.scale\..*\.cpu$/.test(key)) return false;
  const size = /\.(?:scale|sql)\.(\d+)\./.exec(key)?.[1];
  return size === undefined || Number(size) === sizes.at(-1);
}

const percentChange = (was: number, now: number) =>
  new Intl.NumberFormat("en", { style: "percent", maximumFractionDigits: 0 }).format(now / was - 1);

function describeLoad(l: LoadAverage): string {
  const over = l.mean === undefined ? "" : `, mean ${l.mean}, max ${l.max}`;
  return `${l.start} at the start, ${l.end} at the end${over}`;
}

function compareSection(report: BenchReport): string[] {
  const before = report.comparedWith;
  if (!before) return [];
  const rows = Object.entries(report.headline)
    .filter(([key]) => before.headline[key] && comparable(key, report.options.sizes))
    .map(([key, now]) => {
      const was = before.headline[key]?.value ?? 0;
      const change = was === 0 ? "—" : percentChange(was, now.value);
      const worse = now.better === "higher" ? now.value < was : now.value > was;
      // Sub-millisecond wobble is not a regression worth a mark.
      const mark = was !== 0 && worse && (now.unit !== "ms" || Math.abs(now.value - was) >= 1) ? " ⚠" : "";
      return [now.label, `${was} ${now.unit}`, `${now.value} ${now.unit}`, `${change}${mark}`];
    });
  const load = (l: LoadAverage | null) => (l ? describeLoad(l) : "not recorded");
  return [
    `## Before / after`,
    "",
    `Compared with ${before.file} (${before.startedAt}, commit ${before.commit}), on this machine. ` +
      `Load average then ${load(before.loadAverage)}, now ${load(report.environment.loadAverage)}: where they differ, so do all latencies; ` +
      "read the webhook ratios and the growth within each run, and the CPU per request, rather than absolute times across runs.",
    "",
    table(["figure", "before", "now", "change"], rows),
    "",
  ];
}

export function renderMarkdown(report: BenchReport): string {
  const env = report.environment;
  const lines = [
    `# SixthDesk benchmark — ${report.startedAt}`,
    "",
    `Commit ${env.commit}${env.dirty ? " (with uncommitted changes)" : ""}, build ${env.build}; Node ${env.node}, ${env.cpus} CPUs, ${env.postgres}; ` +
      `1-minute load average ${describeLoad(env.loadAverage)}. ` +
      `Production build under \`next start\`, load generator (autocannon) and Stripe emulator on the same machine. ` +
      `Run took ${(report.durationSeconds / 60).toFixed(1)} min; flags: ${JSON.stringify({ quick: report.options.quick, pglite: report.options.pglite, sizes: report.options.sizes })}.`,
    "",
    "## Targets (bench/README.md, PostgreSQL)",
    "",
    table(
      ["target", "measured", "limit", ""],
      report.targets.map((t) => [t.target, t.figure, t.limit, verdict(t.ok)]),
    ),
    "",
    `Webhook ratios are at the highest concurrency; the pay page's server time at 1 connection; page growth is the ratio of medians from the smallest to the largest size, the page limit on p95 at ${LIMITS.dashboardSize.toLocaleString("en")} invoices.`,
    "",
    "The app's webhook route verifies the signature and stores the event (`insert … on conflict do nothing`), " +
      `${report.options.webhookWorker === "process" ? `and answers (with \`WEBHOOK_WORKER_IN_PROCESS=false\`: a separate \`npm run worker\` process, at nice ${String(report.options.workerNice ?? 0)}, applies the events)` : "wakes the in-process webhook worker and answers"}; the baselines verify and run the same insert + one \`update\` in a transaction. ` +
      "The worker then does what neither baseline does: where the event's own object is not enough it **reads the PaymentIntent (or refund) back from Stripe** (here the emulator at Stripe's live-mode rate limits, an HTTP round trip; a success is applied from `charge.succeeded`, card included, and refunds it holds from the event), " +
      "and in one transaction locks the payment and the invoice, updates the payment, recomputes the invoice's paid/refunded sums and status, " +
      "queues the receipt and paid-notice emails, writes the audit row and marks the event processed. After each level the bench waits for the " +
      "app's backlog (from `/api/health/ready`) to empty: the 'applied end to end' figures include that wait and the worker's CPU (the separate worker's too).",
    "",
    ...compareSection(report),
    "## Results",
    "",
  ];
  for (const column of report.columns) {
    lines.push(`## ${column.database === "postgres" ? "PostgreSQL" : "PGlite"}`, "");
    lines.push(...webhookSection(column), ...paySection(column), ...scaleSection(column));
    lines.push(...lighthouseMarkdown(column, table));
    lines.push(
      `### Memory — ${column.database}`,
      "",
      table(
        ["phase", "peak RSS of the server's process tree"],
        [
          ["webhooks", column.webhooks ? `${column.webhooks.rssPeakMb.toFixed(0)} MB` : "—"],
          ["pay flow", column.pay ? `${column.pay.rssPeakMb.toFixed(0)} MB` : "—"],
          ["scale", column.scale ? `${column.scale.rssPeakMb.toFixed(0)} MB` : "—"],
          ["whole run", `${column.rssPeakMb.toFixed(0)} MB`],
        ],
      ),
      "",
      `Server log lines at warn or error: ${column.serverLogLines}.`,
      ...column.notes.map((n) => `\n${n}`),
      "",
    );
  }
  return `${lines.join("\n")}\n`;
}

/** bench/results/<timestamp>.{json,md} and latest.{json,md}. */
export function writeReport(report: BenchReport): { json: string; md: string } {
  mkdirSync(RESULTS, { recursive: true });
  const stamp = report.startedAt.replace(/[:.]/g, "-");
  const json = `${JSON.stringify(report, null, 2)}\n`;
  const md = renderMarkdown(report);
  for (const name of [stamp, "latest"]) {
    writeFileSync(path.join(RESULTS, `${name}.json`), json);
    writeFileSync(path.join(RESULTS, `${name}.md`), md);
  }
  return { json: path.join(RESULTS, `${stamp}.json`), md: path.join(RESULTS, `${stamp}.md`) };
}
