// The figures a reader sees must add up: the line amounts to the subtotal, then subtotal + tax (+ the
// currency's rounding) to the total. Checked on what is displayed (the PDF's model, the editor's live
// figures), read back from the formatted text, for any lines, currency and locale.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { liveTotals } from "@/app/(dashboard)/invoices/_components/live-totals";
import type { SellerIdentity } from "@/lib/business/profile";
import { formatQuantity, formatTaxRate } from "@/lib/invoices/line-math";
import { computeInvoiceTotals, type LineInput } from "@/lib/invoices/totals";
import { currencyExponent, minorToDecimalString } from "@/lib/money";
import { buildInvoiceDocument } from "./build";

const seller: SellerIdentity = {
  displayName: "Acme",
  legalName: null,
  address: null,
  taxId: null,
  contactEmail: null,
  phone: null,
  brandColour: "#0f172a",
  footer: null,
  hasLogo: false,
};

/**
 * A formatted amount back to minor units: the digits before the locale's decimal sign, and after it
 * padded to the currency's exponent (whole krónur are written without ",00").
 */
function shownMinor(text: string, locale: string, currency: string): number {
  const decimal = new Intl.NumberFormat(locale).formatToParts(1.5).find((p) => p.type === "decimal")?.value;
  const [whole = "", fraction = ""] = text.split(decimal ?? ".");
  const digits = (part: string) => part.replace(/\D/g, "");
  const exponent = currencyExponent(currency);
  const minor = Number(digits(whole) + digits(fraction).padEnd(exponent, "0"));
  return /[-−]/.test(text) ? -minor : minor;
}

const lineArb: fc.Arbitrary<LineInput> = fc.record({
  quantityMilli: fc.integer({ min: 1, max: 1_000_000 }),
  unitAmountMinor: fc.integer({ min: -100_000, max: 5_000_000 }),
  taxRateBps: fc.option(fc.integer({ min: 0, max: 10_000 }), { nil: null }),
});
const currencyArb = fc.constantFrom("gbp", "usd", "jpy", "kwd", "isk", "eur");
const localeArb = fc.constantFrom("en-GB", "en-US", "de-DE", "fr-FR", "ja-JP");

describe("displayed line amounts add up to the subtotal", () => {
  it("on the invoice document (PDF and page), in any currency and locale", () => {
    fc.assert(
      fc.property(
        fc.array(lineArb, { minLength: 1, maxLength: 12 }),
        currencyArb,
        localeArb,
        (lines, currency, locale) => {
          const totals = computeInvoiceTotals(lines, currency);
          const model = buildInvoiceDocument({
            seller,
            format: { locale, timeZone: "UTC" },
            invoice: {
              number: "INV-1",
              currency,
              issueDate: "2026-01-01",
              dueDate: "2026-01-15",
              notes: null,
              subtotalMinor: totals.subtotalMinor,
              taxMinor: totals.taxMinor,
              totalMinor: totals.totalMinor,
              paidMinor: 0,
              items: lines.map((line, i) => ({
                description: `Line ${i}`,
                ...line,
                subtotalMinor: totals.lines[i]?.subtotalMinor ?? Number.NaN,
              })),
              customer: { name: "Customer", email: null, address: null, taxId: null },
            },
          });
          const shown = (text: string) => shownMinor(text, locale, currency);
          const row = (label: string) =>
            shown(model.totals.find((t) => t.label.startsWith(label))?.value ?? "");
          const linesSum = model.items.reduce((sum, item) => sum + shown(item.amount), 0);
          expect(linesSum).toBe(row("Subtotal"));
          const rounding = model.totals.some((t) => t.label.startsWith("Rounding")) ? row("Rounding") : 0;
          expect(row("Subtotal") + row("Tax") + rounding).toBe(row("Total"));
          // Each line's amount is its quantity × unit price, before tax.
          for (const [i, item] of model.items.entries()) {
            const line = lines[i];
            if (!line) throw new Error("line missing");
            expect(item.quantity).toBe(formatQuantity(line.quantityMilli));
            expect(item.tax).toBe(line.taxRateBps == null ? "—" : `${formatTaxRate(line.taxRateBps)}%`);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it("in the invoice editor's live figures", () => {
    let checked = 0;
    fc.assert(
      fc.property(fc.array(lineArb, { minLength: 1, maxLength: 8 }), currencyArb, (lines, currency) => {
        const typed = lines.map((line) => ({
          quantity: formatQuantity(line.quantityMilli),
          unitPrice: minorToDecimalString(line.unitAmountMinor, currency),
          taxRate: line.taxRateBps == null ? "" : formatTaxRate(line.taxRateBps),
        }));
        const live = liveTotals(typed, currency);
        if (!live.invoice) return; // a unit price off the currency's step does not parse; nothing to add up
        const sum = live.lines.reduce<number>((total, amount) => total + (amount ?? Number.NaN), 0);
        expect(sum).toBe(live.invoice.subtotalMinor);
        checked += 1;
      }),
      { numRuns: 300 },
    );
    expect(checked).toBeGreaterThan(150);
  });

  it("an example: 2 × £100 at 20% shows £200.00, not £240.00", () => {
    const lines = [{ quantityMilli: 2000, unitAmountMinor: 10_000, taxRateBps: 2000 }];
    expect(liveTotals([{ quantity: "2", unitPrice: "100", taxRate: "20" }], "gbp").lines).toEqual([20_000]);
    expect(computeInvoiceTotals(lines, "gbp")).toMatchObject({ subtotalMinor: 20_000, totalMinor: 24_000 });
  });
});
