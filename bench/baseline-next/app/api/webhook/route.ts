import { createBaselineHandler } from "../../../../lib/baseline-webhook";

// The bare Next route of bench/README.md ("Targets"): the baseline's verify + SQL in a Next 16 route handler, built and
// served like the app (`next build` / `next start`), with nothing of the app's own code.
export const dynamic = "force-dynamic";

const holder = globalThis as typeof globalThis & {
  __benchBaseline?: ReturnType<typeof createBaselineHandler>;
};

function handler() {
  holder.__benchBaseline ??= createBaselineHandler({
    databaseUrl: process.env.DATABASE_URL ?? "",
    webhookSecret: process.env.WEBHOOK_SECRET ?? "",
  });
  return holder.__benchBaseline;
}

export async function POST(request: Request) {
  const payload = await request.text();
  const answer = await handler().handle(payload, request.headers.get("stripe-signature"));
  return Response.json(answer.body, { status: answer.status });
}
