import { SCALE_ENDPOINTS } from "../scale";
import type { LoadResult } from "./load";
import { webhookRatios } from "./targets";
import type { DatabaseColumn } from "./types";

// The Markdown of each section of one database's results.

export const table = (head: string[], rows: (string | number)[][]) =>
  [
    `| ${head.join(" | ")} |`,
    `|${head.map(() => "---").join("|")}|`,
    ...rows.map((r) => `| ${r.join(" | ")} |`),
  ].join("\n");

export const verdict = (ok: boolean | null) => (ok === null ? "—" : ok ? "✅ pass" : "❌ fail");
const ratio = (n: number | null | undefined) => (n == null ? "—" : `${n.toFixed(2)}×`);
const n1 = (n: number | undefined) => (n === undefined ? "—" : n.toFixed(1));
const cpu = (n: number | null | undefined) => (n == null ? "—" : n.toFixed(1));
const status = (r: LoadResult) =>
  r.non2xx + r.errors === 0 ? "" : ` (${r.non2xx} non-2xx, ${r.errors} errors)`;

export function webhookSection(column: DatabaseColumn): string[] {
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
    r.drain
      ? `${r.drain.seconds} s · ${r.drain.appliedPerSecond} /s · ${cpu(r.drain.cpuMsPerEvent)} ms${
          r.drain.readsPerApplied !== undefined
            ? ` · ${r.drain.readsPerApplied ?? "—"} reads/applied (${r.drain.rateLimited ?? 0} × 429)`
            : ""
        }`
      : "—",
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
        "app worker: drained after · applied end to end · CPU ms per event incl. worker",
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

export function paySection(column: DatabaseColumn): string[] {
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

export function scaleSection(column: DatabaseColumn): string[] {
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
  if (s.exports && s.exports.length > 0) {
    out.push(
      "CSV exports, downloaded through the app (keyset pages of 1,000 rows, streamed); the slow reader pauses 20 ms after every chunk:",
      "",
      table(
        ["export", "rows", "MB", "seconds", "rows/s", "server RSS before → peak (MB)"],
        s.exports.map((e) => [
          `${e.kind} of the ${e.size.toLocaleString("en")} User${e.reader === "slow" ? ", slow reader" : ""}`,
          e.rows.toLocaleString("en"),
          e.megabytes,
          e.seconds,
          e.rowsPerSecond.toLocaleString("en"),
          `${e.rssBeforeMb} → ${e.rssPeakMb}`,
        ]),
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
