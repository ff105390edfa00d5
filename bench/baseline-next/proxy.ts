import { NextResponse } from "next/server";

// Its own proxy, matching nothing: without one, Next picks up the app's proxy.ts from the workspace root
// (and with it the app's environment checks), which a bare baseline must not run.
export function proxy() {
  return NextResponse.next();
}

export const config = { matcher: ["/__baseline-proxy-never"] };
