import "server-only";
import { and, asc, eq } from "drizzle-orm";
import type { Database } from "../client";
import { auditLog, type NewAuditEntry } from "../schema";

export async function appendAudit(db: Database, entry: NewAuditEntry) {
  await db.insert(auditLog).values(entry);
}

export async function listInvoiceHistory(db: Database, params: { userId: string; invoiceId: string }) {
  return db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.invoiceId, params.invoiceId), eq(auditLog.userId, params.userId)))
    .orderBy(asc(auditLog.id));
}
