import { and, asc, eq, sql } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import {
  changeScheduleStateAction,
  createRecurringScheduleAction,
} from "@/app/(dashboard)/recurring/actions";
import {
  businessProfiles,
  emailOutbox,
  invoiceItems,
  invoices,
  recurringRuns,
  recurringSchedules,
} from "@/db/schema";
import { setClock } from "@/lib/clock";
import { createInvoice } from "@/lib/invoices/service";
import { runDueRecurring } from "@/lib/recurring/run";
import { addCustomer, oneLineInvoice, sentInvoice } from "../support/fixtures";
import { integrationHarness } from "../support/harness";
import { signInAs } from "../support/session";

// Runs are decided by the clock handed in (or set): no test waits for time.
const h = integrationHarness({ emulator: false });
afterEach(() => setClock(null));

async function seller(options: { timeZone?: string; email?: string | null } = {}) {
  const user = await h.user();
  await h.db
    .insert(businessProfiles)
    .values({ userId: user.id, timeZone: options.timeZone ?? "UTC", paymentTermsDays: 30 });
  const customer = await addCustomer(h.db, user.id, {
    name: "Contoso Ltd",
    email: options.email === undefined ? "ap@contoso.test" : options.email,
  });
  const template = await sentInvoice(h.db, user, { customerId: customer.id });
  return { user, customer, templateId: template.invoiceId };
}

async function makeRecurring(
  userId: string,
  templateInvoiceId: string,
  rule: Record<string, unknown>,
  at = "2031-01-01T12:00:00Z",
) {
  setClock(() => new Date(at));
  signInAs(userId);
  return createRecurringScheduleAction({
    templateInvoiceId,
    frequency: "monthly",
    lastDayOfMonth: false,
    startOn: "2031-01-31",
    endOn: null,
    maxRuns: null,
    autoSend: true,
    ...rule,
  } as never);
}

async function issuedOf(scheduleId: string) {
  return h.db
    .select({ runOn: recurringRuns.runOn, invoice: invoices })
    .from(recurringRuns)
    .innerJoin(invoices, eq(invoices.id, recurringRuns.invoiceId))
    .where(eq(recurringRuns.scheduleId, scheduleId))
    .orderBy(asc(recurringRuns.runOn));
}

// Other tests' schedules share the database: each test counts its own schedule's runs.
const run = (iso: string) => runDueRecurring(h.db, { now: new Date(iso) });
async function issuedAfter(scheduleId: string, iso: string) {
  const before = (await issuedOf(scheduleId)).length;
  await run(iso);
  return (await issuedOf(scheduleId)).length - before;
}

describe("recurring invoices", () => {
  it("issues a copy on the run day with the next number, due after the terms, and emails it", async () => {
    const s = await seller();
    const made = await makeRecurring(s.user.id, s.templateId, {});
    if (!made.ok) throw new Error(made.error.message);
    expect(made.data.nextRunOn).toBe("2031-01-31");
    const id = made.data.scheduleId;
    expect(await issuedAfter(id, "2031-01-30T23:59:00Z")).toBe(0);
    expect(await issuedAfter(id, "2031-01-31T00:00:00Z")).toBe(1);
    expect(await issuedAfter(id, "2031-01-31T08:00:00Z")).toBe(0);
    const [first] = await issuedOf(made.data.scheduleId);
    expect(first?.invoice).toMatchObject({
      status: "open",
      issueDate: "2031-01-31",
      dueDate: "2031-03-02",
      totalMinor: 12_000,
      currency: "gbp",
      customerId: s.customer.id,
    });
    expect(first?.invoice.number).not.toBe("");
    expect(first?.invoice.payToken).toBeTruthy();
    const items = await h.db
      .select()
      .from(invoiceItems)
      .where(eq(invoiceItems.invoiceId, first?.invoice.id ?? ""));
    expect(items.map((i) => i.description)).toEqual(["Work"]);
    const mails = await h.db
      .select()
      .from(emailOutbox)
      .where(eq(emailOutbox.invoiceId, first?.invoice.id ?? ""));
    expect(mails).toHaveLength(1);
    expect(mails[0]?.kind).toBe("invoice");
    // February has no 31st: the run is on the 28th.
    await run("2031-02-28T00:00:01Z");
    expect((await issuedOf(made.data.scheduleId)).map((r) => r.runOn)).toEqual(["2031-01-31", "2031-02-28"]);
  });

  it("concurrent passes issue each run exactly once", async () => {
    const s = await seller();
    const ids: string[] = [];
    for (let i = 0; i < 6; i++) {
      const made = await makeRecurring(s.user.id, s.templateId, {
        frequency: "weekly",
        startOn: "2031-01-05",
        endOn: "2031-01-25",
      });
      if (!made.ok) throw new Error(made.error.message);
      ids.push(made.data.scheduleId);
    }
    const now = new Date("2031-01-20T09:00:00Z");
    await Promise.all([
      runDueRecurring(h.db, { now, batchSize: 2 }),
      runDueRecurring(h.db, { now, batchSize: 3 }),
      runDueRecurring(h.db, { now }),
    ]);
    // Runs on the 5th, 12th and 19th for each schedule: 18 invoices in all, each once.
    await runDueRecurring(h.db, { now });
    for (const id of ids) {
      expect((await issuedOf(id)).map((r) => r.runOn)).toEqual(["2031-01-05", "2031-01-12", "2031-01-19"]);
    }
    const numbers = await h.db
      .select({ n: sql<number>`count(distinct ${invoices.number})::int` })
      .from(invoices)
      .where(eq(invoices.userId, s.user.id));
    expect(numbers[0]?.n).toBe(19);
  });

  it("after downtime each missed run is issued once, oldest first; the count ends the series", async () => {
    const s = await seller();
    const made = await makeRecurring(s.user.id, s.templateId, { startOn: "2031-01-15", maxRuns: 20 });
    if (!made.ok) throw new Error(made.error.message);
    // Down from January until mid-June 2032: 18 runs were missed (more than one transaction's worth).
    expect(await issuedAfter(made.data.scheduleId, "2032-06-20T00:00:00Z")).toBe(18);
    const issued = await issuedOf(made.data.scheduleId);
    expect(issued).toHaveLength(18);
    expect(issued.at(-1)?.runOn).toBe("2032-06-15");
    expect(new Set(issued.map((r) => r.invoice.number)).size).toBe(18);
    expect(await issuedAfter(made.data.scheduleId, "2033-01-01T00:00:00Z")).toBe(2);
    const [row] = await h.db
      .select()
      .from(recurringSchedules)
      .where(eq(recurringSchedules.id, made.data.scheduleId));
    expect(row).toMatchObject({ status: "finished", runsDone: 20 });
    expect(await issuedAfter(made.data.scheduleId, "2034-01-01T00:00:00Z")).toBe(0);
  });

  it("the run day follows the User's time zone", async () => {
    const s = await seller({ timeZone: "Pacific/Auckland" });
    const made = await makeRecurring(
      s.user.id,
      s.templateId,
      { startOn: "2031-03-01" },
      "2031-02-20T00:00:00Z",
    );
    if (!made.ok) throw new Error(made.error.message);
    // 2031-03-01 begins in Auckland at 2031-02-28T11:00Z (NZDT, UTC+13).
    expect(await issuedAfter(made.data.scheduleId, "2031-02-28T10:59:00Z")).toBe(0);
    expect(await issuedAfter(made.data.scheduleId, "2031-02-28T11:00:00Z")).toBe(1);
  });

  it("pause skips runs, resume does not back-fill them, stop ends it; without auto-send a draft", async () => {
    const s = await seller({ email: null });
    const made = await makeRecurring(s.user.id, s.templateId, { startOn: "2031-01-10", autoSend: false });
    if (!made.ok) throw new Error(made.error.message);
    await run("2031-01-10T01:00:00Z");
    signInAs(s.user.id);
    setClock(() => new Date("2031-01-11T00:00:00Z"));
    expect((await changeScheduleStateAction({ scheduleId: made.data.scheduleId, action: "pause" })).ok).toBe(
      true,
    );
    expect(await issuedAfter(made.data.scheduleId, "2031-04-01T00:00:00Z")).toBe(0);
    setClock(() => new Date("2031-04-20T00:00:00Z"));
    expect((await changeScheduleStateAction({ scheduleId: made.data.scheduleId, action: "resume" })).ok).toBe(
      true,
    );
    expect(await issuedAfter(made.data.scheduleId, "2031-04-20T01:00:00Z")).toBe(0);
    expect(await issuedAfter(made.data.scheduleId, "2031-05-10T01:00:00Z")).toBe(1);
    const issued = await issuedOf(made.data.scheduleId);
    expect(issued.map((r) => [r.runOn, r.invoice.status])).toEqual([
      ["2031-01-10", "draft"],
      ["2031-05-10", "draft"],
    ]);
    expect((await changeScheduleStateAction({ scheduleId: made.data.scheduleId, action: "stop" })).ok).toBe(
      true,
    );
    expect(await issuedAfter(made.data.scheduleId, "2031-07-10T01:00:00Z")).toBe(0);
    const again = await changeScheduleStateAction({ scheduleId: made.data.scheduleId, action: "resume" });
    expect(again.ok).toBe(false);
  });

  it("another User's invoice or schedule is refused as not found, and hostile input changes nothing", async () => {
    const a = await seller();
    const b = await seller();
    const mine = await makeRecurring(a.user.id, a.templateId, {});
    if (!mine.ok) throw new Error(mine.error.message);
    const theirs = await makeRecurring(b.user.id, a.templateId, {});
    expect(theirs.ok).toBe(false);
    signInAs(b.user.id);
    const stop = await changeScheduleStateAction({ scheduleId: mine.data.scheduleId, action: "stop" });
    expect(stop.ok ? "" : stop.error.code).toBe("not_found");
    for (const bad of [
      { startOn: "2030-12-31" },
      { startOn: "2031-02-30" },
      { startOn: "'; drop table invoices; --" },
      { frequency: "hourly" },
      { endOn: "2031-01-01" },
      { maxRuns: 0 },
      { maxRuns: 1.5 },
      { startOn: "2040-01-01" },
    ]) {
      const res = await makeRecurring(a.user.id, a.templateId, bad);
      expect(res.ok, JSON.stringify(bad)).toBe(false);
      if (!res.ok) expect(res.error.code).not.toBe("internal");
    }
    const rows = await h.db
      .select()
      .from(recurringSchedules)
      .where(and(eq(recurringSchedules.templateInvoiceId, a.templateId)));
    expect(rows).toHaveLength(1);
    expect(rows[0]?.status).toBe("active");
  });

  it("an unconfirmed address may not set up emails to customers, only drafts", async () => {
    const user = await h.user({ verified: false });
    const customer = await addCustomer(h.db, user.id);
    const draft = await createInvoice(h.db, { userId: user.id }, oneLineInvoice(customer.id));
    const sending = await makeRecurring(user.id, draft.id, {});
    expect(sending.ok ? "" : sending.error.code).toBe("forbidden");
    const drafts = await makeRecurring(user.id, draft.id, { autoSend: false });
    expect(drafts.ok).toBe(true);
  });
});
