import { describe, expect, it } from "vitest";
import { DEFAULT_INVOICE_EMAIL_SUBJECT, invoiceSubjectFrom } from "./email-defaults";

describe("invoiceSubjectFrom", () => {
  const values = { number: "INV-0042", business: "Acme Studio" };

  it("fills {number} and {business} in the seller's subject, every time they appear", () => {
    expect(invoiceSubjectFrom("{business} / {number} / {number}", values)).toBe(
      "Acme Studio / INV-0042 / INV-0042",
    );
  });

  it("starts from ours when the seller has none: the same words the email used before", () => {
    expect(invoiceSubjectFrom(null, values)).toBe("Invoice INV-0042 from Acme Studio");
    expect(invoiceSubjectFrom("   ", values)).toBe("Invoice INV-0042 from Acme Studio");
    expect(DEFAULT_INVOICE_EMAIL_SUBJECT).toContain("{number}");
  });
});
