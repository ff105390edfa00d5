import type { Metadata, Viewport } from "next";
import type { ReactNode } from "react";
import { HydrationMarker } from "@/components/hydration-marker";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "SixthDesk", template: "%s · SixthDesk" },
  description: "Invoices your customers can pay by card, on your own Stripe account.",
};

export const viewport: Viewport = { width: "device-width", initialScale: 1 };

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-screen">
        <HydrationMarker />
        {children}
      </body>
    </html>
  );
}
