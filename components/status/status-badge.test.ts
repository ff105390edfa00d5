import { createElement as h } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { DisputedBadge, EmailStatusBadge, InvoiceStatusBadge, RefundStatusBadge } from "./status-badge";

describe("status badges", () => {
  it("show an invoice's label and a disputed flag", () => {
    expect(renderToStaticMarkup(h(InvoiceStatusBadge, { status: "partially_refunded" }))).toContain(
      "Partially refunded",
    );
    const disputed = renderToStaticMarkup(h(InvoiceStatusBadge, { status: "paid", disputed: true }));
    expect(disputed).toContain("Paid");
    expect(disputed).toContain("Disputed");
  });

  it("colour a dispute red while open and grey once closed", () => {
    expect(renderToStaticMarkup(h(DisputedBadge, { status: "needs_response" }))).toContain("bg-red-50");
    expect(renderToStaticMarkup(h(DisputedBadge, { status: "lost" }))).toContain("bg-slate-100");
  });

  it("render the mapped label", () => {
    expect(renderToStaticMarkup(h(RefundStatusBadge, { status: "creating" }))).toContain("Awaiting Stripe");
    expect(renderToStaticMarkup(h(EmailStatusBadge, { status: "pending", delivering: false }))).toContain(
      "Kept (not sent)",
    );
  });
});
