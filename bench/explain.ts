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
import { getInvoice, listInvoicesPage, sumOutstanding } from "../db/queries/invoices";
import { listPaymentsOfInvoice, listPaymentsPage } from "../db/queries/payments";
import { getUserById } from "../db/queries/users";
import * as schema from "../db/schema";
import type { ExplainEntry, ExplainInput } from "./lib/plans";

const input = JSON.parse(process.env.BENCH_EXPLAIN ?? "{}") as ExplainInput;
const client = postgres(input.databaseUrl, { max: 1, onnotice: () => {} });

let captured: { sql: string; params: unknown[] }[] = [];
const logger: Logger = { logQuery: (sql, params) => captured.push({ sql, params }) };
const db: Database = drizzle(client, { schema, logger });

const { userId, invoiceId } = input;
// Cursors of the last pages (the 25 oldest invoices and payments), as the Next links lead to them.
const [oldest] = await client<{ seq: number }[]>`
  select sequence seq from invoices where user_id = ${userId} order by sequence offset 25 limit 1`;
const [oldestPayment] = await client<{ id: string }[]>`
  select id from payments where user_id = ${userId} order by created_at, id offset 25 limit 1`;
const operations: [string, () => Promise<unknown>][] = [
  ["session: the signed-in User (twice per page)", () => getUserById(db, userId)],
  ["/invoices: first page", () => listInvoicesPage(db, { userId, limit: 25 })],
  ["/invoices?status=paid", () => listInvoicesPage(db, { userId, status: "paid", limit: 25 })],
  ["/invoices: last page", () => listInvoicesPage(db, { userId, limit: 25, after: oldest?.seq })],
  ["/dashboard: outstanding totals", () => sumOutstanding(db, userId)],
  ["/dashboard: recent invoices", () => listInvoicesPage(db, { userId, limit: 5 })],
  ["/payments: first page", () => listPaymentsPage(db, { userId, limit: 25 })],
  ["/payments: last page", () => listPaymentsPage(db, { userId, limit: 25, after: oldestPayment?.id })],
  ["/invoices/[id]: invoice and items", () => getInvoice(db, { userId, invoiceId })],
  ["/invoices/[id]: history", () => listInvoiceHistory(db, { userId, invoiceId })],
  ["/invoices/[id]: payments", () => listPaymentsOfInvoice(db, { userId, invoiceId })],
];

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
