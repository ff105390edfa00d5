import "server-only";
import { and, desc, eq, isNull, lte, ne, or } from "drizzle-orm";
import type { Database } from "../client";
import { auditLog, type StripeRequirements, type User, users } from "../schema";
import { isUniqueViolation } from "./pg-errors";

export type AccountSnapshot = {
  chargesEnabled: boolean;
  detailsSubmitted: boolean;
  country: string | null;
  defaultCurrency: string | null;
  /** Optional: snapshots made before capabilities were read leave these columns as they are. */
  cardPayments?: string | null;
  payoutsEnabled?: boolean;
  requirements?: StripeRequirements | null;
};

/** The columns a snapshot sets (the optional parts only when given). */
function snapshotColumns(snapshot: AccountSnapshot) {
  return {
    stripeChargesEnabled: snapshot.chargesEnabled,
    stripeDetailsSubmitted: snapshot.detailsSubmitted,
    stripeCountry: snapshot.country,
    stripeDefaultCurrency: snapshot.defaultCurrency,
    ...(snapshot.cardPayments !== undefined ? { stripeCardPayments: snapshot.cardPayments } : {}),
    ...(snapshot.payoutsEnabled !== undefined ? { stripePayoutsEnabled: snapshot.payoutsEnabled } : {}),
    ...(snapshot.requirements !== undefined ? { stripeRequirements: snapshot.requirements } : {}),
  };
}

export type ConnectResult = { ok: true; user: User } | { ok: false; reason: "account_taken" };

/**
 * Stores the account the User just authorized. An account connected to another User is refused
 * (account_taken). An account another User has since disconnected is handed over: whoever finished
 * Stripe's OAuth for it controls it, and the old row keeps its disconnected status (payments carry
 * their own account id, so history does not depend on the users row).
 */
export async function saveConnectedAccount(
  db: Database,
  params: {
    userId: string;
    accountId: string;
    snapshot: AccountSnapshot;
    at: Date;
    /** How the account came to us; OAuth unless SixthDesk created it. */
    origin?: "oauth" | "platform";
  },
): Promise<ConnectResult> {
  try {
    // Its own transaction (a savepoint inside a caller's): a unique violation rolls back only this.
    const user = await db.transaction(async (tx) => {
      await tx
        .update(users)
        .set({ stripeAccountId: null })
        .where(
          and(
            eq(users.stripeAccountId, params.accountId),
            eq(users.stripeConnectionStatus, "disconnected"),
            ne(users.id, params.userId),
          ),
        );
      const [row] = await tx
        .update(users)
        .set({
          stripeAccountId: params.accountId,
          stripeConnectionStatus: "connected",
          stripeAccountOrigin: params.origin ?? "oauth",
          // A new connection starts from what this snapshot says, not from a previous account's values.
          stripeCardPayments: null,
          stripePayoutsEnabled: false,
          stripeRequirements: null,
          ...snapshotColumns(params.snapshot),
          stripeConnectedAt: params.at,
          stripeDisconnectedAt: null,
        })
        .where(eq(users.id, params.userId))
        .returning();
      if (!row) throw new Error("user vanished while connecting Stripe");
      return row;
    });
    return { ok: true, user };
  } catch (error) {
    if (isUniqueViolation(error, "users_stripe_account_id_key"))
      return { ok: false, reason: "account_taken" };
    throw error;
  }
}

/** Updates what we know of a connected account; a disconnected one is left as it is. */
export async function updateAccountSnapshot(
  db: Database,
  params: { userId: string; accountId: string; snapshot: AccountSnapshot },
) {
  const [user] = await db
    .update(users)
    .set(snapshotColumns(params.snapshot))
    .where(
      and(
        eq(users.id, params.userId),
        eq(users.stripeAccountId, params.accountId),
        eq(users.stripeConnectionStatus, "connected"),
      ),
    )
    .returning();
  return user;
}

/**
 * Marks the account disconnected; the account id stays for the record. Keyed by account id because
 * Stripe (webhooks, a 403) names the account, not the User; `userId` narrows it when a User acts.
 * `connectedBefore` leaves alone a connection made after that moment, so a late deauthorization
 * event about an earlier connection cannot end a newer one.
 */
export async function markAccountDisconnected(
  db: Database,
  params: { accountId: string; at: Date; userId?: string; connectedBefore?: Date },
) {
  return db
    .update(users)
    .set({
      stripeConnectionStatus: "disconnected",
      stripeChargesEnabled: false,
      stripePayoutsEnabled: false,
      stripeDisconnectedAt: params.at,
    })
    .where(
      and(
        eq(users.stripeAccountId, params.accountId),
        eq(users.stripeConnectionStatus, "connected"),
        params.userId === undefined ? undefined : eq(users.id, params.userId),
        params.connectedBefore === undefined
          ? undefined
          : or(isNull(users.stripeConnectedAt), lte(users.stripeConnectedAt, params.connectedBefore)),
      ),
    )
    .returning({ id: users.id });
}

/** Lookup by Stripe account id for Stripe's callers: not scoped by a signed-in User, because Stripe names the account. */
export async function findUserByStripeAccountForStripe(db: Database, params: { accountId: string }) {
  const [user] = await db.select().from(users).where(eq(users.stripeAccountId, params.accountId)).limit(1);
  return user;
}

/** Who ended the User's last Stripe connection (the User, or Stripe revoking access), for the settings page. */
export async function getLastStripeDisconnect(db: Database, params: { userId: string }) {
  const [row] = await db
    .select({ actor: auditLog.actor, at: auditLog.createdAt })
    .from(auditLog)
    .where(and(eq(auditLog.userId, params.userId), eq(auditLog.action, "stripe.disconnected")))
    .orderBy(desc(auditLog.id))
    .limit(1);
  return row;
}

/**
 * Locks the User's row for the rest of the transaction, so two "Create my Stripe account" requests of
 * one User run one after the other and the second sees the account the first stored.
 */
export async function lockUserForStripeAccount(db: Database, params: { userId: string }) {
  const [user] = await db.select().from(users).where(eq(users.id, params.userId)).for("update").limit(1);
  return user;
}
