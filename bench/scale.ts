import { signIn } from "./lib/auth";
import type { Sql } from "./lib/db";
import { type Batch, type LoadResult, runBatch, summarize, warmUp } from "./lib/load";
import {
  growInvoices,
  insertScaleUser,
  type ScaleUser,
  sampleInvoices,
  vacuumAnalyze,
} from "./lib/seed-scale";

// Every size is a User of its own in one database: the measured Users with 1k, 10k and 100k invoices
// and 20 others who between them hold as many as the largest. The pages are then timed in rounds that
// visit every size in turn, so a burst of load from elsewhere on the machine lands on all sizes alike
// and the growth ratios stay meaningful (timing 1k now and 100k minutes later would not).

export const OTHER_USERS = 20;
const PAGE_SIZE = 25;

export type ScaleEndpoint = { key: string; label: string };

export const SCALE_ENDPOINTS: ScaleEndpoint[] = [
  { key: "invoices", label: "/invoices (first page)" },
  { key: "invoicesPaid", label: "/invoices?status=paid" },
  { key: "invoicesLate", label: "/invoices, last page" },
  { key: "invoice", label: "/invoices/[id]" },
  { key: "payments", label: "/payments" },
  { key: "dashboard", label: "/dashboard (overview: collected, outstanding, overdue, recent)" },
  { key: "invoicesOverdue", label: "/invoices?status=overdue" },
  { key: "invoicesCustomer", label: "/invoices?q=<a customer's email>" },
  { key: "invoicesAmount", label: "/invoices?q=<an amount>" },
  { key: "invoicesDates", label: "/invoices?dates=due&from=…&to= (one week)" },
];

/** What the search endpoints look for in each measured User's invoices (found in the seeded rows). */
export type ScaleSearch = { email: string; amount: string; from: string; to: string };

export type ScaleTarget = { invoiceIds: string[]; search: ScaleSearch };

/** One connection (the server time of a request, nothing queued) and four (a little concurrency). */
export type EndpointTimings = { c1: LoadResult; c4: LoadResult };

export type ScalePoint = {
  size: number;
  /** Seconds to seed this User's invoices (the shared part is in ScaleSection.otherSeedSeconds). */
  seedSeconds: number;
  endpoints: Record<string, EndpointTimings>;
};

export type ScaleData = { measured: Map<number, ScaleUser>; others: ScaleUser[] };

export const measuredEmail = (size: number) => `bench-scale-${size}@bench.test`;

/** Creates and seeds every User; returns seconds per measured size and for the others. */
export async function seedScale(sql: Sql, sizes: readonly number[]) {
  const data: ScaleData = { measured: new Map(), others: [] };
  const seedSeconds = new Map<number, number>();
  for (const size of sizes) {
    const started = performance.now();
    const user = await insertScaleUser(sql, measuredEmail(size));
    await growInvoices(sql, user, size);
    data.measured.set(size, user);
    seedSeconds.set(size, (performance.now() - started) / 1000);
  }
  const started = performance.now();
  const perOther = Math.ceil(Math.max(...sizes) / OTHER_USERS);
  for (let i = 0; i < OTHER_USERS; i++) {
    const other = await insertScaleUser(sql, `bench-other-${i}@bench.test`);
    await growInvoices(sql, other, perOther);
    data.others.push(other);
  }
  await vacuumAnalyze(sql);
  return { data, seedSeconds, otherSeedSeconds: (performance.now() - started) / 1000 };
}

/** A customer's email, an invoice total and a week of due dates from the middle of the User's invoices. */
async function scaleSearch(sql: Sql, user: ScaleUser): Promise<ScaleSearch> {
  const [row] = await sql.query<{ email: string; total: string; currency: string; due: string }>(
    `select c.email, i.total_minor::text total, i.currency, i.due_date::text due
     from invoices i join customers c on c.id = i.customer_id
     where i.user_id = $1 and i.sequence = greatest(1, $2::int / 2)`,
    [user.userId, user.seeded],
  );
  if (!row) throw new Error("no invoice to search for");
  const total = row.total.padStart(3, "0");
  const week = new Date(Date.parse(`${row.due}T00:00:00Z`) + 6 * 86_400_000).toISOString().slice(0, 10);
  return { email: row.email, amount: `${total.slice(0, -2)}.${total.slice(-2)}`, from: row.due, to: week };
}

/** Invoices of each measured User to open (paid ones with a refund, spread over the range), and searches. */
export async function scaleTargets(sql: Sql, data: ScaleData): Promise<Map<number, ScaleTarget>> {
  const targets = new Map<number, ScaleTarget>();
  for (const [size, user] of data.measured) {
    targets.set(size, {
      invoiceIds: await sampleInvoices(sql, user, 50),
      search: await scaleSearch(sql, user),
    });
  }
  return targets;
}

/** The path of each endpoint. */
function paths(key: string, session: ScaleSession): () => string {
  const { invoiceIds, search } = session;
  let i = 0;
  switch (key) {
    case "invoices":
      return () => "/invoices";
    case "invoicesPaid":
      return () => "/invoices?status=paid";
    case "invoicesLate":
      return () => session.latePath;
    case "invoice":
      return () => `/invoices/${invoiceIds[i++ % invoiceIds.length]}`;
    case "payments":
      return () => "/payments";
    case "dashboard":
      return () => "/dashboard";
    case "invoicesOverdue":
      return () => "/invoices?status=overdue";
    case "invoicesCustomer":
      return () => `/invoices?q=${encodeURIComponent(search.email)}`;
    case "invoicesAmount":
      return () => `/invoices?q=${encodeURIComponent(search.amount)}`;
    case "invoicesDates":
      return () => `/invoices?dates=due&from=${search.from}&to=${search.to}`;
    default:
      throw new Error(`unknown endpoint ${key}`);
  }
}

export type ScaleSession = {
  size: number;
  cookie: string;
  invoiceIds: string[];
  search: ScaleSearch;
  latePath: string;
};

/**
 * Times each page for every size, signed in as that size's User: rounds of a few requests with one
 * connection, then with four, visiting the sizes in turn.
 */
export async function measureScale(
  baseUrl: string,
  sessions: readonly ScaleSession[],
  options: { quick: boolean; log: (line: string) => void; pid: number },
): Promise<Map<number, Record<string, EndpointTimings>>> {
  // 80 answers with one connection per page and size: enough that p95 is not one stray stall.
  const rounds = options.quick ? 2 : 4;
  const perRound = options.quick ? { c1: 8, c4: 16 } : { c1: 20, c4: 30 };
  const results = new Map<number, Record<string, EndpointTimings>>(sessions.map((s) => [s.size, {}]));
  for (const endpoint of SCALE_ENDPOINTS) {
    const batches = new Map<number, { c1: Batch[]; c4: Batch[] }>();
    const runners = sessions.map((session) => {
      const path = paths(endpoint.key, session);
      const headers = { Cookie: session.cookie };
      const next = () => ({ path: path() });
      const batch = async (connections: number, amount: number) => {
        const b = await runBatch({
          url: baseUrl,
          connections,
          amount,
          maxSeconds: 10,
          headers,
          next,
          serverPid: options.pid,
        });
        const bad = Object.keys(b.statuses).filter((code) => !code.startsWith("2"));
        if (bad.length > 0 || b.errors > 0) {
          throw new Error(
            `${endpoint.label} answered ${JSON.stringify(b.statuses)} for the ${session.size} User`,
          );
        }
        return b;
      };
      batches.set(session.size, { c1: [], c4: [] });
      return { session, next, headers, batch };
    });
    for (const r of runners) await warmUp(baseUrl, options.quick ? 5 : 10, r.next, r.headers);
    for (let round = 0; round < rounds; round++) {
      for (const r of runners) {
        const mine = batches.get(r.session.size);
        mine?.c1.push(await r.batch(1, perRound.c1));
        mine?.c4.push(await r.batch(4, perRound.c4));
      }
    }
    for (const [size, b] of batches) {
      const timings = { c1: summarize(1, b.c1), c4: summarize(4, b.c4) };
      const record = results.get(size);
      if (record) record[endpoint.key] = timings;
      options.log(
        `  ${size.toLocaleString("en")} invoices ${endpoint.label}: p50/p95 ${timings.c1.p50}/${timings.c1.p95} ms (1 connection), ${timings.c4.p50}/${timings.c4.p95} ms (4)`,
      );
    }
  }
  return results;
}

/**
 * The page "Next" leads to at the end: the 25 oldest invoices. The list pages by cursor (?after=); a
 * build from before that (measuring an older commit) paged by number, and then it is ?page=<last>.
 */
async function latePath(baseUrl: string, cookie: string, size: number): Promise<string> {
  const html = await (await fetch(new URL("/invoices", baseUrl), { headers: { Cookie: cookie } })).text();
  if (/href="\/invoices\?page=2"/.test(html)) return `/invoices?page=${Math.ceil(size / PAGE_SIZE)}`;
  return `/invoices?after=${PAGE_SIZE + 1}`;
}

/** Signs in as each measured User. */
export async function scaleSessions(
  baseUrl: string,
  targets: Map<number, ScaleTarget>,
): Promise<ScaleSession[]> {
  const sessions: ScaleSession[] = [];
  for (const [size, { invoiceIds, search }] of targets) {
    const cookie = await signIn(baseUrl, measuredEmail(size));
    sessions.push({ size, invoiceIds, search, cookie, latePath: await latePath(baseUrl, cookie, size) });
  }
  return sessions;
}
