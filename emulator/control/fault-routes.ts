import type { FaultView } from "../control-types";
import { FaultInputError, type FaultRule, type FaultRuleInput } from "../core/faults";
import { type Body, ControlError, type ControlHandler, optionalNumber, optionalString } from "./helpers";

export function faultView(rule: FaultRule): FaultView {
  return {
    id: rule.id,
    kind: rule.kind,
    when: rule.when,
    method: rule.method,
    path: rule.path,
    account: rule.account,
    user_agent: rule.userAgent,
    rate: rule.rate,
    remaining: rule.remaining,
    delay_ms: rule.delayMs,
    seen: rule.seen,
    fired: rule.fired,
  };
}

function faultInput(body: Body): FaultRuleInput {
  const kind = optionalString(body, "kind");
  if (!kind) throw new ControlError(400, "kind is required");
  const when = optionalString(body, "when");
  return {
    kind: kind as FaultRuleInput["kind"],
    ...(when ? { when: when as FaultRuleInput["when"] } : {}),
    ...optional("method", optionalString(body, "method")),
    ...optional("path", optionalString(body, "path")),
    ...optional("account", optionalString(body, "account")),
    ...optional("user_agent", optionalString(body, "user_agent")),
    ...optional("rate", optionalNumber(body, "rate")),
    ...optional("count", optionalNumber(body, "count")),
    ...optional("delay_ms", optionalNumber(body, "delay_ms")),
    ...optional("seed", optionalNumber(body, "seed")),
  };
}

function optional<K extends string, V>(key: K, value: V | undefined): Partial<Record<K, V>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, V>);
}

/** POST /faults: one rule, or `{rules: [...]}` for several at once. */
export const addFaultRoute: ControlHandler = (emulator, { body }) => {
  const inputs = Array.isArray(body.rules) ? (body.rules as Body[]) : [body];
  try {
    return inputs.map((input) => faultView(emulator.store.faults.add(faultInput(input))));
  } catch (error) {
    if (error instanceof FaultInputError) throw new ControlError(400, error.message);
    throw error;
  }
};

export const listFaultsRoute: ControlHandler = (emulator) => emulator.store.faults.list().map(faultView);

export const clearFaultsRoute: ControlHandler = (emulator) => {
  emulator.store.faults.clear();
  return { ok: true };
};

export const removeFaultRoute: ControlHandler = (emulator, { path }) => {
  if (!emulator.store.faults.remove(path.id ?? "")) throw new ControlError(404, "No such fault rule");
  return { ok: true };
};
