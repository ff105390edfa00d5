import Link from "next/link";
import { DisputedBadge, PaymentStatusBadge } from "@/components/status/status-badge";
import { Table, TBody, Td, THead, Th, Tr } from "@/components/ui/table";
import type { Dispute, Payment, Refund } from "@/db/schema";
import { type FormatPreferences, formatCard, formatDateTime, formatMoney } from "@/lib/format";
import { sellerFailureText } from "@/lib/payments/seller-messages";
import { refundFigures } from "@/lib/refunds/figures";
import { RefundTable } from "../../payments/_components/refund-table";
import { InvoiceDispute } from "./invoice-dispute";

type Props = { payments: Payment[]; refunds?: Refund[]; disputes?: Dispute[]; format: FormatPreferences };

/** Payments on one invoice with their refunds and disputes; attempts that never reached Stripe are left out. */
export function PaymentsSection({ payments, refunds = [], disputes = [], format }: Props) {
  const shown = payments.filter((p) => p.stripePaymentIntentId && p.status !== "requires_payment_method");
  if (shown.length === 0) return <p className="text-sm text-slate-600">No payments yet.</p>;
  return (
    <div className="space-y-6">
      <Table>
        <THead>
          <Tr>
            <Th>Date</Th>
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
          {shown.map((p) => {
            const figures = refundFigures(
              p,
              refunds.filter((r) => r.paymentId === p.id),
            );
            const disputed = disputes.some((d) => d.paymentId === p.id);
            return (
              <Tr key={p.id} data-testid="payment-row">
                <Td className="whitespace-nowrap">{formatDateTime(p.succeededAt ?? p.updatedAt, format)}</Td>
                <Td label="Status">
                  <span className="flex flex-wrap items-center gap-1 max-sm:justify-end">
                    <PaymentStatusBadge
                      status={p.status}
                      raw={p.unknownStripeStatus}
                      refunded={{ amountMinor: p.amountMinor, refundedMinor: figures.refundedMinor }}
                    />
                    {disputed && <DisputedBadge />}
                    {p.status === "failed" && (
                      <span className="ml-1 text-xs text-slate-600" data-testid="payment-failure">
                        {sellerFailureText(p.failureCode)}
                      </span>
                    )}
                  </span>
                </Td>
                <Td label="Card">{p.cardLast4 ? formatCard(p.cardBrand, p.cardLast4) : "—"}</Td>
                <Td label="Amount" numeric>
                  {formatMoney(p.amountMinor, p.currency, format)}
                </Td>
                <Td label="Refunded" numeric>
                  {formatMoney(figures.refundedMinor, p.currency, format)}
                  {figures.pendingMinor > 0 && (
                    <span className="block text-xs text-slate-500">
                      + {formatMoney(figures.pendingMinor, p.currency, format)} pending
                    </span>
                  )}
                </Td>
                <Td>
                  {p.status === "succeeded" && (
                    <Link
                      href={`/payments/${p.id}`}
                      className="text-sm font-medium text-indigo-700 hover:underline"
                    >
                      {figures.refundableMinor > 0 ? "Refund" : "Details"}
                    </Link>
                  )}
                </Td>
              </Tr>
            );
          })}
        </TBody>
      </Table>
      {disputes.map((dispute) => (
        <InvoiceDispute key={dispute.id} dispute={dispute} format={format} />
      ))}
      {refunds.length > 0 && (
        // Not a section of its own: the table's box is already the region named "Refunds".
        <div className="space-y-2">
          <h3 className="text-sm font-semibold text-slate-900">Refunds</h3>
          <RefundTable refunds={[...refunds].reverse()} format={format} />
        </div>
      )}
    </div>
  );
}
