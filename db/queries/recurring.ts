import "server-only";
import { and, asc, desc, eq, inArray, lte, ne, sql } from "drizzle-orm";
import type { Database } from "../client";
import {
  businessProfiles,
  invoices,
  type RecurringSchedule,
  recurringRuns,
  recurringSchedules,
} from "../schema";

const todaySql = (now: Date) =>
  sql<string>`(timezone(coalesce(${businessProfiles.timeZone}, 'UTC'), ${now.toISOString()}::timestamptz))::date::text`;

/** Active schedules with a run due at `now` in their User's time zone (the worker's query, all Users). */
export async function listDueSchedules(db: Database, params: { now: Date; limit: number }) {
  return db
    .select({ id: recurringSchedules.id })
    .from(recurringSchedules)
    .leftJoin(businessProfiles, eq(businessProfiles.userId, recurringSchedules.userId))
    .where(
      and(eq(recurringSchedules.status, "active"), lte(recurringSchedules.nextRunOn, todaySql(params.now))),
    )
    .orderBy(asc(recurringSchedules.nextRunOn), asc(recurringSchedules.id))
    .limit(params.limit);
}

/**
 * The pass's lock on one schedule, with the User's local day: SKIP LOCKED, so passes on other instances
 * share the due schedules instead of waiting. Undefined when another transaction holds it.
 */
export async function tryLockSchedule(db: Database, params: { scheduleId: string; now: Date }) {
  const [row] = await db
    .select({ schedule: recurringSchedules, today: todaySql(params.now) })
    .from(recurringSchedules)
    .leftJoin(businessProfiles, eq(businessProfiles.userId, recurringSchedules.userId))
    .where(eq(recurringSchedules.id, params.scheduleId))
    .for("update", { of: recurringSchedules, skipLocked: true })
    .limit(1);
  return row;
}

/** The owner's lock on a schedule (pause, resume, stop). */
export async function lockOwnSchedule(db: Database, params: { userId: string; scheduleId: string }) {
  const [row] = await db
    .select({ schedule: recurringSchedules })
    .from(recurringSchedules)
    .where(and(eq(recurringSchedules.id, params.scheduleId), eq(recurringSchedules.userId, params.userId)))
    .for("update")
    .limit(1);
  return row;
}

/** Claims a run; undefined when the (schedule, day) row exists already (the run was issued before). */
export async function claimRun(db: Database, row: { scheduleId: string; userId: string; runOn: string }) {
  const [inserted] = await db
    .insert(recurringRuns)
    .values(row)
    .onConflictDoNothing({ target: [recurringRuns.scheduleId, recurringRuns.runOn] })
    .returning({ id: recurringRuns.id });
  return inserted?.id;
}

export async function setRunInvoice(db: Database, params: { runId: string; invoiceId: string }) {
  await db
    .update(recurringRuns)
    .set({ invoiceId: params.invoiceId })
    .where(eq(recurringRuns.id, params.runId));
}

export async function updateSchedule(
  db: Database,
  params: { scheduleId: string; values: Partial<Omit<RecurringSchedule, "id" | "userId">> },
) {
  await db.update(recurringSchedules).set(params.values).where(eq(recurringSchedules.id, params.scheduleId));
}

export async function countLiveSchedules(db: Database, params: { userId: string }): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(recurringSchedules)
    .where(
      and(
        eq(recurringSchedules.userId, params.userId),
        inArray(recurringSchedules.status, ["active", "paused"]),
      ),
    );
  return row?.n ?? 0;
}

export async function insertSchedule(db: Database, values: typeof recurringSchedules.$inferInsert) {
  const [row] = await db.insert(recurringSchedules).values(values).returning();
  if (!row) throw new Error("insert returned no row");
  return row;
}

export async function listSchedules(db: Database, params: { userId: string }) {
  return db
    .select({
      schedule: recurringSchedules,
      templateNumber: invoices.number,
      customerId: invoices.customerId,
      totalMinor: invoices.totalMinor,
      currency: invoices.currency,
    })
    .from(recurringSchedules)
    .innerJoin(invoices, eq(invoices.id, recurringSchedules.templateInvoiceId))
    .where(eq(recurringSchedules.userId, params.userId))
    .orderBy(desc(recurringSchedules.createdAt))
    .limit(200);
}

export async function listRuns(db: Database, params: { userId: string; scheduleId: string }) {
  return db
    .select()
    .from(recurringRuns)
    .where(and(eq(recurringRuns.scheduleId, params.scheduleId), eq(recurringRuns.userId, params.userId)))
    .orderBy(asc(recurringRuns.runOn));
}

/** The day of the schedule's latest run (issued or claimed), or null before its first. */
export async function lastRunDay(
  db: Database,
  params: { userId: string; scheduleId: string },
): Promise<string | null> {
  const [row] = await db
    .select({ day: sql<string | null>`max(${recurringRuns.runOn})` })
    .from(recurringRuns)
    .where(and(eq(recurringRuns.scheduleId, params.scheduleId), eq(recurringRuns.userId, params.userId)));
  return row?.day ?? null;
}

/** One of the User's schedules with its template's number, for its page. */
export async function getOwnSchedule(db: Database, params: { userId: string; scheduleId: string }) {
  const [row] = await db
    .select({ schedule: recurringSchedules, templateNumber: invoices.number })
    .from(recurringSchedules)
    .innerJoin(invoices, eq(invoices.id, recurringSchedules.templateInvoiceId))
    .where(and(eq(recurringSchedules.id, params.scheduleId), eq(recurringSchedules.userId, params.userId)))
    .limit(1);
  return row;
}

/** The invoices a schedule issued, newest run first (a run whose invoice was deleted shows none). */
export async function listScheduleInvoices(
  db: Database,
  params: { userId: string; scheduleId: string; limit: number },
) {
  return db
    .select({
      runOn: recurringRuns.runOn,
      invoiceId: invoices.id,
      number: invoices.number,
      status: invoices.status,
      totalMinor: invoices.totalMinor,
      paidMinor: invoices.paidMinor,
      currency: invoices.currency,
    })
    .from(recurringRuns)
    .leftJoin(invoices, and(eq(invoices.id, recurringRuns.invoiceId), eq(invoices.userId, params.userId)))
    .where(and(eq(recurringRuns.scheduleId, params.scheduleId), eq(recurringRuns.userId, params.userId)))
    .orderBy(desc(recurringRuns.runOn))
    .limit(params.limit);
}

/** Invoices a schedule may copy: the User's, not void, newest first (the edit form's choices). */
export async function listTemplateChoices(db: Database, params: { userId: string; limit: number }) {
  return db
    .select({
      id: invoices.id,
      number: invoices.number,
      totalMinor: invoices.totalMinor,
      currency: invoices.currency,
    })
    .from(invoices)
    .where(and(eq(invoices.userId, params.userId), ne(invoices.status, "void")))
    .orderBy(desc(invoices.sequence))
    .limit(params.limit);
}

export type RecurringFigures = {
  /** Active schedules whose run day began over 15 minutes ago in their time zone: no pass is issuing. */
  overdue: number;
  /** Live schedules (active or paused). */
  live: number;
};

/** The recurring figures of readiness (all Users). */
export async function recurringFigures(db: Database, now: Date): Promise<RecurringFigures> {
  const [row] = await db
    .select({
      overdue:
        sql<number>`count(*) filter (where ${recurringSchedules.status} = 'active' and ${recurringSchedules.nextRunOn} <= ${todaySql(new Date(now.getTime() - 15 * 60_000))})`.mapWith(
          Number,
        ),
      live: sql<number>`count(*)`.mapWith(Number),
    })
    .from(recurringSchedules)
    .leftJoin(businessProfiles, eq(businessProfiles.userId, recurringSchedules.userId))
    .where(inArray(recurringSchedules.status, ["active", "paused"]));
  return { overdue: row?.overdue ?? 0, live: row?.live ?? 0 };
}
