import Link from "next/link";
import { PaymentStatusBadge, RefundStatusBadge } from "@/components/status/status-badge";
import { Table, TBody, Td, THead, Th, Tr } from "@/components/ui/table";
import type { RecentRefundRow } from "@/db/queries/overview";
import type { PaymentListRow } from "@/db/queries/payments";
import { type FormatPreferences, formatDateTime, formatMoney } from "@/lib/format";

const link = "font-medium text-indigo-700 hover:underline";

export function RecentPayments({
  rows,
  format,
}: {
  rows: readonly (PaymentListRow & { refundedMinor: number })[];
  format: FormatPreferences;
}) {
  if (rows.length === 0) return <p className="text-sm text-slate-600">No payments yet.</p>;
  return (
    <Table caption="Recent payments">
      <THead>
        <Tr>
          <Th>Date</Th>
          <Th>Customer</Th>
          <Th>Invoice</Th>
          <Th>Status</Th>
          <Th numeric>Amount</Th>
        </Tr>
      </THead>
      <TBody>
        {rows.map((p) => (
          <Tr key={p.id} data-testid="recent-payment">
            <Td className="whitespace-nowrap">
              <Link href={`/payments/${p.id}`} className={link}>
                {formatDateTime(p.succeededAt ?? p.createdAt, format)}
              </Link>
            </Td>
            <Td>{p.customerName}</Td>
            <Td>
              <Link href={`/invoices/${p.invoiceId}`} className={link}>
                {p.invoiceNumber}
              </Link>
            </Td>
            <Td>
              <PaymentStatusBadge
                status={p.status}
                raw={p.unknownStripeStatus}
                refunded={{ amountMinor: p.amountMinor, refundedMinor: p.refundedMinor }}
              />
            </Td>
            <Td numeric>{formatMoney(p.amountMinor, p.currency, format)}</Td>
          </Tr>
        ))}
      </TBody>
    </Table>
  );
}

export function RecentRefunds({
  rows,
  format,
}: {
  rows: readonly RecentRefundRow[];
  format: FormatPreferences;
}) {
  if (rows.length === 0) return <p className="text-sm text-slate-600">No refunds.</p>;
  return (
    <Table caption="Recent refunds">
      <THead>
        <Tr>
          <Th>Date</Th>
          <Th>Customer</Th>
          <Th>Invoice</Th>
          <Th>Status</Th>
          <Th numeric>Amount</Th>
        </Tr>
      </THead>
      <TBody>
        {rows.map((r) => (
          <Tr key={r.id} data-testid="recent-refund">
            <Td className="whitespace-nowrap">
              <Link href={`/payments/${r.paymentId}`} className={link}>
                {formatDateTime(r.createdAt, format)}
              </Link>
            </Td>
            <Td>{r.customerName}</Td>
            <Td>
              <Link href={`/invoices/${r.invoiceId}`} className={link}>
                {r.invoiceNumber}
              </Link>
            </Td>
            <Td>
              <RefundStatusBadge status={r.status} />
            </Td>
            <Td numeric>{formatMoney(r.amountMinor, r.currency, format)}</Td>
          </Tr>
        ))}
      </TBody>
    </Table>
  );
}
