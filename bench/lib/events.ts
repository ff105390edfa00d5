import Stripe from "stripe";
import { EMULATOR_API_VERSION, EMULATOR_WEBHOOK_SECRET } from "../../emulator/constants";

/** What one position of the event stream is. */
export type EventKind =
  | "succeeded"
  | "charge_succeeded"
  | "duplicate"
  | "failed_after"
  | "ignored"
  | "refund";

export type EventSpec = {
  kind: EventKind;
  /** The number in the event id; a duplicate repeats its original's. */
  eventNo: number;
  type: string;
  object: { id: string } & Record<string, unknown>;
  /** The PaymentIntent a succeeded event (payment_intent.succeeded or charge.succeeded, or a duplicate) reports. */
  succeededPi?: string;
  /** The refund a refund event reports. */
  refundId?: string;
};

/** A small seeded PRNG, so every run sends the same mix in the same order. */
export function mulberry32(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// ~55% card payments that succeeded, each sent as Stripe sends it: charge.succeeded (the charge, card
// included) and payment_intent.succeeded, side by side, the intent's first for one payment in three
// (Stripe guarantees no order); ~18% duplicates of recent events (same event id), ~9% payment_failed
// for an intent that already succeeded (out of order: a no-op), ~9% types the app ignores, ~9%
// refund.created / refund.updated of real refunds.
const WEIGHTS: [EventKind, number][] = [
  ["succeeded", 0.55],
  ["duplicate", 0.18],
  ["failed_after", 0.09],
  ["ignored", 0.09],
  ["refund", 0.09],
];

export type StreamPlan = {
  /** Stream positions: kind and, for succeeded, the index of the intent it uses. */
  positions: { kind: EventKind; pick: number }[];
  intentsNeeded: number;
  /** Indexes of intents that get a refund (each yields refund.created and later refund.updated). */
  refunded: Set<number>;
};

/** Decides the stream's shape before any intent exists, so the bench creates exactly what it needs. */
export function planStream(length: number, seed = 42): StreamPlan {
  const random = mulberry32(seed);
  const positions: StreamPlan["positions"] = [];
  let intents = 0;
  const refunded = new Set<number>();
  let refundEventsDue = 0;
  for (let i = 0; i < length; i++) {
    let roll = random();
    let kind: EventKind = "succeeded";
    for (const [k, w] of WEIGHTS) {
      if (roll < w) {
        kind = k;
        break;
      }
      roll -= w;
    }
    // Out-of-order and duplicate events need something earlier to refer to.
    if (kind !== "succeeded" && kind !== "ignored" && intents < 5) kind = "succeeded";
    if (kind === "refund" && refundEventsDue === 0) {
      // Start a refund on an intent that succeeded a while ago; its two events follow.
      refunded.add(Math.floor(random() * (intents - 2)));
      refundEventsDue += 2;
    }
    if (kind === "refund") refundEventsDue -= 1;
    positions.push({ kind, pick: kind === "succeeded" ? intents++ : Math.floor(random() * 1e9) });
  }
  return { positions, intentsNeeded: intents, refunded };
}

/** A succeeded PaymentIntent as payment_intent.succeeded carries it (its charge by id) and its charge. */
export type Intent = { intent: Stripe.PaymentIntent; charge: Stripe.Charge };

/** Turns the plan into events, given the intents (by plan index) and refunds the emulator made. */
export function buildStream(
  plan: StreamPlan,
  intents: readonly Intent[],
  refunds: ReadonlyMap<number, Stripe.Refund>,
): EventSpec[] {
  const stream: EventSpec[] = [];
  const succeeded: EventSpec[] = [];
  /** Both events of each success, for duplicates. */
  const sentSuccesses: EventSpec[] = [];
  let nextNo = 0;
  let refundQueue: { refund: Stripe.Refund; type: string }[] = [];
  const refundOrder = [...refunds.entries()].sort((a, b) => a[0] - b[0]);
  const fresh = (spec: Omit<EventSpec, "eventNo">): EventSpec => ({ ...spec, eventNo: nextNo++ });

  for (const { kind, pick } of plan.positions) {
    const recent = succeeded.slice(-12);
    if (kind === "succeeded") {
      const paid = intents[pick];
      if (!paid) throw new Error(`no intent for stream index ${pick}`);
      const spec = fresh({
        kind,
        type: "payment_intent.succeeded",
        object: paid.intent as unknown as EventSpec["object"],
        succeededPi: paid.intent.id,
      });
      const charge = fresh({
        kind: "charge_succeeded",
        type: "charge.succeeded",
        object: paid.charge as unknown as EventSpec["object"],
        succeededPi: paid.intent.id,
      });
      succeeded.push(spec);
      const pair = pick % 3 === 0 ? [spec, charge] : [charge, spec];
      sentSuccesses.push(...pair);
      stream.push(...pair);
    } else if (kind === "duplicate") {
      const candidates = sentSuccesses.slice(-24);
      const original = candidates[pick % candidates.length] as EventSpec;
      stream.push({ ...original, kind });
    } else if (kind === "failed_after") {
      const older = succeeded.slice(0, Math.max(1, succeeded.length - 3));
      const original = older[pick % older.length] as EventSpec;
      stream.push(
        fresh({
          kind,
          type: "payment_intent.payment_failed",
          object: {
            ...original.object,
            status: "requires_payment_method",
            latest_charge: null,
            last_payment_error: {
              type: "card_error",
              code: "card_declined",
              decline_code: "generic_decline",
              message: "Your card was declined.",
            },
          },
        }),
      );
    } else if (kind === "ignored") {
      const original = recent[pick % Math.max(1, recent.length)];
      const pi = original?.object ?? { id: "pi_bench_unknown" };
      stream.push(
        pick % 2 === 0
          ? fresh({
              kind,
              type: "payment_intent.created",
              object: { ...pi, status: "requires_payment_method" },
            })
          : fresh({
              kind,
              type: "charge.updated",
              object: {
                id: `ch_bench_${nextNo}`,
                object: "charge",
                payment_intent: pi.id,
                status: "succeeded",
              },
            }),
      );
    } else {
      if (refundQueue.length === 0) {
        const next = refundOrder.shift();
        if (next) {
          refundQueue = [
            { refund: next[1], type: "refund.created" },
            { refund: next[1], type: "refund.updated" },
          ];
        }
      }
      const item = refundQueue.shift();
      if (!item) continue;
      stream.push(
        fresh({
          kind,
          type: item.type,
          object: item.refund as unknown as EventSpec["object"],
          refundId: item.refund.id,
        }),
      );
    }
  }
  return stream;
}

/** The event JSON as Stripe sends it to a Connect endpoint, with an id in the target's namespace. */
export function eventBody(spec: EventSpec, options: { prefix: string; account: string }): string {
  return JSON.stringify({
    id: `evt_${options.prefix}_${spec.eventNo}`,
    object: "event",
    type: spec.type,
    account: options.account,
    api_version: EMULATOR_API_VERSION,
    created: Math.floor(Date.now() / 1000),
    data: { object: spec.object },
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
  });
}

/** Signed just before sending, like a delivery: Stripe's tolerance is 300 s. */
export function signedHeaders(payload: string): Record<string, string> {
  return {
    "Content-Type": "application/json",
    "Stripe-Signature": Stripe.webhooks.generateTestHeaderString({
      payload,
      secret: EMULATOR_WEBHOOK_SECRET,
    }),
  };
}
