export const dynamic = "force-dynamic";

// Liveness: the process serves requests. It touches nothing else, so a database outage makes
// instances unready (/api/health/ready) rather than restarted in a loop.
export function GET() {
  return Response.json({ ok: true }, { headers: { "Cache-Control": "no-store" } });
}
