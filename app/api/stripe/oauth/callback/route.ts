import { type NextRequest, NextResponse } from "next/server";
import { getDb } from "@/db";
import { getCurrentUser } from "@/lib/auth/session";
import { getEnv } from "@/lib/env";
import { errorContext, logger } from "@/lib/logger";
import { type ConnectOutcomeName, completeConnect, connectCallbackQuerySchema } from "@/lib/stripe/connect";

export const dynamic = "force-dynamic";

// Absolute, from APP_URL: behind a proxy request.url may name an internal host.
function redirectTo(path: string) {
  const response = NextResponse.redirect(new URL(path, getEnv().APP_URL), 303);
  response.headers.set("Cache-Control", "no-store");
  return response;
}

/** Where Stripe sends the browser after the consent page (`?code&state` or `?error=access_denied`). */
export async function GET(request: NextRequest) {
  const user = await getCurrentUser();
  if (!user) return redirectTo("/sign-in");
  const parsed = connectCallbackQuerySchema.safeParse(Object.fromEntries(request.nextUrl.searchParams));
  let outcome: ConnectOutcomeName | "failed" = "invalid_state";
  if (parsed.success) {
    try {
      outcome = (await completeConnect(getDb(), { userId: user.id, query: parsed.data })).outcome;
    } catch (error) {
      // The page explains it in plain words; details go to the log only.
      logger.error("stripe connect callback failed", { userId: user.id, ...errorContext(error) });
      outcome = "failed";
    }
  }
  return redirectTo(`/settings/payments?connect=${outcome}`);
}
