import { type NextRequest, NextResponse } from "next/server";
import { getEnv } from "@/lib/env";
import { contentSecurityPolicy, HSTS } from "@/lib/security/csp";

// Every page gets a Content-Security-Policy with a nonce of its own (Next's CSP guide): Next reads the
// nonce from the request's header and puts it on the scripts it renders, so pages must render per
// request (the root layout asks for the connection).
export function proxy(request: NextRequest) {
  const env = getEnv();
  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
  const https = env.APP_URL.startsWith("https://");
  const policy = contentSecurityPolicy({
    nonce,
    https,
    development: env.NODE_ENV === "development",
    stripe:
      env.stripeMode === "live"
        ? { mode: "live" }
        : { mode: "emulator", emulatorOrigin: new URL(env.STRIPE_EMULATOR_URL).origin },
  });
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("Content-Security-Policy", policy);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("Content-Security-Policy", policy);
  if (https) response.headers.set("Strict-Transport-Security", HSTS);
  return response;
}

export const config = {
  matcher: [
    {
      // Pages only: route handlers answer JSON or redirects, and static files carry no scripts.
      source: "/((?!api|_next/static|_next/image|favicon.ico|icon.svg).*)",
      missing: [
        { type: "header", key: "next-router-prefetch" },
        { type: "header", key: "purpose", value: "prefetch" },
      ],
    },
  ],
};
