// What a PDF document shows, every value already written for people (money, dates, addresses), so the
// layout only places text. Built by lib/documents/build-*.ts from our rows; pure data, no I/O.

export type DocumentKind = "invoice" | "receipt" | "credit_note";

export type DocumentLine = {
  description: string;
  quantity: string;
  unitPrice: string;
  tax: string;
  amount: string;
};

export type DocumentModel = {
  kind: DocumentKind;
  /** "Invoice", "Receipt", "Credit note". */
  title: string;
  number: string;
  /** BCP 47 language of the labels and text (hyphenation, quotes). */
  lang: string;
  /** "YYYY-MM-DD": the document's own date, written as the PDF's creation date so output is repeatable. */
  createdOn: string;
  /** "#rrggbb". */
  brandColour: string;
  hasLogo: boolean;
  seller: { name: string; lines: string[] };
  buyer: { heading: string; name: string; lines: string[] };
  meta: { label: string; value: string }[];
  items: DocumentLine[];
  totals: { label: string; value: string; strong: boolean }[];
  sections: { heading: string; body: string }[];
  footer: string | null;
};
