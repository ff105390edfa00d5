import type { ApiHandler } from "../core/api";
import { createAccountApiRoute } from "../resources/account-create";
import { createAccountLinkRoute } from "../resources/account-links";
import { retrieveAccountRoute, retrieveOwnAccountRoute } from "../resources/account-routes";
import {
  listChargesRoute,
  retrieveChargeRoute,
  retrievePaymentMethodRoute,
} from "../resources/charge-routes";
import { acceptDisputeRoute, updateDisputeRoute } from "../resources/dispute-lifecycle";
import { listDisputesRoute, retrieveDisputeRoute } from "../resources/disputes";
import { listEventsRoute, retrieveEventRoute } from "../resources/events";
import {
  authenticatePaymentIntentRoute,
  confirmPaymentIntentRoute,
  createPaymentIntentRoute,
  updatePaymentIntentRoute,
} from "../resources/payment-intent-write";
import { cancelPaymentIntent, listPaymentIntents, retrievePaymentIntent } from "../resources/payment-intents";
import {
  cancelRefundRoute,
  createRefundRoute,
  listRefundsRoute,
  retrieveRefundRoute,
  updateRefundRoute,
} from "../resources/refund-routes";
import {
  createWebhookEndpointRoute,
  deleteWebhookEndpointRoute,
  listWebhookEndpointsRoute,
  retrieveWebhookEndpointRoute,
  updateWebhookEndpointRoute,
} from "../webhooks/endpoints";
import { Router } from "./router";

/** A `/v1` operation; `publishable` ones also accept a publishable key plus the object's client secret. */
export type ApiOperation = { run: ApiHandler; publishable?: boolean };

const op = (run: ApiHandler, publishable = false): ApiOperation => ({ run, publishable });

export const apiRouter = new Router<ApiOperation>([
  { method: "POST", path: "/v1/payment_intents", handler: op(createPaymentIntentRoute) },
  { method: "GET", path: "/v1/payment_intents", handler: op(listPaymentIntents) },
  { method: "GET", path: "/v1/payment_intents/:id", handler: op(retrievePaymentIntent, true) },
  { method: "POST", path: "/v1/payment_intents/:id", handler: op(updatePaymentIntentRoute) },
  { method: "POST", path: "/v1/payment_intents/:id/confirm", handler: op(confirmPaymentIntentRoute, true) },
  { method: "POST", path: "/v1/payment_intents/:id/cancel", handler: op(cancelPaymentIntent) },
  {
    method: "POST",
    path: "/v1/payment_intents/:id/_authenticate",
    handler: op(authenticatePaymentIntentRoute, true),
  },
  { method: "GET", path: "/v1/charges", handler: op(listChargesRoute) },
  { method: "GET", path: "/v1/charges/:id", handler: op(retrieveChargeRoute) },
  { method: "GET", path: "/v1/payment_methods/:id", handler: op(retrievePaymentMethodRoute) },
  { method: "POST", path: "/v1/refunds", handler: op(createRefundRoute) },
  { method: "GET", path: "/v1/refunds", handler: op(listRefundsRoute) },
  { method: "GET", path: "/v1/refunds/:id", handler: op(retrieveRefundRoute) },
  { method: "POST", path: "/v1/refunds/:id", handler: op(updateRefundRoute) },
  { method: "POST", path: "/v1/refunds/:id/cancel", handler: op(cancelRefundRoute) },
  { method: "GET", path: "/v1/disputes", handler: op(listDisputesRoute) },
  { method: "GET", path: "/v1/disputes/:id", handler: op(retrieveDisputeRoute) },
  { method: "POST", path: "/v1/disputes/:id", handler: op(updateDisputeRoute) },
  { method: "POST", path: "/v1/disputes/:id/close", handler: op(acceptDisputeRoute) },
  { method: "GET", path: "/v1/events", handler: op(listEventsRoute) },
  { method: "GET", path: "/v1/events/:id", handler: op(retrieveEventRoute) },
  { method: "POST", path: "/v1/webhook_endpoints", handler: op(createWebhookEndpointRoute) },
  { method: "GET", path: "/v1/webhook_endpoints", handler: op(listWebhookEndpointsRoute) },
  { method: "GET", path: "/v1/webhook_endpoints/:id", handler: op(retrieveWebhookEndpointRoute) },
  { method: "POST", path: "/v1/webhook_endpoints/:id", handler: op(updateWebhookEndpointRoute) },
  { method: "DELETE", path: "/v1/webhook_endpoints/:id", handler: op(deleteWebhookEndpointRoute) },
  { method: "GET", path: "/v1/account", handler: op(retrieveOwnAccountRoute) },
  { method: "GET", path: "/v1/accounts/:id", handler: op(retrieveAccountRoute) },
  { method: "POST", path: "/v1/accounts", handler: op(createAccountApiRoute) },
  { method: "POST", path: "/v1/account_links", handler: op(createAccountLinkRoute) },
]);
