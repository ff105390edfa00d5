import "server-only";

// Stripe Connect onboarding: an account SixthDesk creates (Account Links) or an existing one (OAuth);
// refresh, disconnect, and a revoked account.
export {
  accountSnapshot,
  disconnectAccount,
  handleAccountRevoked,
  type RefreshResult,
  type RevokedActor,
  refreshAccount,
} from "./connect-account";
export {
  ACCOUNT_COUNTRIES,
  type AccountCountry,
  accountCreationKey,
  type CreatedAccount,
  createConnectedAccount,
  createOnboardingLink,
  ONBOARDING_REFRESH_PATH,
  ONBOARDING_RETURN_PATH,
} from "./connect-create";
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
