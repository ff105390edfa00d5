import { and, desc, eq } from "drizzle-orm";
import type { Database } from "@/db";
import { type EmailKind, emailOutbox } from "@/db/schema";

/** The token in the newest account email of that kind to the User, as a person would click it. */
export async function linkTokenFromEmail(db: Database, params: { userId: string; kind: EmailKind }) {
  const [email] = await db
    .select({ text: emailOutbox.text, html: emailOutbox.html })
    .from(emailOutbox)
    .where(and(eq(emailOutbox.userId, params.userId), eq(emailOutbox.kind, params.kind)))
    .orderBy(desc(emailOutbox.createdAt))
    .limit(1);
  const token = /\/(?:reset-password|verify-email)\/([A-Za-z0-9_-]{43})/.exec(email?.text ?? "")?.[1];
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
