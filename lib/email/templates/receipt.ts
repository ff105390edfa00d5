import { type FormatPreferences, formatCard, formatDateTime, formatMoney } from "@/lib/format";
import { buttonHtml, escapeHtml, layoutHtml, paragraphHtml, rowsHtml } from "../html";
import { PRODUCT_NAME, type RenderedEmail, rowsText } from "./format";

export type PaymentFacts = {
  businessName: string;
  customerName: string;
  invoiceNumber: string;
  currency: string;
  amountMinor: number;
  paidAt: Date;
  cardBrand: string | null;
  cardLast4: string | null;
  /** The seller's format preferences. */
  format: FormatPreferences;
  /** What is still due on the invoice after this payment. */
  remainingMinor: number;
  /** Stripe's PaymentIntent id: the reference a Customer quotes to their bank or to the seller. */
  reference: string | null;
};

function paymentRows(p: PaymentFacts) {
  return [
    { label: "Amount paid", value: formatMoney(p.amountMinor, p.currency, p.format) },
    { label: "Date", value: formatDateTime(p.paidAt, p.format, "document") },
    { label: "Card", value: formatCard(p.cardBrand, p.cardLast4) },
    { label: "Invoice", value: p.invoiceNumber },
    { label: "Remaining due", value: formatMoney(p.remainingMinor, p.currency, p.format) },
    ...(p.reference ? [{ label: "Reference", value: p.reference }] : []),
  ];
}

/** The Customer's receipt: what the pay page promised them. */
export function renderReceiptEmail(
  p: PaymentFacts & { sellerEmail: string; payUrl: string | null },
): RenderedEmail {
  const amount = formatMoney(p.amountMinor, p.currency, p.format);
  const subject = `Receipt for your payment of ${amount} to ${p.businessName}`;
  const rows = paymentRows(p);
  const rest =
    p.remainingMinor > 0 && p.payUrl
      ? `${formatMoney(p.remainingMinor, p.currency, p.format)} remains due on ${p.invoiceNumber}.`
      : null;
  const contact = `Questions? Reply to this email or write to ${p.businessName} at ${p.sellerEmail}.`;
  const text = [
    `Hello ${p.customerName},`,
    `Thank you: ${p.businessName} has received your payment of ${amount}.`,
    rowsText(rows),
    rest && p.payUrl ? `${rest} Pay the rest: ${p.payUrl}` : null,
    contact,
  ]
    .filter((part): part is string => part !== null)
    .join("\n\n");
  const html = layoutHtml({
    title: subject,
    body: [
      `<h1 style="font-size:20px;margin:0 0 16px">${escapeHtml("Payment received — thank you")}</h1>`,
      paragraphHtml(`Hello ${p.customerName},`),
      paragraphHtml(`${p.businessName} has received your payment of ${amount}.`),
      rowsHtml(rows),
      rest && p.payUrl ? paragraphHtml(rest) + buttonHtml(p.payUrl, "Pay the rest") : "",
      paragraphHtml(contact),
    ].join(""),
    footer: `Sent by ${PRODUCT_NAME} on behalf of ${p.businessName}. Keep this email as your receipt.`,
  });
  return { subject, text: `${text}\n`, html };
}

/** The User's notice that they were paid. */
export function renderPaidNoticeEmail(p: PaymentFacts & { invoiceUrl: string }): RenderedEmail {
  const amount = formatMoney(p.amountMinor, p.currency, p.format);
  const subject = `You were paid ${amount} for ${p.invoiceNumber}`;
  const rows = paymentRows(p);
  const summary =
    p.remainingMinor > 0
      ? `${p.customerName} paid ${amount} towards ${p.invoiceNumber}; ${formatMoney(p.remainingMinor, p.currency, p.format)} is still due.`
      : `${p.customerName} paid ${amount} and ${p.invoiceNumber} is now paid in full.`;
  const text = [summary, rowsText(rows), `See the invoice: ${p.invoiceUrl}`].join("\n\n");
  const html = layoutHtml({
    title: subject,
    body: [
      `<h1 style="font-size:20px;margin:0 0 16px">${escapeHtml(`You were paid ${amount}`)}</h1>`,
      paragraphHtml(summary),
      rowsHtml(rows),
      buttonHtml(p.invoiceUrl, "See the invoice"),
    ].join(""),
    footer: `${PRODUCT_NAME} sends this notice to ${p.businessName} for every payment received.`,
  });
  return { subject, text: `${text}\n`, html };
}
