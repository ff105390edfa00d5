import type { IncomingMessage } from "node:http";
import { redactKey, StripeApiError } from "../core/errors";
import type { Params } from "../core/form";
import type { Store } from "../core/store";

/** Who called: the platform's secret key, an OAuth access token (acts as its account), or a publishable key. */
export type Auth =
  | { kind: "secret"; key: string; tokenAccount: string | null }
  | { kind: "publishable"; key: string };

function unauthorized(message: string): StripeApiError {
  return new StripeApiError(401, { type: "invalid_request_error", message });
}

function keyFromHeader(req: IncomingMessage): string | undefined {
  const header = req.headers.authorization;
  if (!header) return undefined;
  const [scheme, value = ""] = header.split(" ", 2);
  if (scheme?.toLowerCase() === "bearer") return value.trim();
  if (scheme?.toLowerCase() === "basic") return Buffer.from(value, "base64").toString("utf8").split(":")[0];
  return undefined;
}

/**
 * Any `sk_test_…` key is the platform's (FACTS: the emulator has one platform). `pk_test_…` keys may come
 * in the `key` param, as Stripe.js sends them (so its requests need no CORS preflight).
 */
export function authenticate(req: IncomingMessage, params: Params, store: Store): Auth {
  const bodyKey = typeof params.key === "string" ? params.key : undefined;
  const key = keyFromHeader(req) ?? bodyKey;
  if (!key) {
    throw unauthorized(
      "You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY'). See https://stripe.com/docs/api#authentication for details, or we can help at https://support.stripe.com/.",
    );
  }
  if (key.startsWith("sk_test_oauth_")) {
    const account = store.state.oauthTokens[key];
    if (!account) throw unauthorized(`Invalid API Key provided: ${redactKey(key)}`);
    return { kind: "secret", key, tokenAccount: account };
  }
  if (/^(sk|rk)_test_\w+$/.test(key)) return { kind: "secret", key, tokenAccount: null };
  if (/^pk_test_\w+$/.test(key)) return { kind: "publishable", key };
  if (/^(sk|pk|rk)_live_/.test(key)) {
    throw unauthorized(
      "The Stripe emulator only accepts test-mode keys (sk_test_…/pk_test_…); never give it live keys.",
    );
  }
  throw unauthorized(`Invalid API Key provided: ${redactKey(key)}`);
}

/** The `Stripe-Account` header (or Stripe.js's `_stripe_account` param). */
export function requestedAccount(req: IncomingMessage, params: Params): string | null {
  const header = req.headers["stripe-account"];
  if (typeof header === "string" && header) return header;
  return typeof params._stripe_account === "string" && params._stripe_account ? params._stripe_account : null;
}
