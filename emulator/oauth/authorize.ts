import { EMULATOR_CONNECT_CLIENT_ID, EMULATOR_PLATFORM_ACCOUNT_ID } from "../constants";
import { escapeHtml, page } from "../core/html";
import type { Store } from "../core/store";
import { SUPPORTED_COUNTRIES } from "../resources/accounts";
import { APPLICATION, type AuthorizeChoice, issueCode } from "./connections";
import { OAuthError } from "./token";

export type AuthorizeParams = {
  clientId: string;
  scope: string;
  redirectUri: string;
  state: string | null;
  prefill: { businessName: string; country: string; email: string };
};

/** Validates `/oauth/authorize` parameters; errors are answered as JSON, never redirected (Stripe's rule). */
export function parseAuthorizeParams(query: URLSearchParams): AuthorizeParams {
  const state = query.get("state");
  const fail = (error: string, description: string) => new OAuthError(400, error, description);
  if (query.get("response_type") !== "code") {
    throw fail("unsupported_response_type", "The only supported response_type is `code`.");
  }
  const clientId = query.get("client_id") ?? "";
  if (clientId !== EMULATOR_CONNECT_CLIENT_ID) {
    throw fail("invalid_request", `No application matches the supplied client identifier: '${clientId}'.`);
  }
  const scope = query.get("scope") ?? "read_write";
  if (scope !== "read_write" && scope !== "read_only") throw fail("invalid_scope", `Invalid scope: ${scope}`);
  const redirectUri = query.get("redirect_uri") ?? "";
  if (!/^https?:\/\/[^\s]+$/.test(redirectUri)) {
    throw fail("invalid_redirect_uri", "The emulator needs an absolute http(s) redirect_uri.");
  }
  return {
    clientId,
    scope,
    redirectUri,
    state,
    prefill: {
      businessName: query.get("stripe_user[business_name]") ?? "",
      country: (query.get("stripe_user[country]") ?? "GB").toUpperCase(),
      email: query.get("stripe_user[email]") ?? "",
    },
  };
}

function hiddenFields(params: AuthorizeParams): string {
  const fields: Record<string, string> = {
    response_type: "code",
    client_id: params.clientId,
    scope: params.scope,
    redirect_uri: params.redirectUri,
    ...(params.state !== null ? { state: params.state } : {}),
  };
  return Object.entries(fields)
    .map(([name, value]) => `<input type="hidden" name="${name}" value="${escapeHtml(value)}">`)
    .join("");
}

export function renderConsentPage(store: Store, params: AuthorizeParams): string {
  const hidden = hiddenFields(params);
  const accounts = Object.values(store.state.accounts)
    .filter((r) => r.object.id !== EMULATOR_PLATFORM_ACCOUNT_ID)
    .sort((a, b) => Number(b.demo) - Number(a.demo));
  const accountItems = accounts
    .map(({ object: a }) => {
      const name = a.business_profile?.name ?? a.id;
      const note = `${a.country} · ${a.default_currency?.toUpperCase()} · ${a.charges_enabled ? "can take charges" : "cannot take charges yet"}`;
      return `<li><form method="post" action="/oauth/authorize">${hidden}
<input type="hidden" name="decision" value="existing"><input type="hidden" name="account" value="${escapeHtml(a.id)}">
<button type="submit">Connect ${escapeHtml(name)}</button> <span class="muted">${escapeHtml(`${a.id} · ${note}`)}</span></form></li>`;
    })
    .join("\n");
  const countries = SUPPORTED_COUNTRIES.map(
    (c) => `<option value="${c}"${c === params.prefill.country ? " selected" : ""}>${c}</option>`,
  ).join("");
  const newAccountFields = `
<label for="business_name">Business name</label>
<input id="business_name" name="business_name" value="${escapeHtml(params.prefill.businessName)}" placeholder="New Demo Business">
<label for="country">Country</label><select id="country" name="country">${countries}</select>
<input type="hidden" name="email" value="${escapeHtml(params.prefill.email)}">`;
  return page(
    `Connect to ${APPLICATION.name}`,
    `<h1>${escapeHtml(APPLICATION.name ?? "")} would like to connect to your Stripe account</h1>
<p class="muted">It will be able to create payments and refunds on your account (scope <code>${escapeHtml(params.scope)}</code>).</p>
<h2>Use an existing account</h2>
<ul>${accountItems}</ul>
<h2>Or create one</h2>
<form method="post" action="/oauth/authorize">${hidden}${newAccountFields}
<button type="submit" name="decision" value="create">Create a new account</button>
<button type="submit" class="secondary" name="decision" value="create_restricted">Create an account that cannot take charges yet</button>
</form>
<h2>Not now</h2>
<form method="post" action="/oauth/authorize">${hidden}<button type="submit" class="danger" name="decision" value="deny">Deny</button></form>`,
  );
}

function withQuery(uri: string, values: Record<string, string | null>): string {
  const url = new URL(uri);
  for (const [k, v] of Object.entries(values)) if (v !== null) url.searchParams.set(k, v);
  return url.toString();
}

/** The consent form's answer: where to send the browser (`redirect_uri` with `code` or `error`). */
export function decideAuthorization(store: Store, form: URLSearchParams): string {
  const params = parseAuthorizeParams(form);
  const decision = form.get("decision");
  if (decision === "deny") {
    return withQuery(params.redirectUri, {
      error: "access_denied",
      error_description: "The user denied your request",
      state: params.state,
    });
  }
  let choice: AuthorizeChoice;
  if (decision === "existing") {
    const account = form.get("account") ?? "";
    if (!store.state.accounts[account] || account === EMULATOR_PLATFORM_ACCOUNT_ID) {
      throw new OAuthError(400, "invalid_request", `No such account: '${account}'`);
    }
    choice = { kind: "existing", account };
  } else if (decision === "create" || decision === "create_restricted") {
    const country = (form.get("country") ?? "GB").toUpperCase();
    choice = {
      kind: "create",
      account: {
        name: form.get("business_name")?.trim() || "New Demo Business",
        country: SUPPORTED_COUNTRIES.includes(country) ? country : "GB",
        email: form.get("email") || null,
        chargesEnabled: decision === "create",
      },
    };
  } else {
    throw new OAuthError(400, "invalid_request", "Unknown decision");
  }
  const code = issueCode(store, choice, params.redirectUri, params.scope);
  return withQuery(params.redirectUri, { code: code.code, scope: params.scope, state: params.state });
}
