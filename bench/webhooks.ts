import type Stripe from "stripe";
import { HEALTH_TOKEN } from "./lib/context";
import type { Sql } from "./lib/db";
import { buildStream, type EventSpec, eventBody, planStream, signedHeaders } from "./lib/events";
import { insertOpenInvoices, insertSeller, type Seller } from "./lib/fixtures";
import { type LoadResult, round, runLoad } from "./lib/load";
import { treeCpuMs } from "./lib/rss";
import { type BenchStripe, connectedAccount, mapLimit, succeededIntents } from "./lib/stripe";

export const REFUND_MINOR = 3_000;
const INTENT_MINOR = 12_000;
const WARM_UP_EVENTS = 50;

export type Level = { connections: number; amount: number; maxSeconds: number };

export function webhookLevels(quick: boolean): Level[] {
  return quick
    ? [
        { connections: 1, amount: 60, maxSeconds: 5 },
        { connections: 10, amount: 200, maxSeconds: 6 },
        { connections: 50, amount: 400, maxSeconds: 8 },
      ]
    : [
        { connections: 1, amount: 200, maxSeconds: 8 },
        { connections: 10, amount: 800, maxSeconds: 12 },
        { connections: 50, amount: 1_500, maxSeconds: 15 },
      ];
}

export type WebhookFixture = { seller: Seller; account: string; stream: EventSpec[] };

/**
 * One connected seller, a real succeeded PaymentIntent with its charge (and some refunds) in the
 * emulator per success of the stream, and our invoice + payment row for each (no card yet, as before
 * the Customer returns): the app's worker applies what it can from the events and reads the rest back
 * from the emulator, as it would from Stripe.
 */
export async function prepareWebhookFixture(
  ctx: BenchStripe,
  sql: Sql,
  options: { levels: Level[]; label: string },
): Promise<WebhookFixture> {
  const length =
    options.levels.reduce((sum, l) => sum + l.amount + 2 * l.connections, 0) + WARM_UP_EVENTS + 50;
  const plan = planStream(length);
  const account = await connectedAccount(ctx, `Bench webhooks ${options.label}`);
  const intents = await succeededIntents(ctx, account, plan.intentsNeeded, INTENT_MINOR);
  const refundIndexes = [...plan.refunded];
  const refundList = await mapLimit(refundIndexes, 8, (i) =>
    ctx.stripe.refunds.create(
      { payment_intent: intents[i]?.intent.id ?? "", amount: REFUND_MINOR, reason: "requested_by_customer" },
      { stripeAccount: account },
    ),
  );
  const refunds = new Map<number, Stripe.Refund>(
    refundIndexes.map((i, k) => [i, refundList[k] as Stripe.Refund]),
  );
  const seller = await insertSeller(sql, {
    email: `bench-webhooks-${options.label}@bench.test`,
    businessName: "Bench Webhooks Ltd",
    accountId: account,
  });
  await insertOpenInvoices(sql, seller, {
    count: intents.length,
    intentIds: intents.map((i) => i.intent.id),
  });
  return { seller, account, stream: buildStream(plan, intents, refunds) };
}

export type TargetName = "app" | "bare-next" | "node-http";

export type WebhookTarget = {
  name: TargetName;
  url: string;
  path: string;
  /** Event ids are evt_<prefix>_<n>: each target records into its own namespace. */
  prefix: string;
  /** The server's pid, for its CPU time per event. */
  pid: number;
  /** Separate processes applying the app's events (`npm run worker`): their CPU counts per event too. */
  workerPids?: number[];
  /**
   * The app acknowledges before it applies: after each level the runner waits until its health
   * endpoint reports no backlog, so each level's figures include the worker's share.
   */
  backlogPath?: string;
  /** Requests the emulator has seen (admitted and refused with 429), for Stripe reads per applied event. */
  stripeRequests?: () => Promise<{ requests: number; limited: number }>;
};

/** The app's worker catching up after a level: how long, and at what cost. */
export type Drain = {
  /** From the level's last answer (and any redeliveries) to an empty backlog. */
  seconds: number;
  /** Events answered 200 in the level, over the level's time plus the drain. */
  appliedPerSecond: number;
  /** Server CPU per event for the level and its drain together. */
  cpuMsPerEvent: number | null;
  /** Events stored new in the level (not duplicates): what the worker had to apply. */
  applied?: number;
  /** Requests to Stripe (the emulator) during the level and its drain, 429s among them, per applied event. */
  stripeRequests?: number;
  rateLimited?: number;
  readsPerApplied?: number | null;
};

const BACKLOG_TIMEOUT_MS = 5 * 60_000;

/** CPU used so far by the target's separate worker processes, if any. */
function workersCpuMs(target: WebhookTarget): number {
  return (target.workerPids ?? []).reduce((sum, pid) => sum + treeCpuMs(pid), 0);
}

async function backlog(url: URL): Promise<number> {
  const response = await fetch(url, { headers: { Authorization: `Bearer ${HEALTH_TOKEN}` } });
  const body = (await response.json()) as { webhookEvents?: { backlog?: unknown } };
  const value = body.webhookEvents?.backlog;
  if (typeof value !== "number") throw new Error(`no webhookEvents.backlog in ${url}`);
  return value;
}

/**
 * Waits for an empty backlog; the clock and the CPU count started when the level's load ended (a
 * separate worker's CPU is counted from the level's start: `workerCpuMs`).
 */
async function waitForDrain(
  target: WebhookTarget,
  level: LoadResult,
  since: { at: number; cpuMs: number; workerCpuMs: number },
): Promise<Drain> {
  const url = new URL(target.backlogPath ?? "/", target.url);
  const deadline = since.at + BACKLOG_TIMEOUT_MS;
  while ((await backlog(url)) > 0) {
    if (performance.now() > deadline) throw new Error(`${target.name}: webhook backlog not drained in 5 min`);
    await new Promise((r) => setTimeout(r, 100));
  }
  const seconds = (performance.now() - since.at) / 1000;
  const workerCpu = workersCpuMs(target) - since.workerCpuMs;
  const drainCpu = treeCpuMs(target.pid) - since.cpuMs + workerCpu;
  const ok = Math.max(1, level.ok);
  return {
    seconds: round(seconds, 2),
    appliedPerSecond: round(level.ok / (level.seconds + seconds)),
    cpuMsPerEvent:
      level.cpuMsPerRequest === null ? null : round((level.cpuMsPerRequest * level.ok + drainCpu) / ok, 2),
  };
}

export type TargetRun = {
  target: WebhookTarget;
  levels: LoadResult[];
  outcomes: Record<string, number>;
  /** Per level, for a target that applies after acknowledging (the app). */
  drains: Drain[];
  /** Events drawn but not acknowledged with a 200 (cut off at the bound, or answered 5xx) and sent again. */
  redelivered: number;
  /** Stream positions sent. */
  sent: number[];
};

/** Sends one target the stream in order, level after level, tracking which event ids were answered 200. */
export function webhookRunner(target: WebhookTarget, fixture: WebhookFixture) {
  let cursor = 0;
  const acked = new Set<number>();
  const drawn = new Set<number>();
  const sent: number[] = [];
  const outcomes: Record<string, number> = {};
  const levels: LoadResult[] = [];
  const drains: Drain[] = [];
  let redelivered = 0;
  const workerCpu = () => workersCpuMs(target);
  const specAt = (position: number) =>
    fixture.stream[Math.min(position, fixture.stream.length - 1)] as EventSpec;

  const next = () => {
    const position = cursor++;
    const spec = specAt(position);
    sent.push(Math.min(position, fixture.stream.length - 1));
    drawn.add(spec.eventNo);
    const body = eventBody(spec, { prefix: target.prefix, account: fixture.account });
    return { path: target.path, method: "POST" as const, body, headers: signedHeaders(body), tag: position };
  };
  const onResponse = (status: number, body: string, tag: number | undefined) => {
    if (status !== 200 || tag === undefined) return;
    acked.add(specAt(tag).eventNo);
    try {
      // The baselines answer with what they did; the app only with whether it had the event already.
      const answer = JSON.parse(body) as { outcome?: unknown; duplicate?: unknown };
      const outcome =
        typeof answer.outcome === "string"
          ? answer.outcome
          : typeof answer.duplicate === "boolean"
            ? answer.duplicate
              ? "duplicate"
              : "stored"
            : "none";
      outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
    } catch {
      outcomes.unparsable = (outcomes.unparsable ?? 0) + 1;
    }
  };

  /**
   * A level's load can end between the two events of one payment (charge.succeeded and
   * payment_intent.succeeded): Stripe sends both at once, so the second is delivered now rather than at
   * the start of the next level (where the first would have waited for it: ADR 0016).
   */
  async function completePair() {
    const PAIR = new Set(["succeeded", "charge_succeeded"]);
    const previous = cursor > 0 ? fixture.stream[cursor - 1] : undefined;
    const upcoming = fixture.stream[cursor];
    if (!previous || !upcoming || !PAIR.has(previous.kind) || !PAIR.has(upcoming.kind)) return;
    if (previous.kind === upcoming.kind || previous.succeededPi !== upcoming.succeededPi) return;
    const request = next();
    const response = await fetch(new URL(request.path, target.url), {
      method: "POST",
      body: request.body,
      headers: request.headers,
    });
    onResponse(response.status, await response.text(), request.tag);
  }

  /** Delivers again, one at a time, every drawn event not yet answered 200 (Stripe retries the same way). */
  async function redeliver() {
    const byNo = new Map(fixture.stream.map((s) => [s.eventNo, s]));
    for (const eventNo of drawn) {
      if (acked.has(eventNo)) continue;
      const spec = byNo.get(eventNo) as EventSpec;
      for (let attempt = 0; attempt < 5 && !acked.has(eventNo); attempt++) {
        const body = eventBody(spec, { prefix: target.prefix, account: fixture.account });
        const response = await fetch(new URL(target.path, target.url), {
          method: "POST",
          body,
          headers: signedHeaders(body),
        });
        await response.arrayBuffer();
        if (response.status === 200) acked.add(eventNo);
        else await new Promise((r) => setTimeout(r, 200));
      }
      redelivered++;
    }
  }

  return {
    target,
    async warmUp() {
      const result = await runLoad({
        url: target.url,
        connections: 1,
        amount: WARM_UP_EVENTS,
        maxSeconds: 30,
        next,
        onResponse,
      });
      await completePair();
      const since = { at: performance.now(), cpuMs: treeCpuMs(target.pid), workerCpuMs: workerCpu() };
      if (target.backlogPath) await waitForDrain(target, result, since);
    },
    async level(level: Level) {
      const storedBefore = outcomes.stored ?? 0;
      const stripeBefore = await target.stripeRequests?.();
      const workerCpuMs = workerCpu();
      const result = await runLoad({ url: target.url, ...level, next, onResponse, serverPid: target.pid });
      levels.push(result);
      const since = { at: performance.now(), cpuMs: treeCpuMs(target.pid), workerCpuMs };
      await completePair();
      await redeliver();
      if (target.backlogPath) {
        const drain = await waitForDrain(target, result, since);
        const stripeAfter = await target.stripeRequests?.();
        const applied = (outcomes.stored ?? 0) - storedBefore;
        if (stripeBefore && stripeAfter) {
          const requests = stripeAfter.requests - stripeBefore.requests;
          drains.push({
            ...drain,
            applied,
            stripeRequests: requests,
            rateLimited: stripeAfter.limited - stripeBefore.limited,
            readsPerApplied: applied > 0 ? round(requests / applied, 3) : null,
          });
        } else drains.push({ ...drain, applied });
      }
      return result;
    },
    result(): TargetRun {
      return { target, levels, drains, outcomes, redelivered, sent };
    },
  };
}

/** What the report keeps of a run: not the positions sent (thousands of numbers), only how many. */
export type TargetSummary = Omit<TargetRun, "sent"> & { sentEvents: number };

export function summarizeRun({ sent, ...rest }: TargetRun): TargetSummary {
  return { ...rest, sentEvents: sent.length };
}
