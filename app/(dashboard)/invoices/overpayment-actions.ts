"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { authedAction } from "@/lib/action";
import { refundOverpayment } from "@/lib/refunds/overpayment";

/**
 * The invoice page's "Refund the overpayment": the signed-in User's own invoice (the service scopes every
 * lock by owner), one currency. Idempotent: the excess is recomputed under the payments' and invoice's
 * locks, so a double click or a second tab refunds it once and then finds nothing left.
 */
export const refundOverpaymentAction = authedAction(
  "refundOverpayment",
  z.object({
    invoiceId: z.uuid("Unknown invoice."),
    currency: z.string().regex(/^[a-z]{3}$/, "Unknown currency."),
  }),
  async ({ invoiceId, currency }, { user, db }) => {
    const result = await refundOverpayment(db, { user, invoiceId, currency });
    revalidatePath(`/invoices/${invoiceId}`);
    revalidatePath("/payments");
    return { refundedMinor: result.refundedMinor, currency: result.currency, message: result.message };
  },
);
