import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { listInvoiceHistory } from "@/db/queries/audit";
import {
  listInvoiceReminders,
  saveReminderSettings,
  setCustomerRemindersPaused,
  setInvoiceRemindersPaused,
} from "@/db/queries/reminders";
import { businessProfiles, emailOutbox, invoices } from "@/db/schema";
import { runDueReminders } from "@/lib/reminders/run";
import { addCustomer, sentInvoice } from "../support/fixtures";
import { integrationHarness } from "../support/harness";

// Reminders are decided by the invoice's due date and the clock handed in: no test waits for time.
const h = integrationHarness({ emulator: false });

async function sellerWithInvoice(dueDate: string, options: { timeZone?: string } = {}) {
  const user = await h.user();
  if (options.timeZone)
    await h.db.insert(businessProfiles).values({ userId: user.id, timeZone: options.timeZone });
  const customer = await addCustomer(h.db, user.id, { name: "Contoso Ltd", email: "ap@contoso.test" });
  const sent = await sentInvoice(h.db, user, { customerId: customer.id, issueDate: "2026-11-01", dueDate });
  return { user, customer, invoiceId: sent.invoiceId };
}

async function remindersOf(invoiceId: string) {
  return h.db
    .select({
      dedupeKey: emailOutbox.dedupeKey,
      subject: emailOutbox.subject,
      attachment: emailOutbox.attachmentKind,
      text: emailOutbox.text,
    })
    .from(emailOutbox)
    .where(and(eq(emailOutbox.invoiceId, invoiceId), eq(emailOutbox.kind, "invoice_reminder")))
    .orderBy(emailOutbox.dedupeKey);
}

const run = (iso: string) => runDueReminders(h.db, { now: new Date(iso) });

describe("reminder schedule", () => {
  it("sends each default step on its day, once, with the pay link and the invoice PDF, and records it in the history", async () => {
    const { user, invoiceId } = await sellerWithInvoice("2030-03-10");
    await run("2030-03-06T23:59:59Z");
    expect(await remindersOf(invoiceId)).toEqual([]);

    await run("2030-03-07T00:00:00Z");
    await run("2030-03-07T12:00:00Z");
    let emails = await remindersOf(invoiceId);
    expect(emails.map((e) => e.dedupeKey)).toEqual([`reminder:${invoiceId}:-3`]);
    expect(emails[0]?.subject).toContain("is due on");
    expect(emails[0]?.attachment).toBe("invoice");
    expect(emails[0]?.text).toMatch(/\/pay\//);

    await run("2030-03-10T00:00:00Z");
    await run("2030-03-17T08:00:00Z");
    emails = await remindersOf(invoiceId);
    expect(emails.map((e) => e.dedupeKey).sort()).toEqual(
      [`reminder:${invoiceId}:-3`, `reminder:${invoiceId}:0`, `reminder:${invoiceId}:7`].sort(),
    );
    expect(emails.find((e) => e.dedupeKey.endsWith(":7"))?.subject).toContain("overdue");

    const history = await listInvoiceHistory(h.db, { userId: user.id, invoiceId });
    expect(
      history.filter((e) => e.action === "invoice.reminder_sent").map((e) => e.details?.offsetDays),
    ).toEqual([-3, 0, 7]);
  });

  it("after downtime sends only the latest due step and records the missed ones as skipped", async () => {
    const { user, invoiceId } = await sellerWithInvoice("2030-04-10");
    await run("2030-04-30T09:00:00Z");
    expect((await remindersOf(invoiceId)).map((e) => e.dedupeKey)).toEqual([`reminder:${invoiceId}:14`]);
    const steps = await listInvoiceReminders(h.db, { userId: user.id, invoiceId });
    expect(steps.map((s) => [s.offsetDays, s.outcome])).toEqual([
      [-3, "skipped"],
      [0, "skipped"],
      [7, "skipped"],
      [14, "sent"],
    ]);
    await run("2030-05-30T09:00:00Z");
    expect(await remindersOf(invoiceId)).toHaveLength(1);
  });

  it("follows the User's own schedule, and none when they turned reminders off", async () => {
    const a = await sellerWithInvoice("2030-05-10");
    await saveReminderSettings(h.db, { userId: a.user.id, enabled: true, offsetsDays: [1, 30] });
    await run("2030-05-10T12:00:00Z");
    expect(await remindersOf(a.invoiceId)).toEqual([]);
    await run("2030-05-11T12:00:00Z");
    expect((await remindersOf(a.invoiceId)).map((e) => e.dedupeKey)).toEqual([`reminder:${a.invoiceId}:1`]);

    const b = await sellerWithInvoice("2030-05-10");
    await saveReminderSettings(h.db, { userId: b.user.id, enabled: false, offsetsDays: [0] });
    await run("2030-05-20T12:00:00Z");
    expect(await remindersOf(b.invoiceId)).toEqual([]);
  });

  it("counts days in the User's time zone, across a daylight-saving change", async () => {
    // New York leaves daylight saving on 1 Nov 2026: the -3 step of an invoice due 4 Nov starts at
    // 00:00 EDT on 1 Nov, which is 04:00 UTC.
    const ny = await sellerWithInvoice("2026-11-04", { timeZone: "America/New_York" });
    await run("2026-11-01T03:59:59Z");
    expect(await remindersOf(ny.invoiceId)).toEqual([]);
    await run("2026-11-01T04:00:00Z");
    expect(await remindersOf(ny.invoiceId)).toHaveLength(1);

    // Auckland is 13 hours ahead: its day begins while it is still the day before in UTC.
    const akl = await sellerWithInvoice("2030-06-10", { timeZone: "Pacific/Auckland" });
    const utc = await sellerWithInvoice("2030-06-10");
    await run("2030-06-06T12:30:00Z");
    expect(await remindersOf(akl.invoiceId)).toHaveLength(1);
    expect(await remindersOf(utc.invoiceId)).toEqual([]);
  });
});

describe("what stops reminders", () => {
  it("a pause on the invoice or on its customer, until lifted; another User's ids change nothing", async () => {
    const a = await sellerWithInvoice("2030-07-10");
    const b = await sellerWithInvoice("2030-07-10");
    const other = await h.user();
    expect(
      await setInvoiceRemindersPaused(h.db, { userId: other.id, invoiceId: a.invoiceId, paused: true }),
    ).toBe(false);
    expect(
      await setInvoiceRemindersPaused(h.db, { userId: a.user.id, invoiceId: a.invoiceId, paused: true }),
    ).toBe(true);
    expect(
      await setCustomerRemindersPaused(h.db, { userId: b.user.id, customerId: b.customer.id, paused: true }),
    ).toBe(true);
    await run("2030-07-07T09:00:00Z");
    expect(await remindersOf(a.invoiceId)).toEqual([]);
    expect(await remindersOf(b.invoiceId)).toEqual([]);

    await setInvoiceRemindersPaused(h.db, { userId: a.user.id, invoiceId: a.invoiceId, paused: false });
    await run("2030-07-07T10:00:00Z");
    expect(await remindersOf(a.invoiceId)).toHaveLength(1);
    expect(await remindersOf(b.invoiceId)).toEqual([]);
  });

  it("payment in full and voiding", async () => {
    const paid = await sellerWithInvoice("2030-08-10");
    const voided = await sellerWithInvoice("2030-08-10");
    await h.db
      .update(invoices)
      .set({ status: "paid", paidMinor: 12_000 })
      .where(eq(invoices.id, paid.invoiceId));
    await h.db.update(invoices).set({ status: "void" }).where(eq(invoices.id, voided.invoiceId));
    await run("2030-08-30T09:00:00Z");
    expect(await remindersOf(paid.invoiceId)).toEqual([]);
    expect(await remindersOf(voided.invoiceId)).toEqual([]);
  });
});

describe("exactly once", () => {
  it("two instances running the same minute send each step once", async () => {
    const sellers = await Promise.all(Array.from({ length: 6 }, () => sellerWithInvoice("2030-09-10")));
    const now = new Date("2030-09-10T09:00:00Z");
    const passes = await Promise.all([
      runDueReminders(h.db, { now, batchSize: 2 }),
      runDueReminders(h.db, { now, batchSize: 2 }),
      runDueReminders(h.db, { now, batchSize: 5 }),
    ]);
    expect(passes.reduce((n, p) => n + p.sent, 0)).toBe(6);
    for (const s of sellers)
      expect((await remindersOf(s.invoiceId)).map((e) => e.dedupeKey)).toEqual([`reminder:${s.invoiceId}:0`]);
  });

  it("a pass stopped mid-way (a worker shutting down) leaves the rest to the next, which sends each once", async () => {
    const sellers = await Promise.all(Array.from({ length: 4 }, () => sellerWithInvoice("2030-10-10")));
    const now = new Date("2030-10-10T09:00:00Z");
    let calls = 0;
    const first = await runDueReminders(h.db, { now, stopping: () => ++calls > 2 });
    expect(first.sent).toBeGreaterThan(0);
    expect(first.sent).toBeLessThan(4);
    await runDueReminders(h.db, { now });
    await runDueReminders(h.db, { now });
    for (const s of sellers) expect(await remindersOf(s.invoiceId)).toHaveLength(1);
  });
});
