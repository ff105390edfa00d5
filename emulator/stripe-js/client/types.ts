/** The shapes the stand-in Stripe.js exchanges with the page (a subset of @stripe/stripe-js's types). */

export type StripeError = {
  type: string;
  message?: string;
  code?: string;
  decline_code?: string;
  param?: string;
  payment_intent?: ClientPaymentIntent;
  [key: string]: unknown;
};

export type ClientPaymentIntent = {
  id: string;
  object: "payment_intent";
  amount: number;
  currency: string;
  status: string;
  client_secret: string | null;
  last_payment_error: StripeError | null;
  next_action: { type: string } | null;
  [key: string]: unknown;
};

export type ApiResult<T> = { ok: true; body: T } | { ok: false; error: StripeError };

export type Handler = (event: unknown) => void;

export type CardData = {
  number: string;
  exp_month: string;
  exp_year: string;
  cvc: string;
  postal_code: string | null;
};
