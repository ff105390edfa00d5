import { DEMO_ACCOUNT_GB } from "../constants";
import { invalidRequest } from "../core/errors";
import type { Emulator } from "../emulator";
import { connectAccount, disconnectAccount, issueCode } from "../oauth/connections";
import { createAccount, SUPPORTED_COUNTRIES, setChargesEnabled } from "../resources/accounts";
import { authenticatePaymentIntent } from "../resources/payment-intent-confirm";
import { createRefund, REFUND_REASONS } from "../resources/refunds";
import {
  accountView,
  type Body,
  ControlError,
  type ControlHandler,
  optionalBoolean,
  optionalNumber,
  optionalObject,
  optionalString,
  ownerOf,
  requireAccount,
} from "./helpers";

function newAccountInput(body: Body) {
  const country = (optionalString(body, "country") ?? "GB").toUpperCase();
  if (!SUPPORTED_COUNTRIES.includes(country)) {
    throw new ControlError(400, `country must be one of ${SUPPORTED_COUNTRIES.join(", ")}`);
  }
  return {
    name: optionalString(body, "name") ?? "Test Business",
    country,
    email: optionalString(body, "email") ?? null,
    chargesEnabled: optionalBoolean(body, "charges_enabled") ?? true,
  };
}

function accountIn(emulator: Emulator, id: string | undefined) {
  return requireAccount(emulator, id ?? "");
}

export const listAccounts: ControlHandler = (emulator) =>
  Object.values(emulator.store.state.accounts).map(accountView);

export const createAccountRoute: ControlHandler = (emulator, { body }) => {
  const record = createAccount(emulator.store, newAccountInput(body));
  if (optionalBoolean(body, "connected")) connectAccount(emulator.store, record.object.id);
  return accountView(record);
};

/** Connects an account without the browser (tests that are not about onboarding). */
export const connectRoute: ControlHandler = (emulator, { path }) => {
  const record = accountIn(emulator, path.id);
  connectAccount(emulator.store, record.object.id);
  return accountView(record);
};

/** The user disconnects the platform from their own Stripe dashboard. */
export const deauthorizeRoute: ControlHandler = (emulator, { path }) => {
  const record = accountIn(emulator, path.id);
  if (!disconnectAccount(emulator.store, record.object.id)) {
    throw new ControlError(409, `Account ${record.object.id} is not connected to the platform.`);
  }
  return accountView(record);
};

export const chargesRoute =
  (enabled: boolean): ControlHandler =>
  (emulator, { path }) => {
    const record = accountIn(emulator, path.id);
    setChargesEnabled(emulator.context(record.object.id), enabled);
    return accountView(record);
  };

/** A refund made by the account owner in the Stripe dashboard (the app did not ask for it). */
export const dashboardRefundRoute: ControlHandler = (emulator, { path, body }) => {
  const record = accountIn(emulator, path.id);
  const reason = optionalString(body, "reason");
  if (reason !== undefined && !(REFUND_REASONS as readonly string[]).includes(reason)) {
    throw invalidRequest(`reason must be one of ${REFUND_REASONS.join(", ")}`, { param: "reason" });
  }
  return createRefund(emulator.context(record.object.id), {
    paymentIntent: optionalString(body, "payment_intent"),
    charge: optionalString(body, "charge"),
    amount: optionalNumber(body, "amount"),
    reason: reason as (typeof REFUND_REASONS)[number] | undefined,
  });
};

/** An authorization code as if the user had clicked through the consent page. */
export const authorizeRoute: ControlHandler = (emulator, { body }) => {
  const create = optionalObject(body, "create");
  const redirectUri = optionalString(body, "redirect_uri") ?? "http://localhost/oauth/callback";
  const scope = optionalString(body, "scope") ?? "read_write";
  const choice = create
    ? ({ kind: "create", account: newAccountInput(create) } as const)
    : ({
        kind: "existing",
        account: accountIn(emulator, optionalString(body, "account") ?? DEMO_ACCOUNT_GB).object.id,
      } as const);
  const code = issueCode(emulator.store, choice, redirectUri, scope);
  return { code: code.code, account: code.account, expires_at: Math.floor(code.expiresAt / 1000) };
};

/** Answers a pending 3-D Secure challenge without a browser (`result`: complete | fail). */
export const authenticateRoute: ControlHandler = (emulator, { path, body }) => {
  const id = path.id ?? "";
  const ctx = emulator.context(ownerOf(emulator, "payment_intents", id));
  const pi = ctx.store.require("payment_intents", ctx.account, id, { objectName: "payment_intent" });
  return authenticatePaymentIntent(ctx, pi, optionalString(body, "result") !== "fail");
};
