import { CONTROL_PREFIX } from "../constants";
import { Router } from "../http/router";
import { closeDispute } from "../resources/disputes";
import { cancelRefundFromDashboard } from "../resources/refunds";
import {
  authenticateRoute,
  authorizeRoute,
  chargesRoute,
  connectRoute,
  createAccountRoute,
  dashboardRefundRoute,
  deauthorizeRoute,
  listAccounts,
} from "./account-routes";
import {
  ControlError,
  type ControlHandler,
  jobView,
  optionalBoolean,
  optionalNumber,
  optionalString,
  ownerOf,
} from "./helpers";
import { accountObjectRoute, requireFieldRoute } from "./onboarding-routes";
import { listPaymentsRoute } from "./payment-routes";
import {
  deleteEndpointRoute,
  listDeliveriesRoute,
  listEndpointsRoute,
  redeliverRoute,
  registerEndpointRoute,
  setEndpointModeRoute,
  waitForDeliveriesRoute,
} from "./webhook-routes";

const clock: ControlHandler = (emulator) => ({
  now: emulator.store.clock.now(),
  offset_seconds: Math.round(emulator.store.clock.offset / 1000),
});

const reset: ControlHandler = (emulator, { body }) => {
  emulator.reset({ keepWebhookEndpoints: optionalBoolean(body, "keep_webhook_endpoints") ?? false });
  return { ok: true };
};

/** Moves the emulator clock forward and runs what falls due (refund settlement, disputes, code expiry). */
const advance: ControlHandler = (emulator, { body }) => {
  const seconds = optionalNumber(body, "seconds");
  if (seconds === undefined || seconds < 0)
    throw new ControlError(400, "seconds must be a non-negative number");
  emulator.store.clock.advance(seconds);
  const ran = emulator.scheduler.runDue().map(jobView);
  return { ran, now: emulator.store.clock.now() };
};

const settle: ControlHandler = (emulator) => ({
  ran: emulator.scheduler.runAll().map(jobView),
  now: emulator.store.clock.now(),
});

const jobs: ControlHandler = (emulator) => Object.values(emulator.store.state.jobs).map(jobView);

const cancelRefund: ControlHandler = (emulator, { path }) => {
  const id = path.id ?? "";
  return cancelRefundFromDashboard(emulator.context(ownerOf(emulator, "refunds", id)), id);
};

const closeDisputeRoute: ControlHandler = (emulator, { path, body }) => {
  const id = path.id ?? "";
  const status = optionalString(body, "status") ?? "lost";
  if (status !== "won" && status !== "lost" && status !== "warning_closed") {
    throw new ControlError(400, "status must be won, lost or warning_closed");
  }
  return closeDispute(emulator.context(ownerOf(emulator, "disputes", id)), id, status);
};

const p = (path: string) => `${CONTROL_PREFIX}${path}`;

export const controlRouter = new Router<ControlHandler>([
  { method: "POST", path: p("/reset"), handler: reset },
  { method: "GET", path: p("/clock"), handler: clock },
  { method: "POST", path: p("/advance"), handler: advance },
  { method: "POST", path: p("/settle"), handler: settle },
  { method: "GET", path: p("/jobs"), handler: jobs },
  { method: "GET", path: p("/accounts"), handler: listAccounts },
  { method: "POST", path: p("/accounts"), handler: createAccountRoute },
  { method: "POST", path: p("/accounts/:id/connect"), handler: connectRoute },
  { method: "POST", path: p("/accounts/:id/deauthorize"), handler: deauthorizeRoute },
  { method: "POST", path: p("/accounts/:id/disable_charges"), handler: chargesRoute(false) },
  { method: "POST", path: p("/accounts/:id/enable_charges"), handler: chargesRoute(true) },
  { method: "POST", path: p("/accounts/:id/dashboard_refund"), handler: dashboardRefundRoute },
  { method: "GET", path: p("/accounts/:id/object"), handler: accountObjectRoute },
  { method: "POST", path: p("/accounts/:id/require"), handler: requireFieldRoute },
  { method: "POST", path: p("/oauth/authorize"), handler: authorizeRoute },
  { method: "GET", path: p("/payments"), handler: listPaymentsRoute },
  { method: "POST", path: p("/payment_intents/:id/authenticate"), handler: authenticateRoute },
  { method: "POST", path: p("/refunds/:id/cancel"), handler: cancelRefund },
  { method: "POST", path: p("/disputes/:id/close"), handler: closeDisputeRoute },
  { method: "GET", path: p("/webhook_endpoints"), handler: listEndpointsRoute },
  { method: "POST", path: p("/webhook_endpoints"), handler: registerEndpointRoute },
  { method: "POST", path: p("/webhook_endpoints/:id"), handler: setEndpointModeRoute },
  { method: "DELETE", path: p("/webhook_endpoints/:id"), handler: deleteEndpointRoute },
  { method: "GET", path: p("/deliveries"), handler: listDeliveriesRoute },
  { method: "POST", path: p("/deliveries/wait"), handler: waitForDeliveriesRoute },
  { method: "POST", path: p("/deliveries/:id/redeliver"), handler: redeliverRoute },
]);
