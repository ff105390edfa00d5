import type { IncomingMessage, ServerResponse } from "node:http";
import { StripeApiError } from "../core/errors";
import { parseForm } from "../core/form";
import { newRequestId } from "../core/ids";
import type { Store } from "../core/store";
import { decideAuthorization, parseAuthorizeParams, renderConsentPage } from "../oauth/authorize";
import { OAuthError, oauthDeauthorize, oauthToken } from "../oauth/token";
import { authenticate } from "./auth";
import { readBody, redirect, sendHtml, sendJson } from "./respond";

/** Stripe's OAuth endpoints (connect.stripe.com in production; the SDK sends them to the emulator's host). */
export async function handleOAuth(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  store: Store,
): Promise<void> {
  const requestId = newRequestId();
  const headers = { "Request-Id": requestId };
  const route = `${req.method} ${url.pathname.replace(/\/+$/, "")}`;
  try {
    if (route === "GET /oauth/authorize") {
      return sendHtml(res, 200, renderConsentPage(store, parseAuthorizeParams(url.searchParams)));
    }
    if (route === "POST /oauth/authorize") {
      return redirect(res, decideAuthorization(store, new URLSearchParams(await readBody(req))));
    }
    if (route !== "POST /oauth/token" && route !== "POST /oauth/deauthorize") {
      throw new OAuthError(404, "invalid_request", `Unrecognized request URL (${route}).`);
    }
    const params = parseForm(await readBody(req));
    const auth = authenticate(req, params, store);
    if (auth.kind !== "secret" || auth.tokenAccount) {
      throw new OAuthError(401, "invalid_client", "The OAuth endpoints need the platform's secret key.");
    }
    const request = { id: requestId, idempotency_key: null };
    const result =
      route === "POST /oauth/token" ? oauthToken(store, params) : oauthDeauthorize(store, params, request);
    sendJson(res, 200, result, headers);
  } catch (error) {
    if (error instanceof OAuthError) {
      return sendJson(
        res,
        error.status,
        { error: error.error, error_description: error.description },
        headers,
      );
    }
    if (error instanceof StripeApiError) return sendJson(res, error.status, { error: error.body }, headers);
    console.error("[stripe-emulator] oauth error", error);
    sendJson(
      res,
      500,
      { error: "server_error", error_description: String(error) },
      { ...headers, "Stripe-Should-Retry": "false" },
    );
  }
}
