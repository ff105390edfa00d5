import type { IncomingMessage, ServerResponse } from "node:http";
import { escapeHtml, page } from "../core/html";
import { randomToken } from "../core/ids";
import type { Store } from "../core/store";
import { accountLinks } from "../resources/account-links";
import {
  applyOnboardingOutcome,
  ONBOARDING_OUTCOMES,
  type OnboardingOutcome,
} from "../resources/account-onboarding";
import { readBody, redirect, sendHtml } from "./respond";

// Stripe-hosted onboarding as the emulator shows it (`/setup/c/<account>/<token>`, the shape of the
// URLs in the API reference's Account Link example). The first visit uses the link up; later visits and
// expired links go to `refresh_url`. The form then posts with a session token of its own.

const SESSION_TTL_SECONDS = 3600;

const OUTCOME_BUTTONS: Record<OnboardingOutcome, { label: string; className: string; note: string }> = {
  complete: {
    label: "Submit and finish",
    className: "",
    note: "Everything is provided; Stripe verifies it (capabilities pending, then active).",
  },
  details_due: {
    label: "Save and finish later",
    className: "secondary",
    note: "Leaves the bank account and terms of service due; the account cannot take payments.",
  },
  past_due_later: {
    label: "Submit (Stripe will ask for an ID document later)",
    className: "secondary",
    note: "Verified and taking payments; 14 days later an ID document falls due, then past due.",
  },
  rejected: {
    label: "Submit details Stripe will reject",
    className: "danger",
    note: "Stripe rejects the account (disabled_reason rejected.other).",
  },
};

function notFound(res: ServerResponse) {
  sendHtml(res, 404, page("Link not valid", "<h1>This onboarding link is not valid</h1>"));
}

export async function handleOnboardingPage(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  store: Store,
): Promise<void> {
  const [, , , accountId = "", token = ""] = url.pathname.split("/");
  const link = accountLinks(store)[token];
  const record = store.state.accounts[accountId];
  if (!link || link.account !== accountId || !record) return notFound(res);
  const now = store.clock.now();

  if (req.method === "POST") {
    const form = new URLSearchParams(await readBody(req));
    const outcome = form.get("outcome") as OnboardingOutcome | null;
    const sessionOk =
      link.sessionToken !== null &&
      form.get("session") === link.sessionToken &&
      link.submittedAt === null &&
      link.visitedAt !== null &&
      now - link.visitedAt <= SESSION_TTL_SECONDS;
    if (!sessionOk) return redirect(res, link.refreshUrl);
    if (!outcome || !ONBOARDING_OUTCOMES.includes(outcome)) return notFound(res);
    link.submittedAt = now;
    const ctx = { store, account: accountId, request: null };
    const businessName = form.get("business_name")?.trim();
    if (businessName && record.object.business_profile) {
      record.object.business_profile.name = businessName.slice(0, 100);
    }
    applyOnboardingOutcome(ctx, outcome);
    return redirect(res, link.returnUrl);
  }

  // Single use and short-lived: the platform's refresh_url must make a fresh link.
  if (link.visitedAt !== null || now > link.expiresAt) return redirect(res, link.refreshUrl);
  link.visitedAt = now;
  link.sessionToken = randomToken(32);
  store.touch();

  const account = record.object;
  const due = account.requirements?.currently_due ?? [];
  const dueList = due.length
    ? `<ul>${due.map((f) => `<li><code>${escapeHtml(f)}</code></li>`).join("")}</ul>`
    : "<p class='muted'>Nothing is due.</p>";
  const buttons = ONBOARDING_OUTCOMES.map((outcome) => {
    const b = OUTCOME_BUTTONS[outcome];
    return `<p><button type="submit" name="outcome" value="${outcome}"${b.className ? ` class="${b.className}"` : ""}>${escapeHtml(b.label)}</button> <span class="muted">${escapeHtml(b.note)}</span></p>`;
  }).join("\n");
  sendHtml(
    res,
    200,
    page(
      "Stripe onboarding",
      `<h1>Set up payments for your business</h1>
<p class="muted">Stripe-hosted onboarding (emulator) for <code>${escapeHtml(account.id)}</code> · ${escapeHtml(account.country ?? "")} · ${escapeHtml(account.email ?? "")}</p>
<h2>Stripe still needs</h2>${dueList}
<form method="post">
<input type="hidden" name="session" value="${escapeHtml(link.sessionToken)}">
<label for="business_name">Business name</label>
<input id="business_name" name="business_name" value="${escapeHtml(account.business_profile?.name ?? "")}">
${buttons}
</form>`,
    ),
  );
}
