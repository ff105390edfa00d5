import { GET } from "@/app/api/health/ready/route";
import { configureEnv } from "@/lib/env";

/** The HEALTH_TOKEN integration tests run with: the readiness figures are shown only with it. */
export const TEST_HEALTH_TOKEN = "test-health-token-0123456789abcdef";
process.env.HEALTH_TOKEN = TEST_HEALTH_TOKEN;
configureEnv({});

export function readiness(token?: string) {
  const headers = new Headers();
  if (token !== undefined) headers.set("Authorization", `Bearer ${token}`);
  return GET(new Request("http://127.0.0.1/api/health/ready", { headers }));
}

export const readinessWithToken = () => readiness(TEST_HEALTH_TOKEN);
