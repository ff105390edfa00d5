import type { InvoiceItem } from "@/db/schema";
import { type SellerIdentity, sellerLines } from "@/lib/business/profile";
import { type FormatPreferences, formatDay, formatMoney } from "@/lib/format";
import { formatQuantity, formatTaxRate } from "@/lib/invoices/line-math";
import { amountDueMinor, invoiceRoundingMinor, lineAmountMinor } from "@/lib/invoices/totals";
import { RoundingRow } from "./rounding-row";
import { cn } from "./ui/cn";
import { stackedTable } from "./ui/table";

export type InvoiceDocumentProps = {
  number: string;
  currency: string;
  issueDate: string;
  dueDate: string;
  notes: string | null;
  subtotalMinor: number;
  taxMinor: number;
  totalMinor: number;
  paidMinor: number;
  items: Pick<
    InvoiceItem,
    "id" | "description" | "quantityMilli" | "unitAmountMinor" | "taxRateBps" | "subtotalMinor"
  >[];
  /** The seller as their business profile describes them (lib/business/profile.ts). */
  seller: SellerIdentity;
  customer: { name: string; email: string | null; address: string | null; taxId: string | null };
  /** The seller's format preferences: the invoice reads the same for the User and the Customer. */
  format: FormatPreferences;
};

// Line-item cells: spaced as a table row from sm up, as lines of a card below it.
const cell = cn("py-2", stackedTable.cell);
const gap = "pr-4 max-sm:pr-0";
const figure = cn("text-right tabular-nums", stackedTable.labelled);

/** The invoice as the Customer sees it; the dashboard shows the same document. */
export function InvoiceDocument(props: InvoiceDocumentProps) {
  const money = (minor: number) => formatMoney(minor, props.currency, props.format);
  const dueMinor = amountDueMinor(props);
  return (
    <article className="invoice-document space-y-6" aria-label={`Invoice ${props.number}`}>
      <div className="grid gap-6 sm:grid-cols-2">
        <div>
          <h2 className="text-xs font-semibold uppercase tracking-wide text-slate-500">From</h2>
          <p className="mt-1 font-medium">{props.seller.displayName}</p>
          {sellerLines(props.seller).map((line, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: address lines may repeat and have no id
            <p key={i} className="text-sm text-slate-600">
              {line}
            </p>
          ))}
        </div>
        <div>
          <h2 className="text-xs font-semibold uppercase tracking-wide text-slate-500">Billed to</h2>
          <p className="mt-1 font-medium">{props.customer.name}</p>
          {props.customer.email && <p className="text-sm text-slate-600">{props.customer.email}</p>}
          {props.customer.address && (
            <p className="whitespace-pre-line text-sm text-slate-600">{props.customer.address}</p>
          )}
          {props.customer.taxId && (
            <p className="text-sm text-slate-600">VAT / Tax ID: {props.customer.taxId}</p>
          )}
        </div>
      </div>
      <dl className="grid grid-cols-2 gap-4 text-sm sm:grid-cols-3">
        <div>
          <dt className="text-slate-500">Invoice number</dt>
          <dd className="font-medium">{props.number}</dd>
        </div>
        <div>
          <dt className="text-slate-500">Issued</dt>
          <dd className="font-medium">{formatDay(props.issueDate, props.format, "document")}</dd>
        </div>
        <div>
          <dt className="text-slate-500">Due</dt>
          <dd className="font-medium">{formatDay(props.dueDate, props.format, "document")}</dd>
        </div>
      </dl>
      {/* On a phone each line is a card (stackedTable): the description, then labelled figures. */}
      <div className="relative">
        <table className={cn("w-full text-sm", stackedTable.table)}>
          <thead className={stackedTable.head}>
            <tr className="border-b border-slate-200 text-left text-slate-500">
              <th scope="col" className="py-2 pr-4 font-medium">
                Description
              </th>
              <th scope="col" className="py-2 pr-4 text-right font-medium">
                Qty
              </th>
              <th scope="col" className="py-2 pr-4 text-right font-medium">
                Unit price
              </th>
              <th scope="col" className="py-2 pr-4 text-right font-medium">
                Tax
              </th>
              <th scope="col" className="py-2 text-right font-medium">
                Amount
              </th>
            </tr>
          </thead>
          <tbody className={stackedTable.body}>
            {props.items.map((item) => (
              <tr key={item.id} className={cn("border-b border-slate-100 align-top", stackedTable.row)}>
                <td className={cn(cell, gap, stackedTable.unlabelled, "[overflow-wrap:anywhere]")}>
                  {item.description}
                </td>
                <td data-label="Qty" className={cn(cell, gap, figure)}>
                  {formatQuantity(item.quantityMilli)}
                </td>
                <td data-label="Unit price" className={cn(cell, gap, figure, "whitespace-nowrap")}>
                  {money(item.unitAmountMinor)}
                </td>
                <td data-label="Tax" className={cn(cell, gap, figure)}>
                  {item.taxRateBps == null ? "—" : `${formatTaxRate(item.taxRateBps)}%`}
                </td>
                <td data-label="Amount" className={cn(cell, figure, "whitespace-nowrap max-sm:font-medium")}>
                  {money(lineAmountMinor(item))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <dl className="ml-auto w-full max-w-xs space-y-1 text-sm">
        <div className="flex justify-between">
          <dt className="text-slate-600">Subtotal</dt>
          <dd className="tabular-nums">{money(props.subtotalMinor)}</dd>
        </div>
        <div className="flex justify-between">
          <dt className="text-slate-600">Tax</dt>
          <dd className="tabular-nums">{money(props.taxMinor)}</dd>
        </div>
        <RoundingRow roundingMinor={invoiceRoundingMinor(props)} currency={props.currency} money={money} />
        <div className="flex justify-between border-t border-slate-200 pt-1 font-semibold">
          <dt>Total</dt>
          <dd className="tabular-nums" data-testid="document-total">
            {money(props.totalMinor)}
          </dd>
        </div>
        {props.paidMinor > 0 && (
          <>
            <div className="flex justify-between">
              <dt className="text-slate-600">Paid</dt>
              <dd className="tabular-nums">−{money(props.paidMinor)}</dd>
            </div>
            <div className="flex justify-between font-semibold">
              <dt>Amount due</dt>
              <dd className="tabular-nums">{money(dueMinor)}</dd>
            </div>
          </>
        )}
      </dl>
      {props.notes && (
        <div>
          <h2 className="text-xs font-semibold uppercase tracking-wide text-slate-500">Notes</h2>
          <p className="mt-1 whitespace-pre-line text-sm text-slate-700">{props.notes}</p>
        </div>
      )}
    </article>
  );
}
