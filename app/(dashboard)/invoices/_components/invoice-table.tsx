import Link from "next/link";
import { InvoiceStatusBadge } from "@/components/status/status-badge";
import { Table, TBody, Td, THead, Th, Tr } from "@/components/ui/table";
import type { InvoiceListRow } from "@/db/queries/invoices";
import { type FormatPreferences, formatDay, formatMoney } from "@/lib/format";
import { displayStatus } from "@/lib/invoices/status";
import { amountDueMinor } from "@/lib/invoices/totals";

export function InvoiceTable({
  rows,
  showCustomer = true,
  format,
  today,
}: {
  rows: InvoiceListRow[];
  showCustomer?: boolean;
  format: FormatPreferences;
  /** The calendar day in the User's time zone, which decides what is overdue. */
  today: string;
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
            {showCustomer && <Td label="Customer">{inv.customerName}</Td>}
            <Td label="Status">
              <InvoiceStatusBadge status={displayStatus(inv, today)} disputed={inv.disputed} />
            </Td>
            <Td label="Due" className="whitespace-nowrap text-slate-600">
              {formatDay(inv.dueDate, format)}
            </Td>
            <Td label="Total" numeric>
              {formatMoney(inv.totalMinor, inv.currency, format)}
            </Td>
            <Td label="Amount due" numeric>
              {inv.status === "void" || inv.status === "draft"
                ? "—"
                : formatMoney(amountDueMinor(inv), inv.currency, format)}
            </Td>
          </Tr>
        ))}
      </TBody>
    </Table>
  );
}
