import { getDb } from "@/db";
import { isDatabaseUnavailable } from "@/db/queries/pg-errors";
import { storeEvent } from "@/db/queries/stripe-events";
import { errorContext, logger, requestIdFrom, withLogContext } from "@/lib/logger";
import { getStripeSetup } from "@/lib/stripe/config";
import { isHandledEventType } from "@/lib/stripe/webhooks/process";
import { wakeStripeEventWorker, whileDelivering } from "@/lib/stripe/webhooks/start";
import { verifyWebhook, WebhookSignatureError } from "@/lib/stripe/webhooks/verify";

export const dynamic = "force-dynamic";

/**
 * Stripe's webhook endpoint (account and Connect events). Never skips the signature check. A verified
 * event is stored and acknowledged; the webhook worker applies it (lib/stripe/webhooks/worker.ts). Stripe
 * asks for a quick 2xx before any work that could time out, and a stored event cannot be lost: a handler
 * that fails is retried from our table with backoff. Only a failure to store answers 5xx, so that
 * Stripe delivers again.
 */
export function POST(request: Request): Promise<Response> {
  return withLogContext({ requestId: requestIdFrom(request.headers), route: "webhooks" }, () =>
    whileDelivering(() => handleDelivery(request)),
  );
}

async function handleDelivery(request: Request): Promise<Response> {
  const secrets = getStripeSetup().webhookSecrets;
  if (secrets.length === 0) {
    logger.error("webhook refused: no signing secret configured");
    return Response.json({ error: "webhooks are not configured" }, { status: 503 });
  }
  const payload = await request.text();
  let event: ReturnType<typeof verifyWebhook>;
  try {
    event = verifyWebhook(payload, request.headers.get("stripe-signature"), secrets);
  } catch (error) {
    if (error instanceof WebhookSignatureError) {
      return Response.json({ error: "invalid signature" }, { status: 400 });
    }
    logger.warn("webhook payload rejected", errorContext(error));
    return Response.json({ error: "invalid payload" }, { status: 400 });
  }
  const handled = isHandledEventType(event.type);
  try {
    const stored = await storeEvent(getDb(), { event, rawBody: payload, handled, now: new Date() });
    if (handled) wakeStripeEventWorker();
    return Response.json({ received: true, duplicate: stored === "duplicate" });
  } catch (error) {
    logger.error("webhook event could not be stored", { eventId: event.id, ...errorContext(error) });
    // Either way Stripe delivers it again later; 503 tells an operator reading the access log why.
    const status = isDatabaseUnavailable(error) ? 503 : 500;
    return Response.json({ error: "could not store the event; retry" }, { status });
  }
}
