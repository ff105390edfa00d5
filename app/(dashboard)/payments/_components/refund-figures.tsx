import { type FormatPreferences, formatMoney } from "@/lib/format";
import type { RefundFigures } from "@/lib/refunds/figures";

/** Paid, already refunded, pending and still refundable for one payment. */
export function RefundFiguresList({
  figures,
  currency,
  format,
}: {
  figures: RefundFigures;
  currency: string;
  format: FormatPreferences;
}) {
  const rows = [
    ["Paid", figures.paidMinor, "figure-paid"],
    ["Refunded", figures.refundedMinor, "figure-refunded"],
    ["Pending refunds", figures.pendingMinor, "figure-pending"],
    ["Refundable", figures.refundableMinor, "figure-refundable"],
  ] as const;
  return (
    <dl className="grid grid-cols-2 gap-3 text-sm sm:grid-cols-4">
      {rows.map(([label, minor, testId]) => (
        <div key={label} className="rounded-lg bg-slate-50 px-3 py-2">
          <dt className="text-slate-600">{label}</dt>
          <dd className="font-semibold tabular-nums" data-testid={testId}>
            {formatMoney(minor, currency, format)}
          </dd>
        </div>
      ))}
    </dl>
  );
}
