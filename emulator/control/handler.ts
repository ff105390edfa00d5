import type { IncomingMessage, ServerResponse } from "node:http";
import { StripeApiError } from "../core/errors";
import type { Emulator } from "../emulator";
import { readBody, sendJson } from "../http/respond";
import { OAuthError } from "../oauth/token";
import { type Body, ControlError } from "./helpers";
import { controlRouter } from "./routes";

function parseBody(text: string): Body {
  if (!text.trim()) return {};
  const parsed: unknown = JSON.parse(text);
  if (!parsed || typeof parsed !== "object" || Array.isArray(parsed))
    throw new ControlError(400, "body must be a JSON object");
  return parsed as Body;
}

/** The JSON control API under `/_emulator/…` (tests and the dev console; Stripe has no such thing). */
export async function handleControl(req: IncomingMessage, res: ServerResponse, url: URL, emulator: Emulator) {
  const headers = { "Access-Control-Allow-Origin": "*" };
  try {
    const match = controlRouter.match(req.method ?? "GET", url.pathname);
    if (!match) throw new ControlError(404, `No control route ${req.method} ${url.pathname}`);
    let body: Body;
    try {
      body = parseBody(await readBody(req));
    } catch (error) {
      throw error instanceof ControlError ? error : new ControlError(400, "body must be JSON");
    }
    const result = await match.handler(emulator, { body, path: match.params, query: url.searchParams });
    sendJson(res, 200, result, headers);
  } catch (error) {
    if (error instanceof ControlError)
      return sendJson(res, error.status, { error: { message: error.message } }, headers);
    if (error instanceof StripeApiError) return sendJson(res, error.status, { error: error.body }, headers);
    if (error instanceof OAuthError)
      return sendJson(res, error.status, { error: { message: error.description } }, headers);
    console.error("[stripe-emulator] control error", error);
    sendJson(res, 500, { error: { message: String(error) } }, headers);
  }
}
