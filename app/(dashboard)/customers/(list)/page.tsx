import type { Metadata } from "next";
import Link from "next/link";
import { buttonClasses } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { Input } from "@/components/ui/input";
import { PageHeader } from "@/components/ui/page-header";
import { Pagination } from "@/components/ui/pagination";
import { Table, TBody, Td, THead, Th, Tr } from "@/components/ui/table";
import { getDb } from "@/db";
import { listCustomers } from "@/db/queries/customers";
import { requireUser } from "@/lib/auth/session";
import { hrefWith, pageCount, pageFromSearch } from "@/lib/pagination";

export const metadata: Metadata = { title: "Customers" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function CustomersPage({ searchParams }: Props) {
  const user = await requireUser();
  const params = await searchParams;
  const q = typeof params.q === "string" ? params.q.slice(0, 100) : "";
  const { page, limit, offset } = pageFromSearch(params.page);
  const { rows, total } = await listCustomers(getDb(), { userId: user.id, search: q, limit, offset });
  const pages = pageCount(total);

  return (
    <div className="space-y-6">
      <PageHeader
        title="Customers"
        description="The people and companies you invoice."
        actions={
          <Link href="/customers/new" className={buttonClasses("primary", "md")}>
            New customer
          </Link>
        }
      />
      <search className="block max-w-md">
        <form className="flex gap-2" action="/customers">
          <label htmlFor="q" className="sr-only">
            Search customers
          </label>
          <Input id="q" name="q" type="search" defaultValue={q} placeholder="Search by name or email" />
          <button type="submit" className={buttonClasses("outline", "md")}>
            Search
          </button>
        </form>
      </search>
      {rows.length === 0 ? (
        q ? (
          <EmptyState
            title="No matching customers"
            description={`Nobody matches “${q}”. Try another name or email.`}
          />
        ) : (
          <EmptyState
            title="No customers yet"
            description="Add a customer to start invoicing."
            action={
              <Link href="/customers/new" className={buttonClasses("primary", "md")}>
                Add your first customer
              </Link>
            }
          />
        )
      ) : (
        <>
          <Table>
            <THead>
              <Tr>
                <Th>Name</Th>
                <Th>Email</Th>
                <Th className="text-right">Invoices</Th>
              </Tr>
            </THead>
            <TBody>
              {rows.map((c) => (
                <Tr key={c.id}>
                  <Td>
                    <Link href={`/customers/${c.id}`} className="font-medium text-indigo-700 hover:underline">
                      {c.name}
                    </Link>
                  </Td>
                  <Td label="Email" className="break-words text-slate-600">
                    {c.email ?? "—"}
                  </Td>
                  <Td label="Invoices" numeric>
                    {c.invoiceCount}
                  </Td>
                </Tr>
              ))}
            </TBody>
          </Table>
          <Pagination
            summary={`Page ${page} of ${pages}`}
            prevHref={page > 1 ? hrefWith("/customers", { q, page: String(page - 1) }) : undefined}
            nextHref={page < pages ? hrefWith("/customers", { q, page: String(page + 1) }) : undefined}
          />
        </>
      )}
    </div>
  );
}
