import type { CardBrand } from "../core/card-validation";

/**
 * Stripe's test cards (docs.stripe.com/testing; FACTS.md §5.7) and what each one does, reachable by
 * number (typed into the stand-in Payment Element) or by test PaymentMethod id (server-side confirm).
 */

export type Decline = { code: string; declineCode: string | null; message: string };

export type DisputeBehaviour = {
  reason: "fraudulent" | "product_not_received" | "general";
  status: "needs_response" | "warning_needs_response";
  chargeRefundable: boolean;
};

export type TestCard = {
  number: string;
  paymentMethodId: string | null;
  brand: CardBrand;
  funding: "credit" | "debit";
  country: string;
  /** On-session confirms need 3-D Secure; off-session ones decline with `authentication_required`. */
  requires3ds: boolean;
  /** How the charge ends (after 3-D Secure, if any). `processing` settles to success asynchronously. */
  charge: "succeed" | "processing" | Decline;
  refund: "instant" | "pending_then_succeeded" | "succeeded_then_failed";
  dispute: DisputeBehaviour | null;
};

const GENERIC: Decline = {
  code: "card_declined",
  declineCode: "generic_decline",
  message: "Your card was declined.",
};

export const DECLINES = {
  generic: GENERIC,
  insufficientFunds: {
    code: "card_declined",
    declineCode: "insufficient_funds",
    message: "Your card has insufficient funds.",
  },
  lostCard: { code: "card_declined", declineCode: "lost_card", message: "Your card was declined." },
  stolenCard: { code: "card_declined", declineCode: "stolen_card", message: "Your card was declined." },
  expiredCard: { code: "expired_card", declineCode: "expired_card", message: "Your card has expired." },
  incorrectCvc: {
    code: "incorrect_cvc",
    declineCode: "incorrect_cvc",
    message: "Your card's security code is incorrect.",
  },
  processingError: {
    code: "processing_error",
    declineCode: "processing_error",
    message: "An error occurred while processing your card. Try again in a little bit.",
  },
  velocity: {
    code: "card_declined",
    declineCode: "card_velocity_exceeded",
    message:
      "Your card was declined for making repeated attempts too frequently or exceeding its amount limit.",
  },
  authenticationRequired: {
    code: "authentication_required",
    declineCode: "authentication_required",
    message: "Your card was declined. This transaction requires authentication.",
  },
  liveCard: {
    code: "card_declined",
    declineCode: "test_mode_live_card",
    message:
      "Your card was declined. Your request was in test mode, but used a non test (live) card. For a list of valid test cards, visit: https://docs.stripe.com/testing.",
  },
} satisfies Record<string, Decline>;

function card(number: string, paymentMethodId: string | null, over: Partial<TestCard> = {}): TestCard {
  return {
    number,
    paymentMethodId,
    brand: "visa",
    funding: "credit",
    country: "US",
    requires3ds: false,
    charge: "succeed",
    refund: "instant",
    dispute: null,
    ...over,
  };
}

export const TEST_CARDS = {
  visa: card("4242424242424242", "pm_card_visa"),
  visaDebit: card("4000056655665556", "pm_card_visa_debit", { funding: "debit" }),
  mastercard: card("5555555555554444", "pm_card_mastercard", { brand: "mastercard" }),
  amex: card("378282246310005", "pm_card_amex", { brand: "amex" }),
  gb: card("4000008260000000", "pm_card_gb", { country: "GB" }),
  bypassPending: card("4000000000000077", "pm_card_bypassPending"),
  chargeDeclined: card("4000000000000002", "pm_card_visa_chargeDeclined", { charge: DECLINES.generic }),
  insufficientFunds: card("4000000000009995", "pm_card_visa_chargeDeclinedInsufficientFunds", {
    charge: DECLINES.insufficientFunds,
  }),
  lostCard: card("4000000000009987", "pm_card_visa_chargeDeclinedLostCard", { charge: DECLINES.lostCard }),
  stolenCard: card("4000000000009979", "pm_card_visa_chargeDeclinedStolenCard", {
    charge: DECLINES.stolenCard,
  }),
  expiredCard: card("4000000000000069", "pm_card_chargeDeclinedExpiredCard", {
    charge: DECLINES.expiredCard,
  }),
  incorrectCvc: card("4000000000000127", "pm_card_chargeDeclinedIncorrectCvc", {
    charge: DECLINES.incorrectCvc,
  }),
  processingError: card("4000000000000119", "pm_card_chargeDeclinedProcessingError", {
    charge: DECLINES.processingError,
  }),
  velocity: card("4000000000006975", "pm_card_visa_chargeDeclinedVelocityLimitExceeded", {
    charge: DECLINES.velocity,
  }),
  chargeCustomerFail: card("4000000000000341", "pm_card_chargeCustomerFail", { charge: DECLINES.generic }),
  authOnSetup: card("4000002500003155", "pm_card_authenticationRequiredOnSetup", { requires3ds: true }),
  authRequired: card("4000002760003184", "pm_card_authenticationRequired", { requires3ds: true }),
  threeDS2: card("4000000000003220", "pm_card_threeDSecure2Required", { requires3ds: true }),
  threeDSDeclined: card("4000008400001629", "pm_card_threeDSecureRequiredChargeDeclined", {
    requires3ds: true,
    charge: DECLINES.generic,
  }),
  threeDSInsufficientFunds: card(
    "4000008260003178",
    "pm_card_threeDSecureRequiredChargeDeclinedInsufficientFunds",
    {
      requires3ds: true,
      charge: DECLINES.insufficientFunds,
    },
  ),
  pendingRefund: card("4000000000007726", "pm_card_pendingRefund", { refund: "pending_then_succeeded" }),
  refundFail: card("4000000000005126", "pm_card_refundFail", { refund: "succeeded_then_failed" }),
  dispute: card("4000000000000259", "pm_card_createDispute", {
    dispute: { reason: "fraudulent", status: "needs_response", chargeRefundable: false },
  }),
  disputeProductNotReceived: card("4000000000002685", "pm_card_createDisputeProductNotReceived", {
    dispute: { reason: "product_not_received", status: "needs_response", chargeRefundable: false },
  }),
  disputeInquiry: card("4000000000001976", "pm_card_createDisputeInquiry", {
    dispute: { reason: "general", status: "warning_needs_response", chargeRefundable: true },
  }),
  /** Emulator-only (not a Stripe test card): the payment stays `processing` until settled. */
  emulatorProcessing: card("4000009990000005", "pm_card_emulator_processing", { charge: "processing" }),
  /** Any other valid number: Stripe declines real cards in test mode. */
  liveCard: card("", null, { charge: DECLINES.liveCard }),
} satisfies Record<string, TestCard>;

export type TestCardKey = keyof typeof TEST_CARDS;

const KEYS = Object.keys(TEST_CARDS) as TestCardKey[];

export function testCardByNumber(digits: string): TestCardKey {
  return KEYS.find((key) => TEST_CARDS[key].number === digits) ?? "liveCard";
}

export function testCardByPaymentMethodId(id: string): TestCardKey | null {
  return KEYS.find((key) => TEST_CARDS[key].paymentMethodId === id) ?? null;
}
