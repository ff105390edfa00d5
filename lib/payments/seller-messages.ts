// What the seller reads about a failed payment on the invoice page: the same decline codes as the
// customer's sentences (customer-messages.ts), written for the seller. The seller may know what the
// customer is not told (a card reported lost or stolen, suspected fraud), as Stripe's Dashboard shows it;
// never Stripe's raw API text. Pure.

const RETRY = "The customer can try again.";

const BY_CODE: Record<string, string> = {
  insufficient_funds: "The card did not have enough funds.",
  expired_card: "The card has expired.",
  incorrect_cvc: "The security code (CVC) was wrong.",
  invalid_cvc: "The security code (CVC) was wrong.",
  incorrect_number: "The card number was wrong.",
  invalid_number: "The card number was wrong.",
  invalid_expiry_month: "The expiry date was wrong.",
  invalid_expiry_year: "The expiry date was wrong.",
  incorrect_zip: "The postal code did not match the card.",
  processing_error: `The card could not be processed just then. ${RETRY}`,
  try_again_later: `The bank could not approve it just then. ${RETRY}`,
  reenter_transaction: `The bank could not approve it just then. ${RETRY}`,
  approve_with_id: `The bank could not approve it just then. ${RETRY}`,
  card_velocity_exceeded: "The card has reached its spending limit.",
  withdrawal_count_limit_exceeded: "The card has reached its spending limit.",
  currency_not_supported: "The card cannot pay in this currency.",
  card_not_supported: "The card cannot be used for this kind of payment.",
  duplicate_transaction: "The bank took it for a repeat of a payment just made with the same card.",
  authentication_required: "The customer’s bank asked them to confirm the payment, and it was not confirmed.",
  payment_intent_authentication_failure:
    "The customer did not pass their bank’s security check (3-D Secure).",
  payment_intent_payment_attempt_expired: "The payment was not confirmed in time and expired.",
  lost_card: "The bank declined the card: it was reported lost.",
  stolen_card: "The bank declined the card: it was reported stolen.",
  pickup_card: "The bank declined the card and asked for it to be retained (possibly lost or stolen).",
  fraudulent: "The bank declined the payment as suspected fraud.",
  generic_decline: "The bank declined the card without giving a reason.",
  do_not_honor: "The bank declined the card without giving a reason.",
  card_declined: "The bank declined the card without giving a reason.",
};

export const SELLER_GENERIC_FAILURE = "The customer’s bank declined the payment. Nothing was charged.";

/** The seller's sentence for a failed payment, from the code we stored (decline code, else error code). */
export function sellerFailureText(storedCode: string | null | undefined): string {
  if (!storedCode) return SELLER_GENERIC_FAILURE;
  return BY_CODE[storedCode] ?? SELLER_GENERIC_FAILURE;
}
