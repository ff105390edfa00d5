/**
 * 1 → "INV-0001", 12345 → "INV-12345"; the prefix is the User's (Settings → Business). Padding keeps
 * early numbers sortable; longer ones just grow.
 */
export function formatInvoiceNumber(seq: number, prefix = "INV-"): string {
  if (!Number.isSafeInteger(seq) || seq < 1) {
    throw new RangeError(`Invoice sequence must be a positive integer: ${seq}`);
  }
  return `${prefix}${String(seq).padStart(4, "0")}`;
}
