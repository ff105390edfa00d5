"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { stepUpForDisconnect } from "@/lib/accounts/step-up";
import { requireVerifiedEmail } from "@/lib/accounts/verification";
import { authedAction } from "@/lib/action";
import { AppError } from "@/lib/errors";
import { disconnectAccount, refreshAccount, startConnect } from "@/lib/stripe/connect";
import { connectedStripeAccount } from "@/lib/stripe/connection";
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
