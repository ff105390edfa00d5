"use client";

import { useId, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Label } from "@/components/ui/label";
import { Select } from "@/components/ui/select";
import { useServerAction } from "@/components/use-server-action";
import { createStripeAccountAction } from "../actions";

const COUNTRY_NAMES: Record<string, string> = {
  AU: "Australia",
  CA: "Canada",
  DE: "Germany",
  ES: "Spain",
  FR: "France",
  GB: "United Kingdom",
  IE: "Ireland",
  IT: "Italy",
  JP: "Japan",
  NL: "Netherlands",
  US: "United States",
};

/** "Create my Stripe account": the country cannot be changed later, so it is asked for here. */
export function CreateStripeAccountForm({ countries }: { countries: readonly string[] }) {
  const id = useId();
  const [country, setCountry] = useState("GB");
  const { execute, pending, formError, fieldError } = useServerAction(createStripeAccountAction, {
    // A full navigation: Stripe-hosted onboarding is another site.
    onSuccess: ({ url }) => window.location.assign(url),
  });
  const countryError = fieldError("country");

  return (
    <form
      className="space-y-3"
      onSubmit={(event) => {
        event.preventDefault();
        execute({ country });
      }}
    >
      {formError && <Alert tone="danger">{formError}</Alert>}
      <div className="space-y-1">
        <Label htmlFor={`${id}-country`}>Country of your business</Label>
        <Select
          id={`${id}-country`}
          value={country}
          onChange={(event) => setCountry(event.target.value)}
          aria-invalid={countryError ? true : undefined}
        >
          {countries.map((code) => (
            <option key={code} value={code}>
              {COUNTRY_NAMES[code] ?? code}
            </option>
          ))}
        </Select>
        {countryError && <p className="text-sm text-red-700">{countryError}</p>}
      </div>
      <Button type="submit" disabled={pending}>
        {pending ? "Creating your account…" : "Create my Stripe account"}
      </Button>
    </form>
  );
}
