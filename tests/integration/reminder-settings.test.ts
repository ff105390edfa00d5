import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import {
  pauseCustomerRemindersAction,
  pauseInvoiceRemindersAction,
  retryFailedEmailAction,
  saveReminderScheduleAction,
} from "@/app/(dashboard)/settings/reminders/actions";
import { customers, emailOutbox, invoices } from "@/db/schema";
import { retryFailedEmails } from "@/lib/email/retry-failed";
import { runDueReminders } from "@/lib/reminders/run";
import { reminderScheduleFor } from "@/lib/reminders/settings";
import { addCustomer, sentInvoice } from "../support/fixtures";
import { integrationHarness } from "../support/harness";
import { signInAs } from "../support/session";

const h = integrationHarness({ emulator: false });

describe("Settings → Reminders actions", () => {
  it("saves a schedule (sorted, unique) and refuses hostile input, changing nothing", async () => {
    const user = await h.user();
    signInAs(user.id);
    expect(await reminderScheduleFor(h.db, user.id)).toEqual({ enabled: true, offsetsDays: [-3, 0, 7, 14] });
    expect((await saveReminderScheduleAction({ enabled: true, offsetsDays: [10, -1, 3] })).ok).toBe(true);
    expect(await reminderScheduleFor(h.db, user.id)).toEqual({ enabled: true, offsetsDays: [-1, 3, 10] });

    for (const bad of [
      { enabled: true, offsetsDays: [1, 1] },
      { enabled: true, offsetsDays: [1.5] },
      { enabled: true, offsetsDays: [9999] },
      { enabled: true, offsetsDays: Array.from({ length: 9 }, (_, i) => i) },
      { enabled: true, offsetsDays: [] },
      { enabled: "yes", offsetsDays: [1] },
      { enabled: true, offsetsDays: ["1; drop table invoices"] },
    ]) {
      const result = await saveReminderScheduleAction(bad);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error.code).toBe("validation");
    }
    expect(await reminderScheduleFor(h.db, user.id)).toEqual({ enabled: true, offsetsDays: [-1, 3, 10] });

    signInAs(null);
    const anonymous = await saveReminderScheduleAction({ enabled: false, offsetsDays: [] });
    expect(anonymous.ok).toBe(false);
  });

  it("pauses only the User's own invoices and customers", async () => {
    const owner = await h.user();
    const intruder = await h.user();
    const customer = await addCustomer(h.db, owner.id);
    const { invoiceId } = await sentInvoice(h.db, owner, { customerId: customer.id });

    signInAs(intruder.id);
    const a = await pauseInvoiceRemindersAction({ id: invoiceId, paused: true });
    const b = await pauseCustomerRemindersAction({ id: customer.id, paused: true });
    expect(a.ok || b.ok).toBe(false);
    if (!a.ok) expect(a.error.code).toBe("not_found");
    expect((await pauseInvoiceRemindersAction({ id: "not-a-uuid", paused: true })).ok).toBe(false);

    signInAs(owner.id);
    expect((await pauseInvoiceRemindersAction({ id: invoiceId, paused: true })).ok).toBe(true);
    expect((await pauseCustomerRemindersAction({ id: customer.id, paused: true })).ok).toBe(true);
    const [inv] = await h.db.select().from(invoices).where(eq(invoices.id, invoiceId));
    const [cus] = await h.db.select().from(customers).where(eq(customers.id, customer.id));
    expect([inv?.remindersPaused, cus?.remindersPaused]).toEqual([true, true]);
  });

  it("retries a failed email of the User's own, once, with fresh attempts; never another User's", async () => {
    const owner = await h.user();
    const intruder = await h.user();
    const customer = await addCustomer(h.db, owner.id, { email: "ap@contoso.test" });
    const { invoiceId } = await sentInvoice(h.db, owner, { customerId: customer.id, dueDate: "2032-01-10" });
    await runDueReminders(h.db, { now: new Date("2032-01-10T09:00:00Z") });
    const [email] = await h.db.select().from(emailOutbox).where(eq(emailOutbox.invoiceId, invoiceId));
    if (!email) throw new Error("no reminder queued");
    await h.db
      .update(emailOutbox)
      .set({ status: "failed", attempts: 6, lastError: "550 no such mailbox" })
      .where(eq(emailOutbox.id, email.id));

    signInAs(intruder.id);
    const refused = await retryFailedEmailAction({ emailId: email.id });
    expect(refused.ok).toBe(false);
    signInAs(owner.id);
    expect((await retryFailedEmailAction({ emailId: email.id })).ok).toBe(true);
    const again = await retryFailedEmailAction({ emailId: email.id });
    expect(again.ok).toBe(false);
    if (!again.ok) expect(again.error.code).toBe("conflict");
    const [row] = await h.db.select().from(emailOutbox).where(eq(emailOutbox.id, email.id));
    expect(row).toMatchObject({ status: "pending", attempts: 0, lastError: "550 no such mailbox" });
    // With a new job of its own: the failed attempt's job is never acted on again.
    expect(row?.jobId).toEqual(expect.any(String));
    expect(row?.jobId).not.toBe(email.jobId);
    // The script's form (all failed emails, any User) finds nothing left to requeue.
    expect(await retryFailedEmails(h.db, { userId: owner.id, now: new Date() })).toEqual([]);
  });
});
