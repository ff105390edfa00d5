import Stripe from "stripe";
import { POST } from "@/app/api/webhooks/stripe/route";
import { getDb } from "@/db";
import { EMULATOR_WEBHOOK_SECRET } from "@/emulator";
import { drainStripeEvents } from "@/lib/stripe/webhooks/worker";

/** Posts an event to the real webhook route, signed as Stripe signs it (or with the signature given). */
export function postWebhook(event: object, options: { secret?: string; signature?: string | null } = {}) {
  const payload = JSON.stringify(event);
  const signature =
    options.signature === undefined
      ? Stripe.webhooks.generateTestHeaderString({
          payload,
          secret: options.secret ?? EMULATOR_WEBHOOK_SECRET,
        })
      : options.signature;
  const headers = new Headers({ "Content-Type": "application/json" });
  if (signature !== null) headers.set("Stripe-Signature", signature);
  return POST(
    new Request("http://127.0.0.1/api/webhooks/stripe", { method: "POST", headers, body: payload }),
  );
}

/**
 * Posts an event, then applies what the route stored, as the server's webhook worker would right after:
 * for tests about what an event does rather than about the queue.
 */
export async function deliverAndApply(event: object): Promise<Response> {
  const response = await postWebhook(event);
  await drainStripeEvents(getDb());
  return response;
}
