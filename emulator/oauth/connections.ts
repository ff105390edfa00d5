import type Stripe from "stripe";
import { EMULATOR_CONNECT_CLIENT_ID } from "../constants";
import { newId } from "../core/ids";
import type { OAuthCodeRecord } from "../core/state";
import type { OpContext, Store } from "../core/store";
import { createAccount, type NewAccount } from "../resources/accounts";

export const APPLICATION: Stripe.Application = {
  id: EMULATOR_CONNECT_CLIENT_ID,
  object: "application",
  name: "SixthDesk (emulator)",
};

const CODE_TTL_MS = 5 * 60 * 1000;

function accountContext(store: Store, account: string, request: OpContext["request"] = null): OpContext {
  return { store, account, request };
}

/** The platform gains access to the account (after a successful code exchange). */
export function connectAccount(store: Store, accountId: string): void {
  const record = store.state.accounts[accountId];
  if (!record || record.connected) return;
  record.connected = true;
  store.touch();
  store.emit(accountContext(store, accountId), "account.application.authorized", APPLICATION);
}

/** The connection ends (platform's `oauth.deauthorize`, the user in their dashboard, or a reused code). */
export function disconnectAccount(
  store: Store,
  accountId: string,
  request: OpContext["request"] = null,
): boolean {
  const record = store.state.accounts[accountId];
  if (!record?.connected) return false;
  record.connected = false;
  for (const [token, account] of Object.entries(store.state.oauthTokens)) {
    if (account === accountId) delete store.state.oauthTokens[token];
  }
  store.touch();
  store.emit(accountContext(store, accountId, request), "account.application.deauthorized", APPLICATION);
  return true;
}

export type AuthorizeChoice =
  | { kind: "existing"; account: string }
  | { kind: "create"; account: Omit<NewAccount, "id" | "demo" | "connected"> };

/** The user's "yes" on the consent page: an authorization code for the chosen or new account. */
export function issueCode(
  store: Store,
  choice: AuthorizeChoice,
  redirectUri: string,
  scope: string,
): OAuthCodeRecord {
  const account =
    choice.kind === "existing" ? choice.account : createAccount(store, choice.account).object.id;
  const record: OAuthCodeRecord = {
    code: newId("ac", 24),
    account,
    scope,
    redirectUri,
    expiresAt: store.clock.nowMs() + CODE_TTL_MS,
    usedAt: null,
  };
  store.state.oauthCodes[record.code] = record;
  store.touch();
  return record;
}
