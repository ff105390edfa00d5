import { describe, expect, it } from "vitest";
import { emailStatus } from "@/db/schema/email-outbox";
import { disputeStatus, paymentStatus, refundStatus } from "@/db/schema/enums";
import type { DisplayStatus } from "@/lib/invoices/status";
import * as labels from "./status-labels";

const { disputeStatusLabel, emailStatusLabel, invoiceStatusLabel, paymentStatusLabel, refundStatusLabel } =
  labels;

const DISPLAY_STATUSES: DisplayStatus[] = [
  "draft",
  "open",
  "partially_paid",
  "overdue",
  "paid",
  "partially_refunded",
  "refunded",
  "void",
];

function expectDistinctLabels(all: labels.StatusLabel[]) {
  for (const { label } of all) expect(label.trim()).not.toBe("");
  expect(new Set(all.map((l) => l.label)).size).toBe(all.length);
}

describe("status labels", () => {
  it("gives every invoice display status its own label", () => {
    expectDistinctLabels(DISPLAY_STATUSES.map(invoiceStatusLabel));
    expect(invoiceStatusLabel("paid")).toEqual({ label: "Paid", tone: "success" });
    expect(invoiceStatusLabel("partially_refunded")).toEqual({
      label: "Partially refunded",
      tone: "warning",
    });
    expect(invoiceStatusLabel("open").tone).toBe("info");
  });

  it("gives every payment status in the database enum its own label", () => {
    expectDistinctLabels(paymentStatus.enumValues.map((s) => paymentStatusLabel(s)));
    expect(paymentStatusLabel("succeeded")).toEqual({ label: "Succeeded", tone: "success" });
    expect(paymentStatusLabel("failed")).toEqual({ label: "Failed", tone: "danger" });
    expect(paymentStatusLabel("requires_action")).toEqual({ label: "Awaiting authentication", tone: "info" });
  });

  it("says Refunded / Partially refunded for a succeeded payment once its refunds succeed", () => {
    const amountMinor = 5000;
    expect(paymentStatusLabel("succeeded", null, { amountMinor, refundedMinor: 0 }).label).toBe("Succeeded");
    expect(paymentStatusLabel("succeeded", null, { amountMinor, refundedMinor: 1 }).label).toBe(
      "Partially refunded",
    );
    expect(paymentStatusLabel("succeeded", null, { amountMinor, refundedMinor: 5000 }).label).toBe(
      "Refunded",
    );
    // Only a payment that took money can have been refunded.
    expect(paymentStatusLabel("failed", null, { amountMinor, refundedMinor: 5000 }).label).toBe("Failed");
  });

  it("gives every refund status in the database enum its own label", () => {
    expectDistinctLabels(refundStatus.enumValues.map((s) => refundStatusLabel(s)));
    expect(refundStatusLabel("succeeded")).toEqual({ label: "Refunded", tone: "success" });
    expect(refundStatusLabel("pending")).toEqual({ label: "Pending", tone: "warning" });
    expect(refundStatusLabel("errored")).toEqual({ label: "Not made", tone: "neutral" });
  });

  it("shows open disputes in red and closed ones in grey", () => {
    expectDistinctLabels(disputeStatus.enumValues.map((s) => disputeStatusLabel(s)));
    expect(disputeStatusLabel("needs_response")).toEqual({ label: "needs your response", tone: "danger" });
    expect(disputeStatusLabel("warning_under_review")).toEqual({
      label: "inquiry: under review",
      tone: "danger",
    });
    expect(disputeStatusLabel("won")).toEqual({ label: "won", tone: "neutral" });
    expect(disputeStatusLabel("warning_closed").tone).toBe("neutral");
    expect(disputeStatusLabel("appeal_needs_response")).toEqual({
      label: "appeal: needs your response",
      tone: "danger",
    });
  });

  it("shows a status Stripe sent that the app does not know with Stripe's own word", () => {
    expect(disputeStatusLabel("unknown", "appeal_reopened").label).toBe("unknown (appeal_reopened)");
    expect(refundStatusLabel("unknown", "null").label).toBe("unknown (null)");
    expect(paymentStatusLabel("unknown", "requires_reauthorization")).toEqual({
      label: "unknown (requires_reauthorization)",
      tone: "warning",
    });
  });

  it("says a pending email is kept, not queued, when no SMTP server delivers it", () => {
    for (const delivering of [true, false]) {
      expectDistinctLabels(emailStatus.enumValues.map((s) => emailStatusLabel(s, { delivering })));
    }
    expect(emailStatusLabel("pending", { delivering: true })).toEqual({ label: "Queued", tone: "info" });
    expect(emailStatusLabel("pending", { delivering: false })).toEqual({
      label: "Kept (not sent)",
      tone: "neutral",
    });
    expect(emailStatusLabel("failed", { delivering: false })).toEqual({ label: "Failed", tone: "danger" });
  });

  it("refuses a status it does not know instead of showing nothing", () => {
    expect(() => paymentStatusLabel("teleported" as never)).toThrow(/teleported/);
  });
});
