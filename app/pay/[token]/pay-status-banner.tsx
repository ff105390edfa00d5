import type { ReactNode } from "react";
import { Alert } from "@/components/ui/alert";
import { type FormatPreferences, formatMoney } from "@/lib/format";
import type { DisplayStatus } from "@/lib/invoices/status";

type Props = {
  status: DisplayStatus;
  /** Σ succeeded refunds in the invoice's currency: a refunded invoice tells the Customer how much came back. */
  refundedMinor: number;
  currency: string;
  format: FormatPreferences;
  children: ReactNode;
};

/**
 * What the Customer can do with the invoice: pay (children), or nothing because it is settled. A refunded
 * invoice says so rather than thanking them for a payment they got back, and offers no payment.
 */
export function PayStatusBanner({ status, refundedMinor, currency, format, children }: Props) {
  const refunded = formatMoney(refundedMinor, currency, format);
  switch (status) {
    case "paid":
      return <Alert tone="success">This invoice has been paid. Thank you.</Alert>;
    case "partially_refunded":
      return (
        <Alert tone="success" data-testid="pay-refund-notice">
          This invoice has been paid. {refunded} of it was refunded to you.
        </Alert>
      );
    case "refunded":
      return (
        <Alert tone="info" data-testid="pay-refund-notice">
          This invoice was refunded: {refunded} was returned to you. There is nothing to pay.
        </Alert>
      );
    case "open":
    case "partially_paid":
    case "overdue":
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
