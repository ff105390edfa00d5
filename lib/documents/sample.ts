import type { DocumentModel } from "./model";

/** A one-line document used to try a logo before it is stored. */
export function sampleDocument(): DocumentModel {
  return {
    kind: "invoice",
    title: "Invoice",
    number: "SAMPLE-1",
    lang: "en",
    createdOn: "2026-01-01",
    brandColour: "#0f172a",
    hasLogo: false,
    seller: { name: "Sample", lines: [] },
    buyer: { heading: "Billed to", name: "Sample", lines: [] },
    meta: [{ label: "Issued", value: "1 January 2026" }],
    items: [{ description: "Sample", quantity: "1", unitPrice: "1.00", tax: "—", amount: "1.00" }],
    totals: [{ label: "Total", value: "1.00", strong: true }],
    sections: [],
    footer: null,
  };
}
