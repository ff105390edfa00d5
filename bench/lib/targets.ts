import { lighthouseHeadline, lighthouseTargets } from "../lighthouse";
import type { DatabaseColumn, Headline, TargetCheck } from "./types";

// The targets of bench/README.md. Throughput is compared at the highest concurrency (the route's capacity); the pay page's
// server time at one connection (no queueing); page growth as the ratio of medians (p95s on a shared
// 2-core box are too noisy for a ratio), the absolute page limit on p95.
export const LIMITS = {
  webhookVsBareNext: 0.85,
  webhookP99AtFiftyMs: 200,
  payPageExtraGzipBytes: 30_000,
  payPageP50Ms: 20,
  dashboardP95Ms: 50,
  dashboardGrowth: 1.5,
  rssMb: 300,
  appliedVsAcknowledged: 0.8,
  readsPerApplied: 0.25,
  cpuMsPerApplied: 4,
  dashboardSize: 100_000,
  /** How much more the server may hold at its peak exporting the largest User's invoices than the smallest's. */
  exportRssGrowthMb: 25,
};

const ms = (n: number) => `${n.toFixed(1)} ms`;
const kb = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`;

export function webhookRatios(column: DatabaseColumn) {
  const runs = column.webhooks?.runs ?? [];
  const app = runs.find((r) => r.target.name === "app");
  const bare = runs.find((r) => r.target.name === "bare-next");
  const node = runs.find((r) => r.target.name === "node-http");
  return (app?.levels ?? []).map((level, i) => ({
    connections: level.connections,
    app: level,
    drain: app?.drains?.[i],
    bareNext: bare?.levels[i],
    nodeHttp: node?.levels[i],
    vsBareNext: bare?.levels[i] ? level.perSecond / bare.levels[i].perSecond : null,
    vsNodeHttp: node?.levels[i] ? level.perSecond / node.levels[i].perSecond : null,
  }));
}

export function evaluateTargets(columns: readonly DatabaseColumn[]): TargetCheck[] {
  const pg = columns.find((c) => c.database === "postgres");
  const checks: TargetCheck[] = [];
  if (!pg) return checks;
  if (pg.webhooks) {
    const top = webhookRatios(pg).at(-1);
    if (top?.vsBareNext != null) {
      checks.push({
        target: `Webhook throughput vs a bare Next route (same verify + SQL), ${top.connections} connections`,
        figure: `${top.vsBareNext.toFixed(2)}× (${top.app.perSecond} vs ${top.bareNext?.perSecond} events/s)`,
        limit: `≥ ${LIMITS.webhookVsBareNext}×`,
        ok: top.vsBareNext >= LIMITS.webhookVsBareNext,
      });
    }
    if (top?.vsNodeHttp != null) {
      checks.push({
        target: `Webhook throughput vs bare node:http + postgres (reported; no target)`,
        figure: `${top.vsNodeHttp.toFixed(2)}× (${top.app.perSecond} vs ${top.nodeHttp?.perSecond} events/s)`,
        limit: "reported",
        ok: null,
      });
    }
    if (top?.drain) {
      const drain = top.drain;
      const ratio = top.app.perSecond > 0 ? drain.appliedPerSecond / top.app.perSecond : 0;
      checks.push({
        target: `Webhook events applied end to end (route + worker until the backlog is empty, emulator at Stripe's live-mode limits) vs acknowledged, ${top.connections} connections`,
        figure: `${ratio.toFixed(2)}× (${drain.appliedPerSecond} vs ${top.app.perSecond} events/s; backlog empty ${drain.seconds} s after the last answer)`,
        limit: `≥ ${LIMITS.appliedVsAcknowledged}×`,
        ok: ratio >= LIMITS.appliedVsAcknowledged,
      });
      if (drain.readsPerApplied !== undefined) {
        checks.push({
          target: `Stripe requests per applied event (new events stored, not duplicates), ${top.connections} connections`,
          figure: `${drain.readsPerApplied ?? "—"} (${drain.stripeRequests} requests, ${drain.rateLimited} answered 429, for ${drain.applied} events)`,
          limit: `≤ ${LIMITS.readsPerApplied}`,
          ok: drain.readsPerApplied !== null && drain.readsPerApplied <= LIMITS.readsPerApplied,
        });
      }
      checks.push({
        target: `Server CPU per event acknowledged and applied (route + worker), ${top.connections} connections`,
        figure: `${drain.cpuMsPerEvent ?? "—"} ms`,
        limit: `≤ ${LIMITS.cpuMsPerApplied} ms`,
        ok: drain.cpuMsPerEvent !== null && drain.cpuMsPerEvent <= LIMITS.cpuMsPerApplied,
      });
    }
    const fifty = pg.webhooks.runs
      .find((r) => r.target.name === "app")
      ?.levels.find((l) => l.connections === 50);
    if (fifty) {
      checks.push({
        target: "Webhook p99 at 50 connections",
        figure: ms(fifty.p99),
        limit: `≤ ${LIMITS.webhookP99AtFiftyMs} ms`,
        ok: fifty.p99 <= LIMITS.webhookP99AtFiftyMs,
      });
    }
    const failed = pg.webhooks.checks.filter((c) => !c.ok);
    checks.push({
      target: "Every webhook event applied exactly once",
      figure:
        failed.length === 0 ? `${pg.webhooks.checks.length} checks hold` : `${failed.length} checks fail`,
      limit: "all hold",
      ok: failed.length === 0,
    });
  }
  if (pg.pay) {
    const { extraGzipBytes } = pg.pay.firstLoad;
    checks.push({
      target: "Pay page first-load JS above the empty page (gzipped)",
      figure: kb(extraGzipBytes),
      limit: `≤ ${kb(LIMITS.payPageExtraGzipBytes)}`,
      ok: extraGzipBytes <= LIMITS.payPageExtraGzipBytes,
    });
    const one = pg.pay.page.find((l) => l.connections === 1);
    if (one) {
      checks.push({
        target: "Pay page server time p50 (1 connection)",
        figure: ms(one.p50),
        limit: `≤ ${LIMITS.payPageP50Ms} ms`,
        ok: one.p50 <= LIMITS.payPageP50Ms,
      });
    }
  }
  if (pg.scale && pg.scale.points.length > 0) {
    const first = pg.scale.points[0];
    const last = pg.scale.points.at(-1);
    if (first && last) {
      const atSize = last.size >= LIMITS.dashboardSize;
      for (const [key, timings] of Object.entries(last.endpoints)) {
        checks.push({
          target: `${key} p95 at ${last.size.toLocaleString("en")} invoices (server time, 1 connection)`,
          figure: `${ms(timings.c1.p95)} (${ms(timings.c4.p95)} with 4 connections)`,
          limit: `≤ ${LIMITS.dashboardP95Ms} ms${atSize ? "" : " (limit is for 100k)"}`,
          ok: atSize ? timings.c1.p95 <= LIMITS.dashboardP95Ms : null,
        });
        const base = first.endpoints[key];
        if (base && last !== first) {
          const growth = timings.c1.p50 / base.c1.p50;
          const growth4 = timings.c4.p50 / base.c4.p50;
          checks.push({
            target: `${key} growth ${first.size.toLocaleString("en")} → ${last.size.toLocaleString("en")} (median, 1 connection)`,
            figure: `${growth.toFixed(2)}× (${growth4.toFixed(2)}× with 4)`,
            limit: `≤ ${LIMITS.dashboardGrowth}×`,
            ok: atSize ? growth <= LIMITS.dashboardGrowth : null,
          });
        }
      }
    }
  }
  checks.push(...lighthouseTargets(pg));
  const exports = pg.scale?.exports?.filter((e) => e.kind === "invoices" && e.reader === "fast") ?? [];
  const small = exports[0];
  const large = exports.at(-1);
  if (small && large && large.size > small.size) {
    const growth = large.rssPeakMb - large.rssBeforeMb - (small.rssPeakMb - small.rssBeforeMb);
    checks.push({
      target: `Invoice CSV export in constant memory: peak RSS above its start, ${large.size.toLocaleString("en")} rows vs ${small.size.toLocaleString("en")}`,
      figure: `${large.rssPeakMb - large.rssBeforeMb} vs ${small.rssPeakMb - small.rssBeforeMb} MB (${large.rowsPerSecond.toLocaleString("en")} rows/s)`,
      limit: `≤ ${LIMITS.exportRssGrowthMb} MB more`,
      ok: growth <= LIMITS.exportRssGrowthMb,
    });
  }
  checks.push({
    target: "Server RSS under load (PostgreSQL), peak",
    figure: `${pg.rssPeakMb.toFixed(0)} MB`,
    limit: `≤ ${LIMITS.rssMb} MB`,
    ok: pg.rssPeakMb <= LIMITS.rssMb,
  });
  return checks;
}

/** Flat figures by key, to compare one run with another (before/after a change). */
export function headline(columns: readonly DatabaseColumn[]): Record<string, Headline> {
  const out: Record<string, Headline> = {};
  const put = (key: string, label: string, value: number | null | undefined, unit: string, lower = true) => {
    if (value != null) out[key] = { label, value, unit, better: lower ? "lower" : "higher" };
  };
  for (const column of columns) {
    const db = column.database;
    for (const row of webhookRatios(column)) {
      const [k, l] = [`${db}.webhook.c${row.connections}`, `${db} webhook, c=${row.connections}:`];
      put(`${k}.eps`, `${l} events/s`, row.app.perSecond, "/s", false);
      put(`${k}.p99`, `${l} p99`, row.app.p99, "ms");
      put(`${k}.cpu`, `${l} server CPU per event`, row.app.cpuMsPerRequest, "ms");
      put(
        `${k}.vsBareNext`,
        `${l} ÷ bare Next`,
        row.vsBareNext == null ? null : round2(row.vsBareNext),
        "×",
        false,
      );
      put(
        `${k}.vsNode`,
        `${l} ÷ node:http`,
        row.vsNodeHttp == null ? null : round2(row.vsNodeHttp),
        "×",
        false,
      );
    }
    if (column.pay) {
      for (const r of column.pay.page) {
        put(`${db}.pay.page.c${r.connections}.p50`, `${db} pay page, c=${r.connections}: p50`, r.p50, "ms");
        put(
          `${db}.pay.page.c${r.connections}.cpu`,
          `${db} pay page, c=${r.connections}: server CPU`,
          r.cpuMsPerRequest,
          "ms",
        );
      }
      for (const r of column.pay.intentReuse) {
        put(
          `${db}.pay.intent.c${r.connections}.p50`,
          `${db} intent (reuse), c=${r.connections}: p50`,
          r.p50,
          "ms",
        );
      }
      put(`${db}.pay.js`, `${db} pay page extra JS (gz)`, column.pay.firstLoad.extraGzipBytes, "B");
    }
    for (const point of column.scale?.points ?? []) {
      for (const [key, r] of Object.entries(point.endpoints)) {
        for (const c of ["c1", "c4"] as const) {
          const [k, l] = [
            `${db}.scale.${point.size}.${key}.${c}`,
            `${db} ${key} @${point.size.toLocaleString("en")}, ${c}:`,
          ];
          put(`${k}.p50`, `${l} p50`, r[c].p50, "ms");
          put(`${k}.p95`, `${l} p95`, r[c].p95, "ms");
          put(`${k}.cpu`, `${l} server CPU`, r[c].cpuMsPerRequest, "ms");
        }
      }
    }
    for (const [size, queries] of Object.entries(column.scale?.queryMs ?? {})) {
      for (const [operation, msValue] of Object.entries(queries)) {
        put(
          `${db}.sql.${size}.${operation}`,
          `${db} SQL @${Number(size).toLocaleString("en")}: ${operation}`,
          round2(msValue),
          "ms",
        );
      }
    }
    for (const e of column.scale?.exports ?? []) {
      const k = `${db}.export.${e.kind}.${e.reader}.${e.size}`;
      const l = `${db} ${e.kind} export${e.reader === "slow" ? " (slow reader)" : ""} @${e.size.toLocaleString("en")}:`;
      put(`${k}.rps`, `${l} rows/s`, e.rowsPerSecond, "/s", false);
      put(`${k}.rss`, `${l} peak RSS`, e.rssPeakMb, "MB");
    }
    put(`${db}.rss`, `${db} server peak RSS`, Math.round(column.rssPeakMb), "MB");
    Object.assign(out, lighthouseHeadline(column));
  }
  return out;
}

const round2 = (n: number) => Number(n.toFixed(2));
