import { chargeStepNote, formatMoney } from "@/lib/money";

/**
 * The line between tax and total when the total was rounded to the step Stripe charges the currency in
 * (KWD ending in 0, ISK in whole krónur), saying why; nothing when there was no rounding.
 */
export function RoundingRow({ roundingMinor, currency }: { roundingMinor: number; currency: string }) {
  if (roundingMinor === 0) return null;
  const note = chargeStepNote(currency);
  const magnitude = formatMoney(Math.abs(roundingMinor), currency);
  return (
    <div className="flex justify-between gap-3">
      <dt className="text-slate-600">Rounding{note ? ` (${note})` : ""}</dt>
      <dd className="tabular-nums whitespace-nowrap" data-testid="rounding">
        {roundingMinor < 0 ? `−${magnitude}` : `+${magnitude}`}
      </dd>
    </div>
  );
}
