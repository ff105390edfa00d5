import type { User } from "@/db/schema";

type SellerConnection = Pick<User, "stripeAccountId" | "stripeConnectionStatus" | "stripeChargesEnabled">;

export type CardPaymentsState = "ready" | "not_connected" | "cannot_take_charges";

/**
 * Whether a seller's invoices may offer card payment: only a connected account that Stripe lets take
 * charges. A disconnected account (the User disconnected, or Stripe answered 403) offers none.
 */
export function cardPaymentsState(seller: SellerConnection): CardPaymentsState {
  if (!seller.stripeAccountId || seller.stripeConnectionStatus !== "connected") return "not_connected";
  return seller.stripeChargesEnabled ? "ready" : "cannot_take_charges";
}

/** What a Customer on the pay page reads when the seller cannot take card payments. */
export function StripeConnectionNotice({
  state,
  businessName,
}: {
  state: Exclude<CardPaymentsState, "ready">;
  businessName: string;
}) {
  return (
    <p className="text-sm text-slate-600" data-testid="card-payments-unavailable">
      {state === "cannot_take_charges"
        ? `${businessName} cannot accept card payments yet.`
        : `${businessName} does not accept card payments online at the moment.`}{" "}
      Contact {businessName} to pay another way.
    </p>
  );
}
