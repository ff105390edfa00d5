import type Stripe from "stripe";
import { EMULATOR_CONNECT_CLIENT_ID, EMULATOR_PLATFORM_ACCOUNT_ID } from "../constants";
import type { ApiRequest } from "../core/api";
import { invalidRequest, missingParam, resourceMissing, type StripeApiError } from "../core/errors";
import { newId, randomToken } from "../core/ids";
import { createdFilter, LIST_PARAMS, paginate } from "../core/list";
import { ParamReader } from "../core/params";
import type { OpContext } from "../core/store";
import { expandList, expandObject } from "./expand";
import { checkChargeAmount, parseCurrency, settlementCurrency } from "./money";

export const UNCONFIRMED: Stripe.PaymentIntent.Status[] = [
  "requires_payment_method",
  "requires_confirmation",
  "requires_action",
];

export function paymentMethodTypesRemoved(): StripeApiError {
  return invalidRequest(
    "The `payment_method_types` parameter is no longer supported. Use `automatic_payment_methods`, `allowed_payment_method_types` or `excluded_payment_method_types` instead.",
    { param: "payment_method_types", code: "payment_method_types_no_longer_supported" },
  );
}

export function unexpectedState(pi: Stripe.PaymentIntent, action: string, allowed: string[]): StripeApiError {
  return invalidRequest(
    `You cannot ${action} this PaymentIntent because it has a status of ${pi.status}. Only a PaymentIntent with one of the following statuses may be ${action === "cancel" ? "canceled" : `${action}d`}: ${allowed.join(", ")}.`,
    { code: "payment_intent_unexpected_state" },
  );
}

export function requirePaymentIntent(ctx: OpContext, id: string): Stripe.PaymentIntent {
  return ctx.store.require("payment_intents", ctx.account, id, { objectName: "payment_intent" });
}

/** Publishable-key calls (Stripe.js) must prove they hold the PaymentIntent's client secret. */
export function checkClientSecret(pi: Stripe.PaymentIntent, reader: ParamReader): void {
  const secret = reader.string("client_secret");
  if (!secret) throw missingParam("client_secret");
  if (secret !== pi.client_secret) {
    throw invalidRequest(
      "The client_secret provided does not match the client_secret associated with the PaymentIntent.",
      {
        param: "client_secret",
      },
    );
  }
}

/** The subset of a PaymentIntent Stripe.js receives (publishable key + client secret). */
export function clientView(pi: Stripe.PaymentIntent): Partial<Stripe.PaymentIntent> {
  const { id, object, amount, amount_details, automatic_payment_methods, canceled_at, cancellation_reason } =
    pi;
  const { capture_method, client_secret, confirmation_method, created, currency, description } = pi;
  const { last_payment_error, livemode, next_action, payment_method, payment_method_types, processing } = pi;
  const { receipt_email, setup_future_usage, shipping, status } = pi;
  return {
    id,
    object,
    amount,
    amount_details,
    automatic_payment_methods,
    canceled_at,
    cancellation_reason,
    capture_method,
    client_secret,
    confirmation_method,
    created,
    currency,
    description,
    last_payment_error,
    livemode,
    next_action,
    payment_method,
    payment_method_types,
    processing,
    receipt_email,
    setup_future_usage,
    shipping,
    status,
  };
}

export function checkApplicationFee(ctx: OpContext, fee: number | undefined, amount: number): void {
  if (fee === undefined) return;
  if (ctx.account === EMULATOR_PLATFORM_ACCOUNT_ID) {
    throw invalidRequest(
      "Can only apply an application_fee_amount when the PaymentIntent is attempting a direct payment (using an OAuth key or Stripe-Account header) or destination payment (using `transfer_data[destination]`).",
      { param: "application_fee_amount" },
    );
  }
  if (fee > amount) {
    throw invalidRequest("The application fee amount cannot be greater than the amount.", {
      param: "application_fee_amount",
    });
  }
}

export function checkCanCharge(ctx: OpContext): void {
  const account = ctx.store.state.accounts[ctx.account]?.object;
  if (account && !account.charges_enabled) {
    throw invalidRequest(
      "This Connect account cannot currently make live charges. The `requirements.disabled_reason` property on the account will provide information about why this account is currently disabled.",
    );
  }
}

export type NewPaymentIntent = {
  amount: number;
  currency: string;
  applicationFeeAmount: number | null;
  automaticPaymentMethods: Stripe.PaymentIntent.AutomaticPaymentMethods | null;
  captureMethod: Stripe.PaymentIntent.CaptureMethod;
  description: string | null;
  metadata: Record<string, string>;
  receiptEmail: string | null;
  setupFutureUsage: Stripe.PaymentIntent.SetupFutureUsage | null;
  statementDescriptor: string | null;
  statementDescriptorSuffix: string | null;
  transferGroup: string | null;
};

export function buildPaymentIntent(ctx: OpContext, input: NewPaymentIntent): Stripe.PaymentIntent {
  const id = newId("pi");
  const automatic = input.automaticPaymentMethods;
  return {
    id,
    object: "payment_intent",
    allowed_payment_method_types: null,
    amount: input.amount,
    amount_capturable: 0,
    amount_details: { tip: {} },
    amount_received: 0,
    application: ctx.account === EMULATOR_PLATFORM_ACCOUNT_ID ? null : EMULATOR_CONNECT_CLIENT_ID,
    application_fee_amount: input.applicationFeeAmount,
    automatic_payment_methods: automatic,
    canceled_at: null,
    cancellation_reason: null,
    capture_method: input.captureMethod,
    client_secret: `${id}_secret_${randomToken(25)}`,
    confirmation_method: "automatic",
    created: ctx.store.clock.now(),
    currency: input.currency,
    customer: null,
    customer_account: null,
    description: input.description,
    excluded_payment_method_types: null,
    last_payment_error: null,
    latest_charge: null,
    livemode: false,
    managed_payments: null,
    metadata: input.metadata,
    next_action: null,
    on_behalf_of: null,
    payment_method: null,
    payment_method_configuration_details: automatic?.enabled ? { id: newId("pmc"), parent: null } : null,
    payment_method_options: {
      card: { installments: null, mandate_options: null, network: null, request_three_d_secure: "automatic" },
    },
    payment_method_types: ["card"],
    payment_record: null,
    processing: null,
    receipt_email: input.receiptEmail,
    review: null,
    setup_future_usage: input.setupFutureUsage,
    shipping: null,
    source: null,
    statement_descriptor: input.statementDescriptor,
    statement_descriptor_suffix: input.statementDescriptorSuffix,
    status: "requires_payment_method",
    transfer_data: null,
    transfer_group: input.transferGroup,
  };
}

export function readAmountAndCurrency(
  ctx: OpContext,
  reader: ParamReader,
): { amount: number; currency: string } {
  const amount = reader.requiredInteger("amount", { min: 1 });
  const currency = parseCurrency(reader.requiredString("currency"));
  checkChargeAmount(amount, currency, settlementCurrency(ctx));
  return { amount, currency };
}

export function retrievePaymentIntent(req: ApiRequest): unknown {
  const reader = new ParamReader(req.params, ["client_secret"]);
  const pi = requirePaymentIntent(req.ctx, req.path.id ?? "");
  if (req.publishable) {
    checkClientSecret(pi, reader);
    return clientView(pi);
  }
  return expandObject(req.ctx.store, req.ctx.account, "payment_intent", pi, reader.expand());
}

export function listPaymentIntents(req: ApiRequest): unknown {
  const reader = new ParamReader(req.params, [...LIST_PARAMS, "customer"]);
  const customer = reader.string("customer");
  if (customer) throw resourceMissing("customer", customer, "customer");
  const created = createdFilter(reader);
  const items = req.ctx.store.list("payment_intents", req.ctx.account).filter((pi) => created(pi.created));
  const list = paginate(items, reader, "/v1/payment_intents", "payment_intent");
  return expandList(req.ctx.store, req.ctx.account, "payment_intent", list, reader.expand());
}

const CANCELABLE: Stripe.PaymentIntent.Status[] = [...UNCONFIRMED, "requires_capture", "processing"];
const CANCEL_REASONS = ["duplicate", "fraudulent", "requested_by_customer", "abandoned"] as const;

export function cancelPaymentIntent(req: ApiRequest): unknown {
  const reader = new ParamReader(req.params, ["cancellation_reason"]);
  const reason = reader.oneOf("cancellation_reason", CANCEL_REASONS) ?? null;
  const pi = requirePaymentIntent(req.ctx, req.path.id ?? "");
  if (!CANCELABLE.includes(pi.status)) throw unexpectedState(pi, "cancel", CANCELABLE);
  Object.assign(pi, {
    status: "canceled",
    canceled_at: req.ctx.store.clock.now(),
    cancellation_reason: reason,
    next_action: null,
  });
  req.ctx.store.touch();
  req.ctx.store.emit(req.ctx, "payment_intent.canceled", pi);
  return expandObject(req.ctx.store, req.ctx.account, "payment_intent", pi, reader.expand());
}
