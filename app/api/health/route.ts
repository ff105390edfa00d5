import { getDb } from "@/db";
import { countUnprocessedEvents } from "@/db/queries/stripe-events";
import { stripeRateLimitFigures } from "@/lib/stripe/rate-limit";

export const dynamic = "force-dynamic";

// Touches the database so that a load balancer (and the test runner) only sees the server as ready
// once PGlite has opened its folder. The webhook backlog (events stored, not yet applied) is what a
// monitor should alert on when it keeps growing, and `webhookRetrying` those of them that failed at
// least once (a handler that keeps failing); the benchmark waits on the backlog. `stripeRateLimit`
// says whether Stripe answered this process with 429s in the last minute (the worker is slowed down,
// nothing is failing): a backlog that grows while it is true needs fewer reads or a higher limit.
export async function GET() {
  try {
    const events = await countUnprocessedEvents(getDb());
    return Response.json({
      ok: true,
      webhookBacklog: events.backlog,
      webhookRetrying: events.retrying,
      stripeRateLimit: stripeRateLimitFigures(),
    });
  } catch {
    return Response.json({ ok: false }, { status: 503 });
  }
}
