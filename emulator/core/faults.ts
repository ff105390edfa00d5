// Fault injection: the failures Stripe's API can answer with, switched on through the control API so
// tests can prove the app survives them. Rules live in memory only (a restart or reset clears them).
//
// kind:
//   api_error         HTTP 500 `api_error`, `Stripe-Should-Retry: false` (the saved result would be
//                     replayed anyway); saved under the idempotency key, as Stripe saves every result
//                     once the endpoint started executing, "including 500 errors".
//   rate_limit        HTTP 429 `rate_limit`, `Stripe-Rate-Limited-Reason`; never saved (the limiter runs
//                     before the idempotency layer). Only `before`.
//   connection_reset  the socket is destroyed without an answer.
//   timeout           the answer is held for `delay_ms` (past the SDK's timeout), then sent.
// when:
//   before  the request fails before any change is made.
//   after   the change is made (objects written, events sent), then the answer fails, as Stripe can
//           fail after doing the work.
// Each rule matches a method and a path pattern (`*` = one path segment, a trailing `/**` = any rest)
// and optionally an account and a User-Agent substring (one client among several); it fires for a share of matching requests (`rate`, drawn from a seeded
// generator so a run repeats exactly) and/or for the next `count` of them.

export type FaultKind = "api_error" | "rate_limit" | "connection_reset" | "timeout";
export type FaultWhen = "before" | "after";

export type FaultRuleInput = {
  kind: FaultKind;
  when?: FaultWhen;
  method?: string;
  path?: string;
  account?: string;
  /** Only requests whose User-Agent contains this (e.g. an SDK's appInfo name). */
  user_agent?: string;
  rate?: number;
  count?: number;
  delay_ms?: number;
  seed?: number;
};

export type FaultRule = {
  id: string;
  kind: FaultKind;
  when: FaultWhen;
  method: string;
  path: string;
  account: string | null;
  userAgent: string | null;
  rate: number;
  /** How many more times it fires; null = no limit (a `rate` rule). */
  remaining: number | null;
  delayMs: number;
  /** How often it fired, for tests that check a share was really applied. */
  fired: number;
  seen: number;
  random: () => number;
};

export type FaultDecision = { rule: FaultRule; kind: FaultKind; when: FaultWhen; delayMs: number };

export class FaultInputError extends Error {}

const KINDS: readonly FaultKind[] = ["api_error", "rate_limit", "connection_reset", "timeout"];

/** mulberry32: a tiny seeded generator, enough to pick which requests fail (or which deliveries stray). */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function pathMatches(pattern: string, path: string): boolean {
  if (pattern === "*" || pattern === "/**") return true;
  const want = pattern.split("/");
  const got = path.split("/");
  for (let i = 0; i < want.length; i++) {
    const part = want[i];
    if (part === "**") return true;
    if (i >= got.length) return false;
    if (part !== "*" && part !== got[i]) return false;
  }
  return want.length === got.length;
}

let nextId = 0;

export class FaultInjector {
  private rules: FaultRule[] = [];

  add(input: FaultRuleInput): FaultRule {
    if (!KINDS.includes(input.kind)) throw new FaultInputError(`kind must be one of ${KINDS.join(", ")}`);
    const when = input.when ?? "before";
    if (when !== "before" && when !== "after") throw new FaultInputError("when must be before or after");
    if (input.kind === "rate_limit" && when === "after") {
      throw new FaultInputError("a rate limit answers before the request runs: when must be before");
    }
    const rate = input.rate ?? (input.count === undefined ? 1 : 0);
    if (!(rate >= 0 && rate <= 1)) throw new FaultInputError("rate must be between 0 and 1");
    if (input.count !== undefined && !(Number.isInteger(input.count) && input.count > 0)) {
      throw new FaultInputError("count must be a positive integer");
    }
    const delayMs = input.delay_ms ?? 0;
    if (input.kind === "timeout" && !(delayMs > 0)) {
      throw new FaultInputError("a timeout needs delay_ms (longer than the client's timeout)");
    }
    nextId += 1;
    const rule: FaultRule = {
      id: `fault_${nextId}`,
      kind: input.kind,
      when,
      method: (input.method ?? "*").toUpperCase(),
      path: input.path ?? "/**",
      account: input.account ?? null,
      userAgent: input.user_agent ?? null,
      rate,
      remaining: input.count ?? null,
      delayMs,
      fired: 0,
      seen: 0,
      random: seeded(input.seed ?? nextId),
    };
    this.rules.push(rule);
    return rule;
  }

  list(): FaultRule[] {
    return [...this.rules];
  }

  remove(id: string): boolean {
    const before = this.rules.length;
    this.rules = this.rules.filter((r) => r.id !== id);
    return this.rules.length < before;
  }

  clear(): void {
    this.rules = [];
  }

  /**
   * The fault for this request, if a rule fires: `count` rules fire for the next N matches (their
   * `rate`, when given with a count, is ignored); `rate` rules for that share of matches. First
   * matching rule that fires wins.
   */
  decide(request: {
    method: string;
    path: string;
    account: string;
    userAgent?: string;
  }): FaultDecision | null {
    for (const rule of this.rules) {
      if (rule.method !== "*" && rule.method !== request.method) continue;
      if (rule.account && rule.account !== request.account) continue;
      if (rule.userAgent && !(request.userAgent ?? "").includes(rule.userAgent)) continue;
      if (!pathMatches(rule.path, request.path)) continue;
      rule.seen += 1;
      let fires: boolean;
      if (rule.remaining !== null) {
        fires = rule.remaining > 0;
        if (fires) rule.remaining -= 1;
      } else {
        fires = rule.random() < rule.rate;
      }
      if (!fires) continue;
      rule.fired += 1;
      return { rule, kind: rule.kind, when: rule.when, delayMs: rule.delayMs };
    }
    return null;
  }
}
