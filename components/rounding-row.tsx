import { chargeStepNote } from "@/lib/money";

/**
 * The line between tax and total when the total was rounded to the step Stripe charges the currency in
 * (KWD ending in 0, ISK in whole krónur), saying why; nothing when there was no rounding. `money` formats
 * an amount as the surrounding document does (the seller's format preferences).
 */
export function RoundingRow(props: {
  roundingMinor: number;
  currency: string;
  money: (minor: number) => string;
}) {
  const { roundingMinor, currency, money } = props;
  if (roundingMinor === 0) return null;
  const note = chargeStepNote(currency);
  const magnitude = money(Math.abs(roundingMinor));
  return (
    <div className="flex justify-between gap-3">
      <dt className="text-slate-600">Rounding{note ? ` (${note})` : ""}</dt>
      <dd className="tabular-nums whitespace-nowrap" data-testid="rounding">
        {roundingMinor < 0 ? `−${magnitude}` : `+${magnitude}`}
      </dd>
    </div>
  );
}
