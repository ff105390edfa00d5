import type { Metadata, Viewport } from "next";
import { connection } from "next/server";
import type { ReactNode } from "react";
import { HydrationMarker } from "@/components/hydration-marker";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "SixthDesk", template: "%s · SixthDesk" },
  description: "Invoices your customers can pay by card, on your own Stripe account.",
};

export const viewport: Viewport = { width: "device-width", initialScale: 1 };

// Every page renders per request: its scripts carry the request's CSP nonce (proxy.ts), which a page
// prerendered at build time could not have.
export default async function RootLayout({ children }: { children: ReactNode }) {
  await connection();
  return (
    <html lang="en">
      <body className="min-h-screen">
        <HydrationMarker />
        {children}
      </body>
    </html>
  );
}
