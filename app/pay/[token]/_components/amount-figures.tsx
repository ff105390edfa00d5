import { type FormatPreferences, formatDay, formatMoney } from "@/lib/format";

type Props = {
  label: string;
  amountMinor: number;
  currency: string;
  number: string;
  dueDate: string;
  format: FormatPreferences;
};

/** The headline figure of the pay page; rendered on the server, and by PayBox as the figures change. */
export function AmountFigures({ label, amountMinor, currency, number, dueDate, format }: Props) {
  return (
    <div>
      <p className="text-sm text-slate-600">{label}</p>
      <p className="text-3xl font-semibold tabular-nums" data-testid="amount-due">
        {formatMoney(amountMinor, currency, format)}
      </p>
      <p className="text-sm text-slate-600">
        {number} · due {formatDay(dueDate, format, "document")}
      </p>
    </div>
  );
}
