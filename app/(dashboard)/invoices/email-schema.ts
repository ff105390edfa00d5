import { z } from "zod";
import { emailAddressSchema } from "@/lib/email/headers";
import { text } from "@/lib/validation/text";

// What a seller may write into an invoice email: shared by the send dialog, the "Send by email" form and
// their actions, so the browser and the server give the same limits and messages.

export const EMAIL_MESSAGE_MAX = 2000;
export const EMAIL_SUBJECT_MAX = 200;
/** Copies to the seller's own bookkeeping or a colleague, not a mailing list. */
export const EMAIL_CC_MAX = 5;

export const emailMessageSchema = text()
  .trim()
  .max(EMAIL_MESSAGE_MAX, `Keep the message under ${EMAIL_MESSAGE_MAX} characters.`)
  .optional()
  .transform((v) => (v ? v : null));

/** A subject line: one line, never empty once given (the built-in subject is used when absent). */
export const emailSubjectSchema = text()
  .trim()
  .min(1, "Enter a subject, or put back the one suggested.")
  .max(EMAIL_SUBJECT_MAX, `Keep the subject under ${EMAIL_SUBJECT_MAX} characters.`)
  .refine((v) => !/[\r\n\u2028\u2029]/.test(v), "Keep the subject on one line.");

/**
 * "Cc" as typed: addresses separated by commas, semicolons, spaces or new lines. Each must be one plain
 * address (no display names, no angle brackets); repeats are dropped; at most EMAIL_CC_MAX remain.
 */
export const emailCcSchema = text()
  .max(EMAIL_CC_MAX * 260, `Copy at most ${EMAIL_CC_MAX} addresses.`)
  .optional()
  .transform((value, ctx) => {
    const typed = (value ?? "").split(/[\s,;]+/).filter((part) => part !== "");
    const addresses: string[] = [];
    for (const part of typed) {
      const parsed = emailAddressSchema.safeParse(part);
      if (!parsed.success) {
        ctx.addIssue({
          code: "custom",
          message: `“${part.slice(0, 60)}” is not an email address. Separate addresses with commas.`,
        });
        return z.NEVER;
      }
      const address = parsed.data.toLowerCase();
      if (!addresses.includes(address)) addresses.push(address);
    }
    if (addresses.length > EMAIL_CC_MAX) {
      ctx.addIssue({ code: "custom", message: `Copy at most ${EMAIL_CC_MAX} addresses.` });
      return z.NEVER;
    }
    return addresses;
  });

export const invoiceEmailSchema = z.object({
  invoiceId: z.uuid("Unknown invoice."),
  message: emailMessageSchema,
  subject: emailSubjectSchema.optional(),
  cc: emailCcSchema,
});
