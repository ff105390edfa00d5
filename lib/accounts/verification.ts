import "server-only";
import type { Database } from "@/db";
import { changeEmail, getUserById, markEmailVerified } from "@/db/queries/users";
import type { User } from "@/db/schema";
import { withTransaction } from "@/db/transaction";
import { enqueueEmail } from "@/lib/email/enqueue";
import { appUrl, PLATFORM_SENDER_NAME } from "@/lib/email/links";
import {
  renderEmailChangedNotice,
  renderEmailChangeEmail,
  renderVerificationEmail,
} from "@/lib/email/templates/account";
import { AppError } from "@/lib/errors";
import { issueAccountToken, redeemAccountToken } from "./tokens";

const VERIFICATION_HOURS = 24;

/** Emails a fresh confirmation link (the earlier one stops working), in the caller's transaction. */
export async function sendVerificationEmail(db: Database, user: User, now = new Date()) {
  const token = await issueAccountToken(db, {
    userId: user.id,
    purpose: "email_verification",
    email: user.email,
    ttlMs: VERIFICATION_HOURS * 3_600_000,
    now,
  });
  await enqueueEmail(db, {
    userId: user.id,
    invoiceId: null,
    kind: "account_verification",
    dedupeKey: `verify:${user.id}:${token.slice(0, 16)}`,
    to: { address: user.email, name: user.name },
    fromName: PLATFORM_SENDER_NAME,
    replyTo: null,
    content: renderVerificationEmail({
      name: user.name,
      url: appUrl(`/verify-email/${token}`),
      hours: VERIFICATION_HOURS,
    }),
    now,
  });
}

export type ConfirmOutcome = "confirmed" | "changed" | "taken" | "invalid";

class EmailTaken extends Error {}

/**
 * Uses a confirmation link once. A sign-up link confirms the address it was sent to, if the User still
 * has it; an email-change link moves the account to the new address (ending every session and telling
 * the old address), unless another account took that address meanwhile.
 */
export async function confirmEmail(
  db: Database,
  params: { token: string; now?: Date },
): Promise<ConfirmOutcome> {
  const now = params.now ?? new Date();
  try {
    return await withTransaction(db, async (tx) => {
      const verification = await redeemAccountToken(tx, {
        token: params.token,
        purpose: "email_verification",
        now,
      });
      if (verification?.email) {
        const marked = await markEmailVerified(tx, {
          userId: verification.userId,
          email: verification.email,
          now,
        });
        return marked ? "confirmed" : "invalid";
      }
      const change = await redeemAccountToken(tx, { token: params.token, purpose: "email_change", now });
      const user = change?.email ? await getUserById(tx, change.userId) : undefined;
      if (!change?.email || !user) return "invalid";
      const changed = await changeEmail(tx, { userId: user.id, email: change.email, now });
      // The failed UPDATE aborted the transaction: throw so it rolls back, the link unspent.
      if (!changed.ok) throw new EmailTaken();
      await notifyOldAddress(tx, { user, newEmail: change.email, now });
      return "changed";
    });
  } catch (error) {
    if (error instanceof EmailTaken) return "taken";
    throw error;
  }
}

async function notifyOldAddress(tx: Database, params: { user: User; newEmail: string; now: Date }) {
  await enqueueEmail(tx, {
    userId: params.user.id,
    invoiceId: null,
    kind: "email_changed",
    dedupeKey: `email-changed:${params.user.id}:${params.now.getTime()}`,
    to: { address: params.user.email, name: params.user.name },
    fromName: PLATFORM_SENDER_NAME,
    replyTo: null,
    content: renderEmailChangedNotice({
      name: params.user.name,
      newEmail: params.newEmail,
      signInUrl: appUrl("/sign-in"),
    }),
    now: params.now,
  });
}

/** Emails a link to the new address; the change happens when it is followed (confirmEmail). */
export async function sendEmailChangeLink(
  db: Database,
  params: { user: User; newEmail: string; now?: Date },
) {
  const now = params.now ?? new Date();
  await withTransaction(db, async (tx) => {
    const token = await issueAccountToken(tx, {
      userId: params.user.id,
      purpose: "email_change",
      email: params.newEmail,
      ttlMs: VERIFICATION_HOURS * 3_600_000,
      now,
    });
    await enqueueEmail(tx, {
      userId: params.user.id,
      invoiceId: null,
      kind: "account_verification",
      dedupeKey: `email-change:${params.user.id}:${token.slice(0, 16)}`,
      to: { address: params.newEmail, name: params.user.name },
      fromName: PLATFORM_SENDER_NAME,
      replyTo: null,
      content: renderEmailChangeEmail({
        name: params.user.name,
        url: appUrl(`/verify-email/${token}`),
        hours: VERIFICATION_HOURS,
      }),
      now,
    });
  });
}

export const UNVERIFIED_MESSAGE =
  "Confirm your email address first: follow the link we emailed you (or send it again from the banner above).";

/** Connecting Stripe and sending invoices wait for a confirmed address; drafts do not. */
export function requireVerifiedEmail(user: Pick<User, "emailVerifiedAt">) {
  if (!user.emailVerifiedAt) throw new AppError("forbidden", UNVERIFIED_MESSAGE);
}
