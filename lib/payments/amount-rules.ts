// What real Stripe accepts as a charge or refund amount, checked before we ask it (README "Amounts Stripe
// accepts" and emulator/README.md "Amount rules" list the sources):
// - steps: three-decimal currencies end in 0, ISK in whole krónur (lib/money.ts chargeIncrementMinor);
// - the minimum charge is set by the connected account's settlement (default) currency, converted from
//   the charged currency: "Amount must convert to at least 50 cents" (docs.stripe.com/currencies).
// The tables are a copy of the emulator's (emulator/resources/money.ts): the app may not import emulator
// code, and the emulator may not import ours. With real Stripe the rates are an estimate; Stripe's own
// `amount_too_small` answer stays the last word and is shown as it comes.
// Pure module: the pay page and the dashboard forms use it on both sides.

import { chargeIncrementMinor, chargeStepNote, formatMoney, isOnChargeStep } from "@/lib/money";

/** Stripe's minimum charge per settlement currency, in its minor units (docs.stripe.com/currencies). */
export const MINIMUM_CHARGE_MINOR: Readonly<Record<string, number>> = {
  usd: 50,
  aed: 200,
  aud: 50,
  bgn: 100,
  brl: 50,
  cad: 50,
  chf: 50,
  czk: 1500,
  dkk: 250,
  eur: 50,
  gbp: 30,
  hkd: 400,
  huf: 17500,
  inr: 50,
  jpy: 50,
  mxn: 1000,
  myr: 200,
  nok: 300,
  nzd: 50,
  pln: 200,
  ron: 200,
  sek: 300,
  sgd: 50,
  thb: 1000,
};

/** Fixed rates: minor units of each currency worth 1.00 USD (the emulator's table; round, not market). */
export const RATE_MINOR_PER_USD: Readonly<Record<string, number>> = {
  usd: 100,
  aed: 367,
  aud: 150,
  bgn: 180,
  bhd: 377,
  brl: 500,
  cad: 137,
  chf: 88,
  czk: 2300,
  dkk: 690,
  eur: 92,
  gbp: 80,
  hkd: 780,
  huf: 36000,
  inr: 8300,
  isk: 13800,
  jod: 709,
  jpy: 150,
  kwd: 307,
  mxn: 1700,
  myr: 470,
  nok: 1070,
  nzd: 165,
  omr: 385,
  pln: 400,
  ron: 460,
  sek: 1050,
  sgd: 135,
  thb: 3600,
  tnd: 3100,
};

/** The minimum charge in the settlement currency: Stripe's table, else 50 US cents converted (rounded up). */
export function minimumChargeMinor(settlementCurrency: string): number {
  const code = settlementCurrency.toLowerCase();
  const listed = MINIMUM_CHARGE_MINOR[code];
  if (listed !== undefined) return listed;
  const rate = RATE_MINOR_PER_USD[code];
  if (rate === undefined) return 1;
  // Rates are minor units per US dollar, so 50 US cents is half the rate, rounded up.
  return Math.ceil(rate / 2);
}

function ceilToStep(minor: number, currency: string): number {
  const step = chargeIncrementMinor(currency);
  return minor + ((step - (minor % step)) % step);
}

/**
 * The smallest amount in `currency` that Stripe charges for an account settling in `settlementCurrency`
 * (null: unknown, taken as the charged currency), on the currency's step. A JPY charge on a GBP account:
 * 30 pence is ¥56.25 at the fixed rates, so ¥57.
 */
export function smallestChargeMinor(currency: string, settlementCurrency: string | null): number {
  const charged = currency.toLowerCase();
  const settlement = (settlementCurrency ?? charged).toLowerCase();
  const minimum = minimumChargeMinor(settlement);
  if (settlement === charged) return ceilToStep(minimum, charged);
  const chargedRate = RATE_MINOR_PER_USD[charged];
  const settlementRate = RATE_MINOR_PER_USD[settlement];
  // Without a rate we cannot convert; Stripe decides, and its refusal is shown as it comes.
  if (chargedRate === undefined || settlementRate === undefined) return chargeIncrementMinor(charged);
  const exact =
    (BigInt(minimum) * BigInt(chargedRate) + BigInt(settlementRate) - 1n) / BigInt(settlementRate);
  return ceilToStep(Number(exact), charged);
}

export type AmountCheck = { ok: true } | { ok: false; reason: "step" | "minimum"; message: string };

/** "KWD 1.234 cannot be charged: Stripe charges KWD in steps of 0.010. Use KWD 1.230 or KWD 1.240." */
export function offStepMessage(amountMinor: number, currency: string): string {
  const step = chargeIncrementMinor(currency);
  const below = amountMinor - (amountMinor % step);
  const note = chargeStepNote(currency) ?? "";
  return `${formatMoney(amountMinor, currency)} cannot be charged: ${note}. Use ${formatMoney(below, currency)} or ${formatMoney(below + step, currency)}.`;
}

/** Whether Stripe would charge `amountMinor` for an account settling in `settlementCurrency`. */
export function checkChargeAmount(params: {
  amountMinor: number;
  currency: string;
  settlementCurrency: string | null;
}): AmountCheck {
  const { amountMinor, currency, settlementCurrency } = params;
  if (!isOnChargeStep(amountMinor, currency)) {
    return { ok: false, reason: "step", message: offStepMessage(amountMinor, currency) };
  }
  const smallest = smallestChargeMinor(currency, settlementCurrency);
  if (amountMinor < smallest) {
    return {
      ok: false,
      reason: "minimum",
      message: `Card payments must be at least ${formatMoney(smallest, currency)}.`,
    };
  }
  return { ok: true };
}

/** Refunds follow the charge steps (no minimum): the whole remainder of an on-step payment always passes. */
export function checkRefundAmount(params: { amountMinor: number; currency: string }): AmountCheck {
  const { amountMinor, currency } = params;
  if (isOnChargeStep(amountMinor, currency)) return { ok: true };
  return { ok: false, reason: "step", message: offStepMessage(amountMinor, currency) };
}

/**
 * Why the pay link cannot take a card payment for the amount due, in words for the Customer, or null.
 * The pay page decides this on the server, before a card field is shown.
 */
export function payLinkChargeProblem(params: {
  dueMinor: number;
  currency: string;
  settlementCurrency: string | null;
  sellerName: string;
}): string | null {
  const { dueMinor, currency, settlementCurrency, sellerName } = params;
  if (dueMinor <= 0) return null;
  const check = checkChargeAmount({ amountMinor: dueMinor, currency, settlementCurrency });
  if (check.ok) return null;
  const due = formatMoney(dueMinor, currency);
  if (check.reason === "step") {
    return `The amount due (${due}) cannot be paid by card: ${chargeStepNote(currency)}. Please ask ${sellerName} to update the invoice.`;
  }
  const smallest = formatMoney(smallestChargeMinor(currency, settlementCurrency), currency);
  return `The amount due (${due}) is below the smallest card payment ${sellerName} can accept (${smallest}). Please contact ${sellerName} to arrange payment.`;
}
