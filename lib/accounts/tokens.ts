import "server-only";
import { createHash, randomBytes } from "node:crypto";
import type { Database } from "@/db";
import { findLiveAccountToken, replaceAccountToken, takeAccountToken } from "@/db/queries/account-tokens";
import type { AccountToken } from "@/db/schema";

// Emailed single-use links. 256 random bits, URL-safe; only their SHA-256 is stored (a fast hash is
// enough for a random value of that size, and lets the lookup use the unique index).

export const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

export async function issueAccountToken(
  tx: Database,
  params: {
    userId: string;
    purpose: AccountToken["purpose"];
    email: string | null;
    ttlMs: number;
    now: Date;
  },
): Promise<string> {
  const token = randomBytes(32).toString("base64url");
  await replaceAccountToken(tx, {
    userId: params.userId,
    purpose: params.purpose,
    tokenHash: hashToken(token),
    email: params.email,
    expiresAt: new Date(params.now.getTime() + params.ttlMs),
  });
  return token;
}

export async function redeemAccountToken(
  db: Database,
  params: { token: string; purpose: AccountToken["purpose"]; now: Date },
): Promise<AccountToken | undefined> {
  if (!TOKEN_PATTERN.test(params.token)) return undefined;
  return takeAccountToken(db, {
    tokenHash: hashToken(params.token),
    purpose: params.purpose,
    now: params.now,
  });
}

export async function peekAccountToken(
  db: Database,
  params: { token: string; purpose: AccountToken["purpose"]; now: Date },
): Promise<AccountToken | undefined> {
  if (!TOKEN_PATTERN.test(params.token)) return undefined;
  return findLiveAccountToken(db, {
    tokenHash: hashToken(params.token),
    purpose: params.purpose,
    now: params.now,
  });
}
