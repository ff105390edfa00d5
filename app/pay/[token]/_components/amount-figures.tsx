import { formatMoney } from "@/lib/money";

type Props = { label: string; amountMinor: number; currency: string; number: string; dueDate: string };

/** The headline figure of the pay page; rendered on the server, and by PayBox as the figures change. */
export function AmountFigures({ label, amountMinor, currency, number, dueDate }: Props) {
  return (
    <div>
      <p className="text-sm text-slate-600">{label}</p>
      <p className="text-3xl font-semibold tabular-nums" data-testid="amount-due">
        {formatMoney(amountMinor, currency)}
      </p>
      <p className="text-sm text-slate-600">
        {number} · due {dueDate}
      </p>
    </div>
  );
}
