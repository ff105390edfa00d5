import { and, eq, sql } from "drizzle-orm";
import postgres from "postgres";
import { describe, expect, it } from "vitest";
import { openDatabase } from "@/db/client";
import { emailOutbox, invoiceReminders } from "@/db/schema";
import { runDueReminders } from "@/lib/reminders/run";
import { addCustomer, sentInvoice } from "../support/fixtures";
import { integrationHarness } from "../support/harness";

// Two app instances and a worker, each with its own pool on one PostgreSQL, run the reminder pass for
// the same minute; one of them loses its connections mid-pass. Every due reminder is queued once.
const h = integrationHarness({ emulator: false });

function instance(name: string) {
  const url = new URL(h.handle.url ?? "");
  url.searchParams.set("application_name", name);
  return openDatabase({ kind: "postgres", url: url.toString(), max: 3 });
}

describe("reminders across instances", () => {
  it("three processes at once, one killed mid-pass, then a restart: each reminder queued exactly once", async () => {
    const user = await h.user();
    const customer = await addCustomer(h.db, user.id, { email: "ap@contoso.test" });
    const count = 60;
    const ids: string[] = [];
    for (let i = 0; i < count; i++) {
      ids.push((await sentInvoice(h.db, user, { customerId: customer.id, dueDate: "2031-05-10" })).invoiceId);
    }
    const now = new Date("2031-05-10T09:00:00Z");
    const [a, b, worker] = [instance("sixthdesk-a"), instance("sixthdesk-b"), instance("sixthdesk-worker")];
    const admin = postgres(h.handle.url ?? "", { max: 1, onnotice: () => {} });
    try {
      const killB = (async () => {
        // Once some reminders are in, instance b's connections are cut (a crash or a network split).
        for (let i = 0; i < 400; i++) {
          const [row] = await admin`select count(*)::int as n from invoice_reminders`;
          if ((row?.n ?? 0) >= 5) break;
          await new Promise((resolve) => setTimeout(resolve, 10));
        }
        await admin`select pg_terminate_backend(pid) from pg_stat_activity where application_name = 'sixthdesk-b'`;
      })();
      const passes = await Promise.allSettled([
        runDueReminders(a.db, { now, batchSize: 7 }),
        runDueReminders(b.db, { now, batchSize: 5 }),
        runDueReminders(worker.db, { now, batchSize: 11 }),
        killB,
      ]);
      expect(passes[0]?.status).toBe("fulfilled");
      expect(passes[2]?.status).toBe("fulfilled");
      // The restart: a fresh pass finds nothing left, or only what b held when it died.
      await runDueReminders(h.db, { now });
      await runDueReminders(a.db, { now });

      const rows = await h.db
        .select({ invoiceId: emailOutbox.invoiceId, n: sql<number>`count(*)::int` })
        .from(emailOutbox)
        .where(eq(emailOutbox.kind, "invoice_reminder"))
        .groupBy(emailOutbox.invoiceId);
      expect(rows).toHaveLength(count);
      expect(rows.every((r) => r.n === 1)).toBe(true);
      const steps = await h.db
        .select({ n: sql<number>`count(*)::int` })
        .from(invoiceReminders)
        .where(and(eq(invoiceReminders.offsetDays, 0), eq(invoiceReminders.outcome, "sent")));
      expect(steps[0]?.n).toBe(count);
    } finally {
      await Promise.all([a.close(), b.close(), worker.close(), admin.end()]);
    }
  });
});
