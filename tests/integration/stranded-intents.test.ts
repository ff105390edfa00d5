import { describe, expect, it } from "vitest";
import { findPaymentForStripe } from "@/db/queries/payments";
import { voidInvoice } from "@/lib/invoices/service";
import { preparePaymentIntent } from "@/lib/payments/intent";
import { cancelStrandedPaymentIntents } from "@/lib/payments/stranded";
import { intentIdOf } from "../support/fixtures";
import { integrationHarness } from "../support/harness";

// Voiding an invoice cancels its open PaymentIntents after the void commits, best effort. When Stripe
// fails that cancel, the intent stays open and a Customer with the old pay page could still pay it. The
// job engine's pass (lib/payments/stranded.ts, every five minutes) cancels it once Stripe answers again.
const h = integrationHarness();

async function strandedIntent() {
  const { user, accountId } = await h.seller();
  const { invoiceId, token } = await h.sentInvoice(user);
  const prepared = await preparePaymentIntent(h.db, { token });
  const intentId = intentIdOf(prepared.clientSecret);
  const fault = await h.emulator.control.addFault({
    kind: "api_error",
    method: "POST",
    path: `/v1/payment_intents/${intentId}/cancel`,
    count: 10,
  });
  await voidInvoice(h.db, { userId: user.id, invoiceId });
  await h.emulator.control.removeFault(fault.id);
  const onStripe = () => h.stripe.paymentIntents.retrieve(intentId, {}, { stripeAccount: accountId });
  expect((await onStripe()).status).toBe("requires_payment_method");
  const ours = () => findPaymentForStripe(h.db, { paymentIntentId: intentId });
  return { onStripe, ours };
}

describe("the stranded-intents pass", () => {
  it("cancels an intent a failed cancel left open on a void invoice, once, at most `limit` a pass", async () => {
    const first = await strandedIntent();
    const second = await strandedIntent();

    expect(await cancelStrandedPaymentIntents(h.db, { limit: 1 })).toBe(1);
    expect((await first.onStripe()).status).toBe("canceled");
    expect((await second.onStripe()).status).toBe("requires_payment_method");
    expect(await first.ours()).toMatchObject({ status: "canceled" });
    expect(await second.ours()).toMatchObject({ status: "requires_payment_method" });

    expect(await cancelStrandedPaymentIntents(h.db, { limit: 1 })).toBe(1);
    expect((await second.onStripe()).status).toBe("canceled");
    expect(await second.ours()).toMatchObject({ status: "canceled" });
    // Nothing left: a pass with nothing to do spends no Stripe request.
    expect(await cancelStrandedPaymentIntents(h.db)).toBe(0);
  });
});
