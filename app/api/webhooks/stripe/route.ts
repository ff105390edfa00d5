import { getDb } from "@/db";
import { errorContext, logger } from "@/lib/logger";
import { getStripeSetup } from "@/lib/stripe/config";
import { processStripeEvent } from "@/lib/stripe/webhooks/process";
import { verifyWebhook, WebhookSignatureError } from "@/lib/stripe/webhooks/verify";

export const dynamic = "force-dynamic";

/** Stripe's webhook endpoint (account and Connect events). Never skips the signature check. */
export async function POST(request: Request) {
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
  try {
    const outcome = await processStripeEvent(getDb(), event);
    return Response.json({ received: true, outcome });
  } catch {
    return Response.json({ error: "processing failed; retry" }, { status: 500 });
  }
}
