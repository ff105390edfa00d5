import type { AccountView, DeliveryView, JobView, PaymentView, WebhookEndpointView } from "../control-types";
import { button, h, money, table } from "./dom";

/** The dev console: what the emulator holds, and the things only Stripe or the account owner could do. */

async function control<T>(method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(`/_emulator${path}`, {
    method,
    headers: body ? { "Content-Type": "application/json" } : {},
    body: body ? JSON.stringify(body) : undefined,
  });
  const json = (await response.json()) as T & { error?: { message?: string } };
  if (!response.ok) throw new Error(json.error?.message ?? `HTTP ${response.status}`);
  return json;
}

function accountsSection(accounts: AccountView[]): HTMLElement {
  const rows = accounts.map((a) => [
    h("code", {}, a.id),
    a.name,
    `${a.country ?? ""} · ${(a.default_currency ?? "").toUpperCase()}`,
    a.connected ? "connected" : "not connected",
    a.charges_enabled ? "can charge" : "cannot charge",
    h(
      "span",
      {},
      a.connected
        ? button("Disconnect (user side)", "deauthorize", { id: a.id })
        : button("Connect", "connect", { id: a.id }),
      a.charges_enabled
        ? button("Disable charges", "disable_charges", { id: a.id })
        : button("Enable charges", "enable_charges", { id: a.id }),
      // Stripe asks a live account for more (onboarding section of the README): due in 14 days.
      a.connected ? button("Ask for an ID document", "require", { id: a.id }) : null,
    ),
  ]);
  return h(
    "section",
    {},
    h("h2", {}, "Accounts"),
    table(["id", "name", "country", "platform", "charges", ""], rows),
  );
}

function paymentsSection(payments: PaymentView[]): HTMLElement {
  const rows = payments.map((p) => {
    const refunds = p.refunds.map((r) =>
      h(
        "div",
        {},
        `${money(r.amount, p.currency)} ${r.status}`,
        r.status === "pending" ? button("Cancel", "cancel_refund", { id: r.id }) : null,
      ),
    );
    const disputes = p.disputes.map((d) =>
      h(
        "div",
        {},
        `${d.reason} · ${d.status}`,
        d.status.includes("needs_response")
          ? button("Won", "close_dispute", { id: d.id, status: "won" })
          : null,
        d.status.includes("needs_response")
          ? button("Lost", "close_dispute", { id: d.id, status: "lost" })
          : null,
      ),
    );
    const refundable = p.charge && p.charge.status === "succeeded" && !p.charge.refunded;
    return [
      h("code", {}, p.id),
      h("code", {}, p.account),
      money(p.amount, p.currency),
      p.status,
      h("span", {}, ...refunds),
      h("span", {}, ...disputes),
      refundable
        ? button("Refund from dashboard", "dashboard_refund", { id: p.id, account: p.account })
        : null,
    ];
  });
  return h(
    "section",
    {},
    h("h2", {}, "Payments"),
    table(["PaymentIntent", "account", "amount", "status", "refunds", "disputes", ""], rows),
  );
}

function webhooksSection(endpoints: WebhookEndpointView[], deliveries: DeliveryView[]): HTMLElement {
  const endpointRows = endpoints.map((e) => [
    e.url,
    e.scope,
    h("code", {}, e.secret),
    h(
      "span",
      {},
      ...(["deliver", "paused", "drop"] as const).map((mode) =>
        mode === e.mode ? h("strong", {}, ` ${mode} `) : button(mode, "set_mode", { id: e.id, mode }),
      ),
    ),
  ]);
  const deliveryRows = deliveries
    .slice(-50)
    .reverse()
    .map((d) => [
      d.event_type,
      d.account ?? "platform",
      d.status,
      d.attempts.map((a) => a.status_code ?? a.error ?? "?").join(" → "),
      button("Redeliver", "redeliver", { id: d.id }),
    ]);
  return h(
    "section",
    {},
    h("h2", {}, "Webhooks"),
    table(["url", "scope", "secret", "mode"], endpointRows),
    h("h3", {}, "Recent deliveries"),
    table(["event", "account", "status", "attempts", ""], deliveryRows),
  );
}

function clockSection(jobs: JobView[]): HTMLElement {
  const items = jobs.map((j) =>
    h("li", {}, `${j.kind} ${j.target} at ${new Date(j.due_at * 1000).toLocaleTimeString()}`),
  );
  return h(
    "section",
    {},
    h("h2", {}, "Scheduled"),
    h("ul", {}, ...items),
    button("Settle now", "settle"),
    button("Advance 1 hour", "advance"),
    button("Reset everything", "reset"),
  );
}

async function render(root: HTMLElement): Promise<void> {
  const [accounts, payments, jobs, endpoints, deliveries] = await Promise.all([
    control<AccountView[]>("GET", "/accounts"),
    control<PaymentView[]>("GET", "/payments"),
    control<JobView[]>("GET", "/jobs"),
    control<WebhookEndpointView[]>("GET", "/webhook_endpoints"),
    control<DeliveryView[]>("GET", "/deliveries"),
  ]);
  root.replaceChildren(
    accountsSection(accounts),
    paymentsSection(payments),
    clockSection(jobs),
    webhooksSection(endpoints, deliveries),
  );
}

function act(action: string, data: DOMStringMap): Promise<unknown> | null {
  const id = data.id ?? "";
  switch (action) {
    case "connect":
    case "deauthorize":
    case "disable_charges":
    case "enable_charges":
      return control("POST", `/accounts/${id}/${action}`);
    case "require":
      return control("POST", `/accounts/${id}/require`, {});
    case "dashboard_refund": {
      const amount = window.prompt("Amount to refund, in minor units (empty = all that is left)");
      if (amount === null) return null;
      return control("POST", `/accounts/${data.account}/dashboard_refund`, {
        payment_intent: id,
        ...(amount.trim() ? { amount: Number(amount) } : {}),
      });
    }
    case "cancel_refund":
      return control("POST", `/refunds/${id}/cancel`);
    case "close_dispute":
      return control("POST", `/disputes/${id}/close`, { status: data.status });
    case "set_mode":
      return control("POST", `/webhook_endpoints/${id}`, { mode: data.mode });
    case "redeliver":
      return control("POST", `/deliveries/${id}/redeliver`);
    case "settle":
      return control("POST", "/settle");
    case "advance":
      return control("POST", "/advance", { seconds: 3600 });
    case "reset":
      return window.confirm("Reset the emulator (accounts, payments, webhooks)?")
        ? control("POST", "/reset")
        : null;
    default:
      return null;
  }
}

const root = document.getElementById("console");
const say = (message: string) => {
  const status = document.getElementById("console-status");
  if (status) status.textContent = message;
};
if (root) {
  const refresh = () => render(root).catch((e: unknown) => say(String(e)));
  root.addEventListener("click", (event) => {
    const target = (event.target as HTMLElement).closest<HTMLElement>("[data-action]");
    const action = target?.dataset.action ?? "";
    const done = target ? act(action, target.dataset) : null;
    done
      ?.then(() => say(`${action}: done`))
      .catch((e: unknown) => say(`${action}: ${String(e)}`))
      .finally(refresh);
  });
  void refresh();
  setInterval(refresh, 3000);
}
