import { eq, sql } from "drizzle-orm";
import postgres from "postgres";
import { describe, expect, it } from "vitest";
import { openDatabase } from "@/db/client";
import { businessProfiles, invoices, recurringRuns, recurringSchedules } from "@/db/schema";
import { runDueRecurring } from "@/lib/recurring/run";
import { addCustomer, sentInvoice } from "../support/fixtures";
import { integrationHarness } from "../support/harness";

// Two app instances and a worker, each with its own pool on one PostgreSQL, run the recurring pass for
// the same minute after downtime; one of them loses its connections mid-pass. Every run is issued once.
const h = integrationHarness({ emulator: false });

function instance(name: string) {
  const url = new URL(h.handle.url ?? "");
  url.searchParams.set("application_name", name);
  return openDatabase({ kind: "postgres", url: url.toString(), max: 3 });
}

describe("recurring invoices across instances", () => {
  it("three processes at once, one killed mid-pass, then a restart: each run issued exactly once", async () => {
    const user = await h.user();
    await h.db.insert(businessProfiles).values({ userId: user.id, timeZone: "Europe/London" });
    const customer = await addCustomer(h.db, user.id, { email: "ap@contoso.test" });
    const template = await sentInvoice(h.db, user, { customerId: customer.id });
    const count = 20;
    for (let i = 0; i < count; i++) {
      await h.db.insert(recurringSchedules).values({
        userId: user.id,
        templateInvoiceId: template.invoiceId,
        frequency: "monthly",
        startOn: "2031-01-31",
        nextRunOn: "2031-01-31",
      });
    }
    // Down since January: the runs of 31 Jan, 28 Feb and 31 Mar are due for each schedule.
    const now = new Date("2031-04-02T09:00:00Z");
    const [a, b, worker] = [instance("sixthdesk-a"), instance("sixthdesk-b"), instance("sixthdesk-worker")];
    const admin = postgres(h.handle.url ?? "", { max: 1, onnotice: () => {} });
    try {
      const killB = (async () => {
        for (let i = 0; i < 400; i++) {
          const [row] = await admin`select count(*)::int as n from recurring_runs`;
          if ((row?.n ?? 0) >= 5) break;
          await new Promise((resolve) => setTimeout(resolve, 10));
        }
        await admin`select pg_terminate_backend(pid) from pg_stat_activity where application_name = 'sixthdesk-b'`;
      })();
      const passes = await Promise.allSettled([
        runDueRecurring(a.db, { now, batchSize: 3 }),
        runDueRecurring(b.db, { now, batchSize: 2 }),
        runDueRecurring(worker.db, { now, batchSize: 5 }),
        killB,
      ]);
      expect(passes[0]?.status).toBe("fulfilled");
      expect(passes[2]?.status).toBe("fulfilled");
      await runDueRecurring(h.db, { now });
      await runDueRecurring(a.db, { now });

      const runs = await h.db
        .select({ runOn: recurringRuns.runOn, n: sql<number>`count(*)::int` })
        .from(recurringRuns)
        .groupBy(recurringRuns.runOn)
        .orderBy(recurringRuns.runOn);
      expect(runs).toEqual([
        { runOn: "2031-01-31", n: count },
        { runOn: "2031-02-28", n: count },
        { runOn: "2031-03-31", n: count },
      ]);
      const issued = await h.db
        .select({
          n: sql<number>`count(*)::int`,
          numbers: sql<number>`count(distinct ${invoices.number})::int`,
        })
        .from(invoices)
        .where(eq(invoices.userId, user.id));
      // The template plus three runs per schedule, each with its own number.
      expect(issued[0]).toEqual({ n: 1 + 3 * count, numbers: 1 + 3 * count });
    } finally {
      await Promise.all([a.close(), b.close(), worker.close(), admin.end()]);
    }
  });
});
