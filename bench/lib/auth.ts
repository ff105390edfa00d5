import { hash } from "@node-rs/argon2";

/** The password of every User the bench creates. */
export const BENCH_PASSWORD = "bench-password-2026";

let cached: Promise<string> | undefined;

/** An argon2id hash of BENCH_PASSWORD with the app's parameters (lib/auth/password.ts). */
export function benchPasswordHash(): Promise<string> {
  cached ??= hash(BENCH_PASSWORD, { memoryCost: 19456, timeCost: 2, parallelism: 1 });
  return cached;
}

function cookiePairs(response: Response): string[] {
  return response.headers.getSetCookie().map((c) => c.split(";", 1)[0] ?? "");
}

/**
 * Signs in through next-auth's credentials flow, as the browser does: the CSRF token and its cookie,
 * then the callback. Returns the Cookie header that carries the session.
 */
export async function signIn(baseUrl: string, email: string, password = BENCH_PASSWORD): Promise<string> {
  const csrf = await fetch(new URL("/api/auth/csrf", baseUrl));
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const csrfCookies = cookiePairs(csrf);
  const response = await fetch(new URL("/api/auth/callback/credentials", baseUrl), {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: csrfCookies.join("; ") },
    body: new URLSearchParams({ csrfToken, email, password, json: "true" }).toString(),
  });
  await response.arrayBuffer();
  const session = cookiePairs(response).find((c) => c.includes("session-token="));
  if (!session) throw new Error(`sign-in as ${email} failed (HTTP ${response.status})`);
  return session;
}
