import { invalidRequest } from "../core/errors";
import type { OpContext } from "../core/store";

// Stripe's amount rules as the emulator applies them. Each rule and its source is listed in
// emulator/README.md ("Amount rules"). The app keeps its own copy of the same data (it may not import
// emulator code); a change here belongs there too.

const ZERO_DECIMAL = new Set([
  "bif",
  "clp",
  "djf",
  "gnf",
  "jpy",
  "kmf",
  "krw",
  "mga",
  "pyg",
  "rwf",
  "ugx",
  "vnd",
  "vuv",
  "xaf",
  "xof",
  "xpf",
]);
const THREE_DECIMAL = new Set(["bhd", "jod", "kwd", "omr", "tnd"]);

/**
 * Stripe's minimum charge per settlement currency, in its minor units
 * (docs.stripe.com/currencies, "Minimum and maximum charge amounts").
 */
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

/**
 * The emulator's fixed exchange rates: minor units of each currency worth 1.00 USD. Round, stable
 * figures, not market rates, so a test's outcome never depends on the day it runs.
 */
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

const MAXIMUM = 99_999_999;

export function currencyExponent(currency: string): number {
  if (ZERO_DECIMAL.has(currency)) return 0;
  return THREE_DECIMAL.has(currency) ? 3 : 2;
}

export function formatMinor(amount: number, currency: string): string {
  const exponent = currencyExponent(currency);
  const major = amount / 10 ** exponent;
  try {
    return new Intl.NumberFormat("en-GB", { style: "currency", currency: currency.toUpperCase() }).format(
      major,
    );
  } catch {
    return `${major.toFixed(exponent)} ${currency}`;
  }
}

export function parseCurrency(value: string, param = "currency"): string {
  const currency = value.toLowerCase();
  if (!/^[a-z]{3}$/.test(currency)) throw invalidRequest(`Invalid currency: ${value}.`, { param });
  return currency;
}

/** The settlement currency of the account a request acts on (its `default_currency`). */
export function settlementCurrency(ctx: OpContext): string | null {
  return ctx.store.state.accounts[ctx.account]?.object.default_currency ?? null;
}

/**
 * Stripe's amount steps for charges and refunds: ISK in whole krónur (a multiple of 100) since
 * 2023-04-14, three-decimal currencies ending in 0. Other special cases (HUF, TWD, UGX) concern payouts.
 */
export function checkAmountStep(amount: number, currency: string): void {
  if (currency === "isk" && amount % 100 !== 0) {
    throw invalidRequest(
      "Invalid amount. Currency ISK has become effectively zero-decimal and charged amounts must be evenly divisible by 100. See https://stripe.com/docs/currencies#special-cases for more information.",
      { param: "amount", code: "invalid_charge_amount_no_decimal_compatible" },
    );
  }
  if (THREE_DECIMAL.has(currency) && amount % 10 !== 0) {
    const code = currency.toUpperCase();
    throw invalidRequest(
      `Invalid amount. ${code} is a three-decimal currency and charged amounts must end in 0 (for example ${amount - (amount % 10)} or ${amount - (amount % 10) + 10}, not ${amount}). See https://stripe.com/docs/currencies#three-decimal for more information.`,
      { param: "amount" },
    );
  }
}

/** The charge converted to the settlement currency at the fixed rates, rounded down; null without a rate. */
function convertMinor(amount: number, from: string, to: string): number | null {
  if (from === to) return amount;
  const fromRate = RATE_MINOR_PER_USD[from];
  const toRate = RATE_MINOR_PER_USD[to];
  if (fromRate === undefined || toRate === undefined) return null;
  return Number((BigInt(amount) * BigInt(toRate)) / BigInt(fromRate));
}

/** The minimum in the settlement currency: Stripe's table, else 50 US cents converted (rounded up). */
function minimumIn(settlement: string): number {
  const listed = MINIMUM_CHARGE_MINOR[settlement];
  if (listed !== undefined) return listed;
  const rate = RATE_MINOR_PER_USD[settlement];
  if (rate === undefined) return 1;
  // Rates are minor units per US dollar, so 50 US cents is half the rate, rounded up.
  return Math.ceil(rate / 2);
}

/**
 * Stripe's `amount_too_small` / `amount_too_large` and step checks for a charge amount. The minimum is
 * the account's settlement currency's ("Amount must convert to at least 50 cents"), not the charge's.
 */
export function checkChargeAmount(amount: number, currency: string, settlement: string | null): void {
  checkAmountStep(amount, currency);
  const into = settlement ?? currency;
  const minimum = minimumIn(into);
  const converted = convertMinor(amount, currency, into);
  // Without a rate for one of the two currencies the emulator cannot tell, so it lets the amount pass.
  if (converted !== null && converted < minimum) {
    const message =
      into === currency
        ? `Amount must be at least ${formatMinor(minimum, into)} ${into}`
        : `Amount must convert to at least ${formatMinor(minimum, into)}. ${formatMinor(amount, currency)} converts to approximately ${formatMinor(converted, into)}.`;
    throw invalidRequest(message, { param: "amount", code: "amount_too_small" });
  }
  if (amount > MAXIMUM) {
    throw invalidRequest(`Amount must be no more than ${formatMinor(MAXIMUM, currency)} ${currency}`, {
      param: "amount",
      code: "amount_too_large",
    });
  }
}
