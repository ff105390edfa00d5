import type { invoiceStatus } from "./schema";

export type InvoiceStatus = (typeof invoiceStatus.enumValues)[number];
