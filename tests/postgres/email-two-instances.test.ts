import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import type PgBoss from "pg-boss";
import { describe, expect, it, vi } from "vitest";
import { openDatabase } from "@/db/client";
import { emailOutbox } from "@/db/schema";
import { enqueueEmails } from "@/lib/email/enqueue";
import { runEmailJobs } from "@/lib/email/jobs";
import type { EmailJobData } from "@/lib/email/jobs-queue";
import type { EmailSender } from "@/lib/email/transport";
import { createJobEngine } from "@/lib/jobs/engine";
import { insertJobsInTransaction } from "@/lib/jobs/in-transaction";
import { EMAIL_QUEUE } from "@/lib/jobs/queues";
import { integrationHarness } from "../support/harness";

// Two instances, each with its own pool and its own pg-boss working the email queue as the app does,
// on one PostgreSQL, with a stale duplicate job for every third email: each email is sent exactly once.
const h = integrationHarness({ emulator: false });

describe("email jobs across instances", () => {
  it("two engines working one queue, with duplicate jobs, send each email exactly once", async () => {
    const user = await h.user();
    const count = 120;
    const outcomes = await enqueueEmails(
      h.db,
      Array.from({ length: count }, (_, i) => ({
        userId: user.id,
        invoiceId: null,
        kind: "payment_received" as const,
        dedupeKey: `two-instances:${i}:${randomUUID()}`,
        to: { address: `buyer${i}@example.test`, name: null },
        fromName: "Test",
        replyTo: null,
        content: { subject: `Hello ${i}`, text: "Hello", html: "<p>Hello</p>" },
      })),
    );
    const ids = outcomes.map((o) => (o.outcome === "queued" ? o.email.id : ""));
    expect(ids.filter(Boolean)).toHaveLength(count);
    await h.db.transaction((tx) =>
      insertJobsInTransaction(
        tx,
        EMAIL_QUEUE,
        ids.filter((_, i) => i % 3 === 0).map((emailId) => ({ id: randomUUID(), data: { emailId } })),
      ),
    );

    const sends = new Map<string, number>();
    const sender: EmailSender = {
      async send(email) {
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 5));
        sends.set(email.id, (sends.get(email.id) ?? 0) + 1);
      },
      close() {},
    };
    const instances = ["sixthdesk-a", "sixthdesk-b"].map((name) => {
      const url = new URL(h.handle.url ?? "");
      url.searchParams.set("application_name", name);
      return openDatabase({ kind: "postgres", url: url.toString(), max: 4 });
    });
    const engines: PgBoss[] = [];
    try {
      for (const instance of instances) {
        const boss = createJobEngine(instance, { schedule: false });
        engines.push(boss);
        await boss.start();
        await boss.work<EmailJobData>(
          EMAIL_QUEUE,
          { batchSize: 5, pollingIntervalSeconds: 0.5 },
          async (jobs) => {
            await runEmailJobs(boss, instance.db, jobs, { sender });
          },
        );
      }
      await vi.waitFor(
        async () => {
          const rows = await h.db.select({ status: emailOutbox.status }).from(emailOutbox);
          expect(rows.filter((r) => r.status === "sent")).toHaveLength(count);
        },
        { timeout: 90_000, interval: 250 },
      );
      expect(sends.size).toBe(count);
      expect([...sends.values()].every((n) => n === 1)).toBe(true);
      const [one] = await h.db
        .select()
        .from(emailOutbox)
        .where(eq(emailOutbox.id, ids[0] ?? ""));
      expect(one).toMatchObject({ status: "sent", attempts: 1 });
    } finally {
      for (const boss of engines) await boss.stop({ graceful: true, wait: true, timeout: 5_000 });
      for (const instance of instances) await instance.close();
    }
  });
});
