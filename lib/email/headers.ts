import { z } from "zod";

// Header injection defence, applied when an email is enqueued and again when it is sent: names and
// subjects lose every control character (CR and LF above all) and addresses must be plain addresses.
// Nodemailer then encodes what is left; a Customer's message never goes into a header at all.

// C0 and C1 controls, DEL, and the Unicode line and paragraph separators.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const HEADER_UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g;

const MAX_HEADER_TEXT = 200;

/** One line of header text (a display name or a subject) with no way to start another header. */
export function headerText(value: string, max = MAX_HEADER_TEXT): string {
  return value.replace(HEADER_UNSAFE, " ").replace(/\s+/g, " ").trim().slice(0, max).trim();
}

export const emailAddressSchema = z
  .string()
  .trim()
  .max(254)
  .pipe(z.email())
  // z.email() already refuses these; kept explicit because this check is what protects the headers.
  .refine((v) => !/[\r\n<>,;"]/.test(v), "not a plain address");

/** The address, trimmed, if it is a single valid address; null otherwise. */
export function plainAddress(value: string | null | undefined): string | null {
  if (!value) return null;
  const parsed = emailAddressSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}

// Free text from a User (the optional message of an invoice email): bodies may keep line breaks, but
// no other control characters, and CRLF is normalised.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const BODY_UNSAFE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g;

export function bodyText(value: string): string {
  return value.replace(/\r\n?/g, "\n").replace(BODY_UNSAFE, "").trim();
}
