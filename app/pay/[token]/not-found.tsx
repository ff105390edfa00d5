import type { Metadata } from "next";
import { PayLinkProblem } from "./_components/pay-link-problem";

export const metadata: Metadata = {
  title: "Payment link not valid",
  robots: { index: false, follow: false },
};

/**
 * A pay link we do not know (mistyped, cut short, or not one of ours). We cannot say whose it was, so the
 * Customer is told what to check and to ask whoever sent it; nothing about any invoice is revealed.
 */
export default function PayLinkNotFound() {
  return (
    <PayLinkProblem title="This payment link does not work">
      <p>
        The link may be incomplete (links in emails sometimes break across two lines) or mistyped. No payment
        has been taken.
      </p>
      <h2 className="font-semibold text-slate-900">What you can do</h2>
      <ul className="list-disc space-y-1 pl-5">
        <li>Open the link again from the latest email about this invoice, or copy the whole address.</li>
        <li>If it still does not work, ask the business that sent you the invoice for a new link.</li>
      </ul>
    </PayLinkProblem>
  );
}
