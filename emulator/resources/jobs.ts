import type { JobHandlers } from "../core/scheduler";
import type { OpContext } from "../core/store";
import { passDeadline, verifyAccount } from "./account-onboarding";
import { settleCharge } from "./charges";
import { createDisputeForCharge } from "./disputes";
import { settleRefund } from "./refunds";
import { TEST_CARDS } from "./test-cards";

/** A `processing` card payment (emulator-only test card) succeeds. */
function settlePayment(ctx: OpContext, paymentIntentId: string): void {
  const { store } = ctx;
  const pi = store.get("payment_intents", ctx.account, paymentIntentId);
  if (pi?.status !== "processing") return;
  const charge = pi.latest_charge ? store.get("charges", ctx.account, String(pi.latest_charge)) : undefined;
  if (!charge) return;
  settleCharge(charge);
  Object.assign(pi, { status: "succeeded", amount_received: pi.amount, processing: null });
  store.emit(ctx, "charge.succeeded", charge);
  store.emit(ctx, "payment_intent.succeeded", pi);
  const testCard = charge.payment_method ? store.state.paymentMethodCards[charge.payment_method] : undefined;
  if (testCard && TEST_CARDS[testCard].dispute) {
    store.schedule("dispute_create", ctx.account, charge.id, store.delays.disputeSeconds);
  }
}

export const JOB_HANDLERS: JobHandlers = {
  refund_settle: settleRefund,
  dispute_create: (ctx, chargeId) => {
    createDisputeForCharge(ctx, chargeId);
  },
  payment_settle: settlePayment,
  account_verify: verifyAccount,
  account_deadline: passDeadline,
};
