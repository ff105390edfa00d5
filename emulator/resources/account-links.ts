import type Stripe from "stripe";
import { EMULATOR_PLATFORM_ACCOUNT_ID } from "../constants";
import type { ApiRequest } from "../core/api";
import { invalidRequest, StripeApiError } from "../core/errors";
import { randomToken } from "../core/ids";
import { ParamReader } from "../core/params";
import type { AccountLinkRecord } from "../core/state";
import type { Store } from "../core/store";

// `POST /v1/account_links` (API reference "Account Links"): a single-use URL to Stripe-hosted
// onboarding that expires after 5 minutes (the reference's example: `expires_at` = `created` + 300).
// A visited or expired link sends the browser to `refresh_url`; leaving or finishing goes to `return_url`.

export const ACCOUNT_LINK_TTL_SECONDS = 300;
export const ONBOARDING_PATH = "/setup/c";

export function accountLinks(store: Store): Record<string, AccountLinkRecord> {
  store.state.accountLinks ??= {};
  return store.state.accountLinks;
}

function absoluteUrl(p: ParamReader, name: string): string {
  const value = p.requiredString(name);
  let ok = false;
  try {
    const url = new URL(value);
    ok = url.protocol === "http:" || url.protocol === "https:";
  } catch {
    ok = false;
  }
  if (!ok) throw invalidRequest("Not a valid URL", { param: name, code: "url_invalid" });
  return value;
}

/** Refuses what Stripe refuses: another account acting, unknown accounts, and the wrong link type. */
export function createAccountLinkRoute(req: ApiRequest): Stripe.AccountLink {
  const { store } = req.ctx;
  if (req.ctx.account !== EMULATOR_PLATFORM_ACCOUNT_ID) {
    throw new StripeApiError(403, {
      type: "invalid_request_error",
      message: "Only a platform can create Account Links: do not send a Stripe-Account header.",
    });
  }
  const p = new ParamReader(req.params, [
    "account",
    "type",
    "refresh_url",
    "return_url",
    "collect",
    "collection_options",
  ]);
  const accountId = p.requiredString("account");
  const type = p.requiredString("type");
  if (type !== "account_onboarding" && type !== "account_update") {
    throw invalidRequest(`Invalid type: must be one of account_onboarding or account_update`, {
      param: "type",
      code: "parameter_invalid_string",
    });
  }
  p.oneOf("collect", ["currently_due", "eventually_due"] as const);
  const options = p.object("collection_options");
  if (options) {
    const o = new ParamReader(options, ["fields", "future_requirements"]);
    o.oneOf("fields", ["currently_due", "eventually_due"] as const);
    o.oneOf("future_requirements", ["include", "omit"] as const);
  }
  if (p.has("collect") && options) {
    throw invalidRequest("You cannot specify both `collect` and `collection_options`.", { param: "collect" });
  }
  const record = store.state.accounts[accountId];
  if (!record || accountId === EMULATOR_PLATFORM_ACCOUNT_ID || !record.connected) {
    throw invalidRequest(`No such account: '${accountId}'`, { param: "account", code: "resource_missing" });
  }
  if (type === "account_update") {
    // Stripe keeps `account_update` for accounts whose requirements the platform collects.
    throw invalidRequest(
      "You cannot create `account_update` type Account Links for accounts that have access to a Stripe-hosted Dashboard.",
      { param: "type" },
    );
  }
  if (!record.platformCreated) {
    // An account that joined through OAuth belongs to its owner; Stripe onboards only accounts the
    // platform created.
    throw invalidRequest(
      `You cannot create Account Links for account '${accountId}': it was not created by your platform.`,
      { param: "account" },
    );
  }
  const refreshUrl = absoluteUrl(p, "refresh_url");
  const returnUrl = absoluteUrl(p, "return_url");
  const created = store.clock.now();
  const link: AccountLinkRecord = {
    token: randomToken(32),
    account: accountId,
    type: "account_onboarding",
    refreshUrl,
    returnUrl,
    expiresAt: created + ACCOUNT_LINK_TTL_SECONDS,
    visitedAt: null,
    sessionToken: null,
    submittedAt: null,
  };
  accountLinks(store)[link.token] = link;
  store.touch();
  return {
    object: "account_link",
    created,
    expires_at: link.expiresAt,
    url: `${store.publicUrl}${ONBOARDING_PATH}/${accountId}/${link.token}`,
  };
}
