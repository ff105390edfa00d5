import type Stripe from "stripe";
import type { ApiRequest } from "../core/api";
import { invalidRequest, resourceMissing, StripeApiError } from "../core/errors";
import { ParamReader } from "../core/params";
import { expandObject } from "./expand";
import { checkChargeAmount, parseCurrency, settlementCurrency } from "./money";
import {
  attachPaymentMethod,
  authenticatePaymentIntent,
  type ConfirmInput,
  confirmPaymentIntent,
} from "./payment-intent-confirm";
import {
  buildPaymentIntent,
  checkApplicationFee,
  checkCanCharge,
  checkClientSecret,
  clientView,
  paymentMethodTypesRemoved,
  readAmountAndCurrency,
  requirePaymentIntent,
  UNCONFIRMED,
  unexpectedState,
} from "./payment-intents";

const CONFIRM_PARAMS = [
  "payment_method",
  "payment_method_data",
  "payment_method_options",
  "return_url",
  "off_session",
  "use_stripe_sdk",
  "error_on_requires_action",
  "receipt_email",
  "setup_future_usage",
  "mandate_data",
] as const;
const SETUP_FUTURE_USAGE = ["off_session", "on_session"] as const;

function readConfirmInput(reader: ParamReader): ConfirmInput {
  if (reader.has("payment_method_types")) throw paymentMethodTypesRemoved();
  const offSession = reader.string("off_session");
  return {
    paymentMethodId: reader.string("payment_method"),
    paymentMethodData: reader.object("payment_method_data"),
    returnUrl: reader.string("return_url"),
    // `off_session` is a boolean or `one_off`/`recurring`; any of those means the customer is absent.
    offSession: offSession !== undefined && offSession !== "false",
    useStripeSdk: reader.boolean("use_stripe_sdk") ?? false,
    errorOnRequiresAction: reader.boolean("error_on_requires_action") ?? false,
  };
}

function readAutomaticPaymentMethods(
  reader: ParamReader,
): Stripe.PaymentIntent.AutomaticPaymentMethods | null {
  const raw = reader.object("automatic_payment_methods");
  if (!raw) return reader.has("allowed_payment_method_types") ? null : { enabled: true };
  const apm = new ParamReader(raw, ["enabled", "allow_redirects"]);
  const enabled = apm.boolean("enabled") ?? false;
  const allowRedirects = apm.oneOf("allow_redirects", ["always", "never"] as const);
  return { enabled, ...(allowRedirects ? { allow_redirects: allowRedirects } : {}) };
}

/** Rethrows a decline with the client-safe PaymentIntent when the caller is Stripe.js. */
function forClient<T>(publishable: boolean, run: () => T): T {
  try {
    return run();
  } catch (error) {
    if (publishable && error instanceof StripeApiError && error.body.payment_intent) {
      error.body.payment_intent = clientView(error.body.payment_intent as Stripe.PaymentIntent);
    }
    throw error;
  }
}

export function createPaymentIntentRoute(req: ApiRequest): unknown {
  const { ctx } = req;
  const reader = new ParamReader(req.params, [
    ...CONFIRM_PARAMS,
    "amount",
    "currency",
    "automatic_payment_methods",
    "allowed_payment_method_types",
    "excluded_payment_method_types",
    "application_fee_amount",
    "capture_method",
    "confirm",
    "customer",
    "description",
    "metadata",
    "statement_descriptor",
    "statement_descriptor_suffix",
    "transfer_group",
    "payment_method_types",
  ]);
  if (reader.has("payment_method_types")) throw paymentMethodTypesRemoved();
  const { amount, currency } = readAmountAndCurrency(ctx, reader);
  const customer = reader.string("customer");
  if (customer) throw resourceMissing("customer", customer, "customer");
  const captureMethod = reader.oneOf("capture_method", ["automatic", "automatic_async", "manual"] as const);
  if (captureMethod === "manual") {
    throw invalidRequest("The emulator does not support capture_method=manual.", { param: "capture_method" });
  }
  const fee = reader.integer("application_fee_amount", { min: 0 });
  checkApplicationFee(ctx, fee, amount);
  checkCanCharge(ctx);
  const pi = buildPaymentIntent(ctx, {
    amount,
    currency,
    applicationFeeAmount: fee ?? null,
    automaticPaymentMethods: readAutomaticPaymentMethods(reader),
    captureMethod: captureMethod ?? "automatic_async",
    description: reader.nullableString("description") ?? null,
    metadata: reader.metadata(),
    receiptEmail: reader.nullableString("receipt_email") ?? null,
    setupFutureUsage: reader.oneOf("setup_future_usage", SETUP_FUTURE_USAGE) ?? null,
    statementDescriptor: reader.nullableString("statement_descriptor") ?? null,
    statementDescriptorSuffix: reader.nullableString("statement_descriptor_suffix") ?? null,
    transferGroup: reader.nullableString("transfer_group") ?? null,
  });
  pi.allowed_payment_method_types = (reader.stringArray("allowed_payment_method_types") ??
    null) as Stripe.PaymentIntent["allowed_payment_method_types"];
  pi.excluded_payment_method_types = (reader.stringArray("excluded_payment_method_types") ??
    null) as Stripe.PaymentIntent["excluded_payment_method_types"];
  const input = readConfirmInput(reader);
  ctx.store.insert("payment_intents", ctx.account, pi);
  ctx.store.state.paymentIntentInternals[pi.id] = {
    testCard: null,
    returnUrl: input.returnUrl ?? null,
    offSession: input.offSession,
  };
  ctx.store.emit(ctx, "payment_intent.created", pi);
  if (reader.boolean("confirm")) {
    confirmPaymentIntent(ctx, pi, input);
  } else {
    attachPaymentMethod(ctx, pi, input);
  }
  return expandObject(ctx.store, ctx.account, "payment_intent", pi, reader.expand());
}

/** Fields that change what is charged: only updatable before the PaymentIntent is confirmed. */
const MONEY_FIELDS = [
  "amount",
  "currency",
  "application_fee_amount",
  "payment_method",
  "payment_method_data",
];

export function updatePaymentIntentRoute(req: ApiRequest): unknown {
  const { ctx } = req;
  const reader = new ParamReader(req.params, [
    "amount",
    "currency",
    "application_fee_amount",
    "description",
    "metadata",
    "payment_method",
    "payment_method_data",
    "payment_method_options",
    "receipt_email",
    "setup_future_usage",
    "statement_descriptor",
    "statement_descriptor_suffix",
    "transfer_group",
    "payment_method_types",
  ]);
  if (reader.has("payment_method_types")) throw paymentMethodTypesRemoved();
  const pi = requirePaymentIntent(ctx, req.path.id ?? "");
  if (MONEY_FIELDS.some((f) => reader.has(f)) && !UNCONFIRMED.includes(pi.status)) {
    throw unexpectedState(pi, "update", UNCONFIRMED);
  }
  const amount = reader.integer("amount", { min: 1 }) ?? pi.amount;
  const currencyParam = reader.string("currency");
  const currency = currencyParam ? parseCurrency(currencyParam) : pi.currency;
  if (amount !== pi.amount || currency !== pi.currency) {
    checkChargeAmount(amount, currency, settlementCurrency(ctx));
  }
  const fee = reader.integer("application_fee_amount", { min: 0 });
  checkApplicationFee(ctx, fee, amount);
  const changesCharge = amount !== pi.amount || currency !== pi.currency || fee !== undefined;
  Object.assign(pi, {
    amount,
    currency,
    application_fee_amount: fee ?? pi.application_fee_amount,
    description: reader.has("description") ? (reader.nullableString("description") ?? null) : pi.description,
    metadata: reader.metadata(pi.metadata),
    receipt_email: reader.has("receipt_email")
      ? (reader.nullableString("receipt_email") ?? null)
      : pi.receipt_email,
    setup_future_usage: reader.oneOf("setup_future_usage", SETUP_FUTURE_USAGE) ?? pi.setup_future_usage,
    statement_descriptor: reader.has("statement_descriptor")
      ? (reader.nullableString("statement_descriptor") ?? null)
      : pi.statement_descriptor,
    statement_descriptor_suffix: reader.has("statement_descriptor_suffix")
      ? (reader.nullableString("statement_descriptor_suffix") ?? null)
      : pi.statement_descriptor_suffix,
    transfer_group: reader.has("transfer_group")
      ? (reader.nullableString("transfer_group") ?? null)
      : pi.transfer_group,
  });
  if (UNCONFIRMED.includes(pi.status)) {
    // An update ends a pending 3-D Secure challenge and clears the last failure (docs: last_payment_error).
    pi.last_payment_error = null;
    if (changesCharge && pi.status === "requires_action") {
      Object.assign(pi, { status: "requires_confirmation", next_action: null });
    }
  }
  attachPaymentMethod(ctx, pi, readConfirmInput(reader));
  ctx.store.touch();
  return expandObject(ctx.store, ctx.account, "payment_intent", pi, reader.expand());
}

export function confirmPaymentIntentRoute(req: ApiRequest): unknown {
  const { ctx } = req;
  const reader = new ParamReader(req.params, [...CONFIRM_PARAMS, "client_secret", "payment_method_types"]);
  const input = readConfirmInput(reader);
  const pi = requirePaymentIntent(ctx, req.path.id ?? "");
  if (req.publishable) checkClientSecret(pi, reader);
  if (UNCONFIRMED.includes(pi.status)) {
    // Stripe checks the amount again when it charges (ISK's rule reached intents created before it).
    checkChargeAmount(pi.amount, pi.currency, settlementCurrency(ctx));
    if (reader.has("receipt_email")) pi.receipt_email = reader.nullableString("receipt_email") ?? null;
    pi.setup_future_usage = reader.oneOf("setup_future_usage", SETUP_FUTURE_USAGE) ?? pi.setup_future_usage;
  }
  forClient(req.publishable, () => confirmPaymentIntent(ctx, pi, input));
  if (req.publishable) return clientView(pi);
  return expandObject(ctx.store, ctx.account, "payment_intent", pi, reader.expand());
}

/** Emulator-only: the outcome of the 3-D Secure challenge (`result=complete|fail`). */
export function authenticatePaymentIntentRoute(req: ApiRequest): unknown {
  const { ctx } = req;
  const reader = new ParamReader(req.params, ["client_secret", "result"]);
  const result = reader.oneOf("result", ["complete", "fail"] as const) ?? "complete";
  const pi = requirePaymentIntent(ctx, req.path.id ?? "");
  if (req.publishable) checkClientSecret(pi, reader);
  authenticatePaymentIntent(ctx, pi, result === "complete");
  return req.publishable ? clientView(pi) : pi;
}
