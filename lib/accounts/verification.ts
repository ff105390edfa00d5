import "server-only";
import type { Database } from "@/db";
import { markEmailVerified } from "@/db/queries/users";
import type { User } from "@/db/schema";
import { withTransaction } from "@/db/transaction";
import { enqueueEmail } from "@/lib/email/enqueue";
import { appUrl, PLATFORM_SENDER_NAME } from "@/lib/email/links";
import { renderVerificationEmail } from "@/lib/email/templates/account";
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

export type ConfirmOutcome = "confirmed" | "invalid";

/** Uses a confirmation link once; a link for an address the User no longer has confirms nothing. */
export async function confirmEmail(
  db: Database,
  params: { token: string; now?: Date },
): Promise<ConfirmOutcome> {
  const now = params.now ?? new Date();
  return withTransaction(db, async (tx) => {
    const row = await redeemAccountToken(tx, { token: params.token, purpose: "email_verification", now });
    if (!row?.email) return "invalid";
    return (await markEmailVerified(tx, { userId: row.userId, email: row.email, now }))
      ? "confirmed"
      : "invalid";
  });
}

export const UNVERIFIED_MESSAGE =
  "Confirm your email address first: follow the link we emailed you (or send it again from the banner above).";

/** Connecting Stripe and sending invoices wait for a confirmed address; drafts do not. */
export function requireVerifiedEmail(user: Pick<User, "emailVerifiedAt">) {
  if (!user.emailVerifiedAt) throw new AppError("forbidden", UNVERIFIED_MESSAGE);
}
