import "server-only";
import { randomUUID } from "node:crypto";
import type { Database } from "@/db";
import { insertOutboxEmails } from "@/db/queries/email-outbox";
import type { EmailKind, NewOutboxEmail, OutboxEmail } from "@/db/schema";
import type { emailAttachmentKind } from "@/db/schema/email-outbox";
import { withTransaction } from "@/db/transaction";
import { logger } from "@/lib/logger";
import { headerText, plainAddress } from "./headers";
import { queueEmailJobs } from "./jobs-queue";
import type { RenderedEmail } from "./templates/format";

type EmailAttachmentKind = (typeof emailAttachmentKind.enumValues)[number];

export type EnqueueEmailParams = {
  userId: string;
  invoiceId: string | null;
  kind: EmailKind;
  /** One email per key, ever: `receipt:<paymentId>`, `invoice:<invoiceId>:<n>` … */
  dedupeKey: string;
  to: { address: string; name: string | null };
  /** Copied in; each must be a plain valid address, or nothing is queued. */
  cc?: readonly string[];
  fromName: string;
  replyTo: string | null;
  content: RenderedEmail;
  /** A PDF the worker renders and attaches when it sends (lib/documents/attachments.ts). */
  attachment?: { kind: EmailAttachmentKind; id: string };
  now?: Date;
};

export type EnqueueOutcome =
  | { outcome: "queued"; email: OutboxEmail }
  | { outcome: "duplicate" }
  | { outcome: "invalid_address" };

/** The row to store, or null when the recipient is not one plain valid address. */
function outboxRow(params: EnqueueEmailParams): NewOutboxEmail | null {
  const to = plainAddress(params.to.address);
  if (!to) {
    logger.warn("email not queued: invalid recipient", { kind: params.kind, dedupeKey: params.dedupeKey });
    return null;
  }
  const cc: string[] = [];
  for (const value of params.cc ?? []) {
    const address = plainAddress(value)?.toLowerCase();
    if (!address) {
      logger.warn("email not queued: invalid cc", { kind: params.kind, dedupeKey: params.dedupeKey });
      return null;
    }
    if (address !== to.toLowerCase() && !cc.includes(address)) cc.push(address);
  }
  const now = params.now ?? new Date();
  return {
    userId: params.userId,
    invoiceId: params.invoiceId,
    kind: params.kind,
    dedupeKey: params.dedupeKey,
    toAddress: to,
    cc,
    toName: params.to.name ? headerText(params.to.name) || null : null,
    fromName: headerText(params.fromName) || "SixthDesk",
    replyTo: plainAddress(params.replyTo),
    subject: headerText(params.content.subject, 300),
    text: params.content.text,
    html: params.content.html,
    attachmentKind: params.attachment?.kind ?? null,
    attachmentId: params.attachment?.id ?? null,
    nextAttemptAt: now,
    jobId: randomUUID(),
    createdAt: now,
  };
}

/**
 * Writes emails to the outbox and their sending jobs to the job engine, in the caller's transaction (or
 * one of their own), in two statements: the email exists exactly when its job does. Names and subjects
 * are made single header lines here and addresses must be plain valid addresses, so nothing stored can
 * inject headers. Outcomes come back in the order given.
 */
export async function enqueueEmails(db: Database, list: EnqueueEmailParams[]): Promise<EnqueueOutcome[]> {
  const rows = list.map(outboxRow);
  const valid = rows.filter((row): row is NewOutboxEmail => row !== null);
  const inserted =
    valid.length === 0
      ? []
      : await withTransaction(db, async (tx) => {
          const added = await insertOutboxEmails(tx, valid);
          await queueEmailJobs(tx, added);
          return added;
        });
  const byKey = new Map(inserted.map((email) => [email.dedupeKey, email]));
  return rows.map((row) => {
    if (!row) return { outcome: "invalid_address" } as const;
    const email = byKey.get(row.dedupeKey);
    if (!email) return { outcome: "duplicate" } as const;
    logger.info("email queued", { emailId: email.id, kind: email.kind });
    return { outcome: "queued", email } as const;
  });
}

export async function enqueueEmail(db: Database, params: EnqueueEmailParams): Promise<EnqueueOutcome> {
  const [outcome] = await enqueueEmails(db, [params]);
  if (!outcome) throw new Error("enqueueEmails returned nothing");
  return outcome;
}
