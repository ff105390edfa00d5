import type Stripe from "stripe";
import { newId } from "../core/ids";
import type { DeliveryRecord, WebhookEndpointRecord } from "../core/state";
import type { Store } from "../core/store";
import { Disorder, type DisorderInput } from "./disorder";
import { endpointsFor } from "./endpoints";
import { signatureHeader } from "./signing";

export type DispatcherOptions = {
  /** Delay before each retry after a failed attempt; its length bounds the number of retries. */
  retryDelaysMs: number[];
  /** Per-attempt timeout: an endpoint slower than this counts as failed. */
  timeoutMs: number;
};

const MAX_LOGGED_BODY = 500;

/**
 * Sends events to webhook endpoints outside the API request that caused them, one attempt at a time
 * per endpoint (so each endpoint sees events in order), retrying non-2xx answers with backoff.
 */
export class WebhookDispatcher {
  private readonly queues = new Map<string, string[]>();
  private readonly busy = new Map<string, Promise<void>>();
  private readonly timers = new Set<NodeJS.Timeout>();
  /** Deliveries sent whatever their endpoint's mode (an explicit redeliver). */
  private readonly forced = new Set<string>();
  private closed = false;
  /** Shuffled, duplicated and late deliveries (webhooks/disorder.ts); null = in order, once. */
  disorder: Disorder | null = null;

  constructor(
    private readonly store: Store,
    private readonly options: DispatcherOptions,
  ) {}

  /** Creates one delivery per matching endpoint; returns how many (the event's `pending_webhooks`). */
  enqueue(event: Stripe.Event): number {
    const endpoints = endpointsFor(this.store, event);
    for (const endpoint of endpoints) {
      const delivery = this.newDelivery(event, endpoint);
      if (endpoint.mode === "drop") this.finish(delivery, "dropped");
      else if (endpoint.mode === "deliver") this.scheduleAttempt(delivery.id, this.disorder?.delayMs() ?? 0);
      else delivery.next_attempt_at = null;
      if (endpoint.mode === "drop" || !this.disorder) continue;
      if (this.disorder.duplicates()) {
        const copy = this.newDelivery(event, endpoint, "duplicate");
        if (endpoint.mode === "deliver") this.scheduleAttempt(copy.id, this.disorder.delayMs());
        else copy.next_attempt_at = null;
      }
      if (this.disorder.late()) {
        const late = this.newDelivery(event, endpoint, "late");
        late.held = true;
        late.next_attempt_at = null;
      }
    }
    return endpoints.filter((e) => e.mode !== "drop").length;
  }

  private newDelivery(
    event: Stripe.Event,
    endpoint: WebhookEndpointRecord,
    kind?: DeliveryRecord["kind"],
  ): DeliveryRecord {
    const delivery: DeliveryRecord = {
      id: newId("whdel", 20),
      seq: this.store.nextSeq(),
      event_id: event.id,
      event_type: event.type,
      account: event.account ?? null,
      endpoint_id: endpoint.object.id,
      url: endpoint.object.url,
      status: "pending",
      attempts: [],
      next_attempt_at: Date.now(),
      ...(kind ? { kind } : {}),
    };
    this.store.state.deliveries[delivery.id] = delivery;
    return delivery;
  }

  /** Switches disorder on (or off with null). */
  setDisorder(input: DisorderInput | null): Disorder | null {
    this.disorder = input ? new Disorder(input) : null;
    return this.disorder;
  }

  /** Sends the late copies held back so far, shuffled, as Stripe's retries days later would. */
  releaseLate(): number {
    const held = Object.values(this.store.state.deliveries).filter((d) => d.held && d.status === "pending");
    const order = this.disorder ? this.disorder.shuffle(held) : held;
    order.forEach((delivery, i) => {
      delivery.held = false;
      this.scheduleAttempt(delivery.id, i);
    });
    return held.length;
  }

  /** Sends a delivery again now, whatever its status and its endpoint's mode. */
  redeliver(id: string): DeliveryRecord | undefined {
    const delivery = this.store.state.deliveries[id];
    if (!delivery) return undefined;
    if (delivery.status !== "pending" && !delivery.kind) this.adjustPending(delivery.event_id, 1);
    delivery.status = "pending";
    delivery.held = false;
    this.scheduleAttempt(id, 0, true);
    return delivery;
  }

  /** Queues again what a paused endpoint held back, and what was pending when the emulator stopped. */
  resume(endpointId?: string): void {
    for (const delivery of Object.values(this.store.state.deliveries).sort((a, b) => a.seq - b.seq)) {
      if (delivery.status !== "pending" || (endpointId && delivery.endpoint_id !== endpointId)) continue;
      if (delivery.held) continue;
      const endpoint = this.store.state.webhookEndpoints[delivery.endpoint_id];
      if (endpoint?.mode === "paused") continue;
      const delay = Math.max(0, (delivery.next_attempt_at ?? Date.now()) - Date.now());
      this.scheduleAttempt(delivery.id, delay);
    }
  }

  /** Resolves once no delivery is waiting on a delivering endpoint, or after `timeoutMs`; returns those left. */
  async idle(timeoutMs: number): Promise<number> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const waiting = Object.values(this.store.state.deliveries).filter(
        (d) =>
          d.status === "pending" &&
          !d.held &&
          this.store.state.webhookEndpoints[d.endpoint_id]?.mode !== "paused",
      ).length;
      if (waiting === 0 || Date.now() >= deadline) return waiting;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  /** Stops retries and waits for attempts already on the wire. */
  async close(): Promise<void> {
    this.closed = true;
    this.clearTimers();
    await Promise.allSettled([...this.busy.values()]);
  }

  clearTimers(): void {
    this.disorder = null;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    this.queues.clear();
    this.forced.clear();
  }

  private scheduleAttempt(id: string, delayMs: number, force = false): void {
    const delivery = this.store.state.deliveries[id];
    if (!delivery || this.closed) return;
    if (force) this.forced.add(id);
    delivery.next_attempt_at = Date.now() + delayMs;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      const queue = this.queues.get(delivery.endpoint_id) ?? [];
      if (!queue.includes(id)) queue.push(id);
      this.queues.set(delivery.endpoint_id, queue);
      this.pump(delivery.endpoint_id);
    }, delayMs);
    this.timers.add(timer);
  }

  private pump(endpointId: string): void {
    if (this.busy.has(endpointId) || this.closed) return;
    const next = this.queues.get(endpointId)?.shift();
    if (!next) return;
    const force = this.forced.delete(next);
    const run = this.attempt(next, force).finally(() => {
      this.busy.delete(endpointId);
      this.pump(endpointId);
    });
    this.busy.set(endpointId, run);
  }

  private async attempt(id: string, force: boolean): Promise<void> {
    const delivery = this.store.state.deliveries[id];
    if (delivery?.status !== "pending") return;
    const endpoint = this.store.state.webhookEndpoints[delivery.endpoint_id];
    const event = this.store.find("events", delivery.event_id)?.object;
    if (!endpoint || !event) {
      this.log(delivery, {
        status_code: null,
        error: "endpoint or event no longer exists",
        duration_ms: 0,
        response_body: null,
      });
      return this.finish(delivery, "failed");
    }
    if (!force && endpoint.mode === "paused") {
      delivery.next_attempt_at = null;
      return;
    }
    if (!force && endpoint.mode === "drop") return this.finish(delivery, "dropped");
    const ok = await this.send(delivery, endpoint, event);
    if (ok) return this.finish(delivery, "succeeded");
    const retryIndex = delivery.attempts.length - 1;
    const delay = this.options.retryDelaysMs[retryIndex];
    if (delay === undefined) return this.finish(delivery, "failed");
    this.scheduleAttempt(delivery.id, delay);
    this.store.touch();
  }

  private async send(
    delivery: DeliveryRecord,
    endpoint: WebhookEndpointRecord,
    event: Stripe.Event,
  ): Promise<boolean> {
    // The payload is rendered in the endpoint's API version, else the account's default (the emulator's).
    const payload = JSON.stringify(
      { ...event, api_version: endpoint.object.api_version ?? event.api_version },
      null,
      2,
    );
    const started = Date.now();
    try {
      const response = await fetch(endpoint.object.url, {
        method: "POST",
        headers: {
          "Content-Type": "application/json; charset=utf-8",
          "Stripe-Signature": signatureHeader(endpoint.secret, payload),
          "User-Agent": "Stripe/1.0 (+https://stripe.com/docs/webhooks)",
          "Cache-Control": "no-cache",
        },
        body: payload,
        signal: AbortSignal.timeout(this.options.timeoutMs),
      });
      const body = await response.text().catch(() => "");
      this.log(delivery, {
        status_code: response.status,
        error: response.ok ? null : `HTTP ${response.status}`,
        duration_ms: Date.now() - started,
        response_body: body.slice(0, MAX_LOGGED_BODY),
      });
      return response.ok;
    } catch (error) {
      const message =
        error instanceof Error
          ? error.cause instanceof Error
            ? error.cause.message
            : error.message
          : String(error);
      this.log(delivery, {
        status_code: null,
        error: message,
        duration_ms: Date.now() - started,
        response_body: null,
      });
      return false;
    }
  }

  private log(delivery: DeliveryRecord, attempt: Omit<DeliveryRecord["attempts"][number], "at">): void {
    delivery.attempts.push({ at: new Date().toISOString(), ...attempt });
  }

  private finish(delivery: DeliveryRecord, status: DeliveryRecord["status"]): void {
    delivery.status = status;
    delivery.next_attempt_at = null;
    // Extra copies (disorder) were never counted in the event's pending_webhooks.
    if (!delivery.kind) this.adjustPending(delivery.event_id, -1);
    this.store.touch();
  }

  private adjustPending(eventId: string, delta: number): void {
    const event = this.store.find("events", eventId)?.object;
    if (event) event.pending_webhooks = Math.max(0, event.pending_webhooks + delta);
  }
}
