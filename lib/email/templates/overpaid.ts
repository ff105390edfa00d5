import { type FormatPreferences, formatMoney } from "@/lib/format";
import { buttonHtml, escapeHtml, layoutHtml, paragraphHtml, rowsHtml } from "../html";
import { PRODUCT_NAME, type RenderedEmail, rowsText } from "./format";

export type OverpaidFacts = {
  businessName: string;
  customerName: string;
  invoiceNumber: string;
  /** The payment that made the invoice overpaid. */
  paymentCurrency: string;
  paymentMinor: number;
  /** What the invoice asks for, in its own currency. */
  invoiceCurrency: string;
  invoiceTotalMinor: number;
  /** Money held beyond what is owed, in the payment's currency. */
  excessMinor: number;
  invoiceUrl: string;
  format: FormatPreferences;
};

/** The User's notice that a payment took more than the invoice asks for, and how to give it back. */
export function renderOverpaidNoticeEmail(p: OverpaidFacts): RenderedEmail {
  const excess = formatMoney(p.excessMinor, p.paymentCurrency, p.format);
  const subject = `${p.invoiceNumber} is overpaid by ${excess}`;
  const otherCurrency = p.paymentCurrency !== p.invoiceCurrency;
  const summary = otherCurrency
    ? `${p.customerName} paid ${formatMoney(p.paymentMinor, p.paymentCurrency, p.format)} in ${p.paymentCurrency.toUpperCase()}, but ${p.invoiceNumber} is now in ${p.invoiceCurrency.toUpperCase()}: that payment does not count towards it.`
    : `${p.customerName} paid more than ${p.invoiceNumber} asks for (the invoice changed while they were paying).`;
  const action = `You hold ${excess} beyond what the invoice asks for. Refund it in one click on the invoice page.`;
  const rows = [
    { label: "Payment", value: formatMoney(p.paymentMinor, p.paymentCurrency, p.format) },
    { label: "Invoice total", value: formatMoney(p.invoiceTotalMinor, p.invoiceCurrency, p.format) },
    { label: "Overpaid", value: excess },
  ];
  const text = [summary, rowsText(rows), action, `See the invoice: ${p.invoiceUrl}`].join("\n\n");
  const html = layoutHtml({
    title: subject,
    body: [
      `<h1 style="font-size:20px;margin:0 0 16px">${escapeHtml(subject)}</h1>`,
      paragraphHtml(summary),
      rowsHtml(rows),
      paragraphHtml(action),
      buttonHtml(p.invoiceUrl, "Refund the overpayment"),
    ].join(""),
    footer: `${PRODUCT_NAME} sends this notice to ${p.businessName} whenever an invoice is overpaid.`,
  });
  return { subject, text: `${text}\n`, html };
}
