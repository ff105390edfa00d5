// Sample documents for the PDF bench: an invoice of n lines with the figures a real one carries.
import type { DocumentModel } from "../../lib/documents/model";

export function sampleInvoice(lines: number): DocumentModel {
  return {
    kind: "invoice",
    title: "Invoice",
    number: "ACME-0042",
    lang: "en",
    createdOn: "2026-11-30",
    brandColour: "#0f766e",
    hasLogo: false,
    seller: {
      name: "Acme Studio",
      lines: [
        "Acme Studio Ltd",
        "1 High Street",
        "London EC1A 1AA",
        "United Kingdom",
        "VAT GB123456789",
        "billing@acme.test",
      ],
    },
    buyer: {
      heading: "Billed to",
      name: "Ωmega Σύμβουλοι / Омега Консалтинг",
      lines: ["customer@example.test", "Οδός Αθηνάς 12", "Αθήνα 105 51", "Tax ID EL999999999"],
    },
    meta: [
      { label: "Invoice number", value: "ACME-0042" },
      { label: "Issued", value: "30 November 2026" },
      { label: "Due", value: "30 December 2026" },
    ],
    items: Array.from({ length: lines }, (_, i) => ({
      description: `Design work, week ${i + 1} — wireframes and review`,
      quantity: "1.5",
      unitPrice: "£120.00",
      tax: "20%",
      amount: "£216.00",
    })),
    totals: [
      { label: "Subtotal", value: `£${(180 * lines).toLocaleString("en-GB")}.00`, strong: false },
      { label: "Tax", value: `£${(36 * lines).toLocaleString("en-GB")}.00`, strong: false },
      { label: "Total", value: `£${(216 * lines).toLocaleString("en-GB")}.00`, strong: true },
    ],
    sections: [{ heading: "Notes", body: "Thank you for your business. Payment within 30 days." }],
    footer: "Acme Studio Ltd · Registered in England and Wales no. 01234567",
  };
}
