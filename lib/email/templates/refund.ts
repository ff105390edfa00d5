import { type FormatPreferences, formatCard, formatDateTime, formatMoney } from "@/lib/format";
import { buttonHtml, escapeHtml, layoutHtml, paragraphHtml, rowsHtml } from "../html";
import { PRODUCT_NAME, type RenderedEmail, rowsText } from "./format";

export type RefundFacts = {
  businessName: string;
  customerName: string;
  invoiceNumber: string;
  currency: string;
  amountMinor: number;
  cardBrand: string | null;
  cardLast4: string | null;
  /** The seller's format preferences. */
  format: FormatPreferences;
};

/** To the Customer once Stripe reports the refund succeeded. */
export function renderRefundSucceededEmail(
  r: RefundFacts & { refundedAt: Date; sellerEmail: string },
): RenderedEmail {
  const amount = formatMoney(r.amountMinor, r.currency, r.format);
  const subject = `Refund of ${amount} from ${r.businessName}`;
  const rows = [
    { label: "Amount refunded", value: amount },
    { label: "Date", value: formatDateTime(r.refundedAt, r.format, "document") },
    { label: "Refunded to", value: formatCard(r.cardBrand, r.cardLast4) },
    { label: "Invoice", value: r.invoiceNumber },
  ];
  const timing = "Refunds usually reach your account within 5–10 business days, depending on your bank.";
  const contact = `Questions? Reply to this email or write to ${r.businessName} at ${r.sellerEmail}.`;
  const text = [
    `Hello ${r.customerName},`,
    `${r.businessName} has refunded ${amount} to your card.`,
    rowsText(rows),
    timing,
    contact,
  ].join("\n\n");
  const html = layoutHtml({
    title: subject,
    body: [
      `<h1 style="font-size:20px;margin:0 0 16px">${escapeHtml(`Refund of ${amount}`)}</h1>`,
      paragraphHtml(`Hello ${r.customerName},`),
      paragraphHtml(`${r.businessName} has refunded ${amount} to your card.`),
      rowsHtml(rows),
      paragraphHtml(timing),
      paragraphHtml(contact),
    ].join(""),
    footer: `Sent by ${PRODUCT_NAME} on behalf of ${r.businessName}.`,
  });
  return { subject, text: `${text}\n`, html };
}

// Stripe's refund failure_reason values, in words a User can act on.
const FAILURE_REASONS: Record<string, string> = {
  lost_or_stolen_card: "the card was reported lost or stolen",
  expired_or_canceled_card: "the card has expired or was cancelled",
  charge_for_pending_refund_disputed: "the payment is disputed",
  insufficient_funds: "your Stripe balance did not cover it",
  declined: "the card issuer declined it",
  merchant_request: "it was cancelled at your request",
};

export function refundFailureText(reason: string | null): string {
  return (reason && FAILURE_REASONS[reason]) ?? "Stripe could not complete it";
}

/** To the User when a refund they (or Stripe) started did not go through. */
export function renderRefundFailedEmail(
  r: RefundFacts & { failureReason: string | null; invoiceUrl: string },
) {
  const amount = formatMoney(r.amountMinor, r.currency, r.format);
  const subject = `A refund of ${amount} on ${r.invoiceNumber} failed`;
  const why = `The refund of ${amount} to ${r.customerName} failed: ${refundFailureText(r.failureReason)}.`;
  const next =
    "The amount is refundable again. You can try another refund, or settle with your customer another way.";
  const rows = [
    { label: "Amount", value: amount },
    { label: "Customer", value: r.customerName },
    { label: "Card", value: formatCard(r.cardBrand, r.cardLast4) },
    { label: "Invoice", value: r.invoiceNumber },
  ];
  const text = [why, next, rowsText(rows), `See the invoice: ${r.invoiceUrl}`].join("\n\n");
  const html = layoutHtml({
    title: subject,
    body: [
      `<h1 style="font-size:20px;margin:0 0 16px">${escapeHtml("A refund failed")}</h1>`,
      paragraphHtml(why),
      paragraphHtml(next),
      rowsHtml(rows),
      buttonHtml(r.invoiceUrl, "See the invoice"),
    ].join(""),
    footer: `${PRODUCT_NAME} tells ${r.businessName} about every refund that fails.`,
  });
  return { subject, text: `${text}\n`, html } satisfies RenderedEmail;
}
