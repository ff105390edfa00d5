import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { serveConsoleJs } from "../console/serve";
import { CONTROL_PREFIX, STRIPE_JS_PATH } from "../constants";
import { handleControl } from "../control/handler";
import type { Emulator } from "../emulator";
import { ONBOARDING_PATH } from "../resources/account-links";
import { serveStripeJs } from "../stripe-js/serve";
import { handleApi } from "./api-handler";
import { handleOAuth } from "./oauth-handler";
import { handleOnboardingPage } from "./onboarding-page";
import { handleHome, handleReceipt, handleThreeDSecure } from "./pages";
import { sendJson, sendPreflight } from "./respond";

async function route(
  emulator: Emulator,
  req: IncomingMessage,
  res: ServerResponse,
  explicitPublicUrl: string | null,
) {
  const url = new URL(req.url ?? "/", "http://emulator.invalid");
  const path = url.pathname;
  const { store } = emulator;
  if (req.method === "OPTIONS") return sendPreflight(res);
  if (path.startsWith("/v1/")) return handleApi(req, res, url, store);
  if (path.startsWith("/oauth/")) return handleOAuth(req, res, url, store);
  if (path.startsWith(`${CONTROL_PREFIX}/`)) return handleControl(req, res, url, emulator);
  if (path === STRIPE_JS_PATH) return serveStripeJs(req, res, explicitPublicUrl);
  if (path === "/console.js") return serveConsoleJs(res);
  if (path.startsWith(`${ONBOARDING_PATH}/`)) return handleOnboardingPage(req, res, url, store);
  if (path.startsWith("/3ds/")) return handleThreeDSecure(req, res, url, store);
  if (path.startsWith("/receipts/")) return handleReceipt(res, url, store);
  if (path === "/" || path === "/health")
    return path === "/" ? handleHome(res, store) : sendJson(res, 200, { ok: true });
  sendJson(res, 404, {
    error: { type: "invalid_request_error", message: `Unrecognized request URL (${req.method}: ${path}).` },
  });
}

export function createEmulatorServer(emulator: Emulator, explicitPublicUrl: string | null): Server {
  const server = createServer((req, res) => {
    route(emulator, req, res, explicitPublicUrl).catch((error: unknown) => {
      console.error("[stripe-emulator] unhandled", error);
      if (!res.headersSent)
        sendJson(
          res,
          500,
          { error: { type: "api_error", message: String(error) } },
          { "Stripe-Should-Retry": "false" },
        );
      else res.end();
    });
  });
  // Longer than clients keep idle sockets (fetch: ~4 s, the SDK's agent: its own timeout), so the
  // client, not the server, ends an idle connection and no request goes out on a closing socket.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  return server;
}
