import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { listDisputesOfInvoice } from "@/db/queries/disputes";
import { listPaymentsOfInvoice } from "@/db/queries/payments";
import { emailOutbox } from "@/db/schema";
import { completeReturn } from "@/lib/payments/return-page";
import { runDueReminders } from "@/lib/reminders/run";
import { addCustomer, payOnStripe } from "../support/fixtures";
import { integrationHarness } from "../support/harness";

// A dispute reaches us as Stripe sends it: the emulator disputes a card payment (card 0259) and delivers
// charge.dispute.created to the real webhook route; the reminder passes then run at chosen moments.
const h = integrationHarness({ webhooks: "file" });

async function reminderSteps(invoiceId: string) {
  const rows = await h.db
    .select({ dedupeKey: emailOutbox.dedupeKey })
    .from(emailOutbox)
    .where(and(eq(emailOutbox.invoiceId, invoiceId), eq(emailOutbox.kind, "invoice_reminder")));
  return rows.map((r) => r.dedupeKey.split(":").at(-1)).sort();
}

describe("reminders and disputes", () => {
  it("a dispute on the invoice's payment stops further reminders; a part payment alone does not", async () => {
    const seller = await h.seller();
    const customer = await addCustomer(h.db, seller.user.id, { email: "ap@contoso.test" });
    const terms = {
      customerId: customer.id,
      issueDate: "2026-11-01",
      dueDate: "2030-03-10",
      allowPartialPayments: true,
      partialMinimumMinor: 1_000,
    };
    const disputed = await h.sentInvoice(seller.user, terms);
    const control = await h.sentInvoice(seller.user, terms);
    const run = (iso: string) => runDueReminders(h.db, { now: new Date(iso) });

    // Both part-paid (£50 of £120): still due, so both are reminded three days before.
    for (const [invoice, card] of [
      [disputed, "pm_card_createDispute"],
      [control, "pm_card_visa"],
    ] as const) {
      const paymentIntentId = await payOnStripe(h.db, h.emulator, {
        token: invoice.token,
        accountId: seller.accountId,
        amount: "50.00",
        paymentMethod: card,
      });
      await completeReturn(h.db, { token: invoice.token, paymentIntentId });
    }
    await run("2030-03-07T09:00:00Z");
    expect(await reminderSteps(disputed.invoiceId)).toEqual(["-3"]);
    expect(await reminderSteps(control.invoiceId)).toEqual(["-3"]);

    // The dispute arrives by webhook.
    await h.emulator.control.settle();
    await h.emulator.control.waitForDeliveries(10_000);
    const [payment] = await listPaymentsOfInvoice(h.db, {
      userId: seller.user.id,
      invoiceId: disputed.invoiceId,
    });
    const [dispute] = await listDisputesOfInvoice(h.db, {
      userId: seller.user.id,
      invoiceId: disputed.invoiceId,
    });
    expect(dispute).toMatchObject({ paymentId: payment?.id, status: "needs_response" });
    expect(
      await listDisputesOfInvoice(h.db, { userId: seller.user.id, invoiceId: control.invoiceId }),
    ).toEqual([]);

    // No further step for the disputed invoice, on its day or after; the other goes on.
    await run("2030-03-10T09:00:00Z");
    await run("2030-03-17T09:00:00Z");
    await run("2030-03-24T09:00:00Z");
    expect(await reminderSteps(disputed.invoiceId)).toEqual(["-3"]);
    expect(await reminderSteps(control.invoiceId)).toEqual(["-3", "0", "14", "7"]);
  });
});
