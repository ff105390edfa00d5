import "server-only";
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes, randomInt } from "node:crypto";
import { generateSecret, generateURI, verify } from "otplib";
import QRCode from "qrcode";
import { getEnv } from "@/lib/env";

// Two-factor sign-in by TOTP (RFC 6238: SHA-1, 6 digits, 30-second steps, what every authenticator app
// reads). The secret is stored encrypted with a key derived from AUTH_SECRET, so a copy of the database
// alone does not yield working codes.

const ISSUER = "SixthDesk";
// One step either side: a phone clock a little off still works, and a code lives at most ~90 s.
const TOLERANCE_S = 30;

export function newTotpSecret(): string {
  return generateSecret();
}

export async function enrolmentQr(secret: string, email: string): Promise<{ uri: string; dataUrl: string }> {
  const uri = generateURI({ issuer: ISSUER, label: email, secret });
  return { uri, dataUrl: await QRCode.toDataURL(uri, { margin: 1, width: 220 }) };
}

export type TotpCheck = { ok: true; step: number } | { ok: false };

/** Checks a 6-digit code; a step at or before `afterStep` (already used) is refused: no replay. */
export async function checkTotp(params: {
  secret: string;
  code: string;
  afterStep: number | null;
  now?: Date;
}): Promise<TotpCheck> {
  if (!/^\d{6}$/.test(params.code)) return { ok: false };
  const result = await verify({
    secret: params.secret,
    token: params.code,
    epoch: Math.floor((params.now ?? new Date()).getTime() / 1000),
    epochTolerance: TOLERANCE_S,
    ...(params.afterStep === null ? {} : { afterTimeStep: params.afterStep }),
  });
  return result.valid && "timeStep" in result ? { ok: true, step: result.timeStep } : { ok: false };
}

function key(): Buffer {
  return Buffer.from(hkdfSync("sha256", getEnv().AUTH_SECRET, "sixthdesk", "totp-secret", 32));
}

/** "v1.<iv>.<tag>.<ciphertext>", base64url, AES-256-GCM. */
export function sealSecret(secret: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key(), iv);
  const body = Buffer.concat([cipher.update(secret, "utf8"), cipher.final()]);
  return ["v1", iv, cipher.getAuthTag(), body]
    .map((p) => (typeof p === "string" ? p : p.toString("base64url")))
    .join(".");
}

export function openSecret(sealed: string): string {
  const [version, iv, tag, body] = sealed.split(".");
  if (version !== "v1" || !iv || !tag || !body) throw new Error("unreadable two-factor secret");
  const decipher = createDecipheriv("aes-256-gcm", key(), Buffer.from(iv, "base64url"));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  return Buffer.concat([decipher.update(Buffer.from(body, "base64url")), decipher.final()]).toString("utf8");
}

const RECOVERY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";

/** Ten codes such as "k7m2q-x9rtp": ~49 bits each, shown once, stored hashed. */
export function newRecoveryCodes(count = 10): string[] {
  return Array.from({ length: count }, () => {
    const chars = Array.from(
      { length: 10 },
      () => RECOVERY_ALPHABET[randomInt(RECOVERY_ALPHABET.length)],
    ).join("");
    return `${chars.slice(0, 5)}-${chars.slice(5)}`;
  });
}

/** Codes are compared in one spelling: lowercase, one hyphen in the middle, spaces ignored. */
export function normaliseRecoveryCode(input: string): string | null {
  const compact = input.toLowerCase().replace(/[\s-]/g, "");
  if (!/^[a-z0-9]{10}$/.test(compact)) return null;
  return `${compact.slice(0, 5)}-${compact.slice(5)}`;
}
