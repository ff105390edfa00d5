import Link from "next/link";
import type { ReactNode } from "react";
import { EmulatorBadge } from "@/components/emulator-badge";
import { requireUser } from "@/lib/auth/session";
import { NavLinks } from "./_components/nav-links";
import { SignOutButton } from "./_components/sign-out-button";
import { StripeAccountBanner } from "./_components/stripe-account-banner";
import { VerifyEmailBanner } from "./_components/verify-email-banner";

export const dynamic = "force-dynamic";

export default async function DashboardLayout({ children }: { children: ReactNode }) {
  const user = await requireUser();
  return (
    <div className="min-h-screen">
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3">
          <Link href="/dashboard" className="text-lg font-semibold tracking-tight">
            SixthDesk
          </Link>
          <NavLinks />
          <div className="ml-auto flex items-center gap-3 text-sm">
            <EmulatorBadge />
            <span className="hidden text-slate-600 sm:inline" data-testid="business-name">
              {user.businessName}
            </span>
            <Link href="/settings/security" className="text-slate-600 hover:text-slate-900">
              Security
            </Link>
            <SignOutButton />
          </div>
        </div>
      </header>
      <main className="mx-auto max-w-6xl px-4 py-8">
        {!user.emailVerifiedAt && (
          <div className="mb-6">
            <VerifyEmailBanner email={user.email} />
          </div>
        )}
        <StripeAccountBanner user={user} />
        {children}
      </main>
    </div>
  );
}
