import "server-only";
import { and, eq, getTableColumns, sql } from "drizzle-orm";
import type { Database } from "../client";
import {
  type BusinessProfile,
  businessProfiles,
  creditNotes,
  type NewBusinessProfile,
  users,
} from "../schema";

export type ProfileValues = Omit<
  NewBusinessProfile,
  "userId" | "logo" | "logoType" | "lastCreditNoteSeq" | "createdAt" | "updatedAt"
>;

/** The profile without the logo's bytes (pages read it on every render): only whether there is one. */
export type BusinessProfileRow = Omit<BusinessProfile, "logo"> & { hasLogo: boolean };

export async function getBusinessProfile(
  db: Database,
  userId: string,
): Promise<BusinessProfileRow | undefined> {
  const { logo: _bytes, ...columns } = getTableColumns(businessProfiles);
  const [row] = await db
    .select({ ...columns, hasLogo: sql<boolean>`${businessProfiles.logo} is not null` })
    .from(businessProfiles)
    .where(eq(businessProfiles.userId, userId))
    .limit(1);
  return row;
}

/** The logo's bytes, for rendering a document. */
export async function getBusinessLogo(db: Database, userId: string): Promise<Uint8Array | null> {
  const [row] = await db
    .select({ logo: businessProfiles.logo })
    .from(businessProfiles)
    .where(eq(businessProfiles.userId, userId))
    .limit(1);
  return row?.logo ?? null;
}

export async function upsertBusinessProfile(db: Database, params: { userId: string; values: ProfileValues }) {
  await db
    .insert(businessProfiles)
    .values({ userId: params.userId, ...params.values })
    .onConflictDoUpdate({ target: businessProfiles.userId, set: params.values });
}

/** A new User's profile with their format preferences; every other field keeps its default. */
export async function insertBusinessProfileAtSignUp(
  db: Database,
  params: { userId: string; locale: string; timeZone: string },
) {
  await db.insert(businessProfiles).values(params).onConflictDoNothing();
}

export async function setBusinessLogo(
  db: Database,
  params: { userId: string; logo: Uint8Array | null; logoType: string | null },
) {
  const values = { logo: params.logo, logoType: params.logoType };
  await db
    .insert(businessProfiles)
    .values({ userId: params.userId, ...values })
    .onConflictDoUpdate({ target: businessProfiles.userId, set: values });
}

export async function getLastInvoiceSequence(db: Database, userId: string): Promise<number> {
  const [row] = await db
    .select({ seq: users.lastInvoiceSeq })
    .from(users)
    .where(eq(users.id, userId))
    .limit(1);
  return row?.seq ?? 0;
}

/**
 * Moves the invoice counter so the next invoice gets `next`; only forwards, so a number is never handed
 * out twice. Returns false when `next` is not past the last number used.
 */
export async function advanceInvoiceSequence(db: Database, params: { userId: string; next: number }) {
  const rows = await db
    .update(users)
    .set({ lastInvoiceSeq: params.next - 1 })
    .where(and(eq(users.id, params.userId), sql`${users.lastInvoiceSeq} <= ${params.next - 1}`))
    .returning({ seq: users.lastInvoiceSeq });
  return rows.length > 0;
}

export async function getCreditNote(db: Database, params: { userId: string; refundId: string }) {
  const [row] = await db
    .select()
    .from(creditNotes)
    .where(and(eq(creditNotes.refundId, params.refundId), eq(creditNotes.userId, params.userId)))
    .limit(1);
  return row;
}

/**
 * Locks the User's profile row (creating it with the defaults if need be) for the rest of the
 * transaction: numbering a credit note holds it, so two requests for one refund's note cannot both
 * find none and take two numbers.
 */
export async function lockBusinessProfile(db: Database, userId: string) {
  await db.insert(businessProfiles).values({ userId }).onConflictDoNothing();
  await db
    .select({ userId: businessProfiles.userId })
    .from(businessProfiles)
    .where(eq(businessProfiles.userId, userId))
    .for("update");
}

/** Takes the next credit-note number; call with the profile row locked (lockBusinessProfile). */
export async function takeNextCreditNoteSequence(db: Database, userId: string): Promise<number> {
  const [row] = await db
    .update(businessProfiles)
    .set({ lastCreditNoteSeq: sql`${businessProfiles.lastCreditNoteSeq} + 1` })
    .where(eq(businessProfiles.userId, userId))
    .returning({ seq: businessProfiles.lastCreditNoteSeq });
  if (!row) throw new Error("profile not found while numbering a credit note");
  return row.seq;
}

export async function insertCreditNote(
  db: Database,
  values: { refundId: string; userId: string; sequence: number; number: string },
) {
  const [row] = await db.insert(creditNotes).values(values).returning();
  if (!row) throw new Error("insert returned no row");
  return row;
}
