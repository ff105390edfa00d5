import type Stripe from "stripe";
import { invalidRequest, resourceMissing } from "./errors";
import type { ParamReader } from "./params";

export const LIST_PARAMS = ["limit", "starting_after", "ending_before", "created"] as const;

/** `created`, as an exact timestamp or a `{gt,gte,lt,lte}` range, as every Stripe list accepts it. */
export function createdFilter(reader: ParamReader): (created: number) => boolean {
  const raw = reader.raw("created");
  if (raw === undefined) return () => true;
  if (typeof raw === "string") {
    const exact = reader.integer("created");
    return (created) => created === exact;
  }
  if (Array.isArray(raw)) throw invalidRequest("Invalid created", { param: "created" });
  const bound = (op: string) => {
    const v = raw[op];
    if (v === undefined) return undefined;
    if (typeof v !== "string" || !/^\d+$/.test(v)) {
      throw invalidRequest(`Invalid integer: ${String(v)}`, { param: `created[${op}]` });
    }
    return Number(v);
  };
  const [gt, gte, lt, lte] = [bound("gt"), bound("gte"), bound("lt"), bound("lte")];
  return (c) =>
    (gt === undefined || c > gt) &&
    (gte === undefined || c >= gte) &&
    (lt === undefined || c < lt) &&
    (lte === undefined || c <= lte);
}

/** Cursor pagination over a newest-first array, as Stripe's list endpoints do it. */
export function paginate<T extends { id: string }>(
  items: T[],
  reader: ParamReader,
  url: string,
  objectName: string,
): Stripe.ApiList<T> {
  const limit = reader.integer("limit", { min: 1, max: 100 }) ?? 10;
  const startingAfter = reader.string("starting_after");
  const endingBefore = reader.string("ending_before");
  const indexOf = (id: string, param: string) => {
    const index = items.findIndex((item) => item.id === id);
    if (index < 0) throw resourceMissing(objectName, id, param);
    return index;
  };
  if (startingAfter) {
    const rest = items.slice(indexOf(startingAfter, "starting_after") + 1);
    return { object: "list", data: rest.slice(0, limit), has_more: rest.length > limit, url };
  }
  if (endingBefore) {
    const before = items.slice(0, indexOf(endingBefore, "ending_before"));
    return {
      object: "list",
      data: before.slice(Math.max(0, before.length - limit)),
      has_more: before.length > limit,
      url,
    };
  }
  return { object: "list", data: items.slice(0, limit), has_more: items.length > limit, url };
}
