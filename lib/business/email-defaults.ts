// The send dialog's starting subject and message, from Settings → Business. Pure: the settings form,
// the invoice page and tests use it.

/** The placeholders a seller may use in their subject. */
export const SUBJECT_PLACEHOLDERS = ["{number}", "{business}"] as const;

export const DEFAULT_INVOICE_EMAIL_SUBJECT = "Invoice {number} from {business}";

/** The subject an invoice email starts with: the seller's template (or ours) with its blanks filled. */
export function invoiceSubjectFrom(
  template: string | null | undefined,
  values: { number: string; business: string },
): string {
  return (template?.trim() || DEFAULT_INVOICE_EMAIL_SUBJECT)
    .replaceAll("{number}", values.number)
    .replaceAll("{business}", values.business);
}
