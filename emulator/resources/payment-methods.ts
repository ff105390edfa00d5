import { createHash } from "node:crypto";
import type Stripe from "stripe";
import { cardBrand, digitsOnly, luhnValid } from "../core/card-validation";
import { invalidRequest, resourceMissing, StripeApiError } from "../core/errors";
import type { Params } from "../core/form";
import { newId } from "../core/ids";
import { ParamReader } from "../core/params";
import type { OpContext } from "../core/store";
import { TEST_CARDS, type TestCardKey, testCardByNumber, testCardByPaymentMethodId } from "./test-cards";

export type ResolvedPaymentMethod = { paymentMethod: Stripe.PaymentMethod; testCard: TestCardKey };

type CardInput = { digits: string; expMonth: number; expYear: number; cvc: string | null };

function cardError(code: string, message: string, param: string): StripeApiError {
  return new StripeApiError(402, { type: "card_error", code, message, param });
}

function billingDetails(params: Params | undefined): Stripe.PaymentMethod.BillingDetails {
  const address = params?.address;
  const a = typeof address === "object" && !Array.isArray(address) ? address : {};
  const str = (v: unknown) => (typeof v === "string" && v !== "" ? v : null);
  return {
    address: {
      city: str(a.city),
      country: str(a.country),
      line1: str(a.line1),
      line2: str(a.line2),
      postal_code: str(a.postal_code),
      state: str(a.state),
    },
    email: str(params?.email),
    name: str(params?.name),
    phone: str(params?.phone),
    tax_id: null,
  };
}

function buildPaymentMethod(
  ctx: OpContext,
  key: TestCardKey,
  card: CardInput,
  billing: Stripe.PaymentMethod.BillingDetails,
): Stripe.PaymentMethod {
  const test = TEST_CARDS[key];
  const brand = test.number ? test.brand : cardBrand(card.digits);
  return {
    id: newId("pm"),
    object: "payment_method",
    allow_redisplay: "unspecified",
    billing_details: billing,
    card: {
      brand,
      checks: {
        address_line1_check: billing.address?.line1 ? "pass" : null,
        address_postal_code_check: billing.address?.postal_code ? "pass" : null,
        cvc_check: card.cvc ? "pass" : null,
      },
      country: test.country,
      display_brand: brand,
      exp_month: card.expMonth,
      exp_year: card.expYear,
      // Stable per card number, like Stripe's, without keeping the number itself.
      fingerprint: createHash("sha256").update(card.digits).digest("base64url").slice(0, 16),
      funding: test.funding,
      generated_from: null,
      last4: card.digits.slice(-4),
      networks: { available: [brand], preferred: null },
      regulated_status: "unregulated",
      three_d_secure_usage: { supported: true },
      wallet: null,
    },
    created: ctx.store.clock.now(),
    customer: null,
    customer_account: null,
    livemode: false,
    metadata: {},
    type: "card",
  };
}

function save(
  ctx: OpContext,
  paymentMethod: Stripe.PaymentMethod,
  testCard: TestCardKey,
): ResolvedPaymentMethod {
  ctx.store.insert("payment_methods", ctx.account, paymentMethod);
  ctx.store.state.paymentMethodCards[paymentMethod.id] = testCard;
  return { paymentMethod, testCard };
}

/** Raw card data (`payment_method_data[card][number]`…), as the stand-in Payment Element sends it. */
function fromCardData(ctx: OpContext, data: Params): ResolvedPaymentMethod {
  const reader = new ParamReader(data, ["type", "card", "billing_details", "metadata", "allow_redisplay"]);
  const type = reader.requiredString("type");
  if (type !== "card") {
    throw invalidRequest(`The emulator only supports card payment methods, not '${type}'.`, {
      param: "payment_method_data[type]",
    });
  }
  const raw = reader.object("card") ?? {};
  const card = new ParamReader(raw, ["number", "exp_month", "exp_year", "cvc", "token"]);
  const param = (name: string) => `payment_method_data[card][${name}]`;
  const digits = digitsOnly(card.string("number") ?? "");
  if (!digits)
    throw invalidRequest("Missing required param: payment_method_data[card][number].", {
      param: param("number"),
    });
  if (!luhnValid(digits))
    throw cardError("incorrect_number", "Your card number is incorrect.", param("number"));
  const expMonth = Number(card.string("exp_month") ?? "");
  if (!Number.isInteger(expMonth) || expMonth < 1 || expMonth > 12) {
    throw cardError("invalid_expiry_month", "Your card's expiration month is invalid.", param("exp_month"));
  }
  let expYear = Number(card.string("exp_year") ?? "");
  if (expYear < 100) expYear += 2000;
  const now = new Date(ctx.store.clock.nowMs());
  const past =
    expYear < now.getUTCFullYear() || (expYear === now.getUTCFullYear() && expMonth < now.getUTCMonth() + 1);
  if (!Number.isInteger(expYear) || past) {
    throw cardError("invalid_expiry_year", "Your card's expiration year is invalid.", param("exp_year"));
  }
  const cvc = card.string("cvc") ?? null;
  if (cvc !== null && !/^\d{3,4}$/.test(cvc)) {
    throw cardError("invalid_cvc", "Your card's security code is invalid.", param("cvc"));
  }
  const key = testCardByNumber(digits);
  const billing = billingDetails(reader.object("billing_details"));
  return save(ctx, buildPaymentMethod(ctx, key, { digits, expMonth, expYear, cvc }, billing), key);
}

/** A test PaymentMethod id (`pm_card_visa`…) makes a fresh PaymentMethod, as Stripe does. */
function fromId(ctx: OpContext, id: string): ResolvedPaymentMethod {
  const key = testCardByPaymentMethodId(id);
  if (key) {
    const { number } = TEST_CARDS[key];
    const year = new Date(ctx.store.clock.nowMs()).getUTCFullYear() + 3;
    const card = { digits: number, expMonth: 12, expYear: year, cvc: null };
    return save(ctx, buildPaymentMethod(ctx, key, card, billingDetails(undefined)), key);
  }
  const paymentMethod = ctx.store.get("payment_methods", ctx.account, id);
  const testCard = ctx.store.state.paymentMethodCards[id];
  if (!paymentMethod || !testCard) throw resourceMissing("PaymentMethod", id, "payment_method");
  return { paymentMethod, testCard };
}

export function resolvePaymentMethod(
  ctx: OpContext,
  input: { id?: string; data?: Params },
): ResolvedPaymentMethod | null {
  if (input.id) return fromId(ctx, input.id);
  if (input.data) return fromCardData(ctx, input.data);
  return null;
}
