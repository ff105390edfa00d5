import "server-only";
import type Stripe from "stripe";
import { getStripe } from "../client";

export class WebhookSignatureError extends Error {
  override name = "WebhookSignatureError";
}

/** Verifies Stripe-Signature against each configured secret (account and Connect endpoints differ). */
export function verifyWebhook(
  payload: string,
  header: string | null,
  secrets: readonly string[],
): Stripe.Event {
  if (secrets.length === 0) throw new Error("no webhook signing secret is configured");
  if (!header) throw new WebhookSignatureError("missing Stripe-Signature header");
  for (const secret of secrets) {
    try {
      return getStripe().webhooks.constructEvent(payload, header, secret);
    } catch {
      // Try the next secret; only when none matches is the delivery refused.
    }
  }
  throw new WebhookSignatureError("no signature matched");
}
