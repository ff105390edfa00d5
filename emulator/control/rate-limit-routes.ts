import type { RateLimitsView } from "../control-types";
import { type RateLimitInput, RateLimitInputError, type RateLimitMode } from "../core/rate-limits";
import type { Emulator } from "../emulator";
import { ControlError, type ControlHandler, optionalNumber, optionalString } from "./helpers";

function view(emulator: Emulator): RateLimitsView {
  const s = emulator.store.rateLimits.settings();
  const stats = emulator.store.rateLimits.stats();
  return {
    mode: s.mode,
    global_per_second: s.globalPerSecond,
    endpoint_per_second: s.endpointPerSecond,
    payment_intent_updates_per_hour: s.paymentIntentUpdatesPerHour,
    admitted: stats.admitted,
    limited: {
      "global-rate": stats["global-rate"],
      "endpoint-rate": stats["endpoint-rate"],
      "resource-specific": stats["resource-specific"],
    },
  };
}

/** GET /rate_limits: the limits in force and how many requests each limiter admitted and refused. */
export const getRateLimitsRoute: ControlHandler = (emulator) => view(emulator);

/** POST /rate_limits: `mode` (off, live, sandbox) sets Stripe's figures; any figure given overrides it. */
export const setRateLimitsRoute: ControlHandler = (emulator, { body }) => {
  const mode = optionalString(body, "mode");
  const input: RateLimitInput = {
    ...(mode ? { mode: mode as RateLimitMode } : {}),
    globalPerSecond: optionalNumber(body, "global_per_second"),
    endpointPerSecond: optionalNumber(body, "endpoint_per_second"),
    paymentIntentUpdatesPerHour: optionalNumber(body, "payment_intent_updates_per_hour"),
  };
  try {
    emulator.store.rateLimits.configure(input);
  } catch (error) {
    if (error instanceof RateLimitInputError) throw new ControlError(400, error.message);
    throw error;
  }
  return view(emulator);
};
