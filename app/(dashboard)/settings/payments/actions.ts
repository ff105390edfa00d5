"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getUserById } from "@/db/queries/users";
import { stepUpForDisconnect } from "@/lib/accounts/step-up";
import { requireVerifiedEmail } from "@/lib/accounts/verification";
import { authedAction } from "@/lib/action";
import { AppError } from "@/lib/errors";
import {
  ACCOUNT_COUNTRIES,
  createConnectedAccount,
  createOnboardingLink,
  disconnectAccount,
  refreshAccount,
  startConnect,
} from "@/lib/stripe/connect";
import { connectedStripeAccount } from "@/lib/stripe/connection";
import { eventIdSchema, retryFailedStripeEvent } from "@/lib/stripe/webhooks/failed";
import { text } from "@/lib/validation/text";

// No input names an account: each action works on the signed-in User's own connection only.
const noInput = z.object({});

export const connectStripeAction = authedAction("connectStripe", noInput, async (_input, { user, db }) => {
  // Connecting over a live connection would leave the old one authorized at Stripe but forgotten here.
  if (connectedStripeAccount(user)) {
    throw new AppError("conflict", "A Stripe account is already connected. Disconnect it first.");
  }
  requireVerifiedEmail(user);
  return startConnect(db, {
    userId: user.id,
    prefill: { email: user.email, businessName: user.businessName },
  });
});

export const refreshStripeAction = authedAction("refreshStripe", noInput, async (_input, { user, db }) => {
  const result = await refreshAccount(db, user);
  revalidatePath("/settings/payments");
  return { outcome: result.outcome };
});

export const disconnectStripeAction = authedAction(
  "disconnectStripe",
  // The second factor, when the User has one: a stolen session alone cannot cut payments off.
  z.object({ code: text().trim().max(32).default("") }),
  async ({ code }, { user, db }) => {
    await stepUpForDisconnect(db, { user, code });
    await disconnectAccount(db, user);
    revalidatePath("/settings/payments");
    return { outcome: "disconnected" as const };
  },
);

const createAccountInput = z.object({
  country: z.enum(ACCOUNT_COUNTRIES, { error: "Choose the country your business is based in." }),
});

/**
 * "Create my Stripe account": one account per User however often it is pressed (see
 * createConnectedAccount), then a fresh link to Stripe-hosted onboarding.
 */
export const createStripeAccountAction = authedAction(
  "createStripeAccount",
  createAccountInput,
  async ({ country }, { user, db }) => {
    requireVerifiedEmail(user);
    await createConnectedAccount(db, { userId: user.id, country });
    revalidatePath("/settings/payments");
    const fresh = await getUserById(db, user.id);
    if (!fresh) throw new AppError("not_found", "Your account was not found.");
    return createOnboardingLink(fresh);
  },
);

/** Back to Stripe-hosted onboarding for the User's own SixthDesk-created account. */
export const continueOnboardingAction = authedAction(
  "continueStripeOnboarding",
  noInput,
  async (_input, { user }) => createOnboardingLink(user),
);

export const retryFailedStripeEventAction = authedAction(
  "retryFailedStripeEvent",
  eventIdSchema,
  async ({ eventId }, { user, db }) => {
    await retryFailedStripeEvent(db, user.id, eventId);
    revalidatePath("/settings/payments");
    return { queued: true };
  },
);
