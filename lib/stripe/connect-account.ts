import "server-only";
import Stripe from "stripe";
import type { Database } from "@/db";
import { appendAudit } from "@/db/queries/audit";
import {
  type AccountSnapshot,
  markAccountDisconnected,
  updateAccountSnapshot,
} from "@/db/queries/stripe-accounts";
import type { User } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { logger } from "@/lib/logger";
import { getStripe } from "./client";
import { getStripeSetup } from "./config";
import { connectedStripeAccount } from "./connection";
import { isAccountAccessRevoked, stripeErrorCode, toAppError } from "./errors";

/** What we keep of a connected account (never the whole object). */
export function accountSnapshot(account: Stripe.Account): AccountSnapshot {
  const r = account.requirements;
  return {
    chargesEnabled: account.charges_enabled ?? false,
    detailsSubmitted: account.details_submitted ?? false,
    country: account.country ?? null,
    defaultCurrency: account.default_currency ?? null,
    // Absent when the capability is not visible to us: charges_enabled alone decides then.
    cardPayments: account.capabilities?.card_payments ?? null,
    payoutsEnabled: account.payouts_enabled ?? false,
    requirements: r
      ? {
          currentlyDue: r.currently_due ?? [],
          pastDue: r.past_due ?? [],
          eventuallyDue: r.eventually_due ?? [],
          pendingVerification: r.pending_verification ?? [],
          disabledReason: r.disabled_reason ?? null,
          currentDeadline: r.current_deadline ?? null,
        }
      : null,
  };
}

export type RevokedActor = "user" | "stripe" | "system";

/**
 * Our access to the account ended (the User disconnected, a 403 from Stripe, or the
 * `account.application.deauthorized` webhook): the User is marked disconnected and it is audited.
 * Safe to call more than once: only a connected User changes. Webhooks pass the event's time as
 * `connectedBefore`, so a late event cannot end a connection made after it.
 */
export async function handleAccountRevoked(
  db: Database,
  params: { accountId: string; at: Date; actor: RevokedActor; userId?: string; connectedBefore?: Date },
): Promise<{ disconnectedUserIds: string[] }> {
  const rows = await db.transaction(async (tx) => {
    const changed = await markAccountDisconnected(tx, params);
    for (const row of changed) {
      await appendAudit(tx, {
        userId: row.id,
        actor: params.actor,
        action: "stripe.disconnected",
        stripeIds: { account: params.accountId },
      });
    }
    return changed;
  });
  for (const row of rows) {
    logger.info("stripe account disconnected", {
      userId: row.id,
      accountId: params.accountId,
      actor: params.actor,
    });
  }
  return { disconnectedUserIds: rows.map((r) => r.id) };
}

function requireConnectedAccount(user: User): string {
  const accountId = connectedStripeAccount(user);
  if (!accountId) throw new AppError("bad_request", "No Stripe account is connected.");
  return accountId;
}

export type RefreshResult = { outcome: "refreshed"; user: User } | { outcome: "revoked" };

/** Re-reads the signed-in User's account from Stripe; a 403 means access was revoked. */
export async function refreshAccount(db: Database, user: User, now = new Date()): Promise<RefreshResult> {
  const accountId = requireConnectedAccount(user);
  let account: Stripe.Account;
  try {
    account = await getStripe().accounts.retrieve(accountId);
  } catch (error) {
    if (isAccountAccessRevoked(error)) {
      await handleAccountRevoked(db, { accountId, at: now, actor: "stripe", userId: user.id });
      return { outcome: "revoked" };
    }
    logger.warn("stripe account refresh failed", {
      userId: user.id,
      accountId,
      code: stripeErrorCode(error),
    });
    throw toAppError(error, "Stripe could not be asked about your account. Please try again.");
  }
  const updated = await updateAccountSnapshot(db, {
    userId: user.id,
    accountId,
    snapshot: accountSnapshot(account),
  });
  if (!updated) throw new AppError("conflict", "Your Stripe connection changed meanwhile. Reload the page.");
  return { outcome: "refreshed", user: updated };
}

/**
 * Stripe says the account is not connected to us (`invalid_client`), which is also its answer to a
 * wrong client id. Only an account we can no longer read counts as already disconnected.
 */
async function accountStillReachable(accountId: string): Promise<boolean> {
  try {
    await getStripe().accounts.retrieve(accountId);
    return true;
  } catch (error) {
    if (isAccountAccessRevoked(error)) return false;
    throw toAppError(error, "Stripe could not disconnect your account. Please try again.");
  }
}

/** Ends the platform's access to the signed-in User's account (`oauth.deauthorize`), then records it. */
export async function disconnectAccount(db: Database, user: User, now = new Date()): Promise<void> {
  const accountId = requireConnectedAccount(user);
  if (user.stripeAccountOrigin === "platform") {
    // Stripe does not let a platform deauthorize an account it controls; the seller keeps using it.
    throw new AppError(
      "bad_request",
      "This Stripe account was created through SixthDesk and stays linked to it. Close it from your Stripe Dashboard if you no longer need it.",
    );
  }
  try {
    await getStripe().oauth.deauthorize(
      { client_id: getStripeSetup().connectClientId, stripe_user_id: accountId },
      // The connection time is part of the key: a later connection of the same account is a new
      // request, not a replay of the first disconnect.
      { idempotencyKey: `deauthorize:${user.id}:${accountId}:${user.stripeConnectedAt?.getTime() ?? 0}` },
    );
  } catch (error) {
    const notConnected =
      isAccountAccessRevoked(error) ||
      (error instanceof Stripe.errors.StripeInvalidClientError && !(await accountStillReachable(accountId)));
    if (!notConnected) {
      logger.warn("stripe deauthorize failed", { userId: user.id, accountId, code: stripeErrorCode(error) });
      throw toAppError(error, "Stripe could not disconnect your account. Please try again.");
    }
    logger.info("stripe account was already disconnected", { userId: user.id, accountId });
  }
  await handleAccountRevoked(db, { accountId, at: now, actor: "user", userId: user.id });
}
