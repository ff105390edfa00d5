import type { IncomingMessage, ServerResponse } from "node:http";
import { fileURLToPath } from "node:url";
import { browserBundle } from "../http/bundle";

const ENTRY = fileURLToPath(new URL("./client/index.ts", import.meta.url));
const ORIGIN_PLACEHOLDER = '"__STRIPE_EMULATOR_ORIGIN__"';

/** The stand-in Stripe.js, bundled from ./client. */
export async function standInStripeJs(): Promise<string> {
  const text = await browserBundle(ENTRY);
  if (!text.includes(ORIGIN_PLACEHOLDER)) throw new Error("stand-in Stripe.js: origin placeholder missing");
  return text;
}

/** Serves the script with the emulator's origin baked in, so it calls back only there. */
export async function serveStripeJs(req: IncomingMessage, res: ServerResponse, publicUrl: string | null) {
  const origin = publicUrl ?? `http://${req.headers.host ?? "127.0.0.1"}`;
  const js = (await standInStripeJs()).replace(ORIGIN_PLACEHOLDER, JSON.stringify(origin));
  res.writeHead(200, {
    "Content-Type": "application/javascript; charset=utf-8",
    "Cache-Control": "no-cache",
    "Access-Control-Allow-Origin": "*",
    "Cross-Origin-Resource-Policy": "cross-origin",
  });
  res.end(js);
}
