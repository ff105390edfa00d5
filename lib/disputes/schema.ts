import { z } from "zod";

/** Stripe's limit on all evidence text together (docs "Respond to disputes"). */
export const EVIDENCE_TEXT_LIMIT = 150_000;
/** Our limit per field: generous, and four of them stay under Stripe's total. */
export const EVIDENCE_FIELD_LIMIT = 20_000;

const text = (label: string) =>
  z
    .string()
    .max(EVIDENCE_FIELD_LIMIT, `Keep ${label} under ${EVIDENCE_FIELD_LIMIT.toLocaleString("en")} characters.`)
    .optional()
    .transform((v) => {
      const trimmed = v?.trim();
      return trimmed ? trimmed : null;
    });

/**
 * The dispute evidence form: text evidence Stripe passes to the card issuer. `submit` sends it for
 * review now (Stripe allows one submission); otherwise it is saved on Stripe as a draft.
 */
export const disputeEvidenceSchema = z
  .object({
    disputeId: z.uuid("Unknown dispute."),
    productDescription: text("the description"),
    customerName: z
      .string()
      .trim()
      .max(200, "Keep the name under 200 characters.")
      .optional()
      .transform((v) => (v ? v : null)),
    customerEmailAddress: z
      .string()
      .trim()
      .max(320, "Keep the email address under 320 characters.")
      .optional()
      .transform((v) => (v ? v : null)),
    serviceDate: z
      .string()
      .trim()
      .max(100, "Keep the date short, e.g. 3 March 2026.")
      .optional()
      .transform((v) => (v ? v : null)),
    explanation: text("the explanation"),
    submit: z.preprocess((v) => v === true || v === "true" || v === "on", z.boolean()),
  })
  .refine((v) => v.explanation, {
    message: "Write at least an explanation of why the charge is valid.",
    path: ["explanation"],
  });

export type DisputeEvidenceInput = z.output<typeof disputeEvidenceSchema>;

/**
 * Our fields under Stripe's evidence names: only its text fields (customer_communication, receipt and
 * the like take uploaded files, which the form does not offer).
 */
export function stripeEvidenceOf(input: DisputeEvidenceInput): Record<string, string> {
  const evidence: Record<string, string> = {};
  if (input.productDescription) evidence.product_description = input.productDescription;
  if (input.customerName) evidence.customer_name = input.customerName;
  if (input.customerEmailAddress) evidence.customer_email_address = input.customerEmailAddress;
  if (input.serviceDate) evidence.service_date = input.serviceDate;
  if (input.explanation) evidence.uncategorized_text = input.explanation;
  return evidence;
}
