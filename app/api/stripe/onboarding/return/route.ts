import { getDb } from "@/db";
import { getCurrentUser } from "@/lib/auth/session";
import { errorContext, logger } from "@/lib/logger";
import { refreshAccount } from "@/lib/stripe/connect";
import { connectedStripeAccount } from "@/lib/stripe/connection";
import { redirectTo } from "../redirect";

export const dynamic = "force-dynamic";

/**
 * Stripe's `return_url`: the seller left or finished onboarding. Returning says nothing about the
 * account, so it is read from Stripe and the settings page shows what Stripe says (still due,
 * verifying, or ready).
 */
export async function GET() {
  const user = await getCurrentUser();
  if (!user) return redirectTo("/sign-in");
  if (!connectedStripeAccount(user)) return redirectTo("/settings/payments");
  try {
    const result = await refreshAccount(getDb(), user);
    return redirectTo(
      result.outcome === "revoked"
        ? "/settings/payments?refresh=revoked"
        : "/settings/payments?onboarding=returned",
    );
  } catch (error) {
    logger.warn("stripe onboarding return: account read failed", { userId: user.id, ...errorContext(error) });
    return redirectTo("/settings/payments?onboarding=read_failed");
  }
}
