import { EMULATOR_CONNECT_CLIENT_ID, EMULATOR_PUBLISHABLE_KEY } from "../constants";
import type { Params } from "../core/form";
import { randomToken } from "../core/ids";
import type { OpContext, Store } from "../core/store";
import { connectAccount, disconnectAccount } from "./connections";

/** OAuth errors have their own shape: `{error: "invalid_grant", error_description: "…"}`. */
export class OAuthError extends Error {
  constructor(
    readonly status: number,
    readonly error: string,
    readonly description: string,
  ) {
    super(description);
  }
}

function param(params: Params, name: string): string | undefined {
  const value = params[name];
  return typeof value === "string" && value !== "" ? value : undefined;
}

function issueTokens(store: Store, account: string, scope: string) {
  const accessToken = `sk_test_oauth_${randomToken(24)}`;
  const refreshToken = `rt_${randomToken(32)}`;
  store.state.oauthTokens[accessToken] = account;
  store.state.oauthTokens[refreshToken] = account;
  store.touch();
  return {
    access_token: accessToken,
    livemode: false,
    refresh_token: refreshToken,
    scope,
    stripe_publishable_key: EMULATOR_PUBLISHABLE_KEY,
    stripe_user_id: account,
    token_type: "bearer",
  };
}

function redeemCode(store: Store, code: string | undefined) {
  if (!code) throw new OAuthError(400, "invalid_request", "No authorization code provided");
  const record = store.state.oauthCodes[code];
  if (!record) throw new OAuthError(400, "invalid_grant", `Authorization code does not exist: ${code}`);
  if (record.usedAt !== null) {
    // Per Stripe's OAuth reference, consuming a code twice revokes the connection it made.
    disconnectAccount(store, record.account);
    throw new OAuthError(400, "invalid_grant", `Authorization code has already been used: ${code}`);
  }
  if (store.clock.nowMs() > record.expiresAt) {
    throw new OAuthError(400, "invalid_grant", `Authorization code expired: ${code}`);
  }
  record.usedAt = store.clock.nowMs();
  connectAccount(store, record.account);
  return issueTokens(store, record.account, record.scope);
}

/** `POST /oauth/token` (`stripe.oauth.token`). */
export function oauthToken(store: Store, params: Params): unknown {
  const grantType = param(params, "grant_type");
  if (!grantType) throw new OAuthError(400, "invalid_request", "No grant type specified");
  if (grantType === "authorization_code") return redeemCode(store, param(params, "code"));
  if (grantType === "refresh_token") {
    const token = param(params, "refresh_token") ?? "";
    const account = store.state.oauthTokens[token];
    if (!token.startsWith("rt_") || !account || !store.state.accounts[account]?.connected) {
      throw new OAuthError(400, "invalid_grant", `Invalid refresh token: ${token}`);
    }
    return issueTokens(store, account, param(params, "scope") ?? "read_write");
  }
  throw new OAuthError(400, "unsupported_grant_type", `Unsupported grant type: ${grantType}`);
}

/** `POST /oauth/deauthorize` (`stripe.oauth.deauthorize`). */
export function oauthDeauthorize(store: Store, params: Params, request: OpContext["request"]): unknown {
  const clientId = param(params, "client_id");
  const account = param(params, "stripe_user_id");
  if (!clientId || !account)
    throw new OAuthError(400, "invalid_request", "client_id and stripe_user_id are required");
  if (clientId !== EMULATOR_CONNECT_CLIENT_ID) {
    throw new OAuthError(401, "invalid_client", `No such application: '${clientId}'`);
  }
  if (store.state.accounts[account]?.platformCreated && store.state.accounts[account]?.connected) {
    // The OAuth reference: an account the platform controls cannot be deauthorized.
    throw new OAuthError(
      400,
      "invalid_request",
      `You cannot deauthorize ${account}: your platform created it and controls it (no_deauth_on_controlled_account).`,
    );
  }
  if (!disconnectAccount(store, account, request)) {
    throw new OAuthError(
      401,
      "invalid_client",
      `This application is not connected to stripe account ${account}, or that account does not exist.`,
    );
  }
  return { stripe_user_id: account };
}
