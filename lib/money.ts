// Money is an integer count of a currency's minor units (Stripe's `amount`) plus a lowercase ISO 4217 code.
// Nothing here uses floating point: decimals travel as strings and BigInt, so 0.1 + 0.2 never happens.
// Pure module: imported by client components and server code alike.

// Stripe's presentment currencies for card charges (docs.stripe.com/currencies). ANG is kept while Stripe
// still accepts it; three-decimal currencies were added by Stripe for PaymentIntents and refunds.
// biome-ignore format: one dense table reads better than 140 lines
export const SUPPORTED_CURRENCIES: readonly string[] = Object.freeze([
  "aed", "afn", "all", "amd", "ang", "aoa", "ars", "aud", "awg", "azn", "bam", "bbd", "bdt", "bgn", "bhd",
  "bif", "bmd", "bnd", "bob", "brl", "bsd", "bwp", "byn", "bzd", "cad", "cdf", "chf", "clp", "cny", "cop",
  "crc", "cve", "czk", "djf", "dkk", "dop", "dzd", "egp", "etb", "eur", "fjd", "fkp", "gbp", "gel", "gip",
  "gmd", "gnf", "gtq", "gyd", "hkd", "hnl", "htg", "huf", "idr", "ils", "inr", "isk", "jmd", "jod", "jpy",
  "kes", "kgs", "khr", "kmf", "krw", "kwd", "kyd", "kzt", "lak", "lbp", "lkr", "lrd", "lsl", "mad", "mdl",
  "mga", "mkd", "mmk", "mnt", "mop", "mur", "mvr", "mwk", "mxn", "myr", "mzn", "nad", "ngn", "nio", "nok",
  "npr", "nzd", "omr", "pab", "pen", "pgk", "php", "pkr", "pln", "pyg", "qar", "ron", "rsd", "rub", "rwf",
  "sar", "sbd", "scr", "sek", "sgd", "shp", "sle", "sos", "srd", "std", "szl", "thb", "tjs", "tnd", "top",
  "try", "ttd", "twd", "tzs", "uah", "ugx", "usd", "uyu", "uzs", "vnd", "vuv", "wst", "xaf", "xcd", "xof",
  "xpf", "yer", "zar", "zmw",
]);

const SUPPORTED = new Set(SUPPORTED_CURRENCIES);

// Stripe's zero-decimal list; its amounts are whole units.
// biome-ignore format: keep the list on two lines
const ZERO_DECIMAL = new Set([
  "bif", "clp", "djf", "gnf", "jpy", "kmf", "krw", "mga", "pyg", "rwf", "ugx", "vnd", "vuv", "xaf", "xof", "xpf",
]);

const THREE_DECIMAL = new Set(["bhd", "jod", "kwd", "omr", "tnd"]);

// Stripe keeps ISK two-decimal in the API but card networks refuse fractional krónur, so the amount must
// be a multiple of 100. We let people type whole krónur only.
const WHOLE_UNITS_ONLY = new Set(["isk"]);

/** Largest amount a person may type: 999,999,999,999 minor units (e.g. £9,999,999,999.99). */
export const MAX_AMOUNT_MINOR = 999_999_999_999;

export function isSupportedCurrency(code: string): boolean {
  return SUPPORTED.has(code.toLowerCase());
}

function normalise(currency: string): string {
  const code = currency.toLowerCase();
  if (!SUPPORTED.has(code)) throw new RangeError(`Unsupported currency: ${currency}`);
  return code;
}

export function currencyExponent(currency: string): number {
  const code = normalise(currency);
  if (ZERO_DECIMAL.has(code)) return 0;
  if (THREE_DECIMAL.has(code)) return 3;
  return 2;
}

/** Decimal places a person may type: the exponent, except where Stripe only charges whole units. */
function inputDecimals(currency: string): number {
  return WHOLE_UNITS_ONLY.has(currency.toLowerCase()) ? 0 : currencyExponent(currency);
}

/**
 * The step a Stripe charge amount must be a multiple of: 100 for ISK, 10 for three-decimal currencies
 * (Stripe requires their last digit to be 0), otherwise 1. The payment layer must respect it.
 */
export function chargeIncrementMinor(currency: string): number {
  const code = normalise(currency);
  if (WHOLE_UNITS_ONLY.has(code)) return 100;
  if (THREE_DECIMAL.has(code)) return 10;
  return 1;
}

/** Whether Stripe takes `minor` as a charge or refund amount in this currency (see chargeIncrementMinor). */
export function isOnChargeStep(minor: number, currency: string): boolean {
  assertMinor(minor);
  return minor % chargeIncrementMinor(currency) === 0;
}

/** `minor` rounded half-up to the currency's charge step: KWD 5.125 → 5.130, 5.124 → 5.120; ISK 1.50 → 2. */
export function roundToChargeStep(minor: number, currency: string): number {
  assertMinor(minor);
  const step = BigInt(chargeIncrementMinor(currency));
  return Number(roundHalfUpDiv(BigInt(minor), step) * step);
}

/** `minor` rounded down to the charge step (what can still be refunded of an off-step remainder). */
export function floorToChargeStep(minor: number, currency: string): number {
  assertMinor(minor);
  const step = chargeIncrementMinor(currency);
  return minor - (((minor % step) + step) % step);
}

/** "Stripe charges KWD in steps of 0.010" / "Stripe charges ISK in whole krónur"; null when any amount goes. */
export function chargeStepNote(currency: string): string | null {
  const step = chargeIncrementMinor(currency);
  if (step === 1) return null;
  const code = currency.toUpperCase();
  if (WHOLE_UNITS_ONLY.has(currency.toLowerCase())) return `Stripe charges ${code} in whole krónur`;
  return `Stripe charges ${code} in steps of ${minorToDecimalString(step, currency)}`;
}

export type MoneyParseResult = { ok: true; minor: number } | { ok: false; message: string };

function exampleAmount(decimals: number): string {
  if (decimals === 0) return "500";
  if (decimals === 3) return "12.500";
  return "19.99";
}

export function parseMoney(
  input: string,
  currency: string,
  options: { allowNegative?: boolean } = {},
): MoneyParseResult {
  const exponent = currencyExponent(currency);
  const decimals = inputDecimals(currency);
  const code = currency.toUpperCase();
  const parsed = parseScaledDecimal(input, { scale: exponent, maxDecimals: decimals, allowGrouping: true });
  if (!parsed.ok) {
    if (parsed.reason === "precision") {
      const message =
        decimals === 0
          ? `${code} amounts have no decimal places`
          : `${code} amounts have at most ${decimals} decimal places`;
      return { ok: false, message };
    }
    return { ok: false, message: `Enter an amount such as ${exampleAmount(decimals)}` };
  }
  if (parsed.value < 0n && !options.allowNegative) {
    return { ok: false, message: "Enter an amount of 0 or more" };
  }
  const limit = BigInt(MAX_AMOUNT_MINOR);
  if (parsed.value > limit || parsed.value < -limit) {
    return { ok: false, message: `Enter an amount up to ${formatMoney(MAX_AMOUNT_MINOR, currency)}` };
  }
  return { ok: true, minor: Number(parsed.value) };
}

function assertMinor(minor: number): void {
  if (!Number.isSafeInteger(minor)) throw new RangeError(`Minor units must be a safe integer: ${minor}`);
}

/** 1999 gbp → "19.99", 5 jpy → "5", 1234 kwd → "1.234", -5 gbp → "-0.05". Always the full exponent. */
export function minorToDecimalString(minor: number, currency: string): string {
  assertMinor(minor);
  return formatScaled(BigInt(minor), currencyExponent(currency), { trimZeros: false });
}

// Building an Intl.NumberFormat costs ~40 µs, reusing one ~1 µs; list pages format hundreds of amounts.
const formatters = new Map<string, Intl.NumberFormat>();

function currencyFormatter(locale: string, currency: string, digits: number): Intl.NumberFormat {
  const key = `${locale}|${currency}|${digits}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    formatter = new Intl.NumberFormat(locale, {
      style: "currency",
      currency,
      minimumFractionDigits: digits,
      maximumFractionDigits: digits,
    });
    formatters.set(key, formatter);
  }
  return formatter;
}

/** Formats exactly: Intl receives a decimal string, never the result of a float division. */
export function formatMoney(minor: number, currency: string, locale = "en-GB"): string {
  const decimalText = minorToDecimalString(minor, currency);
  const exponent = currencyExponent(currency);
  // Whole-unit currencies (ISK) drop ".00", but a fraction that slipped in must still show exactly.
  const hasFraction = /\.\d*[1-9]/.test(decimalText);
  const digits = hasFraction ? exponent : inputDecimals(currency);
  const formatter = currencyFormatter(locale, currency.toUpperCase(), digits);
  // Intl.NumberFormat reads a numeric string as an exact decimal (ES2023), so large values stay exact.
  return formatter.format(decimalText as Intl.StringNumericLiteral);
}

/** numerator / denominator rounded half away from zero (0.5 → 1, -0.5 → -1). */
export function roundHalfUpDiv(numerator: bigint, denominator: bigint): bigint {
  if (denominator <= 0n) throw new RangeError("Denominator must be positive");
  const quotient = numerator / denominator; // BigInt division truncates toward zero
  const remainder = numerator % denominator; // same sign as the numerator
  const twice = remainder < 0n ? -remainder * 2n : remainder * 2n;
  if (twice < denominator) return quotient;
  return numerator < 0n ? quotient - 1n : quotient + 1n;
}

export function sumMinor(values: readonly number[]): number {
  let total = 0n;
  for (const value of values) {
    assertMinor(value);
    total += BigInt(value);
  }
  const result = Number(total);
  if (!Number.isSafeInteger(result) || BigInt(result) !== total) {
    throw new RangeError("Sum of minor units is not a safe integer");
  }
  return result;
}

// Decimal strings ↔ scaled integers. Shared with quantities and tax rates (lib/invoices/line-math.ts).

export type ScaledDecimalResult = { ok: true; value: bigint } | { ok: false; reason: "format" | "precision" };

const PLAIN_DECIMAL = /^(-)?(\d*)(?:\.(\d*))?$/;
const GROUPED_DECIMAL = /^(-)?(\d{1,3}(?:,\d{3})+)(?:\.(\d*))?$/;
// Longer input is never a real amount; the cap keeps BigInt work trivially small.
const MAX_INPUT_LENGTH = 40;

/**
 * Parses "1,234.5" into 1234.5 × 10^scale as a BigInt. Accepts ASCII digits, one optional leading "-",
 * an optional "." part and, with allowGrouping, commas between groups of exactly three digits.
 * Rejects exponents, hex, "+", spaces inside and words. Zeros past maxDecimals are harmless ("5.00" for
 * a whole-unit currency); any other digit there is a "precision" failure.
 */
export function parseScaledDecimal(
  input: string,
  options: { scale: number; maxDecimals?: number; allowGrouping?: boolean },
): ScaledDecimalResult {
  const { scale, maxDecimals = scale, allowGrouping = false } = options;
  if (maxDecimals > scale) throw new RangeError("maxDecimals cannot exceed scale");
  const text = input.trim();
  if (text.length > MAX_INPUT_LENGTH) return { ok: false, reason: "format" };
  const match = PLAIN_DECIMAL.exec(text) ?? (allowGrouping ? GROUPED_DECIMAL.exec(text) : null);
  if (!match) return { ok: false, reason: "format" };
  const [, minus, integerText = "", fractionText = ""] = match;
  const whole = integerText.replaceAll(",", "");
  if (whole === "" && fractionText === "") return { ok: false, reason: "format" };
  const fraction = fractionText.replace(/0+$/, "");
  if (fraction.length > maxDecimals) return { ok: false, reason: "precision" };
  const magnitude = BigInt(`${whole || "0"}${fraction.padEnd(scale, "0")}`);
  return { ok: true, value: minus ? -magnitude : magnitude };
}

/** Writes value / 10^scale as a plain decimal string ("-0.05"); trimZeros drops trailing fraction zeros. */
export function formatScaled(value: bigint, scale: number, options: { trimZeros: boolean }): string {
  const negative = value < 0n;
  const digits = (negative ? -value : value).toString().padStart(scale + 1, "0");
  const whole = digits.slice(0, digits.length - scale);
  const rawFraction = digits.slice(digits.length - scale);
  const fraction = options.trimZeros ? rawFraction.replace(/0+$/, "") : rawFraction;
  return `${negative ? "-" : ""}${whole}${fraction ? `.${fraction}` : ""}`;
}
