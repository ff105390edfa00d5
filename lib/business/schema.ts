import { z } from "zod";
import { supportedLocale, supportedTimeZone } from "@/lib/format/supported";
import { isSupportedCurrency } from "@/lib/money";
import { text } from "@/lib/validation/text";

const optionalText = (max: number, label: string) =>
  z
    .string()
    .trim()
    .max(max, `${label} can be at most ${max} characters.`)
    .transform((v) => (v === "" ? null : v))
    .nullable()
    .optional()
    .transform((v) => v ?? null);

export const businessProfileSchema = z.object({
  legalName: optionalText(200, "Legal name"),
  tradingName: optionalText(200, "Trading name"),
  address: optionalText(500, "Address"),
  taxId: optionalText(50, "Tax or VAT number"),
  contactEmail: z
    .string()
    .trim()
    .max(254, "That email address is too long.")
    .transform((v) => v.toLowerCase())
    .pipe(z.union([z.literal(""), z.email("Enter a valid email address, such as billing@example.com.")]))
    .transform((v) => (v === "" ? null : v))
    .nullable()
    .optional()
    .transform((v) => v ?? null),
  phone: optionalText(50, "Phone"),
  brandColour: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^#[0-9a-f]{6}$/, "Enter a colour as # and six hexadecimal digits, such as #0f766e."),
  // Letters, digits and a few separators: the prefix becomes part of file names and email subjects.
  invoicePrefix: z
    .string()
    .trim()
    .max(12, "Keep the prefix to 12 characters or fewer.")
    .regex(/^[A-Za-z0-9\-_/.]*$/, "Use letters, digits, and - _ / . only."),
  nextInvoiceNumber: z.coerce
    .number({ error: "Enter a whole number." })
    .int("Enter a whole number.")
    .min(1, "Numbers start at 1.")
    .max(99_999_999, "Enter at most 8 digits."),
  paymentTermsDays: z.coerce
    .number({ error: "Enter a number of days." })
    .int("Enter a whole number of days.")
    .min(0, "Enter 0 (due on receipt) or more days.")
    .max(365, "Enter at most 365 days."),
  defaultNotes: optionalText(2000, "Default notes"),
  footer: optionalText(300, "Footer"),
  defaultCurrency: z
    .string()
    .trim()
    .toLowerCase()
    .refine(isSupportedCurrency, "Choose a currency Stripe supports."),
  invoiceEmailSubject: text()
    .trim()
    .max(200, "Keep the subject under 200 characters.")
    .refine((v) => !/[\r\n\u2028\u2029]/.test(v), "Keep the subject on one line.")
    .optional()
    .transform((v) => (v ? v : null)),
  invoiceEmailMessage: text()
    .trim()
    .max(2000, "Keep the message under 2000 characters.")
    .optional()
    .transform((v) => (v ? v : null)),
  locale: z
    .string()
    .trim()
    .max(35)
    .refine((v) => supportedLocale(v) !== null, "Choose a language and region, such as en-GB or de-DE."),
  timeZone: z
    .string()
    .trim()
    .max(64)
    .refine((v) => supportedTimeZone(v) !== null, "Choose a time zone, such as Europe/London."),
});

export type BusinessProfileInput = z.input<typeof businessProfileSchema>;
export type BusinessProfileFields = z.output<typeof businessProfileSchema>;

// Base64 of at most 512 kB of bytes, plus padding.
export const logoUploadSchema = z.object({
  dataBase64: z
    .string()
    .min(1, "Choose an image file.")
    .max(Math.ceil((512 * 1024) / 3) * 4 + 4, "The logo must be at most 512 kB.")
    .regex(/^[A-Za-z0-9+/]*={0,2}$/, "That upload is not a file we can read."),
});
