import { getCurrentUser } from "@/lib/auth/session";
import { errorContext, logger } from "@/lib/logger";
import { createOnboardingLink } from "@/lib/stripe/connect";
import { connectedStripeAccount } from "@/lib/stripe/connection";
import { redirectTo } from "../redirect";

export const dynamic = "force-dynamic";

/**
 * Stripe's `refresh_url`: the onboarding link was used, expired or is otherwise invalid. The signed-in
 * User's own account gets a fresh link (nothing in the URL names an account, so nobody can be sent to
 * another User's onboarding).
 */
export async function GET() {
  const user = await getCurrentUser();
  if (!user) return redirectTo("/sign-in");
  if (!connectedStripeAccount(user) || user.stripeAccountOrigin !== "platform") {
    return redirectTo("/settings/payments");
  }
  try {
    const { url } = await createOnboardingLink(user);
    return redirectTo(url);
  } catch (error) {
    logger.warn("stripe onboarding refresh failed", { userId: user.id, ...errorContext(error) });
    return redirectTo("/settings/payments?onboarding=link_failed");
  }
}
