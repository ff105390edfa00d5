import { PaymentStatusBadge } from "@/components/payment-status-badge";
import { Table, TBody, Td, THead, Th, Tr } from "@/components/ui/table";
import type { Payment } from "@/db/schema";
import { formatMoney } from "@/lib/money";

const when = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

/** Payments on one invoice; attempts that never reached Stripe are left out. */
export function PaymentsSection({ payments }: { payments: Payment[] }) {
  const shown = payments.filter((p) => p.stripePaymentIntentId && p.status !== "requires_payment_method");
  if (shown.length === 0) return <p className="text-sm text-slate-600">No payments yet.</p>;
  return (
    <Table>
      <THead>
        <Tr>
          <Th>Date</Th>
          <Th>Status</Th>
          <Th>Card</Th>
          <Th numeric>Amount</Th>
        </Tr>
      </THead>
      <TBody>
        {shown.map((p) => (
          <Tr key={p.id}>
            <Td className="whitespace-nowrap">{when.format(p.succeededAt ?? p.updatedAt)} UTC</Td>
            <Td>
              <PaymentStatusBadge status={p.status} />
              {p.status === "failed" && p.failureMessage && (
                <span className="ml-2 text-xs text-slate-500">{p.failureMessage}</span>
              )}
            </Td>
            <Td>{p.cardLast4 ? `${p.cardBrand ?? "card"} •••• ${p.cardLast4}` : "—"}</Td>
            <Td numeric>{formatMoney(p.amountMinor, p.currency)}</Td>
          </Tr>
        ))}
      </TBody>
    </Table>
  );
}
