import type Stripe from "stripe";

export type StripeErrorType =
  | "api_error"
  | "card_error"
  | "idempotency_error"
  | "invalid_request_error"
  | "rate_limit_error";

/** The `error` member of Stripe's error JSON (docs.stripe.com/api/errors). */
export type StripeErrorBody = {
  type: StripeErrorType;
  message: string;
  code?: string;
  decline_code?: string;
  param?: string;
  doc_url?: string;
  charge?: string;
  payment_intent?: Partial<Stripe.PaymentIntent>;
  payment_method?: Stripe.PaymentMethod;
  advice_code?: string;
};

/** Thrown by handlers; the HTTP layer turns it into Stripe's error JSON with this status. */
export class StripeApiError extends Error {
  readonly body: StripeErrorBody;

  constructor(
    readonly status: number,
    body: Omit<StripeErrorBody, "message"> & { message: string },
  ) {
    super(body.message);
    this.body = body.code ? { doc_url: `https://docs.stripe.com/error-codes/${body.code}`, ...body } : body;
  }
}

export function invalidRequest(
  message: string,
  extra: { param?: string; code?: string } = {},
): StripeApiError {
  return new StripeApiError(400, { type: "invalid_request_error", message, ...extra });
}

export function missingParam(param: string): StripeApiError {
  return invalidRequest(`Missing required param: ${param}.`, { param, code: "parameter_missing" });
}

export function unknownParam(param: string): StripeApiError {
  return invalidRequest(`Received unknown parameter: ${param}`, { param, code: "parameter_unknown" });
}

export function resourceMissing(objectName: string, id: string, param = "id"): StripeApiError {
  return new StripeApiError(404, {
    type: "invalid_request_error",
    code: "resource_missing",
    message: `No such ${objectName}: '${id}'`,
    param,
  });
}

/** What Stripe answers when the platform key acts on an account it is not (or no longer) connected to. */
export function accountInvalid(accountId: string, key: string): StripeApiError {
  return new StripeApiError(403, {
    type: "invalid_request_error",
    code: "account_invalid",
    message: `The provided key '${redactKey(key)}' does not have access to account '${accountId}' (or that account does not exist). Application access may have been revoked.`,
  });
}

export function redactKey(key: string): string {
  return key.length <= 12 ? `${key.slice(0, 8)}***` : `${key.slice(0, 8)}${"*".repeat(12)}${key.slice(-4)}`;
}
