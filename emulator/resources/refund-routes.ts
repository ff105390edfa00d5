import type { ApiRequest } from "../core/api";
import { invalidRequest } from "../core/errors";
import { createdFilter, LIST_PARAMS, paginate } from "../core/list";
import { ParamReader } from "../core/params";
import { expandList, expandObject } from "./expand";
import { createRefund, REFUND_REASONS } from "./refunds";

export function createRefundRoute(req: ApiRequest): unknown {
  const reader = new ParamReader(req.params, [
    "charge",
    "payment_intent",
    "amount",
    "reason",
    "metadata",
    "refund_application_fee",
    "reverse_transfer",
    "instructions_email",
  ]);
  const refund = createRefund(req.ctx, {
    charge: reader.string("charge"),
    paymentIntent: reader.string("payment_intent"),
    amount: reader.integer("amount", { min: 1 }),
    reason: reader.oneOf("reason", REFUND_REASONS),
    metadata: reader.metadata(),
  });
  reader.boolean("refund_application_fee");
  return expandObject(req.ctx.store, req.ctx.account, "refund", refund, reader.expand());
}

function requireRefund(req: ApiRequest) {
  return req.ctx.store.require("refunds", req.ctx.account, req.path.id ?? "", { objectName: "refund" });
}

export function retrieveRefundRoute(req: ApiRequest): unknown {
  const reader = new ParamReader(req.params, []);
  return expandObject(req.ctx.store, req.ctx.account, "refund", requireRefund(req), reader.expand());
}

export function updateRefundRoute(req: ApiRequest): unknown {
  const reader = new ParamReader(req.params, ["metadata"]);
  const refund = requireRefund(req);
  refund.metadata = reader.metadata(refund.metadata ?? {});
  req.ctx.store.touch();
  return expandObject(req.ctx.store, req.ctx.account, "refund", refund, reader.expand());
}

export function listRefundsRoute(req: ApiRequest): unknown {
  const reader = new ParamReader(req.params, [...LIST_PARAMS, "charge", "payment_intent"]);
  const charge = reader.string("charge");
  const paymentIntent = reader.string("payment_intent");
  const created = createdFilter(reader);
  const items = req.ctx.store
    .list("refunds", req.ctx.account)
    .filter((r) => (!charge || r.charge === charge) && (!paymentIntent || r.payment_intent === paymentIntent))
    .filter((r) => created(r.created));
  const list = paginate(items, reader, "/v1/refunds", "refund");
  return expandList(req.ctx.store, req.ctx.account, "refund", list, reader.expand());
}

/** Only refunds awaiting customer action can be canceled through the API; card refunds never are. */
export function cancelRefundRoute(req: ApiRequest): unknown {
  new ParamReader(req.params, []);
  const refund = requireRefund(req);
  throw invalidRequest(
    `You can only cancel refunds with a status of requires_action. This refund (${refund.id}) has a status of ${refund.status}.`,
  );
}
