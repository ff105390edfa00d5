import type { IncomingMessage, ServerResponse } from "node:http";
import { EMULATOR_API_VERSION, EMULATOR_PLATFORM_ACCOUNT_ID } from "../constants";
import { accountInvalid, StripeApiError } from "../core/errors";
import { type Params, parseForm } from "../core/form";
import { newRequestId } from "../core/ids";
import type { Store } from "../core/store";
import { requireConnected } from "../resources/accounts";
import { apiRouter } from "./api-routes";
import { type Auth, authenticate, requestedAccount } from "./auth";
import { findReplay, saveResponse } from "./idempotency";
import { CORS_HEADERS, readBody, sendJson } from "./respond";

function errorJson(error: StripeApiError, requestId: string) {
  return { error: { ...error.body, request_log_url: `https://dashboard.stripe.com/test/logs/${requestId}` } };
}

function actingAccount(requested: string | null, auth: Auth, store: Store): string {
  if (auth.kind === "secret" && auth.tokenAccount) {
    // An OAuth access token acts as its own account only.
    if (requested && requested !== auth.tokenAccount) throw accountInvalid(requested, auth.key);
    requireConnected(store, auth.tokenAccount, auth.key);
    return auth.tokenAccount;
  }
  if (!requested || requested === EMULATOR_PLATFORM_ACCOUNT_ID) return EMULATOR_PLATFORM_ACCOUNT_ID;
  requireConnected(store, requested, auth.key);
  return requested;
}

/** Serves Stripe's REST API (`/v1/…`) the way the official SDK and Stripe.js call it. */
export async function handleApi(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  store: Store,
): Promise<void> {
  const requestId = newRequestId();
  const method = req.method ?? "GET";
  const headers: Record<string, string> = {
    ...CORS_HEADERS,
    "Request-Id": requestId,
    "Stripe-Version": String(req.headers["stripe-version"] ?? EMULATOR_API_VERSION),
  };
  const idempotencyKey =
    typeof req.headers["idempotency-key"] === "string" ? req.headers["idempotency-key"] : null;
  let account = EMULATOR_PLATFORM_ACCOUNT_ID;
  let params: Params = {};
  try {
    params = method === "POST" ? parseForm(await readBody(req)) : parseForm(url.search.slice(1));
    const auth = authenticate(req, params, store);
    const requested = requestedAccount(req, params);
    // Stripe.js's auth travels as params; they are not part of the request proper.
    const { key: _key, _stripe_account: _account, ...rest } = params;
    params = rest;
    const match = apiRouter.match(method, url.pathname);
    if (!match) {
      throw new StripeApiError(404, {
        type: "invalid_request_error",
        message: `Unrecognized request URL (${method}: ${url.pathname}). Please see https://stripe.com/docs or we can help at https://support.stripe.com/.`,
      });
    }
    if (auth.kind === "publishable" && !match.handler.publishable) {
      throw new StripeApiError(401, {
        type: "invalid_request_error",
        message: "This API call cannot be made with a publishable API key. Please use a secret API key.",
      });
    }
    account = actingAccount(requested, auth, store);
    if (method === "POST" && idempotencyKey) {
      const replay = findReplay(store, account, idempotencyKey, { method, path: url.pathname, params });
      if (replay) {
        headers["Idempotent-Replayed"] = "true";
        headers["Original-Request"] = replay.requestId;
        return sendJson(res, replay.status, replay.body, headers);
      }
    }
    const ctx = { store, account, request: { id: requestId, idempotency_key: idempotencyKey } };
    const result = match.handler.run({
      ctx,
      params,
      path: match.params,
      publishable: auth.kind === "publishable",
      apiKey: auth.key,
    });
    respond(200, JSON.stringify(result, null, 2));
  } catch (error) {
    if (error instanceof StripeApiError) {
      respond(error.status, JSON.stringify(errorJson(error, requestId), null, 2));
      return;
    }
    console.error("[stripe-emulator] internal error", error);
    headers["Stripe-Should-Retry"] = "false";
    const body = { error: { type: "api_error", message: `The Stripe emulator failed: ${String(error)}` } };
    sendJson(res, 500, body, headers);
  }

  function respond(status: number, body: string): void {
    if (method === "POST" && idempotencyKey) {
      saveResponse(store, account, idempotencyKey, {
        method,
        path: url.pathname,
        params,
        status,
        body,
        requestId,
      });
    }
    sendJson(res, status, body, headers);
  }
}
