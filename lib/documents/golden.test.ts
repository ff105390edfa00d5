// One golden file per document type: the PDF for fixed input must be these exact bytes (the renderer is
// deterministic: the creation date comes from the document). When a layout change is intended, run
// `UPDATE_GOLDEN=1 npx vitest run --project unit lib/documents/golden.test.ts` and review the new files
// (pdftotext -layout tests/golden/<kind>.pdf -).
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { SellerIdentity } from "@/lib/business/profile";
import { pdfText } from "@/tests/support/pdf-text";
import {
  buildCreditNoteDocument,
  buildInvoiceDocument,
  buildReceiptDocument,
  type InvoiceForDocument,
} from "./build";
import type { DocumentModel } from "./model";
import { renderDocumentPdf, stopRenderer } from "./renderer";

afterAll(() => stopRenderer());

const seller: SellerIdentity = {
  displayName: "Acme Studio",
  legalName: "Acme Studio Ltd",
  address: "1 High Street\nLondon EC1A 1AA",
  taxId: "GB123456789",
  contactEmail: "billing@acme.test",
  phone: null,
  brandColour: "#0f766e",
  footer: "Registered in England and Wales no. 01234567",
  hasLogo: false,
};
const format = { locale: "en-GB", timeZone: "Europe/London" };
const invoice: InvoiceForDocument = {
  number: "ACME-0042",
  currency: "gbp",
  issueDate: "2026-11-02",
  dueDate: "2026-12-02",
  notes: "Thank you.",
  subtotalMinor: 30_000,
  taxMinor: 6_000,
  totalMinor: 36_000,
  paidMinor: 10_000,
  items: [
    {
      description: "Design — Ελληνικά, Кириллица",
      quantityMilli: 2000,
      unitAmountMinor: 10_000,
      taxRateBps: 2000,
      subtotalMinor: 20_000,
    },
    {
      description: "Hosting",
      quantityMilli: 1000,
      unitAmountMinor: 10_000,
      taxRateBps: 2000,
      subtotalMinor: 10_000,
    },
  ],
  customer: {
    name: "Омега ООО",
    email: "ap@omega.test",
    address: "ул. Тверская, 1\nМосква",
    taxId: "RU7707083893",
  },
};
const at = new Date("2026-11-20T10:30:00Z");

const DOCUMENTS: Record<string, DocumentModel> = {
  invoice: buildInvoiceDocument({ seller, format, invoice }),
  receipt: buildReceiptDocument({
    seller,
    format,
    invoice,
    number: "ACME-0042-R1",
    payment: {
      amountMinor: 10_000,
      currency: "gbp",
      succeededAt: at,
      updatedAt: at,
      cardBrand: "visa",
      cardLast4: "4242",
      stripePaymentIntentId: "pi_golden",
    },
  }),
  "credit-note": buildCreditNoteDocument({
    seller,
    format,
    invoice,
    number: "CN-0007",
    refund: { amountMinor: 2_500, currency: "gbp", createdAt: at, reason: "duplicate", note: null },
  }),
};

describe("golden PDFs", () => {
  for (const [kind, model] of Object.entries(DOCUMENTS)) {
    it(`${kind}: the same bytes as tests/golden/${kind}.pdf`, async () => {
      const file = path.join(process.cwd(), "tests", "golden", `${kind}.pdf`);
      const pdf = await renderDocumentPdf(model, null);
      if (process.env.UPDATE_GOLDEN === "1" || !existsSync(file)) writeFileSync(file, pdf);
      const golden = readFileSync(file);
      // Text first, so a change shows as words rather than as a byte offset.
      expect(pdfText(pdf)).toBe(pdfText(golden));
      expect(pdf.equals(golden)).toBe(true);
    });
  }
});
