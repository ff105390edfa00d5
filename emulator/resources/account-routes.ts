import { EMULATOR_PLATFORM_ACCOUNT_ID } from "../constants";
import type { ApiRequest } from "../core/api";
import { accountInvalid } from "../core/errors";
import { ParamReader } from "../core/params";
import { requireConnected } from "./accounts";

/** `GET /v1/account`: the account the request acts as (the platform, or the `Stripe-Account`). */
export function retrieveOwnAccountRoute(req: ApiRequest): unknown {
  new ParamReader(req.params, []);
  const record = req.ctx.store.state.accounts[req.ctx.account];
  if (!record) throw accountInvalid(req.ctx.account, req.apiKey);
  return record.object;
}

/** `GET /v1/accounts/:id`: the platform itself, or an account connected to it (403 otherwise). */
export function retrieveAccountRoute(req: ApiRequest): unknown {
  new ParamReader(req.params, []);
  const id = req.path.id ?? "";
  if (id === req.ctx.account) return retrieveOwnAccountRoute(req);
  if (req.ctx.account !== EMULATOR_PLATFORM_ACCOUNT_ID) throw accountInvalid(id, req.apiKey);
  return requireConnected(req.ctx.store, id, req.apiKey).object;
}
