import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { buttonClasses } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { getDb } from "@/db";
import { getCustomer } from "@/db/queries/customers";
import { listInvoices } from "@/db/queries/invoices";
import { requireUser } from "@/lib/auth/session";
import { formatPreferencesFor } from "@/lib/business/preferences";
import { customerIdSchema } from "@/lib/customers/schema";
import { isoDayIn } from "@/lib/format";
import { InvoiceTable } from "../../invoices/_components/invoice-table";
import { ReminderPauseToggle } from "../../settings/reminders/_components/reminder-pause-toggle";
import { CustomerForm } from "../_components/customer-form";
import { DeleteCustomerButton } from "../_components/delete-customer-button";

export const metadata: Metadata = { title: "Customer" };

type Props = { params: Promise<{ customerId: string }> };

export default async function CustomerPage({ params }: Props) {
  const user = await requireUser();
  const parsed = customerIdSchema.safeParse((await params).customerId);
  if (!parsed.success) notFound();
  const db = getDb();
  const customer = await getCustomer(db, { userId: user.id, customerId: parsed.data });
  if (!customer) notFound();
  const invoices = await listInvoices(db, { userId: user.id, customerId: customer.id, limit: 50, offset: 0 });
  const format = await formatPreferencesFor(user.id);

  return (
    <div className="space-y-8">
      <PageHeader
        title={customer.name}
        description={customer.email ?? "No email address"}
        actions={
          <Link href={`/invoices/new?customer=${customer.id}`} className={buttonClasses("primary", "md")}>
            New invoice
          </Link>
        }
      />
      <Card>
        <CardHeader>
          <CardTitle>Invoices</CardTitle>
        </CardHeader>
        <CardContent>
          {invoices.rows.length === 0 ? (
            <p className="text-sm text-slate-600">No invoices for this customer yet.</p>
          ) : (
            <InvoiceTable
              rows={invoices.rows}
              showCustomer={false}
              format={format}
              today={isoDayIn(new Date(), format.timeZone)}
            />
          )}
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>Details</CardTitle>
        </CardHeader>
        <CardContent>
          <CustomerForm
            customerId={customer.id}
            initial={{
              name: customer.name,
              email: customer.email ?? "",
              phone: customer.phone ?? "",
              address: customer.address ?? "",
              taxId: customer.taxId ?? "",
            }}
          />
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>Payment reminders</CardTitle>
        </CardHeader>
        <CardContent>
          <ReminderPauseToggle target="customer" id={customer.id} paused={customer.remindersPaused} />
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>Delete</CardTitle>
        </CardHeader>
        <CardContent>
          <DeleteCustomerButton customerId={customer.id} name={customer.name} />
        </CardContent>
      </Card>
    </div>
  );
}
