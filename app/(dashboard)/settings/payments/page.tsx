import type { Metadata } from "next";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { getDb } from "@/db";
import { getLastStripeDisconnect } from "@/db/queries/stripe-accounts";
import type { User } from "@/db/schema";
import { requireUser } from "@/lib/auth/session";
import { formatDateTime, formatPreferencesOf } from "@/lib/format";
import { connectedStripeAccount } from "@/lib/stripe/connection";
import { AccountActions } from "./_components/account-actions";
import { AccountDetails } from "./_components/account-details";
import { ConnectOutcomeAlert, parseConnectOutcome } from "./_components/connect-outcome-alert";
import { ConnectStripeButton } from "./_components/connect-stripe-button";
import { parseRefreshOutcome, RefreshOutcomeAlert } from "./_components/refresh-outcome-alert";

export const metadata: Metadata = { title: "Payments" };

type Props = { searchParams: Promise<{ connect?: string | string[]; refresh?: string | string[] }> };

export default async function PaymentsSettingsPage({ searchParams }: Props) {
  const user = await requireUser();
  const query = await searchParams;
  const outcome = parseConnectOutcome(query.connect);
  const refreshed = parseRefreshOutcome(query.refresh);
  const connected = connectedStripeAccount(user) !== null;

  return (
    <div className="space-y-8">
      <PageHeader
        title="Payments"
        description="Connect your Stripe account so customers can pay your invoices by card."
      />
      {outcome && <ConnectOutcomeAlert outcome={outcome} />}
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
              <AccountActions accountId={user.stripeAccountId} askForCode={Boolean(user.totpSecret)} />
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
              <ConnectStripeButton />
            </div>
          )}
        </CardContent>
      </Card>
    </div>
  );
}

async function DisconnectedNote({ user }: { user: User }) {
  const last = await getLastStripeDisconnect(getDb(), { userId: user.id });
  const at = user.stripeDisconnectedAt
    ? ` on ${formatDateTime(user.stripeDisconnectedAt, formatPreferencesOf(user))}`
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
