import "server-only";
import { createHash, randomBytes } from "node:crypto";
import Stripe from "stripe";
import { z } from "zod";
import type { Database } from "@/db";
import { appendAudit } from "@/db/queries/audit";
import { consumeOauthState, deleteExpiredOauthStates, insertOauthState } from "@/db/queries/oauth-states";
import { saveConnectedAccount } from "@/db/queries/stripe-accounts";
import type { User } from "@/db/schema";
import { getEnv } from "@/lib/env";
import { logger } from "@/lib/logger";
import { text } from "@/lib/validation/text";
import { getStripe } from "./client";
import { getStripeSetup } from "./config";
import { accountSnapshot } from "./connect-account";
import { stripeErrorCode } from "./errors";

export const OAUTH_STATE_TTL_MS = 10 * 60 * 1000;
export const OAUTH_CALLBACK_PATH = "/api/stripe/oauth/callback";

/** Only the hash is stored, so a copy of the database yields no usable state. */
export function hashOauthState(state: string): string {
  return createHash("sha256").update(state).digest("hex");
}

export function oauthRedirectUri(): string {
  return `${getEnv().APP_URL.replace(/\/+$/, "")}${OAUTH_CALLBACK_PATH}`;
}

/**
 * Starts Connect for the User: a fresh 256-bit state bound to them, then Stripe's authorize URL.
 * The URL is built here because the SDK's authorizeUrl() drops the port (the emulator needs it).
 */
export async function startConnect(
  db: Database,
  params: { userId: string; now?: Date; prefill?: { email?: string; businessName?: string } },
): Promise<{ url: string }> {
  const now = params.now ?? new Date();
  const state = randomBytes(32).toString("base64url");
  await deleteExpiredOauthStates(db, { userId: params.userId, now });
  await insertOauthState(db, {
    userId: params.userId,
    stateHash: hashOauthState(state),
    expiresAt: new Date(now.getTime() + OAUTH_STATE_TTL_MS),
  });
  const setup = getStripeSetup();
  const query = new URLSearchParams({
    response_type: "code",
    client_id: setup.connectClientId,
    scope: "read_write",
    redirect_uri: oauthRedirectUri(),
    state,
  });
  if (params.prefill?.email) query.set("stripe_user[email]", params.prefill.email);
  if (params.prefill?.businessName) query.set("stripe_user[business_name]", params.prefill.businessName);
  return { url: `${setup.connectBaseUrl.replace(/\/+$/, "")}/oauth/authorize?${query.toString()}` };
}

/** The query Stripe sends the browser back with; anything longer than these is not Stripe's. */
export const connectCallbackQuerySchema = z.object({
  state: text().min(1).max(512).optional(),
  code: text().min(1).max(512).optional(),
  error: text().min(1).max(100).optional(),
  error_description: text().max(2000).optional(),
});

export type ConnectCallbackQuery = z.infer<typeof connectCallbackQuerySchema>;

export type ConnectOutcome =
  | { outcome: "connected"; user: User }
  | { outcome: "denied" }
  | { outcome: "invalid_state" }
  | { outcome: "invalid_grant" }
  | { outcome: "account_taken" }
  | { outcome: "stripe_error" };

export type ConnectOutcomeName = ConnectOutcome["outcome"];

/**
 * Finishes Connect. The state is checked (and used up) before anything else, so a missing,
 * unknown, expired, reused or other User's state stores nothing and never reaches Stripe.
 */
export async function completeConnect(
  db: Database,
  params: { userId: string; query: ConnectCallbackQuery; now?: Date },
): Promise<ConnectOutcome> {
  const { userId, query } = params;
  const now = params.now ?? new Date();
  if (!query.state) return { outcome: "invalid_state" };
  if (!(await consumeOauthState(db, { userId, stateHash: hashOauthState(query.state), now }))) {
    logger.warn("stripe connect: state rejected", { userId });
    return { outcome: "invalid_state" };
  }
  if (query.error) {
    if (query.error === "access_denied") return { outcome: "denied" };
    logger.warn("stripe connect: authorize error", { userId, code: query.error });
    return { outcome: "stripe_error" };
  }
  if (!query.code) return { outcome: "invalid_grant" };

  const stripe = getStripe();
  let accountId: string;
  try {
    // Never retried: Stripe revokes the connection when a code is redeemed twice.
    const token = await stripe.oauth.token(
      { grant_type: "authorization_code", code: query.code },
      { maxNetworkRetries: 0 },
    );
    if (!token.stripe_user_id) throw new Error("oauth.token returned no stripe_user_id");
    accountId = token.stripe_user_id;
  } catch (error) {
    const code = stripeErrorCode(error) ?? (error instanceof Error ? error.name : "unknown");
    logger.warn("stripe connect: code exchange failed", { userId, code });
    return {
      outcome: error instanceof Stripe.errors.StripeInvalidGrantError ? "invalid_grant" : "stripe_error",
    };
  }

  let account: Stripe.Account;
  try {
    account = await stripe.accounts.retrieve(accountId);
  } catch (error) {
    // Nothing is stored unless the account could be read; connecting again is safe, since Stripe
    // issues a new code for an account that is already connected to the platform.
    logger.warn("stripe connect: account read failed", { userId, accountId, code: stripeErrorCode(error) });
    return { outcome: "stripe_error" };
  }

  const saved = await db.transaction(async (tx) => {
    const result = await saveConnectedAccount(tx, {
      userId,
      accountId,
      snapshot: accountSnapshot(account),
      at: now,
    });
    if (result.ok) {
      await appendAudit(tx, {
        userId,
        actor: "user",
        action: "stripe.connected",
        stripeIds: { account: accountId },
        details: { chargesEnabled: account.charges_enabled ?? false },
      });
    }
    return result;
  });
  if (!saved.ok) {
    logger.warn("stripe connect: account belongs to another user", { userId, accountId });
    return { outcome: "account_taken" };
  }
  logger.info("stripe account connected", {
    userId,
    accountId,
    chargesEnabled: account.charges_enabled ?? false,
  });
  return { outcome: "connected", user: saved.user };
}
