import type { ApiRequest } from "../core/api";
import { invalidRequest } from "../core/errors";
import { createdFilter, LIST_PARAMS, paginate } from "../core/list";
import { ParamReader } from "../core/params";

export function retrieveEventRoute(req: ApiRequest): unknown {
  new ParamReader(req.params, []);
  return req.ctx.store.require("events", req.ctx.account, req.path.id ?? "", { objectName: "event" });
}

/** `type` may use `*` as a wildcard (`charge.*`), as Stripe allows. */
function typeMatcher(pattern: string): (type: string) => boolean {
  const re = new RegExp(
    `^${pattern
      .split("*")
      .map((p) => p.replace(/[.]/g, "\\."))
      .join(".*")}$`,
  );
  return (type) => re.test(type);
}

export function listEventsRoute(req: ApiRequest): unknown {
  const reader = new ParamReader(req.params, [...LIST_PARAMS, "type", "types", "delivery_success"]);
  const type = reader.string("type");
  const types = reader.stringArray("types");
  if (type && types)
    throw invalidRequest("You may pass either `type` or `types`, but not both.", { param: "types" });
  const matches = type ? typeMatcher(type) : (t: string) => !types || types.includes(t);
  const deliverySuccess = reader.boolean("delivery_success");
  const created = createdFilter(reader);
  const items = req.ctx.store
    .list("events", req.ctx.account)
    .filter((e) => matches(e.type) && created(e.created))
    .filter((e) => deliverySuccess === undefined || (e.pending_webhooks === 0) === deliverySuccess);
  return paginate(items, reader, "/v1/events", "event");
}
