import "server-only";
import Stripe from "stripe";
import type { Database } from "@/db";
import { appendAudit } from "@/db/queries/audit";
import { lockUserForStripeAccount, saveConnectedAccount } from "@/db/queries/stripe-accounts";
import type { User } from "@/db/schema";
import { getEnv } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { logger } from "@/lib/logger";
import { getStripe } from "./client";
import { accountSnapshot } from "./connect-account";
import { connectedStripeAccount } from "./connection";
import { stripeErrorCode, toAppError } from "./errors";

// Stripe's recommended onboarding for sellers without a Stripe account: SixthDesk creates the account
// with controller properties and sends the seller to Stripe-hosted onboarding with an Account Link
// (docs/decisions/0015-connect-onboarding-account-links.md).

export const ONBOARDING_REFRESH_PATH = "/api/stripe/onboarding/refresh";
export const ONBOARDING_RETURN_PATH = "/api/stripe/onboarding/return";

/** Countries a seller can pick for a new account (those the settings page offers). */
export const ACCOUNT_COUNTRIES = ["AU", "CA", "DE", "ES", "FR", "GB", "IE", "IT", "JP", "NL", "US"] as const;
export type AccountCountry = (typeof ACCOUNT_COUNTRIES)[number];

/** Standard's behaviour: full Stripe Dashboard, the account pays Stripe's fees, Stripe carries losses. */
const CONTROLLER: Stripe.AccountCreateParams.Controller = {
  fees: { payer: "account" },
  losses: { payments: "stripe" },
  requirement_collection: "stripe",
  stripe_dashboard: { type: "full" },
};

function appUrl(path: string): string {
  return `${getEnv().APP_URL.replace(/\/+$/, "")}${path}`;
}

/**
 * The key of the User's account creation: one account per User. A User whose earlier account was
 * disconnected (Stripe revoked access) may create another, so the disconnect time is part of it.
 */
export function accountCreationKey(user: Pick<User, "id" | "stripeDisconnectedAt">): string {
  return `account:create:${user.id}:${user.stripeDisconnectedAt?.getTime() ?? 0}`;
}

export type CreatedAccount = { accountId: string; created: boolean };

/**
 * Creates the User's Stripe account, once. The User's row stays locked from the check to the write,
 * so concurrent requests run one after the other and the later ones find the stored account; the
 * idempotency key makes Stripe answer a retried or repeated request with the same account, even if
 * our write after Stripe's answer failed.
 */
export async function createConnectedAccount(
  db: Database,
  params: { userId: string; country: AccountCountry; now?: Date },
): Promise<CreatedAccount> {
  const now = params.now ?? new Date();
  return db.transaction(async (tx) => {
    const user = await lockUserForStripeAccount(tx, { userId: params.userId });
    if (!user) throw new AppError("not_found", "Your account was not found.");
    const existing = connectedStripeAccount(user);
    if (existing) {
      if (user.stripeAccountOrigin === "platform") return { accountId: existing, created: false };
      throw new AppError("conflict", "A Stripe account is already connected. Disconnect it first.");
    }
    let account: Stripe.Account;
    try {
      account = await getStripe().accounts.create(
        {
          controller: CONTROLLER,
          country: params.country,
          email: user.email,
          business_profile: { name: user.businessName },
          capabilities: { card_payments: { requested: true } },
          metadata: { sixthdesk_user_id: user.id },
        },
        { idempotencyKey: accountCreationKey(user) },
      );
    } catch (error) {
      logger.warn("stripe account create failed", { userId: user.id, code: stripeErrorCode(error) });
      if (error instanceof Stripe.errors.StripeIdempotencyError) {
        throw new AppError(
          "conflict",
          "A Stripe account was just requested for you with other details. Choose the same country as before, or try again tomorrow.",
        );
      }
      throw toAppError(error, "Stripe could not create your account. Please try again.");
    }
    const saved = await saveConnectedAccount(tx, {
      userId: user.id,
      accountId: account.id,
      snapshot: accountSnapshot(account),
      at: now,
      origin: "platform",
    });
    if (!saved.ok) throw new Error("a newly created Stripe account is stored for another user");
    await appendAudit(tx, {
      userId: user.id,
      actor: "user",
      action: "stripe.account_created",
      stripeIds: { account: account.id },
      details: { country: params.country },
    });
    logger.info("stripe account created", { userId: user.id, accountId: account.id });
    return { accountId: account.id, created: true };
  });
}

/**
 * A fresh link to Stripe-hosted onboarding for the User's own SixthDesk-created account. Links are
 * single-use and expire within minutes, so each request makes a new one and no idempotency key of
 * ours is sent (a replayed link would be a used one).
 */
export async function createOnboardingLink(
  user: Pick<User, "id" | "stripeAccountId" | "stripeConnectionStatus" | "stripeAccountOrigin">,
): Promise<{ url: string }> {
  const accountId = connectedStripeAccount(user);
  if (!accountId || user.stripeAccountOrigin !== "platform") {
    throw new AppError("bad_request", "There is no Stripe account created by SixthDesk to set up.");
  }
  try {
    const link = await getStripe().accountLinks.create({
      account: accountId,
      type: "account_onboarding",
      refresh_url: appUrl(ONBOARDING_REFRESH_PATH),
      return_url: appUrl(ONBOARDING_RETURN_PATH),
      // Ask for everything Stripe will eventually need now, so fewer requests come later.
      collection_options: { fields: "eventually_due" },
    });
    return { url: link.url };
  } catch (error) {
    logger.warn("stripe account link failed", { userId: user.id, accountId, code: stripeErrorCode(error) });
    throw toAppError(error, "Stripe could not open onboarding. Please try again.");
  }
}
