import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { SCALE_ENDPOINTS } from "../scale";
import type { LoadResult } from "./load";
import { ROOT } from "./server";
import { LIMITS, webhookRatios } from "./targets";
import type { BenchReport, DatabaseColumn, LoadAverage } from "./types";

const RESULTS = path.join(ROOT, "bench", "results");

const table = (head: string[], rows: (string | number)[][]) =>
  [
    `| ${head.join(" | ")} |`,
    `|${head.map(() => "---").join("|")}|`,
    ...rows.map((r) => `| ${r.join(" | ")} |`),
  ].join("\n");

const verdict = (ok: boolean | null) => (ok === null ? "—" : ok ? "✅ pass" : "❌ fail");
const ratio = (n: number | null | undefined) => (n == null ? "—" : `${n.toFixed(2)}×`);
const n1 = (n: number | undefined) => (n === undefined ? "—" : n.toFixed(1));
const cpu = (n: number | null | undefined) => (n == null ? "—" : n.toFixed(1));
const status = (r: LoadResult) =>
  r.non2xx + r.errors === 0 ? "" : ` (${r.non2xx} non-2xx, ${r.errors} errors)`;

function webhookSection(column: DatabaseColumn): string[] {
  const w = column.webhooks;
  if (!w) return [];
  const rows = webhookRatios(column).map((r) => [
    r.connections,
    `${r.app.perSecond}${status(r.app)}`,
    `${n1(r.app.p50)} / ${n1(r.app.p99)}`,
    r.bareNext ? `${r.bareNext.perSecond} (${n1(r.bareNext.p50)} / ${n1(r.bareNext.p99)})` : "—",
    r.nodeHttp ? `${r.nodeHttp.perSecond} (${n1(r.nodeHttp.p50)} / ${n1(r.nodeHttp.p99)})` : "—",
    ratio(r.vsBareNext),
    ratio(r.vsNodeHttp),
    [r.app, r.bareNext, r.nodeHttp].map((l) => cpu(l?.cpuMsPerRequest)).join(" · "),
  ]);
  const app = w.runs.find((r) => r.target.name === "app");
  const sent = app?.levels.reduce((s, l) => s + l.requests, 0) ?? 0;
  const failed = app?.levels.reduce((s, l) => s + l.non2xx + l.errors, 0) ?? 0;
  return [
    `### Webhook ingestion — ${column.database}`,
    "",
    `Signed events posted by autocannon on loopback, in order from one stream (${Object.entries(w.mix)
      .map(([k, v]) => `${v} ${k.replace("_", " ")}`)
      .join(
        ", ",
      )}); ${sent} timed requests to the app (${failed} answered other than 2xx); ${app?.redelivered ?? 0} events delivered again afterwards because a level ended while they were in flight or they were not answered 200, as Stripe would retry them.`,
    "",
    table(
      [
        "connections",
        "app events/s",
        "app p50 / p99 ms",
        "bare Next route events/s (p50 / p99)",
        "bare node:http events/s (p50 / p99)",
        "app ÷ bare Next",
        "app ÷ node:http",
        "server CPU ms per event: app · bare Next · node:http",
      ],
      rows,
    ),
    "",
    `Outcomes answered by the app: ${Object.entries(app?.outcomes ?? {})
      .map(([k, v]) => `${k} ${v}`)
      .join(", ")}.`,
    "",
    "Exactly once, checked in the database afterwards:",
    "",
    table(
      ["check", "expected", "actual", ""],
      w.checks.map((c) => [c.check, c.expected, c.actual, c.ok ? "✅" : "❌"]),
    ),
    ...Object.entries(w.baselineChecks).flatMap(([name, checks]) =>
      checks.map((c) => `\n${name}: ${c.check}: ${c.actual} of ${c.expected} ${c.ok ? "✅" : "❌"}`),
    ),
    "",
  ];
}

function loadRow(name: string, r: LoadResult) {
  return [
    name,
    r.connections,
    `${r.perSecond}${status(r)}`,
    n1(r.p50),
    n1(r.p95),
    n1(r.p99),
    cpu(r.cpuMsPerRequest),
  ];
}

function paySection(column: DatabaseColumn): string[] {
  const p = column.pay;
  if (!p) return [];
  const js = p.firstLoad;
  return [
    `### Pay flow — ${column.database}`,
    "",
    table(
      ["request", "connections", "req/s", "p50 ms", "p95 ms", "p99 ms", "server CPU ms/request"],
      [
        ...p.page.map((r) => loadRow("GET /pay/[token]", r)),
        loadRow("POST /api/pay/[token]/intent — first call (creates the PaymentIntent)", p.intentCreate),
        ...p.intentReuse.map((r) =>
          loadRow("POST /api/pay/[token]/intent — later calls (retrieve, reuse)", r),
        ),
      ],
    ),
    "",
    table(
      ["first-load JavaScript", "scripts", "raw", "gzipped"],
      [
        [
          "pay page",
          js.payPage.scripts,
          `${(js.payPage.rawBytes / 1000).toFixed(1)} kB`,
          `${(js.payPage.gzipBytes / 1000).toFixed(1)} kB`,
        ],
        [
          "empty page (the build's not-found page)",
          js.emptyPage.scripts,
          `${(js.emptyPage.rawBytes / 1000).toFixed(1)} kB`,
          `${(js.emptyPage.gzipBytes / 1000).toFixed(1)} kB`,
        ],
        ["pay page − empty page", "", "", `**${(js.extraGzipBytes / 1000).toFixed(1)} kB**`],
      ],
    ),
    "",
  ];
}

function scaleSection(column: DatabaseColumn): string[] {
  const s = column.scale;
  if (!s || s.points.length === 0) return [];
  const sizes = s.points.map((p) => p.size);
  const first = s.points[0];
  const last = s.points.at(-1);
  const growth = (key: string, c: "c1" | "c4") =>
    first && last && first !== last
      ? ratio((last.endpoints[key]?.[c].p50 ?? 0) / (first.endpoints[key]?.[c].p50 ?? 1))
      : "—";
  const rows = SCALE_ENDPOINTS.map((e) => [
    e.label,
    ...s.points.map((p) => {
      const r = p.endpoints[e.key];
      return r
        ? `${n1(r.c1.p50)} / ${n1(r.c1.p95)} · ${n1(r.c4.p50)} / ${n1(r.c4.p95)} · ${cpu(r.c1.cpuMsPerRequest)}`
        : "—";
    }),
    `${growth(e.key, "c1")} · ${growth(e.key, "c4")}`,
  ]);
  const out = [
    `### Dashboards at scale — ${column.database}`,
    "",
    `One User per size, all in one database, with ${s.otherUsers} other Users holding as many invoices as the largest between them; ` +
      "timed in rounds that visit every size in turn, so load from elsewhere on the machine falls on all sizes alike. " +
      "Signed in; p50 / p95 ms with 1 connection (the server time of one request) · with 4 connections (one Node process, so requests queue) · the server's CPU ms per request (steadier than latency when the machine is busy).",
    "",
    table(
      ["page", ...sizes.map((n) => `${n.toLocaleString("en")} invoices`), "growth of the median, c=1 · c=4"],
      rows,
    ),
    "",
    `Seeding (SQL generate_series): ${s.points.map((p) => `${p.size.toLocaleString("en")} in ${p.seedSeconds.toFixed(1)} s`).join(", ")}; the other Users and VACUUM ANALYZE ${s.otherSeedSeconds.toFixed(1)} s.`,
    "",
  ];
  const qSizes = Object.keys(s.queryMs).map(Number);
  if (qSizes.length > 0) {
    const operations = Object.keys(s.queryMs[qSizes[0] as number] ?? {});
    out.push(
      "Database time per query (EXPLAIN ANALYZE execution time, ms; statements of one call summed):",
      "",
      table(
        ["query", ...qSizes.map((n) => n.toLocaleString("en"))],
        operations.map((op) => [op, ...qSizes.map((n) => n1(s.queryMs[n]?.[op]))]),
      ),
      "",
    );
  }
  if (s.plans.length > 0) {
    out.push(`Slowest plans at ${sizes.at(-1)?.toLocaleString("en")} invoices:`, "");
    for (const plan of s.plans) {
      out.push(
        `**${plan.operation}** — ${plan.executionMs.toFixed(2)} ms`,
        "",
        "```sql",
        plan.sql,
        "```",
        "```",
        plan.plan,
        "```",
        "",
      );
    }
  }
  return out;
}

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
      const change = was === 0 ? "—" : `${((now.value / was - 1) * 100).toFixed(0)}%`;
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
    "## Targets (DESIGN §7, PostgreSQL)",
    "",
    table(
      ["target", "measured", "limit", ""],
      report.targets.map((t) => [t.target, t.figure, t.limit, verdict(t.ok)]),
    ),
    "",
    `Webhook ratios are at the highest concurrency; the pay page's server time at 1 connection; page growth is the ratio of medians from the smallest to the largest size, the page limit on p95 at ${LIMITS.dashboardSize.toLocaleString("en")} invoices.`,
    "",
    "What the app's webhook route does that both baselines do not: it checks `stripe_events` for the id, " +
      "finds the payment, **reads the PaymentIntent (or refund) back from Stripe** (here the emulator, an HTTP round trip), " +
      "then in one transaction stores the event, locks the payment and the invoice, updates the payment, recomputes the " +
      "invoice's paid/refunded sums and status, queues the receipt and paid-notice emails (rendered), writes the audit row and marks the event processed. " +
      "The baselines verify the signature and run `insert … on conflict do nothing` + one `update` in a transaction.",
    "",
    ...compareSection(report),
    "## Results",
    "",
  ];
  for (const column of report.columns) {
    lines.push(`## ${column.database === "postgres" ? "PostgreSQL" : "PGlite"}`, "");
    lines.push(...webhookSection(column), ...paySection(column), ...scaleSection(column));
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
