/** 1 → "INV-0001", 12345 → "INV-12345". Padding keeps early numbers sortable; longer ones just grow. */
export function formatInvoiceNumber(seq: number): string {
  if (!Number.isSafeInteger(seq) || seq < 1) {
    throw new RangeError(`Invoice sequence must be a positive integer: ${seq}`);
  }
  return `INV-${String(seq).padStart(4, "0")}`;
}
