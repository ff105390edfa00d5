import type { Metadata } from "next";
import Link from "next/link";
import { ConnectStripePrompt } from "@/components/connect-stripe-prompt";
import { buttonClasses } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { getDb } from "@/db";
import { getBusinessProfile } from "@/db/queries/business-profiles";
import { listCustomerOptions } from "@/db/queries/customers";
import { requireUser } from "@/lib/auth/session";
import { formatPreferencesOf, isoDayIn } from "@/lib/format";
import { SUPPORTED_CURRENCIES } from "@/lib/money";
import { blankInvoice } from "../_components/form-defaults";
import { InvoiceForm } from "../_components/invoice-form";

export const metadata: Metadata = { title: "New invoice" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function NewInvoicePage({ searchParams }: Props) {
  const user = await requireUser();
  const [customers, profile] = await Promise.all([
    listCustomerOptions(getDb(), user.id),
    getBusinessProfile(getDb(), user.id),
  ]);
  const requested = (await searchParams).customer;
  const customerId = customers.find((c) => c.id === requested)?.id;

  return (
    <div className="space-y-6">
      <PageHeader title="New invoice" description="Saved as a draft. Send it when it is ready." />
      <ConnectStripePrompt user={user} />
      {customers.length === 0 ? (
        <EmptyState
          title="Add a customer first"
          description="Every invoice is addressed to one of your customers."
          action={
            <Link href="/customers/new" className={buttonClasses("primary", "md")}>
              Add a customer
            </Link>
          }
        />
      ) : (
        <InvoiceForm
          customers={customers}
          currencies={SUPPORTED_CURRENCIES}
          format={formatPreferencesOf(profile)}
          initial={blankInvoice({
            customerId,
            // The profile's default currency once the User saved one, else their Stripe account's.
            currency: profile?.defaultCurrency ?? user.stripeDefaultCurrency ?? "gbp",
            paymentTermsDays: profile?.paymentTermsDays,
            notes: profile?.defaultNotes,
            today: isoDayIn(new Date(), formatPreferencesOf(profile).timeZone),
          })}
        />
      )}
    </div>
  );
}
