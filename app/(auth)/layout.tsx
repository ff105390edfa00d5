import Link from "next/link";
import type { ReactNode } from "react";

export default function AuthLayout({ children }: { children: ReactNode }) {
  return (
    <div className="flex min-h-screen flex-col items-center justify-center px-4 py-12">
      <header className="mb-8">
        <Link href="/" className="text-xl font-semibold tracking-tight text-slate-900">
          SixthDesk
        </Link>
      </header>
      <main className="w-full max-w-md">{children}</main>
    </div>
  );
}
