import { createHash } from "node:crypto";
import { StripeApiError } from "../core/errors";
import type { Params } from "../core/form";
import type { IdempotencyRecord } from "../core/state";
import type { Store } from "../core/store";

const TTL_MS = 24 * 3600 * 1000;

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((k) => [k, canonical((value as Record<string, unknown>)[k])]),
    );
  }
  return value;
}

export function paramsHash(params: Params): string {
  return createHash("sha256")
    .update(JSON.stringify(canonical(params)))
    .digest("hex");
}

export function storageKey(account: string, key: string): string {
  return `${account} ${key}`;
}

/**
 * Keys are scoped per account (FACTS §1.2). Returns the saved response to replay, null for a new key,
 * or throws 400 `idempotency_error` when the key was used for another request.
 */
export function findReplay(
  store: Store,
  account: string,
  key: string,
  request: { method: string; path: string; params: Params },
): IdempotencyRecord | null {
  const record = store.state.idempotency[storageKey(account, key)];
  if (!record || store.clock.nowMs() - record.createdAt > TTL_MS) return null;
  if (record.method !== request.method || record.path !== request.path) {
    throw new StripeApiError(400, {
      type: "idempotency_error",
      message: `Keys for idempotent requests can only be used for the same endpoint they were first used for ('${record.method} ${record.path}' vs '${request.method} ${request.path}'). Try using a key other than '${key}' if you meant to execute a different request.`,
    });
  }
  if (record.paramsHash !== paramsHash(request.params)) {
    throw new StripeApiError(400, {
      type: "idempotency_error",
      message: `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${key}' if you meant to execute a different request.`,
    });
  }
  return record;
}

/**
 * Saves a response for replay. Like Stripe, only requests whose endpoint began executing are saved:
 * successes, card declines and 500s (`executed`: an injected api_error), not those rejected up front
 * (validation, auth, missing objects, rate limits).
 */
export function saveResponse(
  store: Store,
  account: string,
  key: string,
  record: Omit<IdempotencyRecord, "createdAt" | "paramsHash"> & { params: Params; executed?: boolean },
): void {
  if (!record.executed && record.status !== 200 && record.status !== 402) return;
  const now = store.clock.nowMs();
  for (const [k, r] of Object.entries(store.state.idempotency)) {
    if (now - r.createdAt > TTL_MS) delete store.state.idempotency[k];
  }
  const { params, executed: _executed, ...rest } = record;
  store.state.idempotency[storageKey(account, key)] = {
    ...rest,
    paramsHash: paramsHash(params),
    createdAt: now,
  };
  store.touch();
}
