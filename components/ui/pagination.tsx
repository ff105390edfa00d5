import Link from "next/link";
import type { ReactNode } from "react";
import { buttonClasses } from "./button";
import { cn } from "./cn";

export type PaginationProps = {
  /** null or undefined on the first page. */
  prevHref?: string | null;
  /** null or undefined on the last page. */
  nextHref?: string | null;
  /** e.g. "Page 2 of 7". */
  summary?: ReactNode;
  /** Names the landmark; set it when a page has more than one list. */
  label?: string;
  className?: string;
};

function PageLink({
  href,
  rel,
  children,
}: {
  href?: string | null;
  rel: "prev" | "next";
  children: ReactNode;
}) {
  // No page there: plain text, not a link with a dead href, so screen readers don't offer it.
  // (aria-disabled is not allowed on a generic span.) Dimmed by a lighter colour and a dashed border,
  // not by opacity, so the text keeps a readable contrast (4.7:1).
  if (!href) {
    return (
      <span
        data-disabled=""
        className="inline-flex min-h-10 cursor-default items-center justify-center gap-2 rounded-md border border-dashed border-slate-300 bg-white px-3 text-sm font-medium whitespace-nowrap text-slate-500 select-none"
      >
        {children}
      </span>
    );
  }
  return (
    <Link href={href} rel={rel} className={buttonClasses("outline", "sm")}>
      {children}
    </Link>
  );
}

export function Pagination({
  prevHref,
  nextHref,
  summary,
  label = "Pagination",
  className,
}: PaginationProps) {
  return (
    <nav aria-label={label} className={cn("flex items-center justify-between gap-3", className)}>
      <PageLink href={prevHref} rel="prev">
        <span aria-hidden="true">←</span> Previous
      </PageLink>
      {summary && <p className="text-sm text-slate-600">{summary}</p>}
      <PageLink href={nextHref} rel="next">
        Next <span aria-hidden="true">→</span>
      </PageLink>
    </nav>
  );
}
