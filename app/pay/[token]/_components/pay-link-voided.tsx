import { PayLinkProblem } from "./pay-link-problem";

type Props = { number: string; sellerName: string; contactEmail: string | null };

/** A pay link whose invoice the seller voided: it no longer takes payment; the seller is who to ask. */
export function PayLinkVoided({ number, sellerName, contactEmail }: Props) {
  return (
    <PayLinkProblem title="This payment link is no longer valid">
      <p>
        {sellerName} cancelled invoice {number}, so there is nothing to pay through this link. No payment has
        been taken.
      </p>
      <h2 className="font-semibold text-slate-900">What you can do</h2>
      <p data-testid="pay-link-contact">
        If you expected to pay, or were sent a new invoice, contact {sellerName}
        {contactEmail ? (
          <>
            {" "}
            at{" "}
            <a href={`mailto:${contactEmail}`} className="font-medium text-indigo-700 underline">
              {contactEmail}
            </a>
          </>
        ) : null}
        .
      </p>
    </PayLinkProblem>
  );
}
