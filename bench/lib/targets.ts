import type { DatabaseColumn, Headline, TargetCheck } from "./types";

// DESIGN §7. Throughput is compared at the highest concurrency (the route's capacity); the pay page's
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
  dashboardSize: 100_000,
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
        target: `Webhook throughput vs bare node:http + postgres (the issue's baseline; no DESIGN limit)`,
        figure: `${top.vsNodeHttp.toFixed(2)}× (${top.app.perSecond} vs ${top.nodeHttp?.perSecond} events/s)`,
        limit: "reported",
        ok: null,
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
      for (const [key, result] of Object.entries(last.endpoints)) {
        checks.push({
          target: `${key} p95 at ${last.size.toLocaleString("en")} invoices`,
          figure: ms(result.p95),
          limit: `≤ ${LIMITS.dashboardP95Ms} ms${atSize ? "" : " (limit is for 100k)"}`,
          ok: atSize ? result.p95 <= LIMITS.dashboardP95Ms : null,
        });
        const base = first.endpoints[key];
        if (base && last !== first) {
          const growth = result.p50 / base.p50;
          checks.push({
            target: `${key} growth ${first.size.toLocaleString("en")} → ${last.size.toLocaleString("en")} (median)`,
            figure: `${growth.toFixed(2)}×`,
            limit: `≤ ${LIMITS.dashboardGrowth}×`,
            ok: atSize ? growth <= LIMITS.dashboardGrowth : null,
          });
        }
      }
    }
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
  for (const column of columns) {
    const db = column.database;
    for (const row of webhookRatios(column)) {
      const c = row.connections;
      out[`${db}.webhook.c${c}.eps`] = {
        label: `${db} webhook events/s, c=${c}`,
        value: row.app.perSecond,
        unit: "/s",
        better: "higher",
      };
      out[`${db}.webhook.c${c}.p99`] = {
        label: `${db} webhook p99, c=${c}`,
        value: row.app.p99,
        unit: "ms",
        better: "lower",
      };
      if (row.vsBareNext != null) {
        out[`${db}.webhook.c${c}.vsBareNext`] = {
          label: `${db} webhook ÷ bare Next, c=${c}`,
          value: round2(row.vsBareNext),
          unit: "×",
          better: "higher",
        };
      }
      if (row.vsNodeHttp != null) {
        out[`${db}.webhook.c${c}.vsNode`] = {
          label: `${db} webhook ÷ node:http, c=${c}`,
          value: round2(row.vsNodeHttp),
          unit: "×",
          better: "higher",
        };
      }
    }
    if (column.pay) {
      for (const l of column.pay.page) {
        out[`${db}.pay.page.c${l.connections}.p50`] = {
          label: `${db} pay page p50, c=${l.connections}`,
          value: l.p50,
          unit: "ms",
          better: "lower",
        };
      }
      for (const l of column.pay.intentReuse) {
        out[`${db}.pay.intent.c${l.connections}.p50`] = {
          label: `${db} intent (reuse) p50, c=${l.connections}`,
          value: l.p50,
          unit: "ms",
          better: "lower",
        };
      }
      out[`${db}.pay.js`] = {
        label: `${db} pay page extra JS (gz)`,
        value: column.pay.firstLoad.extraGzipBytes,
        unit: "B",
        better: "lower",
      };
    }
    for (const point of column.scale?.points ?? []) {
      for (const [key, r] of Object.entries(point.endpoints)) {
        out[`${db}.scale.${point.size}.${key}.p50`] = {
          label: `${db} ${key} @${point.size} p50`,
          value: r.p50,
          unit: "ms",
          better: "lower",
        };
        out[`${db}.scale.${point.size}.${key}.p95`] = {
          label: `${db} ${key} @${point.size} p95`,
          value: r.p95,
          unit: "ms",
          better: "lower",
        };
      }
    }
    out[`${db}.rss`] = {
      label: `${db} server peak RSS`,
      value: Math.round(column.rssPeakMb),
      unit: "MB",
      better: "lower",
    };
  }
  return out;
}

const round2 = (n: number) => Math.round(n * 100) / 100;
