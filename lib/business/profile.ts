// The business profile as documents and pages use it: stored values with defaults filled in. Pure.
import type { BusinessProfileRow } from "@/db/queries/business-profiles";
import type { User } from "@/db/schema";

export type SellerIdentity = {
  /** The name customers know: the trading name, else the account's business name. */
  displayName: string;
  legalName: string | null;
  address: string | null;
  taxId: string | null;
  /** Never the sign-in email: only an address the User chose to publish. */
  contactEmail: string | null;
  phone: string | null;
  brandColour: string;
  footer: string | null;
  hasLogo: boolean;
};

export const PROFILE_DEFAULTS = {
  brandColour: "#0f172a",
  invoicePrefix: "INV-",
  paymentTermsDays: 14,
  defaultCurrency: "gbp",
  locale: "en-GB",
  timeZone: "UTC",
} as const;

export function sellerIdentity(
  user: Pick<User, "businessName">,
  profile: BusinessProfileRow | null | undefined,
): SellerIdentity {
  return {
    displayName: profile?.tradingName ?? user.businessName,
    legalName: profile?.legalName ?? null,
    address: profile?.address ?? null,
    taxId: profile?.taxId ?? null,
    contactEmail: profile?.contactEmail ?? null,
    phone: profile?.phone ?? null,
    brandColour: profile?.brandColour ?? PROFILE_DEFAULTS.brandColour,
    footer: profile?.footer ?? null,
    hasLogo: profile?.hasLogo ?? false,
  };
}

/** The lines under the seller's name on a document, in the order a reader looks for them. */
export function sellerLines(seller: SellerIdentity): string[] {
  const lines: string[] = [];
  if (seller.legalName && seller.legalName !== seller.displayName) lines.push(seller.legalName);
  if (seller.address) lines.push(...seller.address.split(/\r?\n/).filter((l) => l.trim() !== ""));
  if (seller.taxId) lines.push(`VAT / Tax ID: ${seller.taxId}`);
  if (seller.contactEmail) lines.push(seller.contactEmail);
  if (seller.phone) lines.push(seller.phone);
  return lines;
}

export function customerLines(customer: {
  email: string | null;
  address: string | null;
  taxId: string | null;
}): string[] {
  const lines: string[] = [];
  if (customer.address) lines.push(...customer.address.split(/\r?\n/).filter((l) => l.trim() !== ""));
  if (customer.taxId) lines.push(`VAT / Tax ID: ${customer.taxId}`);
  if (customer.email) lines.push(customer.email);
  return lines;
}
