"use client";

import { signOut } from "next-auth/react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { useServerAction } from "@/components/use-server-action";
import { signOutEverywhereAction } from "../actions";

export function SignOutEverywhere() {
  const action = useServerAction(signOutEverywhereAction, {
    onSuccess: () => signOut({ callbackUrl: "/sign-in?ended=everywhere" }),
  });
  return (
    <div className="space-y-3">
      {action.formError && <Alert tone="danger">{action.formError}</Alert>}
      <Button variant="outline" onClick={() => action.execute({})} disabled={action.pending}>
        {action.pending ? "Signing out…" : "Sign out everywhere"}
      </Button>
    </div>
  );
}
