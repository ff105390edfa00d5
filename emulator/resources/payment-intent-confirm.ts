import type Stripe from "stripe";
import { invalidRequest, StripeApiError } from "../core/errors";
import type { Params } from "../core/form";
import { newId } from "../core/ids";
import type { OpContext } from "../core/store";
import { buildCharge } from "./charges";
import { checkCanCharge, UNCONFIRMED, unexpectedState } from "./payment-intents";
import { resolvePaymentMethod } from "./payment-methods";
import { DECLINES, type Decline, TEST_CARDS, type TestCard } from "./test-cards";

export type ConfirmInput = {
  paymentMethodId?: string;
  paymentMethodData?: Params;
  returnUrl?: string;
  offSession: boolean;
  useStripeSdk: boolean;
  errorOnRequiresAction: boolean;
};

function declineError(decline: Decline, pi: Stripe.PaymentIntent, pm: Stripe.PaymentMethod, charge: string) {
  return new StripeApiError(402, {
    type: "card_error",
    code: decline.code,
    ...(decline.declineCode ? { decline_code: decline.declineCode } : {}),
    message: decline.message,
    charge,
    payment_intent: structuredClone(pi),
    payment_method: pm,
  });
}

/**
 * One charge attempt with the card's scripted outcome. Returns the 402 a decline produces (the caller
 * decides whether to throw it: confirm does, completing 3-D Secure does not).
 */
function attemptCharge(
  ctx: OpContext,
  pi: Stripe.PaymentIntent,
  pm: Stripe.PaymentMethod,
  outcome: TestCard["charge"],
  threeDSecure: boolean,
): StripeApiError | null {
  const { store } = ctx;
  const result = outcome === "succeed" ? "succeeded" : outcome === "processing" ? "pending" : outcome;
  const charge = store.insert("charges", ctx.account, buildCharge(ctx, pi, pm, result, threeDSecure));
  pi.latest_charge = charge.id;
  if (typeof outcome !== "string") {
    Object.assign(pi, {
      status: "requires_payment_method",
      payment_method: null,
      next_action: null,
      last_payment_error: {
        type: "card_error",
        code: outcome.code as Stripe.PaymentIntent.LastPaymentError.Code,
        ...(outcome.declineCode ? { decline_code: outcome.declineCode } : {}),
        message: outcome.message,
        charge: charge.id,
        payment_method: pm,
        doc_url: `https://docs.stripe.com/error-codes/${outcome.code}`,
      },
    });
    store.emit(ctx, "charge.failed", charge);
    store.emit(ctx, "payment_intent.payment_failed", pi);
    return declineError(outcome, pi, pm, charge.id);
  }
  if (outcome === "processing") {
    Object.assign(pi, { status: "processing", processing: { type: "card" }, next_action: null });
    store.emit(ctx, "charge.pending", charge);
    store.emit(ctx, "payment_intent.processing", pi);
    store.schedule("payment_settle", ctx.account, pi.id, store.delays.paymentSeconds);
    return null;
  }
  Object.assign(pi, { status: "succeeded", amount_received: pi.amount, next_action: null, processing: null });
  store.emit(ctx, "charge.succeeded", charge);
  store.emit(ctx, "payment_intent.succeeded", pi);
  const testCard = store.state.paymentMethodCards[pm.id];
  if (testCard && TEST_CARDS[testCard].dispute) {
    store.schedule("dispute_create", ctx.account, charge.id, store.delays.disputeSeconds);
  }
  return null;
}

function requireAction(
  ctx: OpContext,
  pi: Stripe.PaymentIntent,
  input: ConfirmInput,
  returnUrl: string | null,
) {
  const query = new URLSearchParams({ client_secret: pi.client_secret ?? "", account: ctx.account });
  const url = `${ctx.store.publicUrl}/3ds/${pi.id}?${query}`;
  pi.status = "requires_action";
  pi.next_action =
    input.useStripeSdk || !returnUrl
      ? {
          type: "use_stripe_sdk",
          use_stripe_sdk: { type: "three_d_secure_redirect", stripe_js: url, source: newId("src") },
        }
      : { type: "redirect_to_url", redirect_to_url: { return_url: returnUrl, url } };
  ctx.store.emit(ctx, "payment_intent.requires_action", pi);
}

function needsReturnUrl(pi: Stripe.PaymentIntent): boolean {
  const automatic = pi.automatic_payment_methods;
  return Boolean(automatic?.enabled) && automatic?.allow_redirects !== "never";
}

export function confirmPaymentIntent(
  ctx: OpContext,
  pi: Stripe.PaymentIntent,
  input: ConfirmInput,
): Stripe.PaymentIntent {
  const { store } = ctx;
  if (!UNCONFIRMED.includes(pi.status)) throw unexpectedState(pi, "confirm", UNCONFIRMED);
  checkCanCharge(ctx);
  const internals = store.state.paymentIntentInternals[pi.id] ?? {
    testCard: null,
    returnUrl: null,
    offSession: false,
  };
  const returnUrl = input.returnUrl ?? internals.returnUrl;
  if (needsReturnUrl(pi) && !returnUrl && !input.offSession) {
    throw invalidRequest(
      "This PaymentIntent is configured to accept payment methods enabled in your Dashboard. Because some of these payment methods might redirect your customer off of your page, you must provide a `return_url`. If you don't want to accept redirect-based payment methods, set `automatic_payment_methods[enabled]` to `true` and `automatic_payment_methods[allow_redirects]` to `never` when creating Setup Intents and Payment Intents.",
      { param: "return_url" },
    );
  }
  const resolved = resolvePaymentMethod(ctx, { id: input.paymentMethodId, data: input.paymentMethodData });
  const pm =
    resolved?.paymentMethod ??
    (pi.payment_method ? store.get("payment_methods", ctx.account, String(pi.payment_method)) : undefined);
  const testCard = resolved?.testCard ?? internals.testCard;
  if (!pm || !testCard) {
    throw invalidRequest(
      "You cannot confirm this PaymentIntent because it's missing a payment method. Update the PaymentIntent with a payment method and then confirm it again.",
      { code: "payment_intent_unexpected_state" },
    );
  }
  store.state.paymentIntentInternals[pi.id] = { testCard, returnUrl, offSession: input.offSession };
  Object.assign(pi, { payment_method: pm.id, last_payment_error: null, next_action: null });
  const card = TEST_CARDS[testCard];
  let error: StripeApiError | null;
  if (card.requires3ds && (input.offSession || input.errorOnRequiresAction)) {
    error = attemptCharge(ctx, pi, pm, DECLINES.authenticationRequired, false);
  } else if (card.requires3ds) {
    requireAction(ctx, pi, input, returnUrl);
    error = null;
  } else {
    error = attemptCharge(ctx, pi, pm, card.charge, false);
  }
  store.touch();
  if (error) throw error;
  return pi;
}

const AUTHENTICATION_FAILED =
  "The provided PaymentMethod has failed authentication. You can provide payment_method_data or a new PaymentMethod to attempt to fulfill this PaymentIntent again.";

/** The customer's answer to the 3-D Secure challenge (stand-in Stripe.js, challenge page or control API). */
export function authenticatePaymentIntent(
  ctx: OpContext,
  pi: Stripe.PaymentIntent,
  success: boolean,
): Stripe.PaymentIntent {
  if (pi.status !== "requires_action") throw unexpectedState(pi, "authenticate", ["requires_action"]);
  const pm = ctx.store.get("payment_methods", ctx.account, String(pi.payment_method));
  const testCard = ctx.store.state.paymentIntentInternals[pi.id]?.testCard;
  if (!pm || !testCard) throw unexpectedState(pi, "authenticate", ["requires_action"]);
  if (success) {
    attemptCharge(ctx, pi, pm, TEST_CARDS[testCard].charge, true);
  } else {
    Object.assign(pi, {
      status: "requires_payment_method",
      payment_method: null,
      next_action: null,
      last_payment_error: {
        type: "invalid_request_error",
        code: "payment_intent_authentication_failure",
        message: AUTHENTICATION_FAILED,
        payment_method: pm,
        doc_url: "https://docs.stripe.com/error-codes/payment-intent-authentication-failure",
      },
    });
    ctx.store.emit(ctx, "payment_intent.payment_failed", pi);
  }
  ctx.store.touch();
  return pi;
}

/** A payment method given without confirming: attached, and the PaymentIntent awaits confirmation. */
export function attachPaymentMethod(ctx: OpContext, pi: Stripe.PaymentIntent, input: ConfirmInput): void {
  const resolved = resolvePaymentMethod(ctx, { id: input.paymentMethodId, data: input.paymentMethodData });
  if (!resolved) return;
  const internals = ctx.store.state.paymentIntentInternals[pi.id];
  ctx.store.state.paymentIntentInternals[pi.id] = {
    returnUrl: internals?.returnUrl ?? null,
    offSession: internals?.offSession ?? false,
    testCard: resolved.testCard,
  };
  Object.assign(pi, {
    payment_method: resolved.paymentMethod.id,
    status: "requires_confirmation",
    next_action: null,
    last_payment_error: null,
  });
  ctx.store.touch();
}
