import { NextResponse } from "next/server";
import { getEnv } from "@/lib/env";

/** A 303 to an absolute URL (from APP_URL for our paths: behind a proxy request.url may be internal). */
export function redirectTo(pathOrUrl: string) {
  const response = NextResponse.redirect(new URL(pathOrUrl, getEnv().APP_URL), 303);
  response.headers.set("Cache-Control", "no-store");
  return response;
}
