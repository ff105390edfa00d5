import type Stripe from "stripe";
import { EMULATOR_PLATFORM_ACCOUNT_ID, EMULATOR_WEBHOOK_SECRET } from "../constants";
import type { ApiRequest } from "../core/api";
import { invalidRequest, missingParam, resourceMissing } from "../core/errors";
import { newId, randomToken } from "../core/ids";
import { LIST_PARAMS, paginate } from "../core/list";
import { ParamReader } from "../core/params";
import type { WebhookEndpointRecord, WebhookMode, WebhookScope } from "../core/state";
import type { Store } from "../core/store";

function checkUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.protocol === "http:" || parsed.protocol === "https:") return url;
  } catch {
    // falls through to the error below
  }
  throw invalidRequest(`Invalid URL: ${url}. URLs must begin with http:// or https://.`, { param: "url" });
}

function checkEvents(events: string[]): string[] {
  if (events.length === 0) throw missingParam("enabled_events");
  const bad = events.find((e) => !/^(\*|[a-z_]+(\.[a-z_]+)+)$/.test(e));
  if (bad) throw invalidRequest(`Invalid enabled_events: ${bad}`, { param: "enabled_events" });
  return events;
}

type NewEndpoint = {
  url: string;
  enabledEvents: string[];
  scope: WebhookScope;
  secret?: string;
  description?: string | null;
  metadata?: Record<string, string>;
};

export function addEndpoint(store: Store, input: NewEndpoint): WebhookEndpointRecord {
  const record: WebhookEndpointRecord = {
    object: {
      id: newId("we"),
      object: "webhook_endpoint",
      api_version: null,
      application: null,
      created: store.clock.now(),
      description: input.description ?? null,
      enabled_events: checkEvents(input.enabledEvents),
      livemode: false,
      metadata: input.metadata ?? {},
      status: "enabled",
      url: checkUrl(input.url),
    },
    secret: input.secret ?? `whsec_${randomToken(32)}`,
    scope: input.scope,
    mode: "deliver",
  };
  store.state.webhookEndpoints[record.object.id] = record;
  store.touch();
  return record;
}

/** Control API: registers `url` with a known secret; registering the same url (and scope) again updates it. */
export function registerEndpoint(
  store: Store,
  input: { url: string; secret?: string; connect?: boolean; enabled_events?: string[] },
): WebhookEndpointRecord {
  const scope: WebhookScope = input.connect === undefined ? "both" : input.connect ? "connect" : "account";
  const enabledEvents = input.enabled_events ?? ["*"];
  const existing = Object.values(store.state.webhookEndpoints).find(
    (r) => r.object.url === input.url && r.scope === scope,
  );
  if (!existing)
    return addEndpoint(store, {
      url: input.url,
      enabledEvents,
      scope,
      secret: input.secret ?? EMULATOR_WEBHOOK_SECRET,
    });
  existing.secret = input.secret ?? EMULATOR_WEBHOOK_SECRET;
  existing.object.enabled_events = checkEvents(enabledEvents);
  existing.object.status = "enabled";
  store.touch();
  return existing;
}

export function setEndpointMode(
  store: Store,
  id: string,
  mode: WebhookMode,
): WebhookEndpointRecord | undefined {
  const record = store.state.webhookEndpoints[id];
  if (record) {
    record.mode = mode;
    store.touch();
  }
  return record;
}

/** Endpoints that should receive `event`: Connect endpoints for connected accounts' events. */
export function endpointsFor(store: Store, event: Stripe.Event): WebhookEndpointRecord[] {
  const connected = Boolean(event.account);
  return Object.values(store.state.webhookEndpoints).filter((r) => {
    if (r.object.status !== "enabled") return false;
    if (r.scope !== "both" && (r.scope === "connect") !== connected) return false;
    return r.object.enabled_events.includes("*") || r.object.enabled_events.includes(event.type);
  });
}

function requirePlatform(req: ApiRequest): void {
  if (req.ctx.account !== EMULATOR_PLATFORM_ACCOUNT_ID) {
    throw invalidRequest(
      "The emulator keeps webhook endpoints on the platform account only (use `connect=true`).",
    );
  }
}

function requireEndpoint(req: ApiRequest): WebhookEndpointRecord {
  const record = req.ctx.store.state.webhookEndpoints[req.path.id ?? ""];
  if (!record) throw resourceMissing("webhook endpoint", req.path.id ?? "");
  return record;
}

export function createWebhookEndpointRoute(req: ApiRequest): unknown {
  requirePlatform(req);
  const reader = new ParamReader(req.params, [
    "url",
    "enabled_events",
    "connect",
    "description",
    "metadata",
    "api_version",
  ]);
  const record = addEndpoint(req.ctx.store, {
    url: reader.requiredString("url"),
    enabledEvents: reader.stringArray("enabled_events") ?? [],
    scope: reader.boolean("connect") ? "connect" : "account",
    description: reader.nullableString("description"),
    metadata: reader.metadata(),
  });
  record.object.api_version = reader.string("api_version") ?? null;
  return { ...record.object, secret: record.secret };
}

export function retrieveWebhookEndpointRoute(req: ApiRequest): unknown {
  requirePlatform(req);
  new ParamReader(req.params, []);
  return requireEndpoint(req).object;
}

export function updateWebhookEndpointRoute(req: ApiRequest): unknown {
  requirePlatform(req);
  const reader = new ParamReader(req.params, [
    "url",
    "enabled_events",
    "description",
    "metadata",
    "disabled",
  ]);
  const { object } = requireEndpoint(req);
  const url = reader.string("url");
  if (url) object.url = checkUrl(url);
  const events = reader.stringArray("enabled_events");
  if (events) object.enabled_events = checkEvents(events);
  if (reader.has("description")) object.description = reader.nullableString("description") ?? null;
  object.metadata = reader.metadata(object.metadata);
  const disabled = reader.boolean("disabled");
  if (disabled !== undefined) object.status = disabled ? "disabled" : "enabled";
  req.ctx.store.touch();
  return object;
}

export function deleteWebhookEndpointRoute(req: ApiRequest): unknown {
  requirePlatform(req);
  const { object } = requireEndpoint(req);
  delete req.ctx.store.state.webhookEndpoints[object.id];
  req.ctx.store.touch();
  return { id: object.id, object: "webhook_endpoint", deleted: true };
}

export function listWebhookEndpointsRoute(req: ApiRequest): unknown {
  requirePlatform(req);
  const reader = new ParamReader(req.params, [...LIST_PARAMS]);
  // Insertion order reversed: newest first, as every Stripe list.
  const items = Object.values(req.ctx.store.state.webhookEndpoints)
    .map((r) => r.object)
    .reverse();
  return paginate(items, reader, "/v1/webhook_endpoints", "webhook_endpoint");
}
