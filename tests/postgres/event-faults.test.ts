import type Stripe from "stripe";
import { describe, expect, it } from "vitest";
import { listDisputesOfInvoice } from "@/db/queries/disputes";
import { getInvoice } from "@/db/queries/invoices";
import { listPaymentsOfInvoice } from "@/db/queries/payments";
import { storeEvent } from "@/db/queries/stripe-events";
import { applyStripeEvent } from "@/lib/stripe/webhooks/process";
import { accountEvents, customerPays, historyActions } from "../support/fixtures";
import { integrationHarness } from "../support/harness";
import { expectAtomicUnderFaults, faultDatabase } from "./support/atomicity";

// Applying a Stripe event is where money is recorded exactly once: the change and the event's processed
// mark commit together or not at all, whichever statement the backend dies at.
const h = integrationHarness();
const fault = faultDatabase(h);

async function stored(event: Stripe.Event) {
  await storeEvent(h.db, { event, handled: true, now: new Date() });
  return event;
}

describe("applying a Stripe event when the database connection dies", () => {
  it("payment_intent.succeeded: the payment, the invoice's sums and the processed mark, all or nothing", async () => {
    const result = await expectAtomicUnderFaults(fault, {
      async setup() {
        const seller = await h.seller();
        const invoice = await h.sentInvoice(seller.user);
        const { event } = await customerPays(h.db, h.emulator, {
          token: invoice.token,
          accountId: seller.accountId,
        });
        return { seller, invoice, event: await stored(event as Stripe.Event) };
      },
      operation: (db, c) => applyStripeEvent(db, c.event),
      async check(c) {
        const scope = { userId: c.seller.user.id, invoiceId: c.invoice.invoiceId };
        const invoice = await getInvoice(h.db, scope);
        expect(invoice).toMatchObject({ status: "paid", paidMinor: 12_000 });
        const payments = await listPaymentsOfInvoice(h.db, scope);
        expect(payments.filter((p) => p.status === "succeeded")).toHaveLength(1);
        expect(await applyStripeEvent(h.db, c.event)).toBe("duplicate");
      },
    });
    expect(result.statements).toBeGreaterThanOrEqual(4);
  });

  it("charge.dispute.created: the dispute and its history entry, all or nothing", async () => {
    await expectAtomicUnderFaults(fault, {
      async setup() {
        const paid = await h.paidInvoice({ paymentMethod: "pm_card_createDispute" });
        await h.emulator.control.settle();
        const [event] = await accountEvents(h.emulator, paid.accountId, ["charge.dispute.created"]);
        if (!event) throw new Error("the emulator made no dispute");
        return { paid, event: await stored(event as Stripe.Event) };
      },
      operation: (db, c) => applyStripeEvent(db, c.event),
      async check(c) {
        const scope = { userId: c.paid.user.id, invoiceId: c.paid.invoiceId };
        const disputes = await listDisputesOfInvoice(h.db, scope);
        expect(disputes).toHaveLength(1);
        expect((await historyActions(h.db, c.paid)).filter((a) => a === "dispute.created")).toHaveLength(1);
      },
    });
  });
});
