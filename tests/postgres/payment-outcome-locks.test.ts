import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { invoices } from "@/db/schema";
import { recordPaymentOutcome } from "@/lib/stripe/sync/payment-intent";
import { openSecondInstance } from "../support/db";
import { integrationHarness } from "../support/harness";

// Recording a PaymentIntent's outcome locks its payment. An outcome that changes nothing (the usual late
// or repeated event) must not also hold the invoice: the reminder pass locks invoices with SKIP LOCKED
// and would pass over one held by such an event, and that invoice's reminder would not go out.
const h = integrationHarness();

describe("the locks of recording a payment's outcome", () => {
  it("an outcome that changes nothing leaves the invoice free for the reminder pass", async () => {
    const paid = await h.paidInvoice();
    const intent = await h.stripe.paymentIntents.retrieve(
      paid.paymentIntentId,
      { expand: ["latest_charge"] },
      { stripeAccount: paid.accountId },
    );
    const other = openSecondInstance(h.handle);
    try {
      await h.db.transaction(async (tx) => {
        const result = await recordPaymentOutcome(tx, { intent, accountId: paid.accountId, actor: "stripe" });
        expect(result).toMatchObject({ recorded: true, changed: false });
        // Still inside that transaction: another connection takes the invoice as the reminder pass does.
        const free = await other.db
          .select({ id: invoices.id })
          .from(invoices)
          .where(eq(invoices.id, paid.invoiceId))
          .for("update", { skipLocked: true });
        expect(free).toEqual([{ id: paid.invoiceId }]);
      });
    } finally {
      await other.close();
    }
  });
});
