import { type FormatPreferences, formatDay, formatMoney } from "@/lib/format";
import { buttonHtml, escapeHtml, escapeMultiline, layoutHtml, paragraphHtml, rowsHtml } from "../html";
import { PRODUCT_NAME, type RenderedEmail, rowsText } from "./format";

export type InvoiceEmailInput = {
  reminder: boolean;
  businessName: string;
  sellerEmail: string;
  customerName: string;
  invoiceNumber: string;
  currency: string;
  dueMinor: number;
  dueDate: string;
  payUrl: string;
  /** The User's own words; body only, never a header. */
  message: string | null;
  /** The User's own subject (made one header line when queued); the built-in subject when absent. */
  subject?: string | null;
  /** The seller's format preferences. */
  format: FormatPreferences;
  /** An automatic reminder sent before or on the due date: "is due", not "is overdue". */
  notYetOverdue?: boolean;
};

/** "Invoice INV-0001 from Northwind Studio", or a reminder: before the due date, or once overdue. */
export function invoiceEmailSubject(
  input: Pick<InvoiceEmailInput, "reminder" | "invoiceNumber" | "businessName" | "notYetOverdue"> & {
    dueOn?: string;
  },
): string {
  if (input.notYetOverdue && input.dueOn) {
    return `Reminder: invoice ${input.invoiceNumber} from ${input.businessName} is due on ${input.dueOn}`;
  }
  return input.reminder
    ? `Reminder: invoice ${input.invoiceNumber} from ${input.businessName} is overdue`
    : `Invoice ${input.invoiceNumber} from ${input.businessName}`;
}

export function renderInvoiceEmail(input: InvoiceEmailInput): RenderedEmail {
  const due = formatMoney(input.dueMinor, input.currency, input.format);
  const dueOn = formatDay(input.dueDate, input.format, "document");
  const subject = input.subject || invoiceEmailSubject({ ...input, dueOn });
  const intro = input.notYetOverdue
    ? `This is a reminder that invoice ${input.invoiceNumber} from ${input.businessName} is due on ${dueOn}. ${due} is due.`
    : input.reminder
      ? `This is a reminder that invoice ${input.invoiceNumber} from ${input.businessName} was due on ${dueOn}. ${due} is still due.`
      : `${input.businessName} has sent you invoice ${input.invoiceNumber} for ${due}, due on ${dueOn}.`;
  const rows = [
    { label: "Invoice", value: input.invoiceNumber },
    { label: "Amount due", value: due },
    { label: "Due date", value: dueOn },
  ];
  const contact = `Questions about this invoice? Reply to this email or write to ${input.businessName} at ${input.sellerEmail}.`;

  const text = [
    `Hello ${input.customerName},`,
    intro,
    input.message ? `Message from ${input.businessName}:\n${input.message}` : null,
    rowsText(rows),
    `Pay online: ${input.payUrl}`,
    contact,
  ]
    .filter((part): part is string => part !== null)
    .join("\n\n");

  const html = layoutHtml({
    title: subject,
    body: [
      `<h1 style="font-size:20px;margin:0 0 16px">${escapeHtml(input.reminder ? "Payment reminder" : `Invoice from ${input.businessName}`)}</h1>`,
      paragraphHtml(`Hello ${input.customerName},`),
      paragraphHtml(intro),
      input.message
        ? `<blockquote style="margin:16px 0;padding:12px 16px;border-left:4px solid #c7d2fe;background:#eef2ff">${escapeMultiline(input.message)}</blockquote>`
        : "",
      rowsHtml(rows),
      buttonHtml(input.payUrl, `Pay ${due}`),
      paragraphHtml(contact),
    ].join(""),
    footer: `Sent by ${PRODUCT_NAME} on behalf of ${input.businessName}.`,
  });
  return { subject, text: `${text}\n`, html };
}
