import type Stripe from "stripe";
import type { PaymentView } from "../control-types";
import type { Owned } from "../core/state";
import type { Store } from "../core/store";
import type { ControlHandler } from "./helpers";

function view(store: Store, row: Owned<Stripe.PaymentIntent>): PaymentView {
  const { account, object: pi } = row;
  const charge = pi.latest_charge ? store.get("charges", account, String(pi.latest_charge)) : undefined;
  const ofCharge = <T extends { charge: unknown }>(items: T[]) =>
    items.filter((i) => charge && i.charge === charge.id);
  return {
    account,
    id: pi.id,
    amount: pi.amount,
    currency: pi.currency,
    status: pi.status,
    created: pi.created,
    charge: charge
      ? {
          id: charge.id,
          status: charge.status,
          amount_refunded: charge.amount_refunded,
          refunded: charge.refunded,
          disputed: charge.disputed,
        }
      : null,
    refunds: ofCharge(store.list("refunds", account)).map((r) => ({
      id: r.id,
      amount: r.amount,
      status: r.status,
    })),
    disputes: ofCharge(store.list("disputes", account)).map((d) => ({
      id: d.id,
      reason: d.reason,
      status: d.status,
    })),
  };
}

/** Recent payments across accounts (`?account=` to narrow, `?limit=`, default 50), newest first. */
export const listPaymentsRoute: ControlHandler = (emulator, { query }) => {
  const account = query.get("account");
  const limit = Math.min(Number(query.get("limit") ?? 50) || 50, 500);
  const { store } = emulator;
  return Object.values(store.state.objects.payment_intents)
    .filter((row) => !account || row.account === account)
    .sort((a, b) => b.seq - a.seq)
    .slice(0, limit)
    .map((row) => view(store, row));
};
