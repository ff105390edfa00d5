import type { Metadata } from "next";
import Link from "next/link";
import { Alert } from "@/components/ui/alert";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { getDb } from "@/db";
import { RESET_LINK_DEAD } from "@/lib/accounts/password-reset";
import { peekAccountToken } from "@/lib/accounts/tokens";
import { ResetPasswordForm } from "./reset-password-form";

export const metadata: Metadata = { title: "Choose a new password" };

type Props = { params: Promise<{ token: string }> };

export default async function ResetPasswordPage({ params }: Props) {
  const { token } = await params;
  const live = await peekAccountToken(getDb(), { token, purpose: "password_reset", now: new Date() });
  return (
    <Card>
      <CardHeader>
        <CardTitle as="h1">Choose a new password</CardTitle>
        <CardDescription>Every device signed in to your account will be signed out.</CardDescription>
      </CardHeader>
      <CardContent>
        {live ? (
          <ResetPasswordForm token={token} />
        ) : (
          <Alert tone="danger">
            {RESET_LINK_DEAD}{" "}
            <Link href="/forgot-password" className="font-medium underline">
              Ask for a new link
            </Link>
          </Alert>
        )}
      </CardContent>
    </Card>
  );
}
