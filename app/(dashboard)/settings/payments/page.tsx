import type { Metadata } from "next";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { getDb } from "@/db";
import { getLastStripeDisconnect } from "@/db/queries/stripe-accounts";
import type { User } from "@/db/schema";
import { requireUser } from "@/lib/auth/session";
import { formatPreferencesFor } from "@/lib/business/preferences";
import { formatDateTime } from "@/lib/format";
import { ACCOUNT_COUNTRIES } from "@/lib/stripe/connect";
import { connectedStripeAccount } from "@/lib/stripe/connection";
import { AccountActions } from "./_components/account-actions";
import { AccountDetails } from "./_components/account-details";
import { ConnectOutcomeAlert, parseConnectOutcome } from "./_components/connect-outcome-alert";
import { ConnectStripeButton } from "./_components/connect-stripe-button";
import { CreateStripeAccountForm } from "./_components/create-stripe-account-form";
import { FailedStripeEvents } from "./_components/failed-stripe-events";
import { OnboardingOutcomeAlert, parseOnboardingOutcome } from "./_components/onboarding-outcome-alert";
import { parseRefreshOutcome, RefreshOutcomeAlert } from "./_components/refresh-outcome-alert";
import { RequirementsPanel } from "./_components/requirements-panel";

export const metadata: Metadata = { title: "Payments" };

type Props = {
  searchParams: Promise<{
    connect?: string | string[];
    refresh?: string | string[];
    onboarding?: string | string[];
  }>;
};

export default async function PaymentsSettingsPage({ searchParams }: Props) {
  const user = await requireUser();
  const query = await searchParams;
  const outcome = parseConnectOutcome(query.connect);
  const refreshed = parseRefreshOutcome(query.refresh);
  const onboarding = parseOnboardingOutcome(query.onboarding);
  const connected = connectedStripeAccount(user) !== null;

  return (
    <div className="space-y-8">
      <PageHeader
        title="Payments"
        description="Connect your Stripe account so customers can pay your invoices by card."
      />
      {outcome && <ConnectOutcomeAlert outcome={outcome} />}
      {onboarding && <OnboardingOutcomeAlert outcome={onboarding} />}
      {/* A hand-edited URL cannot claim an outcome that contradicts the connection as stored. */}
      {refreshed && (refreshed === "refreshed") === connected && <RefreshOutcomeAlert outcome={refreshed} />}
      <Card>
        <CardHeader>
          <div className="flex flex-wrap items-center gap-2">
            <CardTitle>Stripe account</CardTitle>
            <Badge tone={connected ? "success" : "neutral"} data-testid="connection-status">
              {connected
                ? "Connected"
                : user.stripeConnectionStatus === "disconnected"
                  ? "Disconnected"
                  : "Not connected"}
            </Badge>
          </div>
          <CardDescription>
            Payments go straight to your own Stripe account; SixthDesk never holds your money.
          </CardDescription>
        </CardHeader>
        <CardContent>
          {connected && user.stripeAccountId ? (
            <div className="space-y-6">
              <AccountDetails user={user} />
              <RequirementsPanel user={user} format={await formatPreferencesFor(user.id)} />
              <AccountActions
                accountId={user.stripeAccountId}
                canDisconnect={user.stripeAccountOrigin !== "platform"}
                askForCode={Boolean(user.totpSecret)}
              />
            </div>
          ) : (
            <div className="space-y-4">
              {user.stripeConnectionStatus === "disconnected" ? (
                <DisconnectedNote user={user} />
              ) : (
                <p className="text-sm text-slate-600">
                  No Stripe account is connected. Until you connect one, your pay links show the invoice but
                  customers cannot pay it by card.
                </p>
              )}
              <div className="grid gap-6 sm:grid-cols-2">
                <section aria-labelledby="create-account-heading" className="space-y-3">
                  <h2 id="create-account-heading" className="font-semibold text-slate-900">
                    New to Stripe?
                  </h2>
                  <p className="text-sm text-slate-600">
                    SixthDesk creates a Stripe account for your business and you finish setting it up on
                    Stripe&apos;s own pages. You get the full Stripe Dashboard and Stripe charges its fees to
                    your account.
                  </p>
                  <CreateStripeAccountForm countries={ACCOUNT_COUNTRIES} />
                </section>
                <section aria-labelledby="connect-existing-heading" className="space-y-3">
                  <h2 id="connect-existing-heading" className="font-semibold text-slate-900">
                    Connect an existing Stripe account
                  </h2>
                  <p className="text-sm text-slate-600">
                    Already have a Stripe account? Sign in to Stripe and let SixthDesk take payments on it.
                  </p>
                  <ConnectStripeButton />
                </section>
              </div>
            </div>
          )}
        </CardContent>
      </Card>
      <FailedStripeEvents user={user} />
    </div>
  );
}

async function DisconnectedNote({ user }: { user: User }) {
  const last = await getLastStripeDisconnect(getDb(), { userId: user.id });
  const at = user.stripeDisconnectedAt
    ? ` on ${formatDateTime(user.stripeDisconnectedAt, await formatPreferencesFor(user.id))}`
    : "";
  const account = user.stripeAccountId ?? "your Stripe account";
  return (
    <p className="text-sm text-slate-600" data-testid="disconnected-note">
      {last?.actor === "user"
        ? `You disconnected ${account}${at}.`
        : `Stripe reported${at} that SixthDesk no longer has access to ${account} (access was revoked in Stripe).`}{" "}
      Your pay links no longer offer card payment. Connect a Stripe account to take card payments again.
    </p>
  );
}
