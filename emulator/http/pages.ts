import type { IncomingMessage, ServerResponse } from "node:http";
import {
  CONTROL_PREFIX,
  EMULATOR_CONNECT_CLIENT_ID,
  EMULATOR_PUBLISHABLE_KEY,
  EMULATOR_SECRET_KEY,
  EMULATOR_WEBHOOK_SECRET,
  STRIPE_JS_PATH,
} from "../constants";
import { escapeHtml, page } from "../core/html";
import type { Store } from "../core/store";
import { formatMinor } from "../resources/money";
import { authenticatePaymentIntent } from "../resources/payment-intent-confirm";
import { readBody, redirect, sendHtml } from "./respond";

/** Where Stripe sends the browser back after a redirect-based step, with Stripe's query parameters. */
export function returnUrlFor(
  returnUrl: string,
  pi: { id: string; client_secret: string | null; status: string },
) {
  const url = new URL(returnUrl);
  const status =
    pi.status === "succeeded" ? "succeeded" : pi.status === "processing" ? "processing" : "failed";
  url.searchParams.set("payment_intent", pi.id);
  url.searchParams.set("payment_intent_client_secret", pi.client_secret ?? "");
  url.searchParams.set("redirect_status", status);
  return url.toString();
}

function findIntent(store: Store, id: string, account: string, secret: string) {
  const pi = store.get("payment_intents", account, id);
  return pi && pi.client_secret === secret ? pi : undefined;
}

/** The 3-D Secure challenge as a page, for `next_action.redirect_to_url` (server-side confirms). */
export async function handleThreeDSecure(req: IncomingMessage, res: ServerResponse, url: URL, store: Store) {
  const id = url.pathname.split("/")[2] ?? "";
  const form = req.method === "POST" ? new URLSearchParams(await readBody(req)) : url.searchParams;
  const account = form.get("account") ?? "";
  const secret = form.get("client_secret") ?? "";
  const pi = findIntent(store, id, account, secret);
  if (!pi) return sendHtml(res, 404, page("Not found", "<h1>No such payment</h1>"));
  const returnUrl = store.state.paymentIntentInternals[pi.id]?.returnUrl ?? null;
  if (req.method === "POST" && pi.status === "requires_action") {
    authenticatePaymentIntent({ store, account, request: null }, pi, form.get("result") === "complete");
    if (returnUrl) return redirect(res, returnUrlFor(returnUrl, pi));
    return sendHtml(
      res,
      200,
      page("Authentication done", `<h1>Authentication done</h1><p>Status: ${pi.status}</p>`),
    );
  }
  if (pi.status !== "requires_action") {
    const back = returnUrl
      ? `<p><a href="${escapeHtml(returnUrlFor(returnUrl, pi))}">Return to the merchant</a></p>`
      : "";
    return sendHtml(
      res,
      200,
      page("Nothing to authenticate", `<h1>Nothing to authenticate</h1><p>Status: ${pi.status}</p>${back}`),
    );
  }
  const hidden = `<input type="hidden" name="account" value="${escapeHtml(account)}"><input type="hidden" name="client_secret" value="${escapeHtml(secret)}">`;
  sendHtml(
    res,
    200,
    page(
      "3D Secure authentication",
      `<h1>3D Secure authentication</h1>
<p>Test payment of ${escapeHtml(formatMinor(pi.amount, pi.currency))}. Choose how the card holder's bank answers.</p>
<form method="post">${hidden}
<button type="submit" name="result" value="complete">Complete authentication</button>
<button type="submit" class="danger" name="result" value="fail">Fail authentication</button></form>`,
    ),
  );
}

export function handleReceipt(res: ServerResponse, url: URL, store: Store): void {
  const [, , account = "", chargeId = ""] = url.pathname.split("/");
  const charge = store.get("charges", account, chargeId);
  if (!charge) {
    sendHtml(res, 404, page("Not found", "<h1>No such receipt</h1>"));
    return;
  }
  const refunded = charge.amount_refunded
    ? `<p>Refunded: ${escapeHtml(formatMinor(charge.amount_refunded, charge.currency))}</p>`
    : "";
  sendHtml(
    res,
    200,
    page(
      "Receipt",
      `<h1>Receipt</h1><p>Amount paid: ${escapeHtml(formatMinor(charge.amount, charge.currency))}</p>${refunded}
<p class="muted">${escapeHtml(charge.id)} · ${escapeHtml(charge.payment_method_details?.card?.brand ?? "card")} ending ${escapeHtml(charge.payment_method_details?.card?.last4 ?? "")}</p>`,
    ),
  );
}

export function handleHome(res: ServerResponse, store: Store): void {
  const rows: [string, string][] = [
    ["API base (SDK host/port/protocol)", store.publicUrl],
    ["Secret key (any sk_test_… works)", EMULATOR_SECRET_KEY],
    ["Publishable key", EMULATOR_PUBLISHABLE_KEY],
    ["Connect client id", EMULATOR_CONNECT_CLIENT_ID],
    ["Default webhook signing secret", EMULATOR_WEBHOOK_SECRET],
    ["Stand-in Stripe.js", `${store.publicUrl}${STRIPE_JS_PATH}`],
    ["Control API", `${store.publicUrl}${CONTROL_PREFIX}/…`],
  ];
  const table = rows
    .map(([k, v]) => `<li><strong>${escapeHtml(k)}</strong>: <code>${escapeHtml(v)}</code></li>`)
    .join("");
  const links = ["accounts", "payments", "deliveries", "webhook_endpoints", "jobs", "clock"]
    .map((p) => `<li><a href="${CONTROL_PREFIX}/${p}">${CONTROL_PREFIX}/${p}</a></li>`)
    .join("");
  const consoleHtml = `<h2>Console</h2><p id="console-status" role="status" class="muted"></p><div id="console"></div>
<script src="/console.js"></script>`;
  sendHtml(
    res,
    200,
    page(
      "Stripe emulator",
      `<h1>Stripe emulator</h1><ul>${table}</ul>${consoleHtml}<h2>JSON</h2><ul>${links}</ul>`,
      {
        wide: true,
      },
    ),
  );
}
