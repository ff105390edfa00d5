/**
 * Fixed, well-known credentials of the offline Stripe emulator. They are not secrets: anything that talks
 * to the emulator may use them, and the emulator never talks to real Stripe.
 */

/** The platform's secret key. Any other `sk_test_…` key is accepted as the platform's too. */
export const EMULATOR_SECRET_KEY = "sk_test_emulator";

/** The platform's publishable key, for the stand-in Stripe.js. Any `pk_test_…` key is accepted. */
export const EMULATOR_PUBLISHABLE_KEY = "pk_test_emulator";

/** The platform's Connect (OAuth) client id; `/oauth/authorize` and `/oauth/deauthorize` require it. */
export const EMULATOR_CONNECT_CLIENT_ID = "ca_emulator";

/** Signing secret given to webhook endpoints registered through the control API without a `secret`. */
export const EMULATOR_WEBHOOK_SECRET = "whsec_emulator_dev_secret";

/** The platform account itself (what `GET /v1/account` returns without a `Stripe-Account` header). */
export const EMULATOR_PLATFORM_ACCOUNT_ID = "acct_emulator_platform";

/** Pre-seeded connected accounts offered on the OAuth consent page (not connected until authorized). */
export const DEMO_ACCOUNT_GB = "acct_demo_gb";
export const DEMO_ACCOUNT_US = "acct_demo_us";

/** The API version objects and events are rendered in: the one `stripe@23.1.0` pins. */
export const EMULATOR_API_VERSION = "2026-10-28.endive";

/** The Stripe.js release train `@stripe/stripe-js@10` expects on `window.Stripe.version`. */
export const STRIPE_JS_RELEASE_TRAIN = "endive";

/** Path of the stand-in Stripe.js on the emulator's origin. */
export const STRIPE_JS_PATH = "/js/stripe.js";

/** Path prefix of the JSON control API (tests and the dev console only; Stripe has no such thing). */
export const CONTROL_PREFIX = "/_emulator";

export const DEFAULT_EMULATOR_PORT = 12111;
