import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/page-header";
import { getDb } from "@/db";
import { getBusinessProfile, getLastInvoiceSequence } from "@/db/queries/business-profiles";
import { requireUser } from "@/lib/auth/session";
import { DEFAULT_INVOICE_EMAIL_SUBJECT } from "@/lib/business/email-defaults";
import { PROFILE_DEFAULTS } from "@/lib/business/profile";
import { BusinessProfileForm } from "./_components/business-profile-form";
import { LogoForm } from "./_components/logo-form";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Business profile" };

export default async function BusinessSettingsPage() {
  const user = await requireUser();
  const db = getDb();
  const [profile, lastSeq] = await Promise.all([
    getBusinessProfile(db, user.id),
    getLastInvoiceSequence(db, user.id),
  ]);
  return (
    <div className="space-y-8">
      <PageHeader
        title="Business profile"
        description="What your invoices, receipts and credit notes say about your business."
      />
      <LogoForm hasLogo={profile?.hasLogo ?? false} />
      <BusinessProfileForm
        initial={{
          legalName: profile?.legalName ?? "",
          tradingName: profile?.tradingName ?? user.businessName,
          address: profile?.address ?? "",
          taxId: profile?.taxId ?? "",
          contactEmail: profile?.contactEmail ?? "",
          phone: profile?.phone ?? "",
          brandColour: profile?.brandColour ?? PROFILE_DEFAULTS.brandColour,
          invoicePrefix: profile?.invoicePrefix ?? PROFILE_DEFAULTS.invoicePrefix,
          nextInvoiceNumber: String(lastSeq + 1),
          paymentTermsDays: String(profile?.paymentTermsDays ?? PROFILE_DEFAULTS.paymentTermsDays),
          defaultNotes: profile?.defaultNotes ?? "",
          footer: profile?.footer ?? "",
          invoiceEmailSubject: profile?.invoiceEmailSubject ?? DEFAULT_INVOICE_EMAIL_SUBJECT,
          invoiceEmailMessage: profile?.invoiceEmailMessage ?? "",
          defaultCurrency: (profile?.defaultCurrency ?? PROFILE_DEFAULTS.defaultCurrency).toUpperCase(),
          locale: profile?.locale ?? PROFILE_DEFAULTS.locale,
          timeZone: profile?.timeZone ?? PROFILE_DEFAULTS.timeZone,
        }}
      />
    </div>
  );
}
