import Link from "next/link";
import { StatusBadge } from "@/components/ui/status-badge";
import { Table, TBody, Td, THead, Th, Tr } from "@/components/ui/table";
import type { InvoiceListRow } from "@/db/queries/invoices";
import { displayStatus } from "@/lib/invoices/status";
import { amountDueMinor } from "@/lib/invoices/totals";
import { formatMoney } from "@/lib/money";

export function InvoiceTable({
  rows,
  showCustomer = true,
}: {
  rows: InvoiceListRow[];
  showCustomer?: boolean;
}) {
  return (
    <Table>
      <THead>
        <Tr>
          <Th>Number</Th>
          {showCustomer && <Th>Customer</Th>}
          <Th>Status</Th>
          <Th>Due</Th>
          <Th className="text-right">Total</Th>
          <Th className="text-right">Amount due</Th>
        </Tr>
      </THead>
      <TBody>
        {rows.map((inv) => (
          <Tr key={inv.id}>
            <Td>
              <Link href={`/invoices/${inv.id}`} className="font-medium text-indigo-700 hover:underline">
                {inv.number}
              </Link>
            </Td>
            {showCustomer && <Td>{inv.customerName}</Td>}
            <Td>
              <StatusBadge status={displayStatus(inv)} disputed={inv.disputed} />
            </Td>
            <Td className="whitespace-nowrap text-slate-600">{inv.dueDate}</Td>
            <Td className="text-right tabular-nums whitespace-nowrap">
              {formatMoney(inv.totalMinor, inv.currency)}
            </Td>
            <Td className="text-right tabular-nums whitespace-nowrap">
              {inv.status === "void" || inv.status === "draft"
                ? "—"
                : formatMoney(amountDueMinor(inv), inv.currency)}
            </Td>
          </Tr>
        ))}
      </TBody>
    </Table>
  );
}
