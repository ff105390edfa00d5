"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useEffect, useState } from "react";
import { cn } from "@/components/ui/cn";

const LINKS = [
  { href: "/dashboard", label: "Overview" },
  { href: "/invoices", label: "Invoices" },
  { href: "/customers", label: "Customers" },
  { href: "/payments", label: "Payments" },
  { href: "/settings/business", label: "Business" },
  { href: "/recurring", label: "Recurring" },
  { href: "/settings/reminders", label: "Reminders" },
  { href: "/settings/payments", label: "Settings" },
] as const;

/**
 * The main navigation: a row of links from the md breakpoint up; below it a "Menu" button that opens them
 * as a column, so a phone never scrolls sideways to reach a link. It closes again after each navigation.
 */
export function NavLinks() {
  const pathname = usePathname();
  const [open, setOpen] = useState(false);
  // biome-ignore lint/correctness/useExhaustiveDependencies: close whenever the page changes.
  useEffect(() => setOpen(false), [pathname]);
  return (
    <nav aria-label="Main" className="order-last w-full text-sm md:order-none md:w-auto">
      <button
        type="button"
        className="rounded-md border border-slate-300 px-3 py-1.5 font-medium text-slate-700 md:hidden"
        aria-expanded={open}
        aria-controls="main-nav-links"
        onClick={() => setOpen((v) => !v)}
      >
        Menu
      </button>
      <ul
        id="main-nav-links"
        className={cn("mt-2 flex-col gap-1 md:mt-0 md:flex md:flex-row", open ? "flex" : "hidden")}
      >
        {LINKS.map((link) => {
          const active = pathname === link.href || pathname.startsWith(`${link.href}/`);
          return (
            <li key={link.href}>
              <Link
                href={link.href}
                aria-current={active ? "page" : undefined}
                className={cn(
                  "block rounded-md px-3 py-2 font-medium focus-visible:outline-2 focus-visible:outline-indigo-600",
                  active ? "bg-slate-100 text-slate-900" : "text-slate-600 hover:text-slate-900",
                )}
              >
                {link.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
