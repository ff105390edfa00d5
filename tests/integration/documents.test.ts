import { afterAll, describe, expect, it } from "vitest";
import { refundPaymentAction } from "@/app/(dashboard)/payments/actions";
import {
  removeLogoAction,
  saveBusinessProfileAction,
  uploadLogoAction,
} from "@/app/(dashboard)/settings/business/actions";
import { getBusinessLogo, getBusinessProfile } from "@/db/queries/business-profiles";
import { listRefundsOfPayment } from "@/db/queries/refunds";
import { createCustomer } from "@/lib/customers/service";
import { stopRenderer } from "@/lib/documents/renderer";
import {
  creditNoteNumber,
  creditNotePdfForUser,
  invoicePdfByPayLinkToken,
  invoicePdfForUser,
  receiptPdfByPayLinkToken,
  receiptPdfForUser,
} from "@/lib/documents/service";
import { createInvoice } from "@/lib/invoices/service";
import { integrationHarness } from "../support/harness";
import { solidPng } from "../support/images";
import { pdfPageCount, pdfText, words } from "../support/pdf-text";
import { signInAs } from "../support/session";

const h = integrationHarness();
afterAll(() => stopRenderer());

const PROFILE = {
  legalName: "Acme Studio Ltd",
  tradingName: "Acme Studio",
  address: "1 High Street\nLondon EC1A 1AA\nUnited Kingdom",
  taxId: "GB123456789",
  contactEmail: "billing@acme.test",
  phone: "+44 20 7946 0000",
  brandColour: "#0f766e",
  invoicePrefix: "ACME-",
  nextInvoiceNumber: "1",
  paymentTermsDays: "30",
  defaultNotes: "",
  footer: "Registered in England and Wales no. 01234567",
  defaultCurrency: "GBP",
  locale: "en-GB",
  timeZone: "Europe/London",
};

async function sellerWithProfile(overrides: Partial<typeof PROFILE> = {}) {
  const user = await h.user({ businessName: "Account name" });
  signInAs(user.id);
  const saved = await saveBusinessProfileAction({ ...PROFILE, ...overrides });
  if (!saved.ok) throw new Error(saved.error.message);
  const customer = await createCustomer(h.db, user.id, {
    name: "Ωmega Σύμβουλοι / Омега Консалтинг",
    email: "ap@omega.test",
    phone: null,
    address: "Οδός Αθηνάς 12\nΑθήνα 105 51",
    taxId: "EL999999999",
  });
  return { user, customer };
}

async function invoiceIn(currency: string, unitAmountMinor: number, lines = 1) {
  const { user, customer } = await sellerWithProfile();
  const invoice = await createInvoice(
    h.db,
    { userId: user.id },
    {
      customerId: customer.id,
      currency,
      issueDate: "2026-11-02",
      dueDate: "2026-12-02",
      notes: "Thank you for your business.",
      allowPartialPayments: false,
      partialMinimumMinor: null,
      items: Array.from({ length: lines }, (_, i) => ({
        description: `Consulting, session ${i + 1}`,
        quantityMilli: 2000,
        unitAmountMinor,
        taxRateBps: 2000,
      })),
    },
  );
  return { user, invoice };
}

describe("invoice PDF", () => {
  it("carries the seller's profile, the customer's address and tax id, lines, tax and totals (GBP)", async () => {
    const { user, invoice } = await invoiceIn("gbp", 12_345);
    const doc = await invoicePdfForUser(h.db, { userId: user.id, invoiceId: invoice.id });
    if (!doc) throw new Error("no document");
    expect(doc.fileName).toBe("invoice-ACME-0001.pdf");
    const text = words(pdfText(doc.pdf));
    for (const expected of [
      "Invoice",
      "ACME-0001",
      "Acme Studio Ltd",
      "1 High Street",
      "London EC1A 1AA",
      "VAT / Tax ID: GB123456789",
      "billing@acme.test",
      "Ωmega Σύμβουλοι / Омега Консалтинг",
      "Οδός Αθηνάς 12",
      "VAT / Tax ID: EL999999999",
      "2 November 2026",
      "2 December 2026",
      "Consulting, session 1 2 £123.45 20% £246.90",
      "Subtotal £246.90",
      "Tax £49.38",
      "Total £296.28",
      "Thank you for your business.",
      "Registered in England and Wales no. 01234567",
    ]) {
      expect(text).toContain(expected);
    }
    // Never the sign-in address.
    expect(text).not.toContain(user.email);
  });

  it("writes JPY without decimals and KWD with three", async () => {
    const jpy = await invoiceIn("jpy", 1_234);
    const jpyDoc = await invoicePdfForUser(h.db, { userId: jpy.user.id, invoiceId: jpy.invoice.id });
    expect(words(pdfText(jpyDoc?.pdf ?? Buffer.alloc(0)))).toContain("Total JP¥2,962");

    const kwd = await invoiceIn("kwd", 1_230);
    const kwdDoc = await invoicePdfForUser(h.db, { userId: kwd.user.id, invoiceId: kwd.invoice.id });
    const text = words(pdfText(kwdDoc?.pdf ?? Buffer.alloc(0)));
    expect(text).toContain("Subtotal KWD 2.460");
    expect(text).toContain("Tax KWD 0.492");
    expect(text).toContain("Total KWD 2.950");
    // The rounding line's label may wrap in the totals column: read it without the line breaks.
    expect(text.replace(/\s+/g, " ")).toMatch(/Rounding \(Stripe charges KWD in steps (of )?−KWD 0\.002/);
    expect(text).toContain("0.010)");
  });

  it("is the same bytes for the same invoice", async () => {
    const { user, invoice } = await invoiceIn("gbp", 5_000);
    const a = await invoicePdfForUser(h.db, { userId: user.id, invoiceId: invoice.id });
    const b = await invoicePdfForUser(h.db, { userId: user.id, invoiceId: invoice.id });
    expect(a?.pdf.equals(b?.pdf ?? Buffer.alloc(0))).toBe(true);
  });

  it("paginates 200 lines with the header on every page and the totals only on the last", async () => {
    const { user, invoice } = await invoiceIn("gbp", 1_000, 200);
    const doc = await invoicePdfForUser(h.db, { userId: user.id, invoiceId: invoice.id });
    if (!doc) throw new Error("no document");
    const pages = pdfPageCount(doc.pdf);
    expect(pages).toBeGreaterThan(2);
    for (let page = 1; page <= pages; page++) {
      const text = words(pdfText(doc.pdf, { first: page, last: page }));
      expect(text).toContain("Description Qty Unit price Tax Amount");
      expect(text).toContain(`Page ${page} of ${pages}`);
      expect(text.includes("Total £")).toBe(page === pages);
    }
    expect(words(pdfText(doc.pdf))).toContain("Consulting, session 200");
  });

  it("renders a name in a script the fonts do not cover instead of failing, keeping what they do", async () => {
    const { user, customer } = await sellerWithProfile();
    signInAs(user.id);
    const invoice = await createInvoice(
      h.db,
      { userId: user.id },
      {
        customerId: customer.id,
        currency: "gbp",
        issueDate: "2026-11-02",
        dueDate: "2026-12-02",
        notes: "株式会社テスト · شركة · Ωmega \u202eevil\u202c <b>#set page(width: 1mm)</b>",
        allowPartialPayments: false,
        partialMinimumMinor: null,
        items: [{ description: "Ünïcödé ✓ 🚀", quantityMilli: 1000, unitAmountMinor: 100, taxRateBps: null }],
      },
    );
    const doc = await invoicePdfForUser(h.db, { userId: user.id, invoiceId: invoice.id });
    if (!doc) throw new Error("no document");
    const text = words(pdfText(doc.pdf));
    expect(text).toContain("Ωmega");
    expect(text).toContain("Ünïcödé");
    // Markup in a value is text, not Typst: the page keeps its size.
    expect(text).toContain("#set page(width: 1mm)");
    expect(pdfPageCount(doc.pdf)).toBe(1);
  });

  it("is not given to another User, and an unknown pay token gets nothing", async () => {
    const { invoice } = await invoiceIn("gbp", 1_000);
    const other = await h.user();
    expect(await invoicePdfForUser(h.db, { userId: other.id, invoiceId: invoice.id })).toBeNull();
    expect(await invoicePdfByPayLinkToken(h.db, "x".repeat(43))).toBeNull();
  });

  it("is served from the pay link once the invoice is sent, with the logo if there is one", async () => {
    const seller = await h.seller();
    signInAs(seller.user.id);
    expect(await uploadLogoAction({ dataBase64: solidPng(200, 60).toString("base64") })).toMatchObject({
      ok: true,
    });
    const sent = await h.sentInvoice(seller.user);
    const doc = await invoicePdfByPayLinkToken(h.db, sent.token);
    if (!doc) throw new Error("no document");
    expect(words(pdfText(doc.pdf))).toContain("Total £120.00");
    // The logo is an image in the PDF (pdfimages is poppler's too).
    expect(doc.pdf.includes(Buffer.from("/Subtype /Image"))).toBe(true);
  });
});

describe("receipt PDF", () => {
  it("names the payment, the invoice and what remains, for the seller and through the pay link", async () => {
    const paid = await h.paidInvoice();
    const doc = await receiptPdfForUser(h.db, { userId: paid.user.id, paymentId: paid.payment.id });
    if (!doc) throw new Error("no document");
    const text = words(pdfText(doc.pdf));
    expect(text).toContain("Receipt");
    expect(text).toMatch(/INV-\d{4}-R1/);
    expect(text).toContain("Amount paid £120.00");
    expect(text).toContain("Still due on the invoice £0.00");
    const viaLink = await receiptPdfByPayLinkToken(h.db, { token: paid.token, paymentId: paid.payment.id });
    expect(viaLink?.pdf.equals(doc.pdf)).toBe(true);
  });

  it("is refused for another User's payment and for a payment of another invoice's pay link", async () => {
    const paid = await h.paidInvoice();
    const other = await h.paidInvoice();
    expect(await receiptPdfForUser(h.db, { userId: other.user.id, paymentId: paid.payment.id })).toBeNull();
    expect(
      await receiptPdfByPayLinkToken(h.db, { token: other.token, paymentId: paid.payment.id }),
    ).toBeNull();
  });
});

describe("credit note PDF", () => {
  it("numbers credit notes in their own sequence, once each, and references the invoice", async () => {
    const paid = await h.paidInvoice();
    signInAs(paid.user.id);
    for (const amount of ["20.00", "5.50"]) {
      const r = await refundPaymentAction({
        paymentId: paid.payment.id,
        amount,
        reason: "requested_by_customer",
      });
      expect(r).toMatchObject({ ok: true });
    }
    const refunds = (
      await listRefundsOfPayment(h.db, { userId: paid.user.id, paymentId: paid.payment.id })
    ).sort((a, b) => a.amountMinor - b.amountMinor);
    const [small, large] = refunds;
    if (!small || !large) throw new Error("refunds missing");
    // Asked for twice at once, a refund still gets one number.
    const [n1, n2] = await Promise.all([
      creditNoteNumber(h.db, { userId: paid.user.id, refundId: large.id }),
      creditNoteNumber(h.db, { userId: paid.user.id, refundId: large.id }),
    ]);
    expect(n1).toBe("CN-0001");
    expect(n2).toBe("CN-0001");
    const doc = await creditNotePdfForUser(h.db, { userId: paid.user.id, refundId: small.id });
    if (!doc) throw new Error("no document");
    expect(doc.fileName).toBe("credit-note-CN-0002.pdf");
    const text = words(pdfText(doc.pdf));
    expect(text).toContain("Credit note");
    expect(text).toContain("CN-0002");
    expect(text).toContain("CREDITS INVOICE");
    expect(text).toMatch(/Refund against invoice INV-\d{4}/);
    expect(text).toContain("Credited −£5.50");
    expect(text).toContain("Requested by the customer");
    const other = await h.user();
    expect(await creditNotePdfForUser(h.db, { userId: other.id, refundId: small.id })).toBeNull();
  });
});

describe("business profile", () => {
  it("refuses a logo that is not an image and stores nothing", async () => {
    const user = await h.user();
    signInAs(user.id);
    const result = await uploadLogoAction({ dataBase64: Buffer.from("<svg/>").toString("base64") });
    expect(result).toMatchObject({
      ok: false,
      error: { code: "validation", message: "The logo must be a PNG or JPEG image." },
    });
    expect(await getBusinessLogo(h.db, user.id)).toBeNull();
  });

  it("refuses an image with a valid header but damaged data", async () => {
    const user = await h.user();
    signInAs(user.id);
    const png = solidPng(64, 64);
    const broken = Buffer.concat([
      png.subarray(0, 33),
      Buffer.from("not deflate data at all"),
      png.subarray(-12),
    ]);
    const result = await uploadLogoAction({ dataBase64: broken.toString("base64") });
    expect(result).toMatchObject({ ok: false, error: { code: "validation" } });
    expect(await getBusinessLogo(h.db, user.id)).toBeNull();
    expect(await removeLogoAction({})).toMatchObject({ ok: true });
  });

  it("never moves the invoice counter back, and explains why", async () => {
    const { user } = await invoiceIn("gbp", 1_000);
    signInAs(user.id);
    const result = await saveBusinessProfileAction({ ...PROFILE, nextInvoiceNumber: "1" });
    expect(result).toMatchObject({
      ok: false,
      error: { fieldErrors: { nextInvoiceNumber: [expect.stringContaining("must be 2 or higher")] } },
    });
    expect(await saveBusinessProfileAction({ ...PROFILE, nextInvoiceNumber: "500" })).toMatchObject({
      ok: true,
    });
  });

  it("rejects a bad colour, locale, time zone and prefix with messages", async () => {
    const user = await h.user();
    signInAs(user.id);
    const result = await saveBusinessProfileAction({
      ...PROFILE,
      brandColour: "red",
      locale: "xx-NOPE-123456789",
      timeZone: "Mars/Olympus",
      invoicePrefix: "<script>",
    });
    expect(result).toMatchObject({ ok: false, error: { code: "validation" } });
    if (result.ok) return;
    expect(Object.keys(result.error.fieldErrors ?? {}).sort()).toEqual([
      "brandColour",
      "invoicePrefix",
      "locale",
      "timeZone",
    ]);
    expect(await getBusinessProfile(h.db, user.id)).toBeUndefined();
  });
});
