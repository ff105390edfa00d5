import type { ReactNode } from "react";
import { Alert } from "@/components/ui/alert";
import type { DisplayStatus } from "@/lib/invoices/status";

/** What the Customer can do with the invoice: pay (children), or nothing because it is settled. */
export function PayStatusBanner({ status, children }: { status: DisplayStatus; children: ReactNode }) {
  switch (status) {
    case "paid":
    case "partially_refunded":
    case "refunded":
      return <Alert tone="success">This invoice has been paid. Thank you.</Alert>;
    case "open":
    case "partially_paid":
      return <div>{children}</div>;
    case "draft":
    case "void":
      return null;
    default: {
      const unreachable: never = status;
      return unreachable;
    }
  }
}
