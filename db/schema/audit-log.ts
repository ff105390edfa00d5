import { bigserial, index, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { minor } from "./columns";
import { auditActor } from "./enums";
import { invoices } from "./invoices";
import { users } from "./users";

// Append-only (a trigger in the migrations refuses UPDATE and DELETE). Rows outlive nothing they
// point to: user and invoice ids are kept without cascading deletes of history.
export const auditLog = pgTable(
  "audit_log",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    invoiceId: uuid("invoice_id").references(() => invoices.id, { onDelete: "cascade" }),
    actor: auditActor("actor").notNull(),
    action: text("action").notNull(),
    amountMinor: minor("amount_minor"),
    currency: text("currency"),
    stripeIds: jsonb("stripe_ids").$type<Record<string, string>>(),
    details: jsonb("details").$type<Record<string, string | number | boolean | null>>(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("audit_log_invoice_id_idx").on(t.invoiceId, t.id),
    index("audit_log_user_id_idx").on(t.userId, t.id),
  ],
);

export type AuditEntry = typeof auditLog.$inferSelect;
export type NewAuditEntry = typeof auditLog.$inferInsert;
