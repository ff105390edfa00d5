import "server-only";
import { and, asc, desc, eq, inArray, lte, sql } from "drizzle-orm";
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
