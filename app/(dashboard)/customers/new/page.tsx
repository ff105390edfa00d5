import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/page-header";
import { CustomerForm } from "../_components/customer-form";

export const metadata: Metadata = { title: "New customer" };

export default function NewCustomerPage() {
  return (
    <div className="space-y-6">
      <PageHeader title="New customer" description="Who you bill. You can edit these details later." />
      <CustomerForm />
    </div>
  );
}
