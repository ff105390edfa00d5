import type Stripe from "stripe";
import { invalidRequest } from "../core/errors";
import type { CollectionName } from "../core/state";
import type { Store } from "../core/store";

type Expandable = "payment_intent" | "charge" | "refund" | "dispute";

/** Fields holding an id that `expand[]` may replace with the object, per object type. */
const EXPANDABLE: Record<Expandable, Record<string, CollectionName>> = {
  payment_intent: { latest_charge: "charges", payment_method: "payment_methods" },
  charge: { payment_intent: "payment_intents" },
  refund: { charge: "charges", payment_intent: "payment_intents" },
  dispute: { charge: "charges", payment_intent: "payment_intents" },
};

const OBJECT_TYPES: Partial<Record<CollectionName, Expandable>> = {
  payment_intents: "payment_intent",
  charges: "charge",
  refunds: "refund",
  disputes: "dispute",
};

function chargeRefunds(store: Store, account: string, charge: Stripe.Charge): Stripe.ApiList<Stripe.Refund> {
  const data = store.list("refunds", account).filter((r) => r.charge === charge.id);
  return { object: "list", data, has_more: false, url: `/v1/charges/${charge.id}/refunds` };
}

/**
 * Returns a copy of `object` with the requested paths (`latest_charge`, `latest_charge.payment_intent`,
 * `refunds` on a charge) expanded; the stored object is never changed.
 */
export function expandObject<T extends object>(
  store: Store,
  account: string,
  type: Expandable,
  object: T,
  paths: string[],
): T {
  if (paths.length === 0) return object;
  const copy: Record<string, unknown> = { ...(object as Record<string, unknown>) };
  const byField = new Map<string, string[]>();
  for (const path of paths) {
    const [field = "", ...rest] = path.split(".");
    byField.set(field, [...(byField.get(field) ?? []), ...(rest.length ? [rest.join(".")] : [])]);
  }
  for (const [field, nested] of byField) {
    if (type === "charge" && field === "refunds") {
      copy.refunds = chargeRefunds(store, account, object as Stripe.Charge);
      continue;
    }
    const collection = EXPANDABLE[type][field];
    if (!collection)
      throw invalidRequest(`This property cannot be expanded (${field}).`, { param: "expand" });
    const id = copy[field];
    if (typeof id !== "string") continue;
    const target = store.get(collection, account, id);
    if (!target) continue;
    const targetType = OBJECT_TYPES[collection];
    copy[field] = targetType ? expandObject(store, account, targetType, target, nested) : target;
  }
  return copy as T;
}

/** `expand[]=data.latest_charge` on list endpoints applies to every item. */
export function expandList<T extends object>(
  store: Store,
  account: string,
  type: Expandable,
  list: Stripe.ApiList<T>,
  paths: string[],
): Stripe.ApiList<T> {
  const itemPaths = paths.filter((p) => p.startsWith("data.")).map((p) => p.slice(5));
  if (itemPaths.length !== paths.length) {
    const bad = paths.find((p) => !p.startsWith("data.")) ?? "";
    throw invalidRequest(`This property cannot be expanded (${bad}).`, { param: "expand" });
  }
  return { ...list, data: list.data.map((item) => expandObject(store, account, type, item, itemPaths)) };
}
