import type { Metadata } from "next";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { ConfirmEmailButton } from "./confirm-email-button";

export const metadata: Metadata = { title: "Confirm your email address" };

type Props = { params: Promise<{ token: string }> };

// Confirming takes a press of a button, not the page load: mail scanners open links in emails, and a
// single-use link opened by a scanner would be spent before the User sees it.
export default async function VerifyEmailPage({ params }: Props) {
  const { token } = await params;
  return (
    <Card>
      <CardHeader>
        <CardTitle as="h1">Confirm your email address</CardTitle>
        <CardDescription>One click, and you can connect Stripe and send invoices.</CardDescription>
      </CardHeader>
      <CardContent>
        <ConfirmEmailButton token={token} />
      </CardContent>
    </Card>
  );
}
