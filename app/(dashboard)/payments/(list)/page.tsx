import type { Metadata } from "next";
import Link from "next/link";
import { PaymentStatusBadge } from "@/components/payment-status-badge";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Pagination } from "@/components/ui/pagination";
import { Table, TBody, Td, THead, Th, Tr } from "@/components/ui/table";
import { getDb } from "@/db";
import { listPayments } from "@/db/queries/payments";
import { requireUser } from "@/lib/auth/session";
import { formatMoney } from "@/lib/money";
import { hrefWith, pageCount, pageFromSearch } from "@/lib/pagination";

export const metadata: Metadata = { title: "Payments" };

const when = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function PaymentsPage({ searchParams }: Props) {
  const user = await requireUser();
  const { page, limit, offset } = pageFromSearch((await searchParams).page);
  const { rows, total } = await listPayments(getDb(), { userId: user.id, limit, offset });
  const pages = pageCount(total);
  return (
    <div className="space-y-6">
      <PageHeader title="Payments" description="Card payments your customers made on your invoices." />
      {rows.length === 0 ? (
        <EmptyState
          title="No payments yet"
          description="Payments appear here when customers pay your invoices."
        />
      ) : (
        <>
          <Table>
            <THead>
              <Tr>
                <Th>Date</Th>
                <Th>Invoice</Th>
                <Th>Status</Th>
                <Th>Card</Th>
                <Th numeric>Amount</Th>
              </Tr>
            </THead>
            <TBody>
              {rows.map((p) => (
                <Tr key={p.id}>
                  <Td className="whitespace-nowrap">{when.format(p.succeededAt ?? p.createdAt)} UTC</Td>
                  <Td>
                    <Link
                      href={`/invoices/${p.invoiceId}`}
                      className="font-medium text-indigo-700 hover:underline"
                    >
                      {p.invoiceNumber}
                    </Link>
                  </Td>
                  <Td>
                    <PaymentStatusBadge status={p.status} />
                  </Td>
                  <Td>{p.cardLast4 ? `${p.cardBrand ?? "card"} •••• ${p.cardLast4}` : "—"}</Td>
                  <Td numeric>{formatMoney(p.amountMinor, p.currency)}</Td>
                </Tr>
              ))}
            </TBody>
          </Table>
          <Pagination
            summary={`Page ${page} of ${pages}`}
            prevHref={page > 1 ? hrefWith("/payments", { page: String(page - 1) }) : undefined}
            nextHref={page < pages ? hrefWith("/payments", { page: String(page + 1) }) : undefined}
          />
        </>
      )}
    </div>
  );
}
