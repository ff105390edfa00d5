import Link from "next/link";
import type { ReactNode } from "react";
import { PaymentStatusBadge, RefundStatusBadge } from "@/components/status/status-badge";
import { Table, TBody, Td, THead, Th, Tr } from "@/components/ui/table";
import type { RecentRefundRow } from "@/db/queries/overview";
import type { PaymentListRow } from "@/db/queries/payments";
import { type FormatPreferences, formatDateTime, formatMoney } from "@/lib/format";

const link = "font-medium text-indigo-700 hover:underline";

/** One line of money on the overview: a payment or a refund, both opening on their payment's page. */
type MoneyRow = {
  id: string;
  at: Date;
  paymentId: string;
  customerName: string;
  invoiceId: string;
  invoiceNumber: string;
  status: ReactNode;
  amountMinor: number;
  currency: string;
};

function RecentMoneyTable(props: {
  caption: string;
  testId: string;
  rows: readonly MoneyRow[];
  format: FormatPreferences;
}) {
  return (
    <Table caption={props.caption}>
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
        {props.rows.map((row) => (
          <Tr key={row.id} data-testid={props.testId}>
            <Td className="whitespace-nowrap">
              <Link href={`/payments/${row.paymentId}`} className={link}>
                {formatDateTime(row.at, props.format)}
              </Link>
            </Td>
            <Td>{row.customerName}</Td>
            <Td>
              <Link href={`/invoices/${row.invoiceId}`} className={link}>
                {row.invoiceNumber}
              </Link>
            </Td>
            <Td>{row.status}</Td>
            <Td numeric>{formatMoney(row.amountMinor, row.currency, props.format)}</Td>
          </Tr>
        ))}
      </TBody>
    </Table>
  );
}

export function RecentPayments({
  rows,
  format,
}: {
  rows: readonly (PaymentListRow & { refundedMinor: number })[];
  format: FormatPreferences;
}) {
  if (rows.length === 0) return <p className="text-sm text-slate-600">No payments yet.</p>;
  return (
    <RecentMoneyTable
      caption="Recent payments"
      testId="recent-payment"
      format={format}
      rows={rows.map((p) => ({
        ...p,
        at: p.succeededAt ?? p.createdAt,
        paymentId: p.id,
        status: (
          <PaymentStatusBadge
            status={p.status}
            raw={p.unknownStripeStatus}
            refunded={{ amountMinor: p.amountMinor, refundedMinor: p.refundedMinor }}
          />
        ),
      }))}
    />
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
    <RecentMoneyTable
      caption="Recent refunds"
      testId="recent-refund"
      format={format}
      rows={rows.map((r) => ({ ...r, at: r.createdAt, status: <RefundStatusBadge status={r.status} /> }))}
    />
  );
}
