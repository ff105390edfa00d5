// The pay page's one call to the server: POST /api/pay/[token]/intent. Before confirming, the page sends
// the figures it shows; the server recomputes the amount from the database and says whether they hold.

export type Figures = { amountMinor: number; currency: string; dueMinor: number };

export type PreparedIntent = Figures & { clientSecret: string; upToDate: boolean };

export type IntentAnswer =
  | { kind: "ready"; intent: PreparedIntent }
  /** The invoice was voided or paid meanwhile: nothing can be paid from this page any more. */
  | { kind: "closed"; message: string }
  | { kind: "error"; message: string };

type Body = Partial<PreparedIntent> & { error?: { message?: string; closed?: string } };

const FAILED = "The payment form could not be prepared. Please try again.";

export async function requestIntent(
  token: string,
  params: { amount?: string; expected?: Figures },
): Promise<IntentAnswer> {
  let response: Response;
  try {
    response = await fetch(`/api/pay/${token}/intent`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(params),
    });
  } catch {
    return { kind: "error", message: "The connection failed. Check it and try again." };
  }
  const body = (await response.json().catch(() => ({}))) as Body;
  if (!response.ok) {
    const message = body.error?.message ?? FAILED;
    return body.error?.closed ? { kind: "closed", message } : { kind: "error", message };
  }
  const { clientSecret, amountMinor, currency, dueMinor, upToDate } = body;
  if (!clientSecret || amountMinor === undefined || !currency || dueMinor === undefined) {
    return { kind: "error", message: FAILED };
  }
  return {
    kind: "ready",
    intent: { clientSecret, amountMinor, currency, dueMinor, upToDate: upToDate !== false },
  };
}
