import { z } from "zod";
import { refundReason } from "@/db/schema/enums";
import { text } from "@/lib/validation/text";

export const REFUND_REASONS = refundReason.enumValues;

/** The refund form. The amount stays a decimal string: it is parsed in the payment's currency. */
export const refundInputSchema = z.object({
  paymentId: z.uuid("Unknown payment."),
  amount: text().trim().min(1, "Enter the amount to refund.").max(32, "Enter a shorter amount."),
  reason: z.enum(REFUND_REASONS, { message: "Choose a reason." }),
  note: text()
    .trim()
    .max(500, "Keep the note under 500 characters.")
    .optional()
    .transform((v) => (v ? v : null)),
});

export type RefundInput = z.output<typeof refundInputSchema>;

export const retryRefundSchema = z.object({ refundId: z.uuid("Unknown refund.") });
