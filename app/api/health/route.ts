import { getDb } from "@/db";
import { countUnprocessedEvents } from "@/db/queries/stripe-events";

export const dynamic = "force-dynamic";

// Touches the database so that a load balancer (and the test runner) only sees the server as ready
// once PGlite has opened its folder. The webhook backlog (events stored, not yet applied) is what a
// monitor should alert on when it keeps growing, and `webhookRetrying` those of them that failed at
// least once (a handler that keeps failing); the benchmark waits on the backlog.
export async function GET() {
  try {
    const events = await countUnprocessedEvents(getDb());
    return Response.json({ ok: true, webhookBacklog: events.backlog, webhookRetrying: events.retrying });
  } catch {
    return Response.json({ ok: false }, { status: 503 });
  }
}
