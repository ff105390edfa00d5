/**
 * Card-number, expiry and CVC rules shared by the API (raw card data in `payment_method_data`) and the
 * stand-in Payment Element, which is bundled for the browser: keep this file free of Node imports.
 */

export type CardBrand = "visa" | "mastercard" | "amex" | "discover" | "unknown";

export type CardFieldError = { code: string; message: string };

export function digitsOnly(value: string): string {
  return value.replace(/\D/g, "");
}

export function luhnValid(digits: string): boolean {
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = Number(digits[i]);
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return digits.length > 0 && sum % 10 === 0;
}

export function cardBrand(digits: string): CardBrand {
  if (/^4/.test(digits)) return "visa";
  if (/^(5[1-5]|2(2[2-9]|[3-6]\d|7[01]|720))/.test(digits)) return "mastercard";
  if (/^3[47]/.test(digits)) return "amex";
  if (/^(6011|65)/.test(digits)) return "discover";
  return "unknown";
}

export function expectedLength(brand: CardBrand): number {
  return brand === "amex" ? 15 : 16;
}

export function cvcLength(brand: CardBrand): number {
  return brand === "amex" ? 4 : 3;
}

/** Stripe.js wording for an incomplete or wrong card number. */
export function validateNumber(raw: string): CardFieldError | null {
  const digits = digitsOnly(raw);
  if (digits.length < expectedLength(cardBrand(digits))) {
    return { code: "incomplete_number", message: "Your card number is incomplete." };
  }
  if (!luhnValid(digits)) return { code: "invalid_number", message: "Your card number is invalid." };
  return null;
}

/** Parses "MM / YY", "MM/YY" or "MMYY" into a month and a four-digit year. */
export function parseExpiry(raw: string): { month: number; year: number } | null {
  const digits = digitsOnly(raw);
  if (digits.length !== 4) return null;
  return { month: Number(digits.slice(0, 2)), year: 2000 + Number(digits.slice(2)) };
}

export function validateExpiry(month: number, year: number, now: Date): CardFieldError | null {
  if (!Number.isInteger(month) || month < 1 || month > 12) {
    return { code: "invalid_expiry_month", message: "Your card's expiration month is invalid." };
  }
  const nowYear = now.getUTCFullYear();
  const nowMonth = now.getUTCMonth() + 1;
  if (year < nowYear || (year === nowYear && month < nowMonth)) {
    return { code: "invalid_expiry_year_past", message: "Your card's expiration year is in the past." };
  }
  if (year > nowYear + 50) {
    return { code: "invalid_expiry_year", message: "Your card's expiration year is invalid." };
  }
  return null;
}

export function validateCvc(raw: string, brand: CardBrand): CardFieldError | null {
  const digits = digitsOnly(raw);
  if (digits.length < cvcLength(brand)) {
    return { code: "incomplete_cvc", message: "Your card's security code is incomplete." };
  }
  return null;
}
