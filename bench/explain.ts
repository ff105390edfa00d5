// EXPLAIN (ANALYZE, BUFFERS) of the dashboard's queries, captured from the real functions in db/queries
// so the plans always match what the app runs. A child process of bench/run.ts, started with
// `tsx --conditions=react-server` (db/queries imports "server-only"):
//   BENCH_EXPLAIN='{"databaseUrl":…,"userId":…,"invoiceId":…}' tsx --conditions=react-server bench/explain.ts
// It prints one JSON line: ExplainEntry[].
import type { Logger } from "drizzle-orm";
import { drizzle } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import type { Database } from "../db/client";
import { listInvoiceHistory } from "../db/queries/audit";
import { listCustomers } from "../db/queries/customers";
import * as exportQueries from "../db/queries/exports";
import * as invoiceQueries from "../db/queries/invoices";
import * as overviewQueries from "../db/queries/overview";
import * as paymentQueries from "../db/queries/payments";
import { getUserById } from "../db/queries/users";
import * as schema from "../db/schema";
import type { ExplainEntry, ExplainInput } from "./lib/plans";

const input = JSON.parse(process.env.BENCH_EXPLAIN ?? "{}") as ExplainInput;
const client = postgres(input.databaseUrl, { max: 1, onnotice: () => {} });

let captured: { sql: string; params: unknown[] }[] = [];
const logger: Logger = { logQuery: (sql, params) => captured.push({ sql, params }) };
const db: Database = drizzle(client, { schema, logger });

const { userId, invoiceId } = input;
const { getInvoice, sumOutstanding } = invoiceQueries;
const { listPaymentsOfInvoice } = paymentQueries;
// Cursors of the last pages (the 25 oldest invoices and payments), as the Next links lead to them.
const [oldest] = await client<{ seq: number }[]>`
  select sequence seq from invoices where user_id = ${userId} order by sequence offset 25 limit 1`;
const [oldestPayment] = await client<{ id: string }[]>`
  select id from payments where user_id = ${userId} order by created_at, id offset 25 limit 1`;
// Cursors 1,000 rows from the oldest: the export's page before its last, a full page read from deep in the index.
const [deep] = await client<{ seq: number }[]>`
  select sequence seq from invoices where user_id = ${userId} order by sequence offset 1000 limit 1`;
const [deepPayment] = await client<{ id: string }[]>`
  select id from payments where user_id = ${userId} order by created_at, id offset 1000 limit 1`;
type InvoicePageParams = Parameters<typeof invoiceQueries.listInvoicesPage>[1];
type PaymentPageParams = Parameters<typeof paymentQueries.listPaymentsPage>[1];
// The bench may run on an older commit (to measure "before"), whose lists were pages by offset only.
const cursorLists = "listInvoicesPage" in invoiceQueries && "listPaymentsPage" in paymentQueries;
const invoicePage = (p: InvoicePageParams) =>
  cursorLists
    ? invoiceQueries.listInvoicesPage(db, p)
    : invoiceQueries.listInvoices(db, { ...p, offset: p.after === undefined ? 0 : input.lateOffset });
const paymentPage = (p: PaymentPageParams) =>
  cursorLists
    ? paymentQueries.listPaymentsPage(db, p)
    : paymentQueries.listPayments(db, { ...p, offset: p.after === undefined ? 0 : input.lateOffset });
const operations: [string, () => Promise<unknown>][] = [
  ["session: the signed-in User (twice per page)", () => getUserById(db, userId)],
  // The same read also decides whether the cookie was revoked (users.session_version against the
  // cookie's): revocable sessions cost no second query. Listed apart so its plan is reported by name.
  ["session revocation check: User row with session version", () => getUserById(db, userId)],
  ["/invoices: first page", () => invoicePage({ userId, limit: 25 })],
  ["/invoices?status=paid", () => invoicePage({ userId, status: "paid", limit: 25 })],
  ["/invoices: last page", () => invoicePage({ userId, limit: 25, after: oldest?.seq })],
  ["/dashboard: outstanding totals", () => sumOutstanding(db, userId)],
  ["/dashboard: recent invoices", () => invoicePage({ userId, limit: 5 })],
  ["/payments: first page", () => paymentPage({ userId, limit: 25 })],
  ["/payments: last page", () => paymentPage({ userId, limit: 25, after: oldestPayment?.id })],
  ["/invoices/[id]: invoice and items", () => getInvoice(db, { userId, invoiceId })],
  ["/invoices/[id]: history", () => listInvoiceHistory(db, { userId, invoiceId })],
  ["/invoices/[id]: payments", () => listPaymentsOfInvoice(db, { userId, invoiceId })],
  // Not timed as a page, but it counts each listed customer's invoices, so it grows with them.
  ["/customers: first page", () => listCustomers(db, { userId, limit: 25, offset: 0 })],
];

// The overview, search and export queries (issue 16), on trees that have them.
const today = new Date().toISOString().slice(0, 10);
if ("sumCollected" in overviewQueries) {
  const { overviewPeriods } = await import("../lib/overview/periods");
  const periods = overviewPeriods(today);
  operations.push(
    [
      "/dashboard: collected this month and last 30 days",
      () => overviewQueries.sumCollected(db, { userId, timeZone: "Europe/London", periods }),
    ],
    ["/dashboard: overdue", () => invoiceQueries.sumOverdue(db, { userId, today })],
    ["/dashboard: recent payments", () => paymentPage({ userId, limit: 5 })],
    ["/dashboard: recent refunds", () => overviewQueries.listRecentRefunds(db, { userId, limit: 5 })],
    ["/dashboard: checklist facts", () => overviewQueries.checklistFacts(db, userId)],
    ["/invoices?status=overdue", () => invoicePage({ userId, overdueBefore: today, limit: 25 })],
  );
}
if (input.search && "pageInvoicesForExport" in exportQueries) {
  const { searchTerms } = await import("../lib/invoices/search");
  const { email, amount, from, to } = input.search;
  operations.push(
    ["/invoices?q=<customer email>", () => invoicePage({ userId, search: searchTerms(email), limit: 25 })],
    ["/invoices?q=<amount>", () => invoicePage({ userId, search: searchTerms(amount), limit: 25 })],
    [
      "/invoices?dates=due&from&to (a week)",
      () => invoicePage({ userId, dates: { field: "due", from, to }, limit: 25 }),
    ],
    [
      "export: an invoices page of 1,000, deep",
      () => exportQueries.pageInvoicesForExport(db, { userId, after: deep?.seq, limit: 1000 }),
    ],
    [
      "export: a payments page of 1,000, deep",
      () => exportQueries.pagePaymentsForExport(db, { userId, after: deepPayment?.id, limit: 1000 }),
    ],
    [
      "export: a refunds page of 1,000",
      () => exportQueries.pageRefundsForExport(db, { userId, limit: 1000 }),
    ],
  );
}

const number = (text: string, label: string) =>
  Number(new RegExp(`${label}: ([\\d.]+) ms`).exec(text)?.[1] ?? NaN);

const entries: ExplainEntry[] = [];
try {
  for (const [operation, run] of operations) {
    captured = [];
    await run(); // warms the cache, as repeated page loads do, and records the statements
    for (const statement of captured) {
      const rows = await client.unsafe(
        `explain (analyze, buffers) ${statement.sql}`,
        statement.params as never[],
      );
      const plan = rows.map((r) => String(Object.values(r)[0])).join("\n");
      entries.push({
        operation,
        sql: statement.sql,
        executionMs: number(plan, "Execution Time"),
        planningMs: number(plan, "Planning Time"),
        plan,
      });
    }
  }
  console.log(JSON.stringify(entries));
} finally {
  await client.end({ timeout: 5 });
}
