import { encodeForm } from "../../core/form";
import type { ApiResult, StripeError } from "./types";

function isErrorBody(body: unknown): body is { error: StripeError } {
  return typeof body === "object" && body !== null && "error" in body && typeof body.error === "object";
}

/**
 * Calls the emulator the way Stripe.js calls api.stripe.com: form-encoded, with the publishable key and
 * the connected account as parameters, so the browser sends CORS "simple" requests (no preflight).
 */
export type EmulatorApi = {
  get<T>(path: string, params: Record<string, unknown>): Promise<ApiResult<T>>;
  post<T>(path: string, params: Record<string, unknown>): Promise<ApiResult<T>>;
};

export function createApi(origin: string, key: string, stripeAccount: string | undefined): EmulatorApi {
  const auth = { key, ...(stripeAccount ? { _stripe_account: stripeAccount } : {}) };

  async function call<T>(
    method: "GET" | "POST",
    path: string,
    params: Record<string, unknown>,
  ): Promise<ApiResult<T>> {
    const form = encodeForm({ ...params, ...auth });
    try {
      const response =
        method === "GET"
          ? await fetch(`${origin}${path}?${form}`)
          : await fetch(`${origin}${path}`, {
              method: "POST",
              headers: { "Content-Type": "application/x-www-form-urlencoded" },
              body: form,
            });
      const body: unknown = await response.json();
      if (isErrorBody(body)) return { ok: false, error: body.error };
      return { ok: true, body: body as T };
    } catch (error) {
      return {
        ok: false,
        error: {
          type: "api_connection_error",
          message: `Could not reach the Stripe emulator at ${origin}: ${String(error)}`,
        },
      };
    }
  }

  return {
    get: (path, params) => call("GET", path, params),
    post: (path, params) => call("POST", path, params),
  };
}
