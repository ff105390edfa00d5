import "server-only";
import { and, asc, count, desc, eq, inArray, lte, sql } from "drizzle-orm";
import type { Database } from "../client";
import {
  businessProfiles,
  customers,
  type EmailKind,
  emailOutbox,
  invoices,
  type NewOutboxEmail,
  type OutboxEmail,
  users,
} from "../schema";

/**
 * Adds emails, skipping any whose dedupe key exists (the same event recorded twice), in one statement.
 * Returns the rows actually added.
 */
export async function insertOutboxEmails(db: Database, values: NewOutboxEmail[]): Promise<OutboxEmail[]> {
  if (values.length === 0) return [];
  return db
    .insert(emailOutbox)
    .values(values)
    .onConflictDoNothing({ target: emailOutbox.dedupeKey })
    .returning();
}

/** What every email about an invoice needs, in one query: the invoice, its Customer and its User. */
export async function getInvoiceEmailContext(db: Database, params: { userId: string; invoiceId: string }) {
  const [row] = await db
    .select({
      invoice: {
        id: invoices.id,
        number: invoices.number,
        status: invoices.status,
        currency: invoices.currency,
        totalMinor: invoices.totalMinor,
        paidMinor: invoices.paidMinor,
        dueDate: invoices.dueDate,
        payToken: invoices.payToken,
      },
      customer: { name: customers.name, email: customers.email },
      // The business profile's trading name, contact address and format preferences, when the User
      // set them (Settings → Business); one statement, since this sits on the webhook's path.
      seller: {
        name: users.name,
        email: users.email,
        // Where Customers' replies go: the published contact address, else the sign-in address.
        replyTo: sql<string>`coalesce(${businessProfiles.contactEmail}, ${users.email})`,
        businessName: sql<string>`coalesce(${businessProfiles.tradingName}, ${users.businessName})`,
        locale: sql<string>`coalesce(${businessProfiles.locale}, 'en-GB')`,
        timeZone: sql<string>`coalesce(${businessProfiles.timeZone}, 'UTC')`,
      },
    })
    .from(invoices)
    .innerJoin(customers, eq(customers.id, invoices.customerId))
    .innerJoin(users, eq(users.id, invoices.userId))
    .leftJoin(businessProfiles, eq(businessProfiles.userId, invoices.userId))
    .where(and(eq(invoices.id, params.invoiceId), eq(invoices.userId, params.userId)))
    .limit(1);
  return row;
}

export type InvoiceEmailContext = NonNullable<Awaited<ReturnType<typeof getInvoiceEmailContext>>>;

export async function countInvoiceEmails(
  db: Database,
  params: { userId: string; invoiceId: string; kinds: EmailKind[] },
): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(emailOutbox)
    .where(
      and(
        eq(emailOutbox.userId, params.userId),
        eq(emailOutbox.invoiceId, params.invoiceId),
        inArray(emailOutbox.kind, params.kinds),
      ),
    );
  return row?.n ?? 0;
}

/** What the invoice page shows: no bodies, newest first. */
export async function listInvoiceEmails(db: Database, params: { userId: string; invoiceId: string }) {
  return db
    .select({
      id: emailOutbox.id,
      kind: emailOutbox.kind,
      toAddress: emailOutbox.toAddress,
      subject: emailOutbox.subject,
      status: emailOutbox.status,
      attempts: emailOutbox.attempts,
      lastError: emailOutbox.lastError,
      sentAt: emailOutbox.sentAt,
      createdAt: emailOutbox.createdAt,
    })
    .from(emailOutbox)
    .where(and(eq(emailOutbox.userId, params.userId), eq(emailOutbox.invoiceId, params.invoiceId)))
    .orderBy(desc(emailOutbox.createdAt), desc(emailOutbox.id));
}

export type InvoiceEmailRow = Awaited<ReturnType<typeof listInvoiceEmails>>[number];

/** The development mailbox: every email the User owns (to them and to their customers), newest first. */
// Ordered as email_outbox_user_id_created_at_idx holds it (drizzle-kit writes `.desc()` as DESC NULLS
// LAST), so the newest are read from the index rather than sorted; the column is NOT NULL either way.
export async function listMailbox(db: Database, params: { userId: string; limit: number }) {
  return db
    .select()
    .from(emailOutbox)
    .where(eq(emailOutbox.userId, params.userId))
    .orderBy(sql`${emailOutbox.createdAt} desc nulls last`, desc(emailOutbox.id))
    .limit(params.limit);
}

/**
 * The worker's claim (not scoped by a User: the worker serves everyone): due emails (pending whose retry time has come, or sending whose lease ran out
 * because a worker died mid-send) are locked with SKIP LOCKED, so any number of workers share the queue,
 * then leased: marked sending, counted as an attempt, and due again only once the lease ends.
 */
export async function claimDueEmailsForWorker(
  db: Database,
  params: { now: Date; limit: number; leaseMs: number },
): Promise<OutboxEmail[]> {
  return db.transaction(async (tx) => {
    const due = await tx
      .select({ id: emailOutbox.id })
      .from(emailOutbox)
      .where(
        and(inArray(emailOutbox.status, ["pending", "sending"]), lte(emailOutbox.nextAttemptAt, params.now)),
      )
      .orderBy(asc(emailOutbox.nextAttemptAt))
      .limit(params.limit)
      .for("update", { skipLocked: true });
    if (due.length === 0) return [];
    return tx
      .update(emailOutbox)
      .set({
        status: "sending",
        attempts: sql`${emailOutbox.attempts} + 1`,
        nextAttemptAt: new Date(params.now.getTime() + params.leaseMs),
      })
      .where(
        inArray(
          emailOutbox.id,
          due.map((d) => d.id),
        ),
      )
      .returning();
  });
}

// The outcome of one attempt only lands if the row is still this attempt's: a worker whose lease ran
// out and was overtaken by another must not overwrite the newer attempt.
function thisAttempt(claim: Pick<OutboxEmail, "id" | "attempts">) {
  return and(
    eq(emailOutbox.id, claim.id),
    eq(emailOutbox.status, "sending"),
    eq(emailOutbox.attempts, claim.attempts),
  );
}

export async function markEmailSentForWorker(db: Database, params: { claim: OutboxEmail; at: Date }) {
  await db
    .update(emailOutbox)
    .set({ status: "sent", sentAt: params.at, lastError: null })
    .where(thisAttempt(params.claim));
}

export async function markEmailRetryForWorker(
  db: Database,
  params: { claim: OutboxEmail; retryAt: Date; error: string },
) {
  await db
    .update(emailOutbox)
    .set({ status: "pending", nextAttemptAt: params.retryAt, lastError: params.error })
    .where(thisAttempt(params.claim));
}

export async function markEmailFailedForWorker(db: Database, params: { claim: OutboxEmail; error: string }) {
  await db
    .update(emailOutbox)
    .set({ status: "failed", lastError: params.error })
    .where(thisAttempt(params.claim));
}

/**
 * Hands claimed emails that were not sent back to the queue at once (a worker stopping): due now, and
 * the claim's attempt not counted. Only rows still held by that claim.
 */
export async function releaseEmailClaimsForWorker(
  db: Database,
  params: { claims: Pick<OutboxEmail, "id" | "attempts">[]; now: Date },
) {
  if (params.claims.length === 0) return;
  await db.transaction(async (tx) => {
    for (const claim of params.claims) {
      await tx
        .update(emailOutbox)
        .set({ status: "pending", nextAttemptAt: params.now, attempts: sql`${emailOutbox.attempts} - 1` })
        .where(thisAttempt(claim));
    }
  });
}

export type OutboxFigures = {
  pending: number;
  /** Pending and due for over a minute: no worker is taking them (none running, or all stuck). */
  overdue: number;
  /** Marked sending whose lease ended: a worker died or hung mid-send. */
  stuckLeases: number;
  /** Given up on (a permanent SMTP refusal, or retries exhausted): dead letters to look at. */
  failed: number;
};

/** The outbox's health figures (README "Operating SixthDesk"). */
export async function outboxFigures(db: Database, now: Date): Promise<OutboxFigures> {
  const minuteAgo = new Date(now.getTime() - 60_000);
  const [row] = await db
    .select({
      pending: sql<number>`count(*) filter (where ${emailOutbox.status} = 'pending')`.mapWith(Number),
      overdue:
        sql<number>`count(*) filter (where ${emailOutbox.status} = 'pending' and ${emailOutbox.nextAttemptAt} < ${minuteAgo.toISOString()}::timestamptz)`.mapWith(
          Number,
        ),
      stuckLeases:
        sql<number>`count(*) filter (where ${emailOutbox.status} = 'sending' and ${emailOutbox.nextAttemptAt} < ${now.toISOString()}::timestamptz)`.mapWith(
          Number,
        ),
      failed: sql<number>`count(*) filter (where ${emailOutbox.status} = 'failed')`.mapWith(Number),
    })
    .from(emailOutbox)
    .where(inArray(emailOutbox.status, ["pending", "sending", "failed"]));
  return {
    pending: row?.pending ?? 0,
    overdue: row?.overdue ?? 0,
    stuckLeases: row?.stuckLeases ?? 0,
    failed: row?.failed ?? 0,
  };
}
