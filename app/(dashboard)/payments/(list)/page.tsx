import type { Metadata } from "next";
import Link from "next/link";
import { z } from "zod";
import { PaymentStatusBadge } from "@/components/status/status-badge";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Pagination } from "@/components/ui/pagination";
import { Table, TBody, Td, THead, Th, Tr } from "@/components/ui/table";
import { getDb } from "@/db";
import { listPaymentsPage } from "@/db/queries/payments";
import { refundTotalsOfPayments } from "@/db/queries/refunds";
import { requireUser } from "@/lib/auth/session";
import { formatPreferencesFor } from "@/lib/business/preferences";
import { formatCard, formatDateTime, formatMoney } from "@/lib/format";
import { cursorsFromSearch, hrefWith, PAGE_SIZE } from "@/lib/pagination";
import { connectedStripeAccount } from "@/lib/stripe/connection";
import { PaymentExportLinks } from "../_components/export-links";
import { SyncWithStripe } from "../_components/sync-button";

export const metadata: Metadata = { title: "Payments" };

// Pages are cursors (a payment id): ?after=<id> shows the payments older than it, ?before= the newer ones,
// so a late page costs what the first does.

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function PaymentsPage({ searchParams }: Props) {
  const user = await requireUser();
  const params = await searchParams;
  const { after, before } = cursorsFromSearch(params, z.uuid());
  const db = getDb();
  const { rows, newerCursor, olderCursor } = await listPaymentsPage(db, {
    userId: user.id,
    limit: PAGE_SIZE,
    after,
    before,
  });
  const refunds = await refundTotalsOfPayments(db, { userId: user.id, paymentIds: rows.map((r) => r.id) });
  const format = await formatPreferencesFor(user.id);
  const connected = connectedStripeAccount(user) !== null;
  return (
    <div className="space-y-6">
      <PageHeader
        title="Payments"
        description="Card payments your customers made on your invoices."
        actions={<PaymentExportLinks />}
      />
      {connected && <SyncWithStripe />}
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
                <Th>Customer</Th>
                <Th>Status</Th>
                <Th>Card</Th>
                <Th numeric>Amount</Th>
                <Th numeric>Refunded</Th>
                <Th>
                  <span className="sr-only">Actions</span>
                </Th>
              </Tr>
            </THead>
            <TBody>
              {rows.map((p) => {
                const refunded = refunds.get(p.id)?.refundedMinor ?? 0;
                const refundable =
                  p.status === "succeeded" &&
                  refunded + (refunds.get(p.id)?.pendingMinor ?? 0) < p.amountMinor;
                return (
                  <Tr key={p.id}>
                    <Td className="whitespace-nowrap">
                      {formatDateTime(p.succeededAt ?? p.createdAt, format)}
                    </Td>
                    <Td label="Invoice">
                      <Link
                        href={`/invoices/${p.invoiceId}`}
                        className="font-medium text-indigo-700 hover:underline"
                      >
                        {p.invoiceNumber}
                      </Link>
                    </Td>
                    <Td label="Customer">{p.customerName}</Td>
                    <Td label="Status">
                      <PaymentStatusBadge
                        status={p.status}
                        raw={p.unknownStripeStatus}
                        refunded={{ amountMinor: p.amountMinor, refundedMinor: refunded }}
                      />
                    </Td>
                    <Td label="Card">{p.cardLast4 ? formatCard(p.cardBrand, p.cardLast4) : "—"}</Td>
                    <Td label="Amount" numeric>
                      {formatMoney(p.amountMinor, p.currency, format)}
                    </Td>
                    <Td label="Refunded" numeric>
                      {formatMoney(refunded, p.currency, format)}
                      {(refunds.get(p.id)?.pendingMinor ?? 0) > 0 && (
                        <span className="block text-xs text-slate-500">
                          + {formatMoney(refunds.get(p.id)?.pendingMinor ?? 0, p.currency, format)} pending
                        </span>
                      )}
                    </Td>
                    <Td>
                      <Link
                        href={`/payments/${p.id}`}
                        className="text-sm font-medium text-indigo-700 hover:underline"
                        aria-label={`${refundable ? "Refund or view" : "View"} payment for ${p.invoiceNumber}`}
                      >
                        {refundable ? "Refund" : "View"}
                      </Link>
                    </Td>
                  </Tr>
                );
              })}
            </TBody>
          </Table>
          <Pagination
            summary="Newest first"
            prevHref={newerCursor === null ? undefined : hrefWith("/payments", { before: newerCursor })}
            nextHref={olderCursor === null ? undefined : hrefWith("/payments", { after: olderCursor })}
          />
        </>
      )}
    </div>
  );
}
