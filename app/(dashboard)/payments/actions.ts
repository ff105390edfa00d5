"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import type { Refund } from "@/db/schema";
import { stepUpForRefund } from "@/lib/accounts/step-up";
import { authedAction } from "@/lib/action";
import { reconcileUser } from "@/lib/reconcile/run";
import { requestRefund, retryRefund } from "@/lib/refunds/request";
import { refundInputSchema, retryRefundSchema } from "@/lib/refunds/schema";
import { text } from "@/lib/validation/text";

function revalidateRefund(refund: Refund) {
  revalidatePath("/payments");
  revalidatePath(`/payments/${refund.paymentId}`);
  revalidatePath(`/invoices/${refund.invoiceId}`);
  revalidatePath("/invoices");
}

function result(outcome: { refund: Refund; message: string }) {
  revalidateRefund(outcome.refund);
  return { refundId: outcome.refund.id, status: outcome.refund.status, message: outcome.message };
}

/** Refunds part or all of one of the signed-in User's payments; anyone else's payment is not found. */
export const refundPaymentAction = authedAction(
  "refundPayment",
  // The second factor, asked for large refunds when the User has one (lib/accounts/step-up.ts).
  refundInputSchema.extend({ code: text().trim().max(32).default("") }),
  async (input, { user, db }) => {
    await stepUpForRefund(db, { user, paymentId: input.paymentId, amount: input.amount, code: input.code });
    return result(await requestRefund(db, { user, input }));
  },
);

/** Retries a refund Stripe never answered, with the same idempotency key. */
export const retryRefundAction = authedAction(
  "retryRefund",
  retryRefundSchema,
  async ({ refundId }, { user, db }) => result(await retryRefund(db, { user, refundId })),
);

/** "Sync with Stripe": repairs what the webhooks missed on the User's own account, and says what changed. */
export const syncWithStripeAction = authedAction(
  "syncWithStripe",
  z.object({}),
  async (_input, { user, db }) => {
    const report = await reconcileUser(db, user);
    revalidatePath("/payments");
    revalidatePath("/invoices");
    revalidatePath("/dashboard");
    return { changes: report.changes, revoked: report.revoked };
  },
);
