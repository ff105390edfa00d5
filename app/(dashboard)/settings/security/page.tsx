import type { Metadata } from "next";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/auth/session";
import { ChangeEmailForm } from "./_components/change-email-form";
import { ChangePasswordForm } from "./_components/change-password-form";
import { SignOutEverywhere } from "./_components/sign-out-everywhere";
import { TwoFactorOffForm } from "./_components/two-factor-off-form";
import { TwoFactorSetup } from "./_components/two-factor-setup";

export const metadata: Metadata = { title: "Security" };

export default async function SecuritySettingsPage() {
  const user = await requireUser();
  const twoFactorOn = Boolean(user.totpSecret);
  return (
    <div className="space-y-8">
      <PageHeader title="Security" description="Sign-in, sessions and two-factor sign-in for your account." />
      <Card>
        <CardHeader>
          <div className="flex flex-wrap items-center gap-2">
            <CardTitle>Two-factor sign-in</CardTitle>
            <Badge tone={twoFactorOn ? "success" : "neutral"} data-testid="two-factor-status">
              {twoFactorOn ? "On" : "Off"}
            </Badge>
          </div>
          <CardDescription>
            A code from an authenticator app on your phone, asked for at every sign-in. Your account can move
            real money: turn it on.
          </CardDescription>
        </CardHeader>
        <CardContent>{twoFactorOn ? <TwoFactorOffForm /> : <TwoFactorSetup />}</CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>Sessions</CardTitle>
          <CardDescription>
            Signs you out on every device and browser, this one included. Do it if you signed in on a computer
            that is not yours, or think someone else has.
          </CardDescription>
        </CardHeader>
        <CardContent>
          <SignOutEverywhere />
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>Email address</CardTitle>
          <CardDescription>
            You sign in with {user.email}. A new address takes effect once you follow the link we send to it;
            the old one is told, and every device is signed out.
          </CardDescription>
        </CardHeader>
        <CardContent>
          <ChangeEmailForm />
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>Password</CardTitle>
          <CardDescription>
            Changing it signs you out everywhere; sign in again with the new one.
          </CardDescription>
        </CardHeader>
        <CardContent>
          <ChangePasswordForm />
        </CardContent>
      </Card>
    </div>
  );
}
