import type { Sql } from "./lib/db";
import { type LoadResult, runLoad, warmUp } from "./lib/load";
import {
  growInvoices,
  insertScaleUser,
  MEASURED_EMAIL,
  type ScaleUser,
  sampleInvoices,
  vacuumAnalyze,
} from "./lib/seed-scale";

/** Other Users sharing the tables; together they hold as many invoices as the measured User. */
export const OTHER_USERS = 20;
const PAGE_SIZE = 25;

export type ScaleEndpoint = { key: string; label: string };

export const SCALE_ENDPOINTS: ScaleEndpoint[] = [
  { key: "invoices", label: "/invoices (first page)" },
  { key: "invoicesPaid", label: "/invoices?status=paid" },
  { key: "invoicesLate", label: "/invoices, last page" },
  { key: "invoice", label: "/invoices/[id]" },
  { key: "payments", label: "/payments" },
  { key: "dashboard", label: "/dashboard (totals + recent)" },
];

export type ScalePoint = {
  size: number;
  seedSeconds: number;
  endpoints: Record<string, LoadResult>;
};

export type ScaleData = { measured: ScaleUser; others: ScaleUser[] };

export async function createScaleUsers(sql: Sql): Promise<ScaleData> {
  const measured = await insertScaleUser(sql, MEASURED_EMAIL);
  const others: ScaleUser[] = [];
  for (let i = 0; i < OTHER_USERS; i++)
    others.push(await insertScaleUser(sql, `bench-other-${i}@bench.test`));
  return { measured, others };
}

/** Grows the measured User to `size` invoices and each other User to size / OTHER_USERS; then VACUUM ANALYZE. */
export async function seedScale(sql: Sql, data: ScaleData, size: number): Promise<number> {
  const started = performance.now();
  await growInvoices(sql, data.measured, size);
  for (const other of data.others) await growInvoices(sql, other, Math.ceil(size / OTHER_USERS));
  await vacuumAnalyze(sql);
  return (performance.now() - started) / 1000;
}

export type ScaleTargets = { invoiceIds: string[]; size: number };

export async function scaleTargets(sql: Sql, data: ScaleData, size: number): Promise<ScaleTargets> {
  return { invoiceIds: await sampleInvoices(sql, data.measured, 50), size };
}

/** The path of each endpoint; the late page is the one with the oldest invoices. */
function paths(key: string, targets: ScaleTargets): () => string {
  let i = 0;
  switch (key) {
    case "invoices":
      return () => "/invoices";
    case "invoicesPaid":
      return () => "/invoices?status=paid";
    case "invoicesLate":
      return () => `/invoices?page=${Math.ceil(targets.size / PAGE_SIZE)}`;
    case "invoice":
      return () => `/invoices/${targets.invoiceIds[i++ % targets.invoiceIds.length]}`;
    case "payments":
      return () => "/payments";
    case "dashboard":
      return () => "/dashboard";
    default:
      throw new Error(`unknown endpoint ${key}`);
  }
}

export function lateOffset(size: number) {
  return (Math.ceil(size / PAGE_SIZE) - 1) * PAGE_SIZE;
}

/** Times each dashboard page, signed in as the measured User, with 4 connections. */
export async function measureScale(
  baseUrl: string,
  cookie: string,
  targets: ScaleTargets,
  options: { quick: boolean; log: (line: string) => void },
): Promise<Record<string, LoadResult>> {
  const results: Record<string, LoadResult> = {};
  const headers = { Cookie: cookie };
  for (const endpoint of SCALE_ENDPOINTS) {
    const path = paths(endpoint.key, targets);
    const next = () => ({ path: path() });
    await warmUp(baseUrl, 10, next, headers);
    const result = await runLoad({
      url: baseUrl,
      connections: 4,
      amount: options.quick ? 60 : 200,
      maxSeconds: 10,
      headers,
      next,
    });
    if (result.ok !== result.requests) {
      throw new Error(
        `${endpoint.label} answered ${JSON.stringify(result.statuses)} at ${targets.size} invoices`,
      );
    }
    results[endpoint.key] = result;
    options.log(`  ${targets.size} invoices ${endpoint.label}: p50 ${result.p50} ms, p95 ${result.p95} ms`);
  }
  return results;
}
