import Link from "next/link";
import { redirect } from "next/navigation";
import { buttonClasses } from "@/components/ui/button";
import { getCurrentUser } from "@/lib/auth/session";

export const dynamic = "force-dynamic";

export default async function HomePage() {
  if (await getCurrentUser()) redirect("/dashboard");
  return (
    <main className="mx-auto flex min-h-screen max-w-2xl flex-col justify-center gap-6 px-4">
      <h1 className="text-4xl font-semibold tracking-tight">SixthDesk</h1>
      <p className="text-lg text-slate-600">
        Send invoices with a pay link. Your customers pay by card, straight into your own Stripe account.
      </p>
      <div className="flex gap-3">
        <Link href="/sign-up" className={buttonClasses("primary", "md")}>
          Create an account
        </Link>
        <Link href="/sign-in" className={buttonClasses("outline", "md")}>
          Sign in
        </Link>
      </div>
    </main>
  );
}
