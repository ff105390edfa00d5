import { describe, expect, it } from "vitest";
import { DEFAULT_FORMAT_PREFERENCES as format } from "@/lib/format";
import { renderInvoiceEmail } from "./invoice";
import { renderPaidNoticeEmail, renderReceiptEmail } from "./receipt";
import { refundFailureText, renderRefundFailedEmail, renderRefundSucceededEmail } from "./refund";

const invoice = {
  reminder: false,
  businessName: "Tom & Jerry <Studio>",
  sellerEmail: "hello@tj.test",
  customerName: 'Acme "Quotes"',
  invoiceNumber: "INV-0007",
  currency: "jpy",
  dueMinor: 5000,
  dueDate: "2026-12-01",
  payUrl: "http://localhost:3000/pay/abc?x=1&y=2",
  message: "Line one\n<b>bold</b>",
  format,
};

describe("invoice email", () => {
  it("formats the amount for the currency and escapes everything in HTML", () => {
    const email = renderInvoiceEmail(invoice);
    expect(email.subject).toBe("Invoice INV-0007 from Tom & Jerry <Studio>");
    expect(email.text).toContain("¥5,000");
    expect(email.text).toContain("1 December 2026");
    expect(email.text).toContain("Line one\n<b>bold</b>");
    expect(email.html).toContain("Tom &amp; Jerry &lt;Studio&gt;");
    expect(email.html).toContain("Acme &quot;Quotes&quot;");
    expect(email.html).toContain("Line one<br>&lt;b&gt;bold&lt;/b&gt;");
    expect(email.html).toContain('href="http://localhost:3000/pay/abc?x=1&amp;y=2"');
    expect(email.html).not.toMatch(/<b>|<Studio>/);
  });

  it("words a reminder differently and leaves out an empty message", () => {
    const email = renderInvoiceEmail({
      ...invoice,
      reminder: true,
      message: null,
      currency: "kwd",
      dueMinor: 1234,
    });
    expect(email.subject).toBe("Reminder: invoice INV-0007 from Tom & Jerry <Studio> is overdue");
    expect(email.text).toMatch(/was due on 1 December 2026\. KWD\s1\.234 is still due\./);
    expect(email.text).not.toContain("Message from");
  });
});

const payment = {
  businessName: "Northwind",
  customerName: "Contoso",
  invoiceNumber: "INV-0001",
  currency: "gbp",
  amountMinor: 5000,
  paidAt: new Date("2026-11-20T10:30:00Z"),
  cardBrand: "visa",
  cardLast4: "4242",
  remainingMinor: 7000,
  reference: "pi_123",
  format,
};

describe("payment emails", () => {
  it("gives the Customer amount, date, card, invoice and what remains", () => {
    const email = renderReceiptEmail({ ...payment, sellerEmail: "nw@test", payUrl: "http://x.test/pay/t" });
    expect(email.subject).toBe("Receipt for your payment of £50.00 to Northwind");
    expect(email.text).toContain("Amount paid: £50.00");
    expect(email.text).toContain("Date: 20 November 2026 at 10:30 UTC");
    expect(email.text).toContain("Card: Visa ending 4242");
    expect(email.text).toContain("Invoice: INV-0001");
    expect(email.text).toContain("Remaining due: £70.00");
    expect(email.text).toContain("Pay the rest: http://x.test/pay/t");
  });

  it("leaves out the pay-the-rest link once nothing is due", () => {
    const email = renderReceiptEmail({
      ...payment,
      remainingMinor: 0,
      sellerEmail: "nw@test",
      payUrl: "http://x",
    });
    expect(email.text).not.toContain("Pay the rest");
    expect(email.text).toContain("Remaining due: £0.00");
  });

  it("tells the User who paid and what is left", () => {
    const email = renderPaidNoticeEmail({ ...payment, invoiceUrl: "http://x.test/invoices/1" });
    expect(email.subject).toBe("You were paid £50.00 for INV-0001");
    expect(email.text).toContain("Contoso paid £50.00 towards INV-0001; £70.00 is still due.");
  });
});

describe("refund emails", () => {
  const refund = { ...payment, amountMinor: 2500 };

  it("tells the Customer the amount and the card", () => {
    const email = renderRefundSucceededEmail({
      ...refund,
      refundedAt: payment.paidAt,
      sellerEmail: "nw@test",
    });
    expect(email.subject).toBe("Refund of £25.00 from Northwind");
    expect(email.text).toContain("Refunded to: Visa ending 4242");
  });

  it("tells the User why a refund failed", () => {
    const email = renderRefundFailedEmail({
      ...refund,
      failureReason: "lost_or_stolen_card",
      invoiceUrl: "http://x",
    });
    expect(email.subject).toBe("A refund of £25.00 on INV-0001 failed");
    expect(email.text).toContain("failed: the card was reported lost or stolen.");
    expect(refundFailureText(null)).toBe("Stripe could not complete it");
    expect(refundFailureText("something_new")).toBe("Stripe could not complete it");
  });
});
