import { and, desc, eq, isNull } from "drizzle-orm";
import type { Database } from "@/db";
import { accountTokens, type EmailKind, emailOutbox } from "@/db/schema";
import { hashToken } from "@/lib/accounts/tokens";

const LINK = /\/(?:reset-password|verify-email)\/([A-Za-z0-9_-]{43})/;

/**
 * The token in the newest account email of that kind to the User, as a person would click it. Emails
 * written within one millisecond have no order, so among them the one whose link is still unused wins.
 */
export async function linkTokenFromEmail(
  db: Database,
  params: { userId: string; kind: EmailKind; to?: string },
) {
  const emails = await db
    .select({ text: emailOutbox.text })
    .from(emailOutbox)
    .where(
      and(
        eq(emailOutbox.userId, params.userId),
        eq(emailOutbox.kind, params.kind),
        params.to ? eq(emailOutbox.toAddress, params.to) : undefined,
      ),
    )
    .orderBy(desc(emailOutbox.createdAt));
  const tokens = emails.map((e) => LINK.exec(e.text)?.[1]).filter((t): t is string => Boolean(t));
  const unused = new Set(
    (
      await db
        .select({ tokenHash: accountTokens.tokenHash })
        .from(accountTokens)
        .where(and(eq(accountTokens.userId, params.userId), isNull(accountTokens.usedAt)))
    ).map((r) => r.tokenHash),
  );
  const token = tokens.find((t) => unused.has(hashToken(t))) ?? tokens[0];
  if (!token) throw new Error(`no ${params.kind} link for ${params.userId}`);
  return token;
}

export async function countAccountEmails(db: Database, params: { userId: string; kind: EmailKind }) {
  const rows = await db
    .select({ id: emailOutbox.id })
    .from(emailOutbox)
    .where(and(eq(emailOutbox.userId, params.userId), eq(emailOutbox.kind, params.kind)));
  return rows.length;
}
