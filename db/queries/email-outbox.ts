import "server-only";
import { and, count, desc, eq, gt, inArray, isNull, lt, lte, or, sql } from "drizzle-orm";
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

/** What every email about an invoice needs: the invoice, its Customer and its User (joined as below). */
export const invoiceEmailContextFields = {
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
  // The business profile's trading name, contact address and format preferences, when the User set
  // them (Settings → Business).
  seller: {
    name: users.name,
    email: users.email,
    // Where Customers' replies go: the published contact address, else the sign-in address.
    replyTo: sql<string>`coalesce(${businessProfiles.contactEmail}, ${users.email})`,
    businessName: sql<string>`coalesce(${businessProfiles.tradingName}, ${users.businessName})`,
    locale: sql<string>`coalesce(${businessProfiles.locale}, 'en-GB')`,
    timeZone: sql<string>`coalesce(${businessProfiles.timeZone}, 'UTC')`,
  },
};

/** The joins `invoiceEmailContextFields` reads, onto a query that already has `invoices`. */
export const invoiceEmailContextJoins = {
  customer: eq(customers.id, invoices.customerId),
  user: eq(users.id, invoices.userId),
  profile: eq(businessProfiles.userId, invoices.userId),
};

/** What every email about an invoice needs, in one query: the invoice, its Customer and its User. */
export async function getInvoiceEmailContext(db: Database, params: { userId: string; invoiceId: string }) {
  const [row] = await db
    .select(invoiceEmailContextFields)
    .from(invoices)
    .innerJoin(customers, invoiceEmailContextJoins.customer)
    .innerJoin(users, invoiceEmailContextJoins.user)
    .leftJoin(businessProfiles, invoiceEmailContextJoins.profile)
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
 * An email job's claim on its row (not scoped by a User: the job engine serves everyone). A guarded
 * update: only the job the row names, and only a row waiting to be sent (pending) or whose attempt's
 * lease ran out (its worker died mid-send). It is marked sending, counted as an attempt and leased, so
 * a second worker or a duplicate job finds nothing to claim. Undefined when there is nothing to send.
 */
export async function claimEmailForJob(
  db: Database,
  params: { emailId: string; jobId: string; now: Date; leaseMs: number },
): Promise<OutboxEmail | undefined> {
  const [claimed] = await db
    .update(emailOutbox)
    .set({
      status: "sending",
      attempts: sql`${emailOutbox.attempts} + 1`,
      nextAttemptAt: new Date(params.now.getTime() + params.leaseMs),
    })
    .where(
      and(
        eq(emailOutbox.id, params.emailId),
        eq(emailOutbox.jobId, params.jobId),
        or(
          eq(emailOutbox.status, "pending"),
          and(eq(emailOutbox.status, "sending"), lte(emailOutbox.nextAttemptAt, params.now)),
        ),
      ),
    )
    .returning();
  return claimed;
}

/** Whether the row is in a live attempt of this job (another worker holds its lease): try again later. */
export async function isEmailLeasedToJob(
  db: Database,
  params: { emailId: string; jobId: string; now: Date },
): Promise<boolean> {
  const [row] = await db
    .select({ id: emailOutbox.id })
    .from(emailOutbox)
    .where(
      and(
        eq(emailOutbox.id, params.emailId),
        eq(emailOutbox.jobId, params.jobId),
        eq(emailOutbox.status, "sending"),
        gt(emailOutbox.nextAttemptAt, params.now),
      ),
    );
  return row !== undefined;
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

export type OutboxFigures = {
  pending: number;
  /** Pending and due for over a minute: no worker is taking them (none running, or all stuck). */
  overdue: number;
  /** Marked sending whose lease ended: a worker died or hung mid-send (its job's retry takes it back). */
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

/**
 * Re-arms failed emails with fresh attempts and a new job id: one (`emailId`), a User's (`userId`), or
 * all of them (the retry script). Only failed rows; returns them, for their jobs to be queued in the
 * same transaction (lib/email/retry-failed.ts).
 */
export async function requeueFailedEmails(
  db: Database,
  params: { userId?: string; emailId?: string; now: Date },
): Promise<{ id: string; jobId: string | null }[]> {
  return db
    .update(emailOutbox)
    .set({ status: "pending", attempts: 0, nextAttemptAt: params.now, jobId: sql`gen_random_uuid()` })
    .where(
      and(
        eq(emailOutbox.status, "failed"),
        params.userId ? eq(emailOutbox.userId, params.userId) : undefined,
        params.emailId ? eq(emailOutbox.id, params.emailId) : undefined,
      ),
    )
    .returning({ id: emailOutbox.id, jobId: emailOutbox.jobId });
}

/** A User's emails that were given up on, newest first, with the last error (what Settings shows). */
export async function listFailedEmails(db: Database, params: { userId: string; limit: number }) {
  return db
    .select({
      id: emailOutbox.id,
      invoiceId: emailOutbox.invoiceId,
      kind: emailOutbox.kind,
      toAddress: emailOutbox.toAddress,
      subject: emailOutbox.subject,
      attempts: emailOutbox.attempts,
      lastError: emailOutbox.lastError,
      createdAt: emailOutbox.createdAt,
    })
    .from(emailOutbox)
    .where(and(eq(emailOutbox.userId, params.userId), eq(emailOutbox.status, "failed")))
    .orderBy(desc(emailOutbox.createdAt))
    .limit(params.limit);
}

/**
 * The relay's list (all Users): rows still to be sent whose job is gone — written before sending moved
 * onto the job engine (no job id), or whose job ended without ending the row (a worker killed during
 * the last attempt, a deployment whose queue was missing) — and that are `graceMs` past due, so a job
 * about to run is left alone. Joined with pg-boss's job table (schema `pgboss`, pg-boss 10).
 */
export async function listEmailsWithoutLiveJobForRelay(
  db: Database,
  params: { queue: string; now: Date; graceMs: number; limit: number },
) {
  const before = new Date(params.now.getTime() - params.graceMs);
  return db
    .select({ id: emailOutbox.id, jobId: emailOutbox.jobId, attempts: emailOutbox.attempts })
    .from(emailOutbox)
    .where(
      and(
        inArray(emailOutbox.status, ["pending", "sending"]),
        or(isNull(emailOutbox.jobId), lt(emailOutbox.nextAttemptAt, before)),
        sql`not exists (select 1 from pgboss.job j where j.name = ${params.queue} and j.id = ${emailOutbox.jobId} and j.state in ('created', 'retry', 'active'))`,
      ),
    )
    .orderBy(emailOutbox.nextAttemptAt)
    .limit(params.limit);
}

/**
 * Gives a relayed row a new job id (pending, due now), or marks it failed when its attempts are used up.
 * Guarded by the job id the relay saw, so a row that moved on meanwhile is left alone. Returns the
 * re-armed row (its job to be queued in the same transaction), or undefined.
 */
export async function rearmEmailForRelay(
  db: Database,
  params: { emailId: string; jobId: string | null; now: Date; giveUp: boolean },
): Promise<{ id: string; jobId: string | null } | undefined> {
  const guard = and(
    eq(emailOutbox.id, params.emailId),
    params.jobId === null ? isNull(emailOutbox.jobId) : eq(emailOutbox.jobId, params.jobId),
    inArray(emailOutbox.status, ["pending", "sending"]),
  );
  if (params.giveUp) {
    await db
      .update(emailOutbox)
      .set({
        status: "failed",
        lastError: sql`coalesce(${emailOutbox.lastError}, 'The last attempt ended without a result.')`,
      })
      .where(guard);
    return undefined;
  }
  const [row] = await db
    .update(emailOutbox)
    .set({ status: "pending", nextAttemptAt: params.now, jobId: sql`gen_random_uuid()` })
    .where(guard)
    .returning({ id: emailOutbox.id, jobId: emailOutbox.jobId });
  return row;
}
