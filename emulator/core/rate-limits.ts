// Stripe's rate limits ("Rate limits", https://docs.stripe.com/rate-limits): requests per second per
// account (100 in live mode, 25 in a sandbox), 25 per second per endpoint by default, where an endpoint
// is one named operation (every `GET /v1/payment_intents/{id}` shares one limit whatever the id), and
// 1,000 updates per PaymentIntent per hour. Beyond them: 429. Each limit is a token bucket (a burst up
// to the limit, refilled at the limit per second), on the real clock: limits are about the load a client
// puts on the API, not about the emulator clock that tests move. A refused request takes no token.

export type RateLimitMode = "off" | "live" | "sandbox";

export type RateLimitSettings = {
  mode: RateLimitMode;
  /** Requests per second per account, every endpoint together. */
  globalPerSecond: number;
  /** Requests per second per account and endpoint (method + route pattern). */
  endpointPerSecond: number;
  /** Updates (POSTs to the object and its actions) per PaymentIntent per hour. */
  paymentIntentUpdatesPerHour: number;
};

export type RateLimitInput = Partial<RateLimitSettings>;

/** Stripe's `Stripe-Rate-Limited-Reason` values for the limiters the emulator has. */
export type RateLimitReason = "global-rate" | "endpoint-rate" | "resource-specific";

export class RateLimitInputError extends Error {}

const MODE_LIMITS: Record<RateLimitMode, Omit<RateLimitSettings, "mode">> = {
  off: { globalPerSecond: 0, endpointPerSecond: 0, paymentIntentUpdatesPerHour: 0 },
  live: { globalPerSecond: 100, endpointPerSecond: 25, paymentIntentUpdatesPerHour: 1000 },
  sandbox: { globalPerSecond: 25, endpointPerSecond: 25, paymentIntentUpdatesPerHour: 1000 },
};

const MODES = Object.keys(MODE_LIMITS) as RateLimitMode[];

export function rateLimitDefaults(mode: RateLimitMode): RateLimitSettings {
  return { mode, ...MODE_LIMITS[mode] };
}

type Bucket = { tokens: number; at: number };

export type RateLimitRequest = {
  account: string;
  method: string;
  /** The route pattern, e.g. `/v1/payment_intents/:id`: one endpoint whatever the id. */
  route: string;
  /** Set for a POST to one PaymentIntent (update, confirm, cancel…). */
  paymentIntentId?: string;
};

export type RateLimitCounts = Record<RateLimitReason, number> & { admitted: number };

/** The per-account, per-endpoint and per-PaymentIntent limiters; `now` in milliseconds (injectable). */
export class RateLimiter {
  private current: RateLimitSettings;
  private buckets = new Map<string, Bucket>();
  private counts: RateLimitCounts = emptyCounts();

  constructor(
    settings: RateLimitInput = {},
    private readonly now: () => number = () => performance.now(),
  ) {
    this.current = resolve(rateLimitDefaults(settings.mode ?? "off"), settings);
  }

  settings(): RateLimitSettings {
    return { ...this.current };
  }

  /** How many requests were admitted and refused (per limiter) since the last configure or reset. */
  stats(): RateLimitCounts {
    return { ...this.counts };
  }

  /** A mode's values, then any given figure on top; buckets start full. */
  configure(input: RateLimitInput): RateLimitSettings {
    const base = input.mode ? rateLimitDefaults(input.mode) : this.current;
    this.current = resolve(base, input);
    this.reset();
    return this.settings();
  }

  reset(): void {
    this.buckets.clear();
    this.counts = emptyCounts();
  }

  /** Null when the request may run (its tokens taken), else the limiter that refused it. */
  decide(request: RateLimitRequest): RateLimitReason | null {
    const s = this.current;
    if (s.mode === "off") return null;
    const t = this.now();
    const checks: { key: string; limit: number; perMs: number; reason: RateLimitReason }[] = [
      {
        key: `g|${request.account}`,
        limit: s.globalPerSecond,
        perMs: s.globalPerSecond / 1000,
        reason: "global-rate",
      },
      {
        key: `e|${request.account}|${request.method} ${request.route}`,
        limit: s.endpointPerSecond,
        perMs: s.endpointPerSecond / 1000,
        reason: "endpoint-rate",
      },
    ];
    if (request.paymentIntentId) {
      checks.push({
        key: `pi|${request.account}|${request.paymentIntentId}`,
        limit: s.paymentIntentUpdatesPerHour,
        perMs: s.paymentIntentUpdatesPerHour / 3_600_000,
        reason: "resource-specific",
      });
    }
    const buckets = checks.map((check) => ({
      check,
      bucket: this.refill(check.key, check.limit, check.perMs, t),
    }));
    const refused = buckets.find(({ check, bucket }) => check.limit > 0 && bucket.tokens < 1);
    if (refused) {
      this.counts[refused.check.reason] += 1;
      return refused.check.reason;
    }
    for (const { check, bucket } of buckets) if (check.limit > 0) bucket.tokens -= 1;
    this.counts.admitted += 1;
    return null;
  }

  private refill(key: string, limit: number, perMs: number, t: number): Bucket {
    const bucket = this.buckets.get(key) ?? { tokens: limit, at: t };
    bucket.tokens = Math.min(limit, bucket.tokens + (t - bucket.at) * perMs);
    bucket.at = t;
    this.buckets.set(key, bucket);
    return bucket;
  }
}

function emptyCounts(): RateLimitCounts {
  return { admitted: 0, "global-rate": 0, "endpoint-rate": 0, "resource-specific": 0 };
}

function resolve(base: RateLimitSettings, input: RateLimitInput): RateLimitSettings {
  if (input.mode !== undefined && !MODES.includes(input.mode)) {
    throw new RateLimitInputError(`mode must be one of ${MODES.join(", ")}`);
  }
  const next = { ...base, ...definedOnly(input) };
  for (const key of ["globalPerSecond", "endpointPerSecond", "paymentIntentUpdatesPerHour"] as const) {
    const value = next[key];
    if (!(Number.isFinite(value) && value >= 0)) {
      throw new RateLimitInputError(`${key} must be a number of requests, 0 or more (0 = no limit)`);
    }
  }
  return next;
}

function definedOnly(input: RateLimitInput): RateLimitInput {
  return Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)) as RateLimitInput;
}

/** The PaymentIntent a request updates, for the per-object limit: POSTs to `/v1/payment_intents/:id…`. */
export function updatedPaymentIntent(method: string, route: string, params: Record<string, string>) {
  return method === "POST" && route.startsWith("/v1/payment_intents/:id") ? params.id : undefined;
}
