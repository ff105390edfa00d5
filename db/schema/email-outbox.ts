import { sql } from "drizzle-orm";
import {
  check,
  index,
  integer,
  pgEnum,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { invoices } from "./invoices";
import { users } from "./users";

export const emailKind = pgEnum("email_kind", [
  "invoice",
  "invoice_reminder",
  "payment_receipt",
  "payment_received",
  "refund_succeeded",
  "refund_failed",
  "payment_overpaid",
  "account_verification",
  "password_reset",
  "password_changed",
  "email_changed",
]);

// A PDF the worker renders and attaches when it sends (lib/documents/attachments.ts): the invoice, a
// payment's receipt or a refund's credit note, named by our id. Rendered at send time, not stored.
export const emailAttachmentKind = pgEnum("email_attachment_kind", ["invoice", "receipt", "credit_note"]);

export const emailStatus = pgEnum("email_status", ["pending", "sending", "sent", "failed"]);

// The outbox: an email is written in the same transaction as the event that causes it, together with the
// job engine's job that sends it (lib/email/enqueue.ts, lib/email/jobs.ts). The row stays the record the
// seller sees (status, attempts, last error, Retry); the unique dedupe key is what keeps one event from
// yielding two emails when it is recorded twice (the return page and the webhook).
export const emailOutbox = pgTable(
  "email_outbox",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    // The owning User, for scoping: emails to their customers belong to them too.
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    invoiceId: uuid("invoice_id").references(() => invoices.id, { onDelete: "cascade" }),
    kind: emailKind("kind").notNull(),
    dedupeKey: text("dedupe_key").notNull(),
    toAddress: text("to_address").notNull(),
    toName: text("to_name"),
    // Plain valid addresses copied in (the send dialog's Cc), checked like `to_address` when queued.
    cc: text("cc").array().notNull().default(sql`'{}'::text[]`),
    fromName: text("from_name").notNull(),
    replyTo: text("reply_to"),
    subject: text("subject").notNull(),
    // Rendered at enqueue time, so what is sent is what the event looked like when it happened.
    text: text("text").notNull(),
    html: text("html").notNull(),
    attachmentKind: emailAttachmentKind("attachment_kind"),
    attachmentId: uuid("attachment_id"),
    status: emailStatus("status").notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    // Pending: when the next attempt is due at the latest (the job engine's backoff has jitter, so it
    // may come sooner); sending: the end of the attempt's lease, after which another worker may take it.
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true }).notNull().defaultNow(),
    lastError: text("last_error"),
    // The pg-boss job (queue "email-send") that owns the row's next attempt. A job acts only on a row
    // that still names it, so a stale or duplicate job sends nothing; Retry and the relay give the row a
    // new one. Null for rows written before sending moved onto the job engine (the relay adopts them).
    jobId: uuid("job_id"),
    sentAt: timestamp("sent_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("email_outbox_dedupe_key_key").on(t.dedupeKey),
    index("email_outbox_status_next_attempt_at_idx").on(t.status, t.nextAttemptAt),
    index("email_outbox_invoice_id_idx").on(t.invoiceId, t.createdAt.desc()),
    index("email_outbox_user_id_created_at_idx").on(t.userId, t.createdAt.desc()),
    check("email_outbox_attempts_non_negative", sql`${t.attempts} >= 0`),
  ],
);

export type OutboxEmail = typeof emailOutbox.$inferSelect;
export type NewOutboxEmail = typeof emailOutbox.$inferInsert;
export type EmailKind = (typeof emailKind.enumValues)[number];
export type EmailStatus = (typeof emailStatus.enumValues)[number];
