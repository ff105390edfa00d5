import { invalidRequest } from "../core/errors";

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
/** Stripe's minimum charge amounts in minor units (docs.stripe.com/currencies#minimum-and-maximum-charge-amounts). */
const MINIMUM: Record<string, number> = {
  usd: 50,
  eur: 50,
  gbp: 30,
  aud: 50,
  cad: 50,
  chf: 50,
  jpy: 50,
  nzd: 50,
  dkk: 250,
  nok: 300,
  sek: 300,
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

/** Stripe's `amount_too_small` / `amount_too_large` checks for a charge amount. */
export function checkChargeAmount(amount: number, currency: string): void {
  const minimum = MINIMUM[currency] ?? 50;
  if (amount < minimum) {
    throw invalidRequest(`Amount must be at least ${formatMinor(minimum, currency)} ${currency}`, {
      param: "amount",
      code: "amount_too_small",
    });
  }
  if (amount > MAXIMUM) {
    throw invalidRequest(`Amount must be no more than ${formatMinor(MAXIMUM, currency)} ${currency}`, {
      param: "amount",
      code: "amount_too_large",
    });
  }
}
