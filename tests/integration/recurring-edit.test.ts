import { asc, eq } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import {
  changeScheduleStateAction,
  createRecurringScheduleAction,
  editRecurringScheduleAction,
} from "@/app/(dashboard)/recurring/actions";
import { getOwnSchedule, listScheduleInvoices } from "@/db/queries/recurring";
import { businessProfiles, invoices, recurringRuns, recurringSchedules } from "@/db/schema";
import { setClock } from "@/lib/clock";
import { runDueRecurring } from "@/lib/recurring/run";
import { addCustomer, sentInvoice } from "../support/fixtures";
import { integrationHarness } from "../support/harness";
import { signInAs } from "../support/session";

// Editing a schedule: the clock is set, never waited for.
const h = integrationHarness({ emulator: false });
afterEach(() => setClock(null));

async function seller() {
  const user = await h.user();
  await h.db.insert(businessProfiles).values({ userId: user.id, timeZone: "UTC", paymentTermsDays: 30 });
  const customer = await addCustomer(h.db, user.id, { name: "Contoso Ltd", email: "ap@contoso.test" });
  const template = await sentInvoice(h.db, user, { customerId: customer.id });
  return { user, customer, templateId: template.invoiceId };
}

async function schedule(userId: string, templateInvoiceId: string, rule: Record<string, unknown> = {}) {
  setClock(() => new Date("2031-01-01T12:00:00Z"));
  signInAs(userId);
  const made = await createRecurringScheduleAction({
    templateInvoiceId,
    frequency: "monthly",
    lastDayOfMonth: false,
    startOn: "2031-01-31",
    endOn: null,
    maxRuns: null,
    autoSend: true,
    ...rule,
  } as never);
  if (!made.ok) throw new Error(made.error.message);
  return made.data.scheduleId;
}

async function rowOf(scheduleId: string) {
  const [row] = await h.db.select().from(recurringSchedules).where(eq(recurringSchedules.id, scheduleId));
  if (!row) throw new Error("no schedule");
  return row;
}

/** Edits as `userId` at `at`, starting from the schedule's current values. */
async function edit(userId: string, scheduleId: string, at: string, changes: Record<string, unknown>) {
  const current = await rowOf(scheduleId);
  setClock(() => new Date(at));
  signInAs(userId);
  return editRecurringScheduleAction({
    scheduleId,
    templateInvoiceId: current.templateInvoiceId,
    frequency: current.frequency,
    lastDayOfMonth: current.lastDayOfMonth,
    nextRunOn: current.nextRunOn,
    endOn: current.endOn,
    maxRuns: current.maxRuns,
    autoSend: current.autoSend,
    ...changes,
  } as never);
}

async function runDays(scheduleId: string) {
  const rows = await h.db
    .select({ runOn: recurringRuns.runOn })
    .from(recurringRuns)
    .where(eq(recurringRuns.scheduleId, scheduleId))
    .orderBy(asc(recurringRuns.runOn));
  return rows.map((r) => r.runOn);
}

const run = (iso: string) => runDueRecurring(h.db, { now: new Date(iso) });

describe("editing a recurring schedule", () => {
  it("a new cadence starts a series on the next date: nothing back-filled, nothing issued twice, the count goes on", async () => {
    const s = await seller();
    const id = await schedule(s.user.id, s.templateId, { maxRuns: 4 });
    await run("2031-01-31T09:00:00Z");
    await run("2031-02-28T09:00:00Z");
    expect((await rowOf(id)).nextRunOn).toBe("2031-03-31");

    const edited = await edit(s.user.id, id, "2031-03-05T10:00:00Z", {
      frequency: "weekly",
      nextRunOn: "2031-03-10",
    });
    expect(edited).toEqual({ ok: true, data: { nextRunOn: "2031-03-10" } });
    expect(await rowOf(id)).toMatchObject({
      frequency: "weekly",
      startOn: "2031-03-10",
      nextRunIndex: 0,
      seriesOffset: 2,
      runsDone: 2,
      maxRuns: 4,
      status: "active",
    });
    // Nothing between the edit and the new next date; then weekly until the count of 4 is reached.
    await run("2031-03-06T09:00:00Z");
    await run("2031-03-31T09:00:00Z");
    await run("2031-05-01T09:00:00Z");
    expect(await runDays(id)).toEqual(["2031-01-31", "2031-02-28", "2031-03-10", "2031-03-17"]);
    expect(await rowOf(id)).toMatchObject({ status: "finished", runsDone: 4 });
  });

  it("refuses a next date in the past or not after the last run, a count already used, an end before the next run", async () => {
    const s = await seller();
    const id = await schedule(s.user.id, s.templateId);
    await run("2031-01-31T09:00:00Z");
    const before = await rowOf(id);
    const at = "2031-01-31T15:00:00Z";
    const cases: [Record<string, unknown>, string, RegExp][] = [
      [{ nextRunOn: "2031-01-20" }, "nextRunOn", /today or later/],
      [{ nextRunOn: "2031-01-31", frequency: "weekly" }, "nextRunOn", /already issued for 2031-01-31/],
      [{ maxRuns: 1 }, "maxRuns", /has had 1 runs/],
      [{ endOn: "2031-02-01" }, "endOn", /cannot be before the next invoice/],
      // The month's last day moves the next invoice to 31 March, after this end.
      [
        { nextRunOn: "2031-03-05", lastDayOfMonth: true, endOn: "2031-03-20" },
        "endOn",
        /before the next invoice \(2031-03-31\)/,
      ],
      [{ nextRunOn: "2031-03-05", endOn: "2031-03-01" }, "endOn", /cannot be before the next invoice/],
      [{ nextRunOn: "2031-02-30" }, "nextRunOn", /date/],
      [{ nextRunOn: "2040-01-01" }, "nextRunOn", /five years/],
      [{ frequency: "hourly" }, "frequency", /how often/],
      [{ maxRuns: 0 }, "maxRuns", /At least one/],
    ];
    for (const [changes, fieldName, message] of cases) {
      const res = await edit(s.user.id, id, at, changes);
      expect(res.ok, JSON.stringify(changes)).toBe(false);
      if (!res.ok) expect(res.error.fieldErrors?.[fieldName]?.[0], JSON.stringify(changes)).toMatch(message);
    }
    expect(await rowOf(id)).toEqual(before);
  });

  it("end, count, auto-send and template apply from the next run without moving it", async () => {
    const s = await seller();
    const other = await sentInvoice(h.db, s.user, {
      customerId: s.customer.id,
      items: [{ description: "Retainer", quantityMilli: 1000, unitAmountMinor: 50_000, taxRateBps: null }],
    });
    const id = await schedule(s.user.id, s.templateId);
    await run("2031-01-31T09:00:00Z");
    const edited = await edit(s.user.id, id, "2031-02-01T09:00:00Z", {
      templateInvoiceId: other.invoiceId,
      autoSend: false,
      maxRuns: 3,
      endOn: "2031-12-31",
    });
    expect(edited).toEqual({ ok: true, data: { nextRunOn: "2031-02-28" } });
    expect(await rowOf(id)).toMatchObject({ nextRunIndex: 1, seriesOffset: 0, startOn: "2031-01-31" });
    await run("2031-02-28T09:00:00Z");
    const [template] = await h.db.select().from(invoices).where(eq(invoices.id, other.invoiceId));
    const issued = await listScheduleInvoices(h.db, { userId: s.user.id, scheduleId: id, limit: 10 });
    expect(template?.totalMinor).toBe(50_000);
    expect(issued.map((r) => [r.runOn, r.status, r.totalMinor])).toEqual([
      ["2031-02-28", "draft", 50_000],
      ["2031-01-31", "open", 12_000],
    ]);
    await run("2031-03-31T09:00:00Z");
    await run("2031-04-30T09:00:00Z");
    expect(await runDays(id)).toEqual(["2031-01-31", "2031-02-28", "2031-03-31"]);
  });

  it("an edit racing the run day's pass issues that day once", async () => {
    const s = await seller();
    const id = await schedule(s.user.id, s.templateId, { frequency: "weekly", startOn: "2031-01-06" });
    const [, result] = await Promise.all([
      run("2031-01-06T09:00:00Z"),
      edit(s.user.id, id, "2031-01-06T09:00:00Z", { frequency: "monthly", nextRunOn: "2031-01-06" }),
    ]);
    await run("2031-01-06T10:00:00Z");
    expect(await runDays(id)).toEqual(["2031-01-06"]);
    // Either the edit came first (its series starts on the 6th, issued once) or it was refused.
    if (!result.ok) expect(result.error.fieldErrors?.nextRunOn?.[0]).toMatch(/already issued/);
  });

  it("another User's schedule, another User's invoice as template and an ended schedule are refused", async () => {
    const a = await seller();
    const b = await seller();
    const id = await schedule(a.user.id, a.templateId);
    const before = await rowOf(id);
    const theirs = await edit(b.user.id, id, "2031-01-02T00:00:00Z", { autoSend: false });
    expect(theirs.ok ? "" : theirs.error.code).toBe("not_found");
    const borrowed = await edit(a.user.id, id, "2031-01-02T00:00:00Z", { templateInvoiceId: b.templateId });
    expect(borrowed.ok ? "" : borrowed.error.fieldErrors?.templateInvoiceId?.[0]).toMatch(
      /one of your invoices/,
    );
    expect(await rowOf(id)).toEqual(before);
    expect(await getOwnSchedule(h.db, { userId: b.user.id, scheduleId: id })).toBeUndefined();
    expect(await listScheduleInvoices(h.db, { userId: b.user.id, scheduleId: id, limit: 10 })).toEqual([]);

    signInAs(a.user.id);
    expect((await changeScheduleStateAction({ scheduleId: id, action: "stop" })).ok).toBe(true);
    const ended = await edit(a.user.id, id, "2031-01-02T00:00:00Z", { autoSend: false });
    expect(ended.ok ? "" : ended.error.message).toBe("This schedule has ended.");
  });

  it("a paused schedule takes the edit and resumes on its new series without back-filling", async () => {
    const s = await seller();
    const id = await schedule(s.user.id, s.templateId);
    signInAs(s.user.id);
    setClock(() => new Date("2031-01-05T00:00:00Z"));
    expect((await changeScheduleStateAction({ scheduleId: id, action: "pause" })).ok).toBe(true);
    expect((await edit(s.user.id, id, "2031-01-05T00:00:00Z", { nextRunOn: "2031-02-15" })).ok).toBe(true);
    await run("2031-03-01T09:00:00Z");
    expect(await runDays(id)).toEqual([]);
    setClock(() => new Date("2031-03-20T00:00:00Z"));
    signInAs(s.user.id);
    expect((await changeScheduleStateAction({ scheduleId: id, action: "resume" })).ok).toBe(true);
    expect((await rowOf(id)).nextRunOn).toBe("2031-04-15");
    await run("2031-04-15T09:00:00Z");
    expect(await runDays(id)).toEqual(["2031-04-15"]);
  });
});
