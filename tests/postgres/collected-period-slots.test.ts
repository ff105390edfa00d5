import { randomUUID } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { insertPayment } from "@/db/queries/payments";
import { collectedPeriods, payments } from "@/db/schema";
import { createInvoice } from "@/lib/invoices/service";
import { openSecondInstance } from "../support/db";
import { addCustomer, oneLineInvoice } from "../support/fixtures";
import { integrationHarness } from "../support/harness";

// collected_periods (migrations 0016, 0017) is written by triggers on payments, and a row a trigger wrote
// stays locked until its transaction commits. One row per seller and quarter hour made every payment the
// seller received in that quarter hour wait for the previous one's whole transaction (the webhook
// worker's lanes ran one at a time). Each payment now writes the slot of its own id.
const h = integrationHarness({ emulator: false });

const slotOf = (id: string) => Number.parseInt(id.slice(-1), 16) % 16;

/** Two random ids whose payments land in different slots. */
function idsInTwoSlots(): [string, string] {
  const first = randomUUID();
  for (;;) {
    const second = randomUUID();
    if (slotOf(second) !== slotOf(first)) return [first, second];
  }
}

describe("collected periods under concurrent payments", () => {
  it("two payments of one seller in one quarter hour record side by side, and both are counted", async () => {
    const user = await h.user();
    const customer = await addCustomer(h.db, user.id, { name: "Payer", email: null });
    const invoice = await createInvoice(h.db, { userId: user.id }, oneLineInvoice(customer.id));
    const ids = idsInTwoSlots();
    for (const id of ids) {
      await insertPayment(h.db, {
        id,
        userId: user.id,
        invoiceId: invoice.id,
        stripeAccountId: "acct_slots",
        stripePaymentIntentId: `pi_${id.replace(/-/g, "")}`,
        amountMinor: 1_000,
        currency: "gbp",
        status: "processing",
      });
    }
    const at = new Date("2026-11-30T10:05:00Z");
    const other = openSecondInstance(h.handle);
    try {
      await h.db.transaction(async (first) => {
        await first
          .update(payments)
          .set({ status: "succeeded", succeededAt: at })
          .where(eq(payments.id, ids[0]));
        // The first transaction holds its period row; the second must not queue behind it.
        await other.db.transaction(async (second) => {
          await second.execute(sql`set local lock_timeout = '2s'`);
          await second
            .update(payments)
            .set({ status: "succeeded", succeededAt: new Date(at.getTime() + 60_000) })
            .where(eq(payments.id, ids[1]));
        });
      });
    } finally {
      await other.close();
    }
    const rows = await h.db.select().from(collectedPeriods).where(eq(collectedPeriods.userId, user.id));
    expect(rows.map((r) => r.slot).sort()).toEqual(ids.map(slotOf).sort());
    expect(rows.reduce((sum, r) => sum + r.receivedMinor, 0)).toBe(2_000);
    expect(rows.reduce((sum, r) => sum + r.paymentCount, 0)).toBe(2);
    expect(new Set(rows.map((r) => r.periodStart.toISOString()))).toEqual(
      new Set(["2026-11-30T10:00:00.000Z"]),
    );
  });
});
