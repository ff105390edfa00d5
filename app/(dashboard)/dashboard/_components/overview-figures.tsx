import Link from "next/link";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { type FormatPreferences, formatMoney } from "@/lib/format";
import type { Collected, CurrencyOverview } from "@/lib/overview/load";

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

function CollectedCard(props: {
  label: string;
  collected: Collected;
  currency: string;
  format: FormatPreferences;
}) {
  const { collected, currency, format } = props;
  const money = (minor: number) => formatMoney(minor, currency, format);
  return (
    <Card data-testid="collected-card">
      <CardHeader>
        <CardDescription>{props.label}</CardDescription>
        <CardTitle as="h3" className="tabular-nums">
          {money(collected.netMinor)}
        </CardTitle>
      </CardHeader>
      <CardContent className="text-sm text-slate-600">
        {collected.refundedMinor > 0
          ? `${money(collected.receivedMinor)} received, ${money(collected.refundedMinor)} refunded`
          : `${money(collected.receivedMinor)} received, no refunds`}
      </CardContent>
    </Card>
  );
}

/** One row of figures per currency: amounts in different currencies are never added together. */
export function OverviewFigures(props: {
  currencies: readonly CurrencyOverview[];
  format: FormatPreferences;
  monthName: string;
}) {
  const { currencies, format } = props;
  if (currencies.length === 0) {
    return (
      <Card>
        <CardHeader>
          <CardDescription>Collected and outstanding</CardDescription>
          <CardTitle as="h3">Nothing yet</CardTitle>
        </CardHeader>
        <CardContent className="text-sm text-slate-600">
          Send an invoice; what customers pay and owe shows here, per currency.
        </CardContent>
      </Card>
    );
  }
  return (
    <div className="space-y-6">
      {currencies.map((c) => {
        const code = c.currency.toUpperCase();
        const money = (minor: number) => formatMoney(minor, c.currency, format);
        return (
          <section key={c.currency} aria-labelledby={`figures-${c.currency}`} className="space-y-3">
            <h3
              id={`figures-${c.currency}`}
              className="text-sm font-semibold tracking-wide text-slate-600 uppercase"
            >
              {code}
            </h3>
            <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
              <CollectedCard
                label={`Collected in ${props.monthName} (${code}), net of refunds`}
                collected={c.month}
                currency={c.currency}
                format={format}
              />
              <CollectedCard
                label={`Collected in the last 30 days (${code}), net of refunds`}
                collected={c.last30}
                currency={c.currency}
                format={format}
              />
              <Card data-testid="outstanding-card">
                <CardHeader>
                  <CardDescription>Outstanding in {code}</CardDescription>
                  <CardTitle as="h3" className="tabular-nums">
                    {money(c.outstanding.dueMinor)}
                  </CardTitle>
                </CardHeader>
                <CardContent className="text-sm text-slate-600">
                  {plural(c.outstanding.count, "open invoice")}
                </CardContent>
              </Card>
              <Card data-testid="overdue-card">
                <CardHeader>
                  <CardDescription>Overdue in {code}</CardDescription>
                  <CardTitle
                    as="h3"
                    className={c.overdue.count > 0 ? "tabular-nums text-red-700" : "tabular-nums"}
                  >
                    {money(c.overdue.dueMinor)}
                  </CardTitle>
                </CardHeader>
                <CardContent className="text-sm text-slate-600">
                  {c.overdue.count > 0 ? (
                    <Link
                      href="/invoices?status=overdue"
                      className="font-medium text-indigo-700 hover:underline"
                    >
                      {plural(c.overdue.count, "overdue invoice")}
                    </Link>
                  ) : (
                    "Nothing overdue"
                  )}
                </CardContent>
              </Card>
            </div>
          </section>
        );
      })}
    </div>
  );
}
