import { describe, expect, it } from "vitest";
import { isoDayIn } from "@/lib/format";
import {
  canPerform,
  DISPLAY_STATUS_LABELS,
  type DisplayStatus,
  displayStatus,
  INVOICE_STATUSES,
  type InvoiceAction,
  type InvoiceStatus,
  isInvoiceStatus,
  isOverdue,
  nextStatusAfterPayment,
  transitionError,
} from "./status";

const ACTIONS: InvoiceAction[] = ["edit", "send", "void", "record_payment"];

describe("canPerform", () => {
  // Every status × action × (unpaid, paid) — the whole table, so a new rule can't slip in unnoticed.
  const allowed: Record<InvoiceAction, { unpaid: InvoiceStatus[]; paid: InvoiceStatus[] }> = {
    edit: { unpaid: ["draft", "open"], paid: ["draft"] },
    send: { unpaid: ["draft"], paid: ["draft"] },
    void: { unpaid: ["draft", "open"], paid: ["draft"] },
    record_payment: { unpaid: ["open", "partially_paid"], paid: ["open", "partially_paid"] },
  };

  for (const action of ACTIONS) {
    for (const status of INVOICE_STATUSES) {
      it(`${action} on ${status}`, () => {
        expect(canPerform(status, action, { paidMinor: 0 })).toBe(allowed[action].unpaid.includes(status));
        expect(canPerform(status, action, { paidMinor: 1 })).toBe(allowed[action].paid.includes(status));
      });
    }
  }

  it("blocks editing and voiding an open invoice once anything is paid", () => {
    expect(canPerform("open", "edit", { paidMinor: 500 })).toBe(false);
    expect(canPerform("open", "void", { paidMinor: 500 })).toBe(false);
  });
});

describe("nextStatusAfterPayment", () => {
  it.each([
    [10_000, 0, "open"],
    [10_000, 1, "partially_paid"],
    [10_000, 9_999, "partially_paid"],
    [10_000, 10_000, "paid"],
    [10_000, 10_001, "paid"],
    [0, 0, "paid"],
  ] as const)("total %i, paid %i → %s", (totalMinor, paidMinor, expected) => {
    expect(nextStatusAfterPayment({ totalMinor, paidMinor })).toBe(expected);
  });
});

describe("displayStatus", () => {
  it.each([
    ["draft", 0, 0, "draft"],
    ["open", 0, 0, "open"],
    ["void", 0, 0, "void"],
    ["partially_paid", 4000, 0, "partially_paid"],
    ["paid", 10_000, 0, "paid"],
    ["paid", 10_000, 1, "partially_refunded"],
    ["paid", 10_000, 9_999, "partially_refunded"],
    ["paid", 10_000, 10_000, "refunded"],
    ["partially_paid", 4000, 1000, "partially_refunded"],
    ["partially_paid", 4000, 4000, "refunded"],
    ["paid", 0, 0, "paid"],
  ] as const)("%s, paid %i, refunded %i → %s", (status, paidMinor, refundedMinor, expected) => {
    expect(displayStatus({ status, paidMinor, refundedMinor })).toBe(expected);
  });

  it("never reopens an invoice because of a refund", () => {
    const shown = displayStatus({ status: "paid", paidMinor: 10_000, refundedMinor: 10_000 });
    expect(shown).not.toBe("open");
    expect(shown).not.toBe("partially_paid");
  });
});

describe("overdue", () => {
  const due = "2026-12-13";

  it("is an invoice awaiting payment whose due date is before today, never on the due date itself", () => {
    expect(isOverdue({ status: "open", dueDate: due }, "2026-12-13")).toBe(false);
    expect(isOverdue({ status: "open", dueDate: due }, "2026-12-14")).toBe(true);
    expect(isOverdue({ status: "partially_paid", dueDate: due }, "2027-01-01")).toBe(true);
    for (const status of ["draft", "paid", "void"] as const)
      expect(isOverdue({ status, dueDate: due }, "2027-01-01")).toBe(false);
  });

  it("turns at the User's midnight, not UTC's", () => {
    // 11:30 UTC on the 13th is already the 14th in Auckland and still the 13th in Los Angeles.
    const at = new Date("2026-12-13T11:30:00Z");
    expect(isOverdue({ status: "open", dueDate: due }, isoDayIn(at, "Pacific/Auckland"))).toBe(true);
    expect(isOverdue({ status: "open", dueDate: due }, isoDayIn(at, "America/Los_Angeles"))).toBe(false);
    expect(isOverdue({ status: "open", dueDate: due }, isoDayIn(at, "UTC"))).toBe(false);
  });

  it("shows as Overdue only when today is given (the pay page does not derive it)", () => {
    const invoice = { status: "open", paidMinor: 0, refundedMinor: 0, dueDate: due } as const;
    expect(displayStatus(invoice, "2026-12-14")).toBe("overdue");
    expect(displayStatus(invoice, "2026-12-13")).toBe("open");
    expect(displayStatus(invoice)).toBe("open");
  });

  it("wins over partially paid and partly refunded, but a refund of everything paid reads Refunded", () => {
    const late = "2027-01-01";
    expect(
      displayStatus({ status: "partially_paid", paidMinor: 4000, refundedMinor: 0, dueDate: due }, late),
    ).toBe("overdue");
    expect(
      displayStatus({ status: "partially_paid", paidMinor: 4000, refundedMinor: 1000, dueDate: due }, late),
    ).toBe("overdue");
    expect(
      displayStatus({ status: "partially_paid", paidMinor: 4000, refundedMinor: 4000, dueDate: due }, late),
    ).toBe("refunded");
    expect(displayStatus({ status: "paid", paidMinor: 10_000, refundedMinor: 0, dueDate: due }, late)).toBe(
      "paid",
    );
  });
});

describe("status labels", () => {
  // Rather than a copy of the label table: every status an invoice can come to show has a label of its
  // own, that reads as the status in sentence case.
  it("name every status an invoice can show, each in words of its own", () => {
    const shown = new Set<DisplayStatus>();
    for (const status of INVOICE_STATUSES) {
      for (const [paidMinor, refundedMinor] of [
        [0, 0],
        [10_000, 0],
        [10_000, 1],
        [10_000, 10_000],
      ] as const) {
        shown.add(displayStatus({ status, paidMinor, refundedMinor }));
      }
    }
    for (const status of INVOICE_STATUSES)
      shown.add(
        displayStatus({ status, paidMinor: 0, refundedMinor: 0, dueDate: "2026-01-01" }, "2026-06-01"),
      );
    expect(shown.size).toBe(8);
    const labels = [...shown].map((status) => {
      const label = DISPLAY_STATUS_LABELS[status];
      expect(label).toMatch(/^[A-Z][a-z]*( [a-z]+)*$/);
      expect(label.toLowerCase().replaceAll(" ", "_")).toBe(status);
      return label;
    });
    expect(new Set(labels).size).toBe(labels.length);
  });
});

describe("transitionError", () => {
  it("explains each refusal", () => {
    expect(transitionError("open", "send")).toBe("Only draft invoices can be sent.");
    expect(transitionError("paid", "send")).toBe("Only draft invoices can be sent.");
    expect(transitionError("void", "send")).toBe("Void invoices can’t be sent.");
    expect(transitionError("paid", "edit")).toBe(
      "Only draft invoices, or open invoices with no payments yet, can be edited.",
    );
    expect(transitionError("void", "edit")).toBe("Void invoices can’t be edited.");
    expect(transitionError("void", "void")).toBe("This invoice is already void.");
    expect(transitionError("partially_paid", "void")).toBe(
      "Only draft invoices, or open invoices with no payments yet, can be voided.",
    );
    expect(transitionError("draft", "record_payment")).toBe("Send the invoice before recording a payment.");
    expect(transitionError("paid", "record_payment")).toBe("This invoice is already paid in full.");
    expect(transitionError("void", "record_payment")).toBe("Void invoices can’t take payments.");
  });

  it("gives a short sentence for every combination", () => {
    for (const status of INVOICE_STATUSES) {
      for (const action of ACTIONS) {
        const message = transitionError(status, action);
        expect(message).toMatch(/^[A-Z].*\.$/);
        expect(message.length).toBeLessThan(100);
      }
    }
  });
});

describe("isInvoiceStatus", () => {
  it("accepts only stored statuses", () => {
    for (const status of INVOICE_STATUSES) expect(isInvoiceStatus(status)).toBe(true);
    for (const value of ["refunded", "Paid", "", "partially_refunded"])
      expect(isInvoiceStatus(value)).toBe(false);
  });
});
