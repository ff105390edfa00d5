import type { AccountView, JobView, WebhookEndpointView } from "../control-types";
import type { AccountRecord, JobRecord, WebhookEndpointRecord } from "../core/state";
import type { Emulator } from "../emulator";

export class ControlError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export type Body = Record<string, unknown>;

export type ControlRequest = { body: Body; path: Record<string, string>; query: URLSearchParams };
export type ControlHandler = (emulator: Emulator, req: ControlRequest) => unknown;

export function optionalString(body: Body, name: string): string | undefined {
  const value = body[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "string") throw new ControlError(400, `${name} must be a string`);
  return value;
}

export function requiredString(body: Body, name: string): string {
  const value = optionalString(body, name);
  if (!value) throw new ControlError(400, `${name} is required`);
  return value;
}

export function optionalNumber(body: Body, name: string): number | undefined {
  const value = body[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "number" || !Number.isFinite(value))
    throw new ControlError(400, `${name} must be a number`);
  return value;
}

export function optionalBoolean(body: Body, name: string): boolean | undefined {
  const value = body[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "boolean") throw new ControlError(400, `${name} must be a boolean`);
  return value;
}

export function optionalObject(body: Body, name: string): Body | undefined {
  const value = body[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "object" || Array.isArray(value))
    throw new ControlError(400, `${name} must be an object`);
  return value as Body;
}

export function accountView(record: AccountRecord): AccountView {
  const a = record.object;
  return {
    id: a.id,
    name: a.business_profile?.name ?? null,
    country: a.country ?? null,
    default_currency: a.default_currency ?? null,
    charges_enabled: a.charges_enabled,
    details_submitted: a.details_submitted,
    connected: record.connected,
    demo: record.demo,
  };
}

export function endpointView(record: WebhookEndpointRecord): WebhookEndpointView {
  return {
    id: record.object.id,
    url: record.object.url,
    secret: record.secret,
    scope: record.scope,
    mode: record.mode,
    enabled_events: record.object.enabled_events,
    status: record.object.status,
  };
}

export function jobView(job: JobRecord): JobView {
  return { kind: job.kind, account: job.account, target: job.target, due_at: Math.floor(job.dueAt / 1000) };
}

export function requireAccount(emulator: Emulator, id: string): AccountRecord {
  const record = emulator.store.state.accounts[id];
  if (!record) throw new ControlError(404, `No such account: '${id}'`);
  return record;
}

/** Finds which account owns a PaymentIntent, refund or dispute, so tests need not say. */
export function ownerOf(
  emulator: Emulator,
  collection: "payment_intents" | "refunds" | "disputes",
  id: string,
): string {
  const found = emulator.store.find(collection, id);
  if (!found) throw new ControlError(404, `No such object: '${id}'`);
  return found.account;
}
