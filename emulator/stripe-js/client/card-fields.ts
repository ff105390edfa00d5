import {
  type CardFieldError,
  cardBrand,
  cvcLength,
  digitsOnly,
  expectedLength,
  parseExpiry,
  validateCvc,
  validateExpiry,
  validateNumber,
} from "../../core/card-validation";

export type FieldName = "number" | "expiry" | "cvc" | "postal";

export type CardField = {
  name: FieldName;
  input: HTMLInputElement;
  error: HTMLParagraphElement;
  validate(): CardFieldError | null;
  format(): void;
};

function formatNumber(raw: string): string {
  const digits = digitsOnly(raw);
  const brand = cardBrand(digits);
  const limited = digits.slice(0, expectedLength(brand) + (brand === "amex" ? 0 : 3));
  const groups = brand === "amex" ? [4, 6, 5] : [4, 4, 4, 4, 3];
  const parts: string[] = [];
  let at = 0;
  for (const size of groups) {
    if (at >= limited.length) break;
    parts.push(limited.slice(at, at + size));
    at += size;
  }
  return parts.join(" ");
}

function formatExpiry(raw: string): string {
  const digits = digitsOnly(raw).slice(0, 4);
  return digits.length > 2 ? `${digits.slice(0, 2)} / ${digits.slice(2)}` : digits;
}

const SPECS: Record<
  FieldName,
  { label: string; autocomplete: string; placeholder: string; inputMode: string }
> = {
  number: {
    label: "Card number",
    autocomplete: "cc-number",
    placeholder: "1234 1234 1234 1234",
    inputMode: "numeric",
  },
  expiry: { label: "Expiration date", autocomplete: "cc-exp", placeholder: "MM / YY", inputMode: "numeric" },
  cvc: { label: "Security code", autocomplete: "cc-csc", placeholder: "CVC", inputMode: "numeric" },
  postal: {
    label: "Postal code",
    autocomplete: "postal-code",
    placeholder: "Postal code",
    inputMode: "text",
  },
};

let counter = 0;

/** One labelled input with its own error line, Stripe.js's wording for problems. */
export function createField(
  name: FieldName,
  numberField: () => string,
): { field: CardField; label: HTMLLabelElement } {
  const spec = SPECS[name];
  const id = `stripe-emulator-${name}-${++counter}`;
  const label = document.createElement("label");
  label.htmlFor = id;
  label.textContent = spec.label;
  const input = document.createElement("input");
  Object.assign(input, {
    id,
    name,
    autocomplete: spec.autocomplete,
    placeholder: spec.placeholder,
    inputMode: spec.inputMode,
  });
  input.type = "text";
  const error = document.createElement("p");
  error.className = "se-error";
  error.id = `${id}-error`;
  error.setAttribute("role", "alert");
  input.setAttribute("aria-describedby", error.id);
  label.append(input, error);
  const validate = (): CardFieldError | null => {
    const value = input.value;
    switch (name) {
      case "number":
        return validateNumber(value);
      case "expiry": {
        const parsed = parseExpiry(value);
        if (!parsed)
          return { code: "incomplete_expiry", message: "Your card's expiration date is incomplete." };
        return validateExpiry(parsed.month, parsed.year, new Date());
      }
      case "cvc":
        return validateCvc(value, cardBrand(digitsOnly(numberField())));
      case "postal":
        return value.trim() ? null : { code: "incomplete_zip", message: "Your postal code is incomplete." };
    }
  };
  const format = () => {
    if (name === "number") input.value = formatNumber(input.value);
    if (name === "expiry") input.value = formatExpiry(input.value);
    if (name === "cvc")
      input.value = digitsOnly(input.value).slice(0, cvcLength(cardBrand(digitsOnly(numberField()))));
  };
  return { field: { name, input, error, validate, format }, label };
}

export function showError(field: CardField, problem: CardFieldError | null): void {
  field.error.textContent = problem?.message ?? "";
  field.input.setAttribute("aria-invalid", problem ? "true" : "false");
}
