import type { IncomingMessage, ServerResponse } from "node:http";
import { EMULATOR_API_VERSION, EMULATOR_PLATFORM_ACCOUNT_ID } from "../constants";
import { accountInvalid, StripeApiError } from "../core/errors";
import type { FaultDecision } from "../core/faults";
import { type Params, parseForm } from "../core/form";
import { newRequestId } from "../core/ids";
import { type RateLimitReason, updatedPaymentIntent } from "../core/rate-limits";
import type { Store } from "../core/store";
import { requireConnected } from "../resources/accounts";
import { apiRouter } from "./api-routes";
import { type Auth, authenticate, requestedAccount } from "./auth";
import { findReplay, saveResponse, storageKey } from "./idempotency";
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
  let fault: FaultDecision | null = null;
  let flightKey: string | null = null;
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
    // Stripe's limiters answer before anything else runs (and before the idempotency layer).
    const limited = store.rateLimits.decide({
      account,
      method,
      route: match.pattern,
      paymentIntentId: updatedPaymentIntent(method, match.pattern, match.params),
    });
    if (limited) return sendRateLimited(res, headers, limited);
    fault = store.faults.decide({
      method,
      path: url.pathname,
      account,
      userAgent: String(req.headers["user-agent"] ?? ""),
    });
    if (fault?.when === "before" && fault.kind === "rate_limit")
      return sendRateLimited(res, headers, "global-rate");
    if (fault?.when === "before" && fault.kind === "connection_reset") return void res.destroy();
    if (fault?.when === "before" && fault.kind === "timeout") await holdFor(fault.delayMs);
    if (method === "POST" && idempotencyKey) {
      const replay = findReplay(store, account, idempotencyKey, { method, path: url.pathname, params });
      if (replay) {
        headers["Idempotent-Replayed"] = "true";
        headers["Original-Request"] = replay.requestId;
        if (replay.status >= 500) headers["Stripe-Should-Retry"] = "false";
        return finish(replay.status, replay.body);
      }
      flightKey = storageKey(account, idempotencyKey);
      if (store.inFlightKeys.has(flightKey)) {
        flightKey = null;
        throw new StripeApiError(409, {
          type: "idempotency_error",
          message: `There is currently another in-progress request using this Idempotent Key (that probably means you submitted twice, and the other request is still going through): ${idempotencyKey}. Please try again later.`,
        });
      }
      store.inFlightKeys.add(flightKey);
    }
    if (fault?.kind === "api_error" && fault.when === "before") {
      // The endpoint began and failed before changing anything: the 500 is the key's result.
      return respond(500, JSON.stringify(apiErrorJson(requestId), null, 2), { executed: true });
    }
    const ctx = { store, account, request: { id: requestId, idempotency_key: idempotencyKey } };
    const result = match.handler.run({
      ctx,
      params,
      path: match.params,
      publishable: auth.kind === "publishable",
      apiKey: auth.key,
    });
    if (fault?.kind === "api_error" && fault.when === "after") {
      // The change is made (and its events sent); the answer is a 500, saved as the key's result.
      return respond(500, JSON.stringify(apiErrorJson(requestId), null, 2), { executed: true });
    }
    respond(200, JSON.stringify(result, null, 2));
  } catch (error) {
    if (error instanceof StripeApiError) {
      respond(error.status, JSON.stringify(errorJson(error, requestId), null, 2));
      return;
    }
    console.error("[stripe-emulator] internal error", error);
    headers["Stripe-Should-Retry"] = "false";
    const body = { error: { type: "api_error", message: `The Stripe emulator failed: ${String(error)}` } };
    finish(500, JSON.stringify(body, null, 2));
  } finally {
    if (flightKey) store.inFlightKeys.delete(flightKey);
  }

  function respond(status: number, body: string, options: { executed?: boolean } = {}): void {
    if (status >= 500) headers["Stripe-Should-Retry"] = "false";
    if (method === "POST" && idempotencyKey) {
      saveResponse(store, account, idempotencyKey, {
        method,
        path: url.pathname,
        params,
        status,
        body,
        requestId,
        executed: options.executed ?? false,
      });
    }
    finish(status, body);
  }

  /** Sends the answer, unless an `after` network fault loses it (the work and its saved result stay). */
  function finish(status: number, body: string): void {
    if (fault?.when === "after" && fault.kind === "connection_reset") {
      res.destroy();
      return;
    }
    if (fault?.when === "after" && fault.kind === "timeout") {
      setTimeout(() => {
        if (!res.destroyed && !res.writableEnded) sendJson(res, status, body, headers);
      }, fault.delayMs).unref();
      return;
    }
    sendJson(res, status, body, headers);
  }
}

function apiErrorJson(requestId: string) {
  return {
    error: {
      type: "api_error",
      message: "An unknown error occurred (injected by the Stripe emulator's fault rules).",
      request_log_url: `https://dashboard.stripe.com/test/logs/${requestId}`,
    },
  };
}

/** Stripe's 429: `rate_limit`, with the limiter named in `Stripe-Rate-Limited-Reason`; nothing saved. */
function sendRateLimited(
  res: ServerResponse,
  headers: Record<string, string>,
  reason: RateLimitReason,
): void {
  const body = {
    error: {
      type: "invalid_request_error",
      code: "rate_limit",
      message:
        "Too many requests hit the API too quickly. We recommend an exponential backoff of your requests.",
      doc_url: "https://stripe.com/docs/error-codes/rate-limit",
    },
  };
  sendJson(res, 429, body, { ...headers, "Stripe-Rate-Limited-Reason": reason });
}

function holdFor(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
