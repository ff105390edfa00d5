import "server-only";
import { randomBytes } from "node:crypto";

/** 192 random bits, URL-safe: unguessable, and short enough to paste. */
export function newPayToken(): string {
  return randomBytes(24).toString("base64url");
}

export const PAY_TOKEN_PATTERN = /^[A-Za-z0-9_-]{32}$/;
