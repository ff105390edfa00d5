import { getDb } from "@/db";
import { checkReadiness, hasHealthToken } from "@/lib/health/readiness";

export const dynamic = "force-dynamic";

// Readiness: 200 while this instance should get traffic (database answering, queue workers running,
// not shutting down), else 503. The public answer is ok / not ok only; with the HEALTH_TOKEN as a
// bearer token it carries the figures a monitor alerts on (README "Operating SixthDesk"). The test
// runner waits on it too, so that PGlite has opened its folder before the first page.
export async function GET(request: Request) {
  const details = hasHealthToken(request);
  const readiness = await checkReadiness(getDb(), { figures: details });
  const status = readiness.ok ? 200 : 503;
  const headers = { "Cache-Control": "no-store" };
  return Response.json(details ? readiness : { ok: readiness.ok }, { status, headers });
}
