import { generate } from "otplib";
import { describe, expect, it } from "vitest";
import { refundPaymentAction } from "@/app/(dashboard)/payments/actions";
import { disconnectStripeAction } from "@/app/(dashboard)/settings/payments/actions";
import { confirmTotpAction, startTotpAction } from "@/app/(dashboard)/settings/security/actions";
import { getUserById } from "@/db/queries/users";
import { integrationHarness } from "../support/harness";
import { signInAs } from "../support/session";

const h = integrationHarness();

/** Turns two-factor on for the signed-in User; returns a code generator for later 30-second steps. */
async function enrol(userId: string) {
  signInAs(userId);
  const started = await startTotpAction({});
  if (!started.ok) throw new Error(started.error.message);
  const now = Math.floor(Date.now() / 1000);
  const confirmed = await confirmTotpAction({
    code: await generate({ secret: started.data.secret, epoch: now }),
  });
  if (!confirmed.ok) throw new Error(confirmed.error.message);
  return (stepsAhead: number) => generate({ secret: started.data.secret, epoch: now + 30 * stepsAhead });
}

const refund = (paymentId: string, amount: string, code = "") =>
  refundPaymentAction({ paymentId, amount, reason: "requested_by_customer", note: "", code });

describe("asking for the second factor again", () => {
  it("before disconnecting Stripe, when two-factor is on", async () => {
    const seller = await h.seller();
    const codeAt = await enrol(seller.user.id);
    expect(await disconnectStripeAction({})).toMatchObject({
      ok: false,
      error: { fieldErrors: { code: [expect.stringContaining("Enter the code")] } },
    });
    expect(await disconnectStripeAction({ code: "000000" })).toMatchObject({
      ok: false,
      error: { code: "validation" },
    });
    expect((await getUserById(h.db, seller.user.id))?.stripeConnectionStatus).toBe("connected");
    expect(await disconnectStripeAction({ code: await codeAt(1) })).toEqual({
      ok: true,
      data: { outcome: "disconnected" },
    });
  });

  it("before a large refund, but not a small one", async () => {
    const paid = await h.paidInvoice();
    const codeAt = await enrol(paid.user.id);
    // Large (about 500 USD or more): refused without a code before anything else is looked at.
    expect(await refund(paid.payment.id, "1000.00")).toMatchObject({
      ok: false,
      error: { fieldErrors: { code: [expect.stringContaining("Enter the code")] } },
    });
    // With the code the refund rules speak next: more than the payment took.
    expect(await refund(paid.payment.id, "1000.00", await codeAt(1))).toMatchObject({
      ok: false,
      error: { fieldErrors: { amount: [expect.stringContaining("You can refund at most")] } },
    });
    expect(await refund(paid.payment.id, "1.00")).toMatchObject({ ok: true });
  });

  it("not at all when two-factor is off", async () => {
    const paid = await h.paidInvoice();
    signInAs(paid.user.id);
    expect(await refund(paid.payment.id, "1.00")).toMatchObject({ ok: true });
    expect(await disconnectStripeAction({})).toMatchObject({ ok: true });
  });
});
