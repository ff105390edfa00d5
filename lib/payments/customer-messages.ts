// Plain words for every way a payment can fail in front of the Customer, instead of Stripe's API text.
// Keyed by Stripe's decline codes (docs "Decline codes") and error codes (docs "Error codes"). Stripe
// advises not to tell a Customer that a card was reported lost, stolen or fraudulent: those read as a
// plain decline. Pure: used by the pay page (client) and the return page (server).

const TRY_ANOTHER = "You have not been charged. Please try another card or contact your bank.";

const BY_CODE: Record<string, string> = {
  insufficient_funds: "Your card does not have enough funds for this payment. You have not been charged.",
  expired_card: "Your card has expired. You have not been charged. Please use another card.",
  incorrect_cvc: "The security code (CVC) is not right. Please check it and try again.",
  invalid_cvc: "The security code (CVC) is not right. Please check it and try again.",
  incorrect_number: "The card number is not right. Please check it and try again.",
  invalid_number: "The card number is not right. Please check it and try again.",
  invalid_expiry_month: "The expiry date is not right. Please check it and try again.",
  invalid_expiry_year: "The expiry date is not right. Please check it and try again.",
  incorrect_zip: "The postal code does not match your card. Please check it and try again.",
  processing_error: "Your card could not be processed just now. You have not been charged. Please try again.",
  try_again_later:
    "Your bank could not approve the payment just now. You have not been charged. Please try again.",
  reenter_transaction:
    "Your bank could not approve the payment just now. You have not been charged. Please try again.",
  approve_with_id:
    "Your bank could not approve the payment just now. You have not been charged. Please try again.",
  card_velocity_exceeded: `Your card has reached its spending limit. ${TRY_ANOTHER}`,
  withdrawal_count_limit_exceeded: `Your card has reached its spending limit. ${TRY_ANOTHER}`,
  currency_not_supported: `Your card cannot pay in this currency. ${TRY_ANOTHER}`,
  card_not_supported: `Your card cannot be used for this payment. ${TRY_ANOTHER}`,
  duplicate_transaction:
    "A payment of the same amount was just made with this card. Please check with your bank before paying again.",
  authentication_required:
    "Your bank asked to confirm this payment, and it was not confirmed. You have not been charged. Please try again.",
  payment_intent_authentication_failure:
    "Your bank’s security check was not completed, so the payment did not go through. You have not been charged. Please try again or use another card.",
  payment_intent_payment_attempt_expired:
    "The payment took too long to confirm and has expired. You have not been charged. Please try again.",
  payment_intent_unexpected_state: "The invoice was just updated. Press Pay again to see the new amount.",
};

export type CustomerFacingError = {
  type?: string | null;
  code?: string | null;
  decline_code?: string | null;
};

export const GENERIC_FAILURE = "The payment did not go through. You have not been charged. Please try again.";

/**
 * What the Customer reads for a failed payment. `null` for a validation error: the Payment Element shows
 * that beside the field it is about, and saying it a second time above the button is noise.
 */
export function customerPaymentMessage(error: CustomerFacingError | null | undefined): string | null {
  if (!error) return GENERIC_FAILURE;
  if (error.type === "validation_error") return null;
  const known = (error.decline_code && BY_CODE[error.decline_code]) || (error.code && BY_CODE[error.code]);
  if (known) return known;
  if (error.type === "card_error") return `Your card was declined. ${TRY_ANOTHER}`;
  return GENERIC_FAILURE;
}

/** The same words from the code we stored on the payment (decline code, else error code). */
export function customerFailureText(storedCode: string | null | undefined): string {
  if (!storedCode) return GENERIC_FAILURE;
  return BY_CODE[storedCode] ?? `Your card was declined. ${TRY_ANOTHER}`;
}
