import type { Refund } from "@/db/schema";
import { isInFlight } from "./status";

export type RefundFigures = {
  paidMinor: number;
  refundedMinor: number;
  pendingMinor: number;
  refundableMinor: number;
};

/**
 * What the refund form shows for one payment: paid, already refunded (succeeded), pending (on its way)
 * and what is left. The server checks the same rule again under the payment's row lock.
 */
export function refundFigures(
  payment: { amountMinor: number; status: string },
  refunds: readonly Pick<Refund, "amountMinor" | "status">[],
): RefundFigures {
  const paidMinor = payment.status === "succeeded" ? payment.amountMinor : 0;
  let refundedMinor = 0;
  let pendingMinor = 0;
  for (const refund of refunds) {
    if (refund.status === "succeeded") refundedMinor += refund.amountMinor;
    else if (isInFlight(refund.status)) pendingMinor += refund.amountMinor;
  }
  return {
    paidMinor,
    refundedMinor,
    pendingMinor,
    refundableMinor: Math.max(0, paidMinor - refundedMinor - pendingMinor),
  };
}
