import type Stripe from "stripe";
import { EMULATOR_API_VERSION, EMULATOR_PLATFORM_ACCOUNT_ID } from "../constants";
import { Clock } from "./clock";
import { resourceMissing } from "./errors";
import { FaultInjector } from "./faults";
import { newId } from "./ids";
import { RateLimiter } from "./rate-limits";
import type { CollectionName, Collections, JobKind, JobRecord, Owned, State } from "./state";

/** The event types the emulator emits, and the object each carries in `data.object`. */
export type EventObjects = {
  "payment_intent.created": Stripe.PaymentIntent;
  "payment_intent.requires_action": Stripe.PaymentIntent;
  "payment_intent.processing": Stripe.PaymentIntent;
  "payment_intent.succeeded": Stripe.PaymentIntent;
  "payment_intent.payment_failed": Stripe.PaymentIntent;
  "payment_intent.canceled": Stripe.PaymentIntent;
  "charge.pending": Stripe.Charge;
  "charge.succeeded": Stripe.Charge;
  "charge.failed": Stripe.Charge;
  "charge.refunded": Stripe.Charge;
  "charge.updated": Stripe.Charge;
  "charge.refund.updated": Stripe.Refund;
  "refund.created": Stripe.Refund;
  "refund.updated": Stripe.Refund;
  "refund.failed": Stripe.Refund;
  "charge.dispute.created": Stripe.Dispute;
  "charge.dispute.updated": Stripe.Dispute;
  "charge.dispute.closed": Stripe.Dispute;
  "charge.dispute.funds_withdrawn": Stripe.Dispute;
  "charge.dispute.funds_reinstated": Stripe.Dispute;
  "account.updated": Stripe.Account;
  "account.application.authorized": Stripe.Application;
  "account.application.deauthorized": Stripe.Application;
};
export type EmulatorEventType = keyof EventObjects;

export type AsyncDelays = { refundSeconds: number; disputeSeconds: number; paymentSeconds: number };

/** Who is acting: the account whose data is touched and the API request (for `event.request`). */
export type OpContext = {
  store: Store;
  account: string;
  request: { id: string | null; idempotency_key: string | null } | null;
};

type StoreHooks = {
  /** Called synchronously for each new event; returns how many deliveries were queued. */
  onEvent?: (event: Stripe.Event, account: string) => number;
  onJobsChanged?: () => void;
  onChange?: () => void;
};

/** All emulator data (plain JSON, see state.ts) plus the clock, with scoped access helpers. */
export class Store {
  readonly clock: Clock;
  hooks: StoreHooks = {};
  /** The emulator's own origin, for URLs inside objects (receipts, 3-D Secure pages). */
  publicUrl = "http://127.0.0.1";
  /** Seconds until asynchronous outcomes happen on their own (tests settle them at once instead). */
  delays: AsyncDelays = { refundSeconds: 30, disputeSeconds: 10, paymentSeconds: 10 };
  /** Injected API failures (control API `/faults`); in memory only. */
  readonly faults = new FaultInjector();
  /** Stripe's rate limits (control API `/rate_limits`, or startEmulator's `rateLimits`); off by default. */
  readonly rateLimits = new RateLimiter();
  /** Idempotency keys of requests still running (`account key`): a second one meanwhile gets a 409. */
  readonly inFlightKeys = new Set<string>();

  constructor(public state: State) {
    this.clock = new Clock(state.clockOffsetMs);
  }

  nextSeq(): number {
    this.state.seq += 1;
    return this.state.seq;
  }

  /** Marks the state as changed, so development mode persists it soon. */
  touch(): void {
    this.state.clockOffsetMs = this.clock.offset;
    this.hooks.onChange?.();
  }

  insert<K extends CollectionName>(name: K, account: string, object: Collections[K]): Collections[K] {
    const table = this.state.objects[name] as Record<string, Owned<Collections[K]>>;
    table[object.id] = { account, seq: this.nextSeq(), object };
    this.touch();
    return object;
  }

  /** Finds an object whatever account owns it (for internal jobs and the control API). */
  find<K extends CollectionName>(name: K, id: string): Owned<Collections[K]> | undefined {
    return (this.state.objects[name] as Record<string, Owned<Collections[K]>>)[id];
  }

  /** Finds an object of `account`; another account's object is as invisible as a missing one. */
  get<K extends CollectionName>(name: K, account: string, id: string): Collections[K] | undefined {
    const found = this.find(name, id);
    return found && found.account === account ? found.object : undefined;
  }

  require<K extends CollectionName>(
    name: K,
    account: string,
    id: string,
    what: { objectName: string; param?: string },
  ): Collections[K] {
    const found = this.get(name, account, id);
    if (!found) throw resourceMissing(what.objectName, id, what.param);
    return found;
  }

  /** The account's objects, newest first. */
  list<K extends CollectionName>(name: K, account: string): Collections[K][] {
    const rows = Object.values(this.state.objects[name] as Record<string, Owned<Collections[K]>>);
    return rows
      .filter((row) => row.account === account)
      .sort((a, b) => b.seq - a.seq)
      .map((row) => row.object);
  }

  emit<T extends EmulatorEventType>(
    ctx: OpContext,
    type: T,
    object: EventObjects[T],
    previousAttributes?: Record<string, unknown>,
  ): Stripe.Event {
    const account = ctx.account;
    const event = {
      id: newId("evt"),
      object: "event",
      ...(account === EMULATOR_PLATFORM_ACCOUNT_ID ? {} : { account }),
      api_version: EMULATOR_API_VERSION,
      created: this.clock.now(),
      // A snapshot: the stored object keeps changing after the event is sent.
      data: {
        object: structuredClone(object),
        ...(previousAttributes ? { previous_attributes: structuredClone(previousAttributes) } : {}),
      },
      livemode: false,
      pending_webhooks: 0,
      request: ctx.request ?? { id: null, idempotency_key: null },
      type,
    } as Stripe.Event;
    this.insert("events", account, event);
    event.pending_webhooks = this.hooks.onEvent?.(event, account) ?? 0;
    return event;
  }

  schedule(kind: JobKind, account: string, target: string, delaySeconds: number): JobRecord {
    const job: JobRecord = {
      id: newId("job", 16),
      kind,
      account,
      target,
      dueAt: this.clock.nowMs() + delaySeconds * 1000,
    };
    this.state.jobs[job.id] = job;
    this.touch();
    this.hooks.onJobsChanged?.();
    return job;
  }
}
