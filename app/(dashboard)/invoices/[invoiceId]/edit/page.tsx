import type { Metadata } from "next";
import { notFound, redirect } from "next/navigation";
import { PageHeader } from "@/components/ui/page-header";
import { getDb } from "@/db";
import { listCustomerOptions } from "@/db/queries/customers";
import { getInvoice } from "@/db/queries/invoices";
import { requireUser } from "@/lib/auth/session";
import { formatPreferencesFor } from "@/lib/business/preferences";
import { canPerform } from "@/lib/invoices/status";
import { SUPPORTED_CURRENCIES } from "@/lib/money";
import { uuidParam } from "@/lib/pagination";
import { invoiceToForm } from "../../_components/form-defaults";
import { InvoiceForm } from "../../_components/invoice-form";

export const metadata: Metadata = { title: "Edit invoice" };

type Props = { params: Promise<{ invoiceId: string }> };

export default async function EditInvoicePage({ params }: Props) {
  const user = await requireUser();
  const invoiceId = uuidParam((await params).invoiceId);
  if (!invoiceId) notFound();
  const db = getDb();
  const invoice = await getInvoice(db, { userId: user.id, invoiceId });
  if (!invoice) notFound();
  if (!canPerform(invoice.status, "edit", { paidMinor: invoice.paidMinor }))
    redirect(`/invoices/${invoice.id}`);
  const customers = await listCustomerOptions(db, user.id);

  return (
    <div className="space-y-6">
      <PageHeader
        title={`Edit ${invoice.number}`}
        description={
          invoice.status === "open"
            ? "This invoice has been sent; the pay link will show your changes."
            : undefined
        }
      />
      <InvoiceForm
        invoiceId={invoice.id}
        customers={customers}
        currencies={SUPPORTED_CURRENCIES}
        format={await formatPreferencesFor(user.id)}
        initial={invoiceToForm(invoice)}
      />
    </div>
  );
}
