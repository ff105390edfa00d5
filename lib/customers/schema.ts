import { z } from "zod";
import { text } from "@/lib/validation/text";

const optionalText = (max: number, label: string) =>
  text()
    .trim()
    .max(max, `${label} can be at most ${max} characters.`)
    .transform((v) => (v === "" ? null : v))
    .nullable()
    .optional()
    .transform((v) => v ?? null);

export const customerFieldsSchema = z.object({
  name: text().trim().min(1, "Enter the customer's name.").max(200, "Use at most 200 characters."),
  email: text()
    .trim()
    .max(254, "That email address is too long.")
    .transform((v) => v.toLowerCase())
    .pipe(z.union([z.literal(""), z.email("Enter a valid email address, such as billing@example.com.")]))
    .transform((v) => (v === "" ? null : v))
    .nullable()
    .optional()
    .transform((v) => v ?? null),
  phone: optionalText(50, "Phone"),
  address: optionalText(500, "Address"),
  taxId: optionalText(50, "Tax ID"),
});

export type CustomerFieldsInput = z.input<typeof customerFieldsSchema>;

export const customerIdSchema = z.uuid("Unknown customer.");
