import "server-only";
import Stripe from "stripe";
import type { Database } from "@/db";
import { findReconcileTargetForAccount, listConnectedAccountsForReconcile } from "@/db/queries/reconcile";
import type { User } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { errorContext, logger } from "@/lib/logger";
import { connectedStripeAccount } from "@/lib/stripe/connection";
import { toAppError } from "@/lib/stripe/errors";
import { type ReconcileReport, reconcileAccount } from "./account";

export type { ReconcileReport } from "./account";

export type ReconcileRunResult =
  | { ok: true; report: ReconcileReport }
  | { ok: false; accountId: string; error: string };

/** `npm run reconcile`: every connected account (or the one named), each on its own. */
export async function reconcileAccounts(
  db: Database,
  options: { accountId?: string } = {},
): Promise<ReconcileRunResult[]> {
  let targets = await listConnectedAccountsForReconcile(db);
  if (options.accountId) {
    const target = await findReconcileTargetForAccount(db, options.accountId);
    targets = target ? [target] : [];
  }
  const results: ReconcileRunResult[] = [];
  for (const target of targets) {
    try {
      results.push({ ok: true, report: await reconcileAccount(db, target) });
    } catch (error) {
      // One account failing (Stripe down for it, a bad object) must not stop the others.
      logger.error("reconcile failed", { accountId: target.accountId, ...errorContext(error) });
      results.push({
        ok: false,
        accountId: target.accountId,
        error: error instanceof Error ? error.message : String(error),
      });
    }
  }
  return results;
}

/** The "Sync with Stripe" button: the signed-in User's own connected account only. */
export async function reconcileUser(db: Database, user: User): Promise<ReconcileReport> {
  const accountId = connectedStripeAccount(user);
  if (!accountId)
    throw new AppError("conflict", "No Stripe account is connected, so there is nothing to sync.");
  try {
    return await reconcileAccount(db, { userId: user.id, accountId });
  } catch (error) {
    if (!(error instanceof Stripe.errors.StripeError)) throw error;
    logger.warn("sync with stripe failed", { userId: user.id, ...errorContext(error) });
    throw toAppError(error, "Stripe could not be asked about your account. Please try again.");
  }
}
