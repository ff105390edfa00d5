import "server-only";
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { Database } from "../client";
import { businessProfiles, customers, invoiceReminders, invoices, reminderSettings } from "../schema";

// The defaults when a User has saved no schedule; kept in step with lib/reminders/schedule.ts.
const DEFAULT_OFFSETS_SQL = sql`ARRAY[-3, 0, 7, 14]::integer[]`;

/**
 * Invoices with at least one reminder step due and not done (the worker's query, across all Users):
 * awaiting payment with an amount due and a pay link, not paused on the invoice or its customer, the
 * customer has an address, reminders on, and no dispute on any of its payments. A step is due once its
 * day (due date + offset) has begun in the User's time zone. `invoiceId` narrows it to one invoice:
 * the re-check under that invoice's row lock.
 */
export async function listReminderCandidatesForWorker(
  db: Database,
  params: { now: Date; limit: number; invoiceId?: string },
) {
  const offsets = sql`coalesce(${reminderSettings.offsetsDays}, ${DEFAULT_OFFSETS_SQL})`;
  const today = sql`(timezone(coalesce(${businessProfiles.timeZone}, 'UTC'), ${params.now.toISOString()}::timestamptz))::date`;
  return db
    .select({
      invoiceId: invoices.id,
      userId: invoices.userId,
      dueDate: invoices.dueDate,
      offsets: sql<number[]>`${offsets}`,
      today: sql<string>`${today}::text`,
      done: sql<
        number[]
      >`coalesce((select array_agg(r.offset_days) from invoice_reminders r where r.invoice_id = ${invoices.id}), '{}'::integer[])`,
    })
    .from(invoices)
    .innerJoin(customers, eq(customers.id, invoices.customerId))
    .leftJoin(reminderSettings, eq(reminderSettings.userId, invoices.userId))
    .leftJoin(businessProfiles, eq(businessProfiles.userId, invoices.userId))
    .where(
      and(
        inArray(invoices.status, ["open", "partially_paid"]),
        sql`${invoices.payToken} is not null`,
        sql`${invoices.totalMinor} > ${invoices.paidMinor}`,
        eq(invoices.remindersPaused, false),
        eq(customers.remindersPaused, false),
        sql`${customers.email} is not null`,
        sql`coalesce(${reminderSettings.enabled}, true)`,
        sql`not exists (select 1 from disputes d where d.invoice_id = ${invoices.id})`,
        sql`exists (select 1 from unnest(${offsets}) as o(days)
          where ${invoices.dueDate} + o.days <= ${today}
          and not exists (select 1 from invoice_reminders r where r.invoice_id = ${invoices.id} and r.offset_days = o.days))`,
        params.invoiceId ? eq(invoices.id, params.invoiceId) : undefined,
      ),
    )
    .orderBy(asc(invoices.dueDate), asc(invoices.id))
    .limit(params.limit);
}

export type ReminderCandidate = Awaited<ReturnType<typeof listReminderCandidatesForWorker>>[number];

/**
 * Records steps; a step already recorded is left as it is (another instance got there first). Returns
 * the offsets this call recorded.
 */
export async function recordReminderSteps(
  db: Database,
  rows: {
    userId: string;
    invoiceId: string;
    offsetDays: number;
    dueOn: string;
    outcome: "sent" | "skipped";
  }[],
): Promise<number[]> {
  if (rows.length === 0) return [];
  const inserted = await db
    .insert(invoiceReminders)
    .values(rows)
    .onConflictDoNothing({ target: [invoiceReminders.invoiceId, invoiceReminders.offsetDays] })
    .returning({ offsetDays: invoiceReminders.offsetDays });
  return inserted.map((r) => r.offsetDays);
}

export async function setReminderEmail(
  db: Database,
  params: { invoiceId: string; offsetDays: number; emailId: string },
) {
  await db
    .update(invoiceReminders)
    .set({ emailId: params.emailId })
    .where(
      and(
        eq(invoiceReminders.invoiceId, params.invoiceId),
        eq(invoiceReminders.offsetDays, params.offsetDays),
      ),
    );
}

export async function getReminderSettings(db: Database, params: { userId: string }) {
  const [row] = await db
    .select()
    .from(reminderSettings)
    .where(eq(reminderSettings.userId, params.userId))
    .limit(1);
  return row;
}

export async function saveReminderSettings(
  db: Database,
  params: { userId: string; enabled: boolean; offsetsDays: number[] },
) {
  await db
    .insert(reminderSettings)
    .values(params)
    .onConflictDoUpdate({
      target: reminderSettings.userId,
      set: { enabled: params.enabled, offsetsDays: params.offsetsDays, updatedAt: new Date() },
    });
}

export async function setInvoiceRemindersPaused(
  db: Database,
  params: { userId: string; invoiceId: string; paused: boolean },
): Promise<boolean> {
  const rows = await db
    .update(invoices)
    .set({ remindersPaused: params.paused })
    .where(and(eq(invoices.id, params.invoiceId), eq(invoices.userId, params.userId)))
    .returning({ id: invoices.id });
  return rows.length > 0;
}

export async function setCustomerRemindersPaused(
  db: Database,
  params: { userId: string; customerId: string; paused: boolean },
): Promise<boolean> {
  const rows = await db
    .update(customers)
    .set({ remindersPaused: params.paused })
    .where(and(eq(customers.id, params.customerId), eq(customers.userId, params.userId)))
    .returning({ id: customers.id });
  return rows.length > 0;
}

export async function listInvoiceReminders(db: Database, params: { userId: string; invoiceId: string }) {
  return db
    .select()
    .from(invoiceReminders)
    .where(and(eq(invoiceReminders.invoiceId, params.invoiceId), eq(invoiceReminders.userId, params.userId)))
    .orderBy(asc(invoiceReminders.offsetDays));
}

/**
 * The reminder pass's lock on one invoice: SKIP LOCKED, so passes running at once on other instances
 * share the due invoices instead of queueing behind each other's locks. Undefined when another
 * transaction holds it (that one decides the invoice's reminders).
 */
export async function tryLockInvoiceForReminder(db: Database, params: { invoiceId: string }) {
  const [row] = await db
    .select()
    .from(invoices)
    .where(eq(invoices.id, params.invoiceId))
    .for("update", { skipLocked: true })
    .limit(1);
  return row;
}
