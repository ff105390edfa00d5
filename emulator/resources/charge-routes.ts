import type { ApiRequest } from "../core/api";
import { createdFilter, LIST_PARAMS, paginate } from "../core/list";
import { ParamReader } from "../core/params";
import { expandList, expandObject } from "./expand";

export function retrieveChargeRoute(req: ApiRequest): unknown {
  const reader = new ParamReader(req.params, []);
  const charge = req.ctx.store.require("charges", req.ctx.account, req.path.id ?? "", {
    objectName: "charge",
  });
  return expandObject(req.ctx.store, req.ctx.account, "charge", charge, reader.expand());
}

export function listChargesRoute(req: ApiRequest): unknown {
  const reader = new ParamReader(req.params, [
    ...LIST_PARAMS,
    "payment_intent",
    "customer",
    "transfer_group",
  ]);
  const paymentIntent = reader.string("payment_intent");
  const transferGroup = reader.string("transfer_group");
  const customer = reader.string("customer");
  const created = createdFilter(reader);
  const items = req.ctx.store
    .list("charges", req.ctx.account)
    .filter((c) => !paymentIntent || c.payment_intent === paymentIntent)
    .filter((c) => !transferGroup || c.transfer_group === transferGroup)
    .filter((c) => !customer || c.customer === customer)
    .filter((c) => created(c.created));
  const list = paginate(items, reader, "/v1/charges", "charge");
  return expandList(req.ctx.store, req.ctx.account, "charge", list, reader.expand());
}

export function retrievePaymentMethodRoute(req: ApiRequest): unknown {
  new ParamReader(req.params, []);
  return req.ctx.store.require("payment_methods", req.ctx.account, req.path.id ?? "", {
    objectName: "PaymentMethod",
  });
}
