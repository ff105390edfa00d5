import "server-only";
import type { Database } from "@/db";
import { insertOutboxEmail } from "@/db/queries/email-outbox";
import type { EmailKind, OutboxEmail } from "@/db/schema";
import { logger } from "@/lib/logger";
import { headerText, plainAddress } from "./headers";
import type { RenderedEmail } from "./templates/format";

export type EnqueueEmailParams = {
  userId: string;
  invoiceId: string | null;
  kind: EmailKind;
  /** One email per key, ever: `receipt:<paymentId>`, `invoice:<invoiceId>:<n>` … */
  dedupeKey: string;
  to: { address: string; name: string | null };
  fromName: string;
  replyTo: string | null;
  content: RenderedEmail;
  now?: Date;
};

export type EnqueueOutcome =
  | { outcome: "queued"; email: OutboxEmail }
  | { outcome: "duplicate" }
  | { outcome: "invalid_address" };

/**
 * Writes one email to the outbox, in the caller's transaction. Names and the subject are made single
 * header lines here, and addresses must be plain valid addresses, so nothing stored can inject headers.
 */
export async function enqueueEmail(db: Database, params: EnqueueEmailParams): Promise<EnqueueOutcome> {
  const to = plainAddress(params.to.address);
  if (!to) {
    logger.warn("email not queued: invalid recipient", { kind: params.kind, dedupeKey: params.dedupeKey });
    return { outcome: "invalid_address" };
  }
  const now = params.now ?? new Date();
  const email = await insertOutboxEmail(db, {
    userId: params.userId,
    invoiceId: params.invoiceId,
    kind: params.kind,
    dedupeKey: params.dedupeKey,
    toAddress: to,
    toName: params.to.name ? headerText(params.to.name) || null : null,
    fromName: headerText(params.fromName) || "SixthDesk",
    replyTo: plainAddress(params.replyTo),
    subject: headerText(params.content.subject, 300),
    text: params.content.text,
    html: params.content.html,
    nextAttemptAt: now,
    createdAt: now,
  });
  if (!email) return { outcome: "duplicate" };
  logger.info("email queued", { emailId: email.id, kind: email.kind });
  return { outcome: "queued", email };
}
