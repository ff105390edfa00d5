import "server-only";

// Stripe Connect onboarding (OAuth, Standard accounts): connect, refresh, disconnect, and a revoked account.
export {
  accountSnapshot,
  disconnectAccount,
  handleAccountRevoked,
  type RefreshResult,
  type RevokedActor,
  refreshAccount,
} from "./connect-account";
export {
  type ConnectCallbackQuery,
  type ConnectOutcome,
  type ConnectOutcomeName,
  completeConnect,
  connectCallbackQuerySchema,
  hashOauthState,
  OAUTH_CALLBACK_PATH,
  OAUTH_STATE_TTL_MS,
  oauthRedirectUri,
  startConnect,
} from "./connect-oauth";
