import type { ReactNode } from "react";

/** The frame of a pay link that cannot take payment: what happened, then what the Customer can do. */
export function PayLinkProblem({ title, children }: { title: string; children: ReactNode }) {
  return (
    <div className="min-h-screen bg-slate-100 px-4 py-8 sm:py-12">
      <main
        className="mx-auto max-w-xl space-y-4 rounded-xl bg-white p-6 text-slate-700 shadow-sm ring-1 ring-slate-200"
        data-testid="pay-link-problem"
      >
        <h1 className="text-xl font-semibold text-slate-900">{title}</h1>
        {children}
      </main>
    </div>
  );
}
