import "server-only";
import { and, asc, eq } from "drizzle-orm";
import type { Database } from "../client";
import { type Dispute, disputes, type NewDispute } from "../schema";

/** Stripe's callers: the dispute with this `dp_` id, locked. */
export async function lockDisputeByStripeIdForStripe(
  db: Database,
  params: { stripeDisputeId: string },
): Promise<Dispute | undefined> {
  const [row] = await db
    .select()
    .from(disputes)
    .where(eq(disputes.stripeDisputeId, params.stripeDisputeId))
    .for("update")
    .limit(1);
  return row;
}

export async function insertDispute(db: Database, values: NewDispute): Promise<Dispute> {
  const [row] = await db.insert(disputes).values(values).returning();
  if (!row) throw new Error("insert returned no row");
  return row;
}

export async function updateDisputeRow(
  db: Database,
  params: { disputeId: string; values: Partial<NewDispute> },
): Promise<Dispute> {
  const [row] = await db
    .update(disputes)
    .set(params.values)
    .where(eq(disputes.id, params.disputeId))
    .returning();
  if (!row) throw new Error("dispute vanished");
  return row;
}

export async function listDisputesOfInvoice(db: Database, params: { userId: string; invoiceId: string }) {
  return db
    .select()
    .from(disputes)
    .where(and(eq(disputes.invoiceId, params.invoiceId), eq(disputes.userId, params.userId)))
    .orderBy(asc(disputes.createdAt));
}

export async function listDisputesOfPayment(db: Database, params: { userId: string; paymentId: string }) {
  return db
    .select()
    .from(disputes)
    .where(and(eq(disputes.paymentId, params.paymentId), eq(disputes.userId, params.userId)))
    .orderBy(asc(disputes.createdAt));
}

/** One of the User's disputes; another User's is not found. */
export async function getDisputeOfUser(
  db: Database,
  params: { userId: string; disputeId: string },
): Promise<Dispute | undefined> {
  const [row] = await db
    .select()
    .from(disputes)
    .where(and(eq(disputes.id, params.disputeId), eq(disputes.userId, params.userId)))
    .limit(1);
  return row;
}

export async function markEvidenceSubmitted(db: Database, params: { disputeId: string; at: Date }) {
  await db.update(disputes).set({ evidenceSubmittedAt: params.at }).where(eq(disputes.id, params.disputeId));
}
