import type { WebhookMode } from "../core/state";
import { DisorderInputError } from "../webhooks/disorder";
import { registerEndpoint, setEndpointMode } from "../webhooks/endpoints";
import {
  ControlError,
  type ControlHandler,
  endpointView,
  optionalBoolean,
  optionalNumber,
  optionalString,
  requiredString,
} from "./helpers";

export const registerEndpointRoute: ControlHandler = (emulator, { body }) => {
  const events = body.enabled_events;
  if (events !== undefined && (!Array.isArray(events) || events.some((e) => typeof e !== "string"))) {
    throw new ControlError(400, "enabled_events must be an array of strings");
  }
  const record = registerEndpoint(emulator.store, {
    url: requiredString(body, "url"),
    secret: optionalString(body, "secret"),
    connect: optionalBoolean(body, "connect"),
    enabled_events: events as string[] | undefined,
  });
  return endpointView(record);
};

export const listEndpointsRoute: ControlHandler = (emulator) =>
  Object.values(emulator.store.state.webhookEndpoints).map(endpointView);

const MODES: WebhookMode[] = ["deliver", "paused", "drop"];

/** `mode`: deliver (normal), paused (held until resumed), drop (recorded as dropped, never sent). */
export const setEndpointModeRoute: ControlHandler = (emulator, { path, body }) => {
  const mode = requiredString(body, "mode") as WebhookMode;
  if (!MODES.includes(mode)) throw new ControlError(400, `mode must be one of ${MODES.join(", ")}`);
  const record = setEndpointMode(emulator.store, path.id ?? "", mode);
  if (!record) throw new ControlError(404, `No such webhook endpoint: '${path.id}'`);
  if (mode === "deliver") emulator.dispatcher.resume(record.object.id);
  return endpointView(record);
};

export const deleteEndpointRoute: ControlHandler = (emulator, { path }) => {
  const record = emulator.store.state.webhookEndpoints[path.id ?? ""];
  if (!record) throw new ControlError(404, `No such webhook endpoint: '${path.id}'`);
  delete emulator.store.state.webhookEndpoints[record.object.id];
  emulator.store.touch();
  return { id: record.object.id, deleted: true };
};

export const listDeliveriesRoute: ControlHandler = (emulator, { query }) => {
  const filters: Record<string, string | null> = {
    event_id: query.get("event_id"),
    event_type: query.get("event_type"),
    endpoint_id: query.get("endpoint_id"),
    status: query.get("status"),
    account: query.get("account"),
  };
  return Object.values(emulator.store.state.deliveries)
    .filter((d) =>
      Object.entries(filters).every(([k, v]) => v === null || String(d[k as keyof typeof d]) === v),
    )
    .sort((a, b) => a.seq - b.seq);
};

export const redeliverRoute: ControlHandler = (emulator, { path }) => {
  const delivery = emulator.dispatcher.redeliver(path.id ?? "");
  if (!delivery) throw new ControlError(404, `No such delivery: '${path.id}'`);
  return delivery;
};

/** Waits until deliveries settle (nothing pending on a delivering endpoint), at most `timeout_ms`. */
export const waitForDeliveriesRoute: ControlHandler = async (emulator, { body }) => {
  const timeout = Math.min(optionalNumber(body, "timeout_ms") ?? 5000, 60_000);
  return { pending: await emulator.dispatcher.idle(timeout) };
};

/** POST /webhooks/disorder: shuffled, duplicated and late deliveries (webhooks/disorder.ts). */
export const setDisorderRoute: ControlHandler = (emulator, { body }) => {
  try {
    const disorder = emulator.dispatcher.setDisorder({
      ...optionalEntry("shuffle_window_ms", optionalNumber(body, "shuffle_window_ms")),
      ...optionalEntry("duplicate_rate", optionalNumber(body, "duplicate_rate")),
      ...optionalEntry("late_rate", optionalNumber(body, "late_rate")),
      ...optionalEntry("seed", optionalNumber(body, "seed")),
    });
    return disorder?.settings ?? null;
  } catch (error) {
    if (error instanceof DisorderInputError) throw new ControlError(400, error.message);
    throw error;
  }
};

export const getDisorderRoute: ControlHandler = (emulator) => emulator.dispatcher.disorder?.settings ?? null;

export const clearDisorderRoute: ControlHandler = (emulator) => {
  emulator.dispatcher.setDisorder(null);
  return { ok: true };
};

/** POST /webhooks/release_late: sends the late copies held back, shuffled. */
export const releaseLateRoute: ControlHandler = (emulator) => ({
  released: emulator.dispatcher.releaseLate(),
});

function optionalEntry<K extends string>(key: K, value: number | undefined): Partial<Record<K, number>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, number>);
}
