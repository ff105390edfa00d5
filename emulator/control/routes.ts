import { CONTROL_PREFIX } from "../constants";
import { Router } from "../http/router";
import {
  appealDispute,
  decideDispute,
  escalateDispute,
  forceDisputeStatus,
} from "../resources/dispute-lifecycle";
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
import { addFaultRoute, clearFaultsRoute, listFaultsRoute, removeFaultRoute } from "./fault-routes";
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
import { getRateLimitsRoute, setRateLimitsRoute } from "./rate-limit-routes";
import {
  clearDisorderRoute,
  deleteEndpointRoute,
  getDisorderRoute,
  listDeliveriesRoute,
  listEndpointsRoute,
  redeliverRoute,
  registerEndpointRoute,
  releaseLateRoute,
  setDisorderRoute,
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
  return decideDispute(emulator.context(ownerOf(emulator, "disputes", id)), id, status);
};

const escalateDisputeRoute: ControlHandler = (emulator, { path }) => {
  const id = path.id ?? "";
  return escalateDispute(emulator.context(ownerOf(emulator, "disputes", id)), id);
};

const appealDisputeRoute: ControlHandler = (emulator, { path }) => {
  const id = path.id ?? "";
  return appealDispute(emulator.context(ownerOf(emulator, "disputes", id)), id);
};

/** Any status, known to this API version or not (`null` too), for testing what an app does with it. */
const forceDisputeStatusRoute: ControlHandler = (emulator, { path, body }) => {
  const id = path.id ?? "";
  const status = body.status === null ? null : optionalString(body, "status");
  if (status === undefined) throw new ControlError(400, "status is required (a string, or null)");
  return forceDisputeStatus(emulator.context(ownerOf(emulator, "disputes", id)), id, status);
};

/** Any refund status (or null, as the SDK types allow), with refund.updated: what an app must survive. */
const forceRefundStatusRoute: ControlHandler = (emulator, { path, body }) => {
  const id = path.id ?? "";
  const status = body.status === null ? null : optionalString(body, "status");
  if (status === undefined) throw new ControlError(400, "status is required (a string, or null)");
  const ctx = emulator.context(ownerOf(emulator, "refunds", id));
  const refund = emulator.store.require("refunds", ctx.account, id, { objectName: "refund" });
  const previous = { status: refund.status };
  refund.status = status;
  emulator.store.touch();
  emulator.store.emit(ctx, "refund.updated", refund, previous);
  return refund;
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
  { method: "POST", path: p("/refunds/:id/status"), handler: forceRefundStatusRoute },
  { method: "POST", path: p("/disputes/:id/close"), handler: closeDisputeRoute },
  { method: "POST", path: p("/disputes/:id/escalate"), handler: escalateDisputeRoute },
  { method: "POST", path: p("/disputes/:id/appeal"), handler: appealDisputeRoute },
  { method: "POST", path: p("/disputes/:id/status"), handler: forceDisputeStatusRoute },
  { method: "GET", path: p("/faults"), handler: listFaultsRoute },
  { method: "POST", path: p("/faults"), handler: addFaultRoute },
  { method: "DELETE", path: p("/faults"), handler: clearFaultsRoute },
  { method: "DELETE", path: p("/faults/:id"), handler: removeFaultRoute },
  { method: "GET", path: p("/rate_limits"), handler: getRateLimitsRoute },
  { method: "POST", path: p("/rate_limits"), handler: setRateLimitsRoute },
  { method: "GET", path: p("/webhook_endpoints"), handler: listEndpointsRoute },
  { method: "POST", path: p("/webhook_endpoints"), handler: registerEndpointRoute },
  { method: "POST", path: p("/webhook_endpoints/:id"), handler: setEndpointModeRoute },
  { method: "DELETE", path: p("/webhook_endpoints/:id"), handler: deleteEndpointRoute },
  { method: "GET", path: p("/webhooks/disorder"), handler: getDisorderRoute },
  { method: "POST", path: p("/webhooks/disorder"), handler: setDisorderRoute },
  { method: "DELETE", path: p("/webhooks/disorder"), handler: clearDisorderRoute },
  { method: "POST", path: p("/webhooks/release_late"), handler: releaseLateRoute },
  { method: "GET", path: p("/deliveries"), handler: listDeliveriesRoute },
  { method: "POST", path: p("/deliveries/wait"), handler: waitForDeliveriesRoute },
  { method: "POST", path: p("/deliveries/:id/redeliver"), handler: redeliverRoute },
]);
