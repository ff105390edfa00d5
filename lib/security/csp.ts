// The Content-Security-Policy of every page, built per request around a fresh nonce (proxy.ts), as
// Next's CSP guide does it. Pure, so the unit tests can read exactly what each mode allows.

// Stripe's CSP guidance for Stripe.js and the Payment Element (docs.stripe.com/security/guide, "Content
// Security Policy"). The Google Maps entries there serve the Address Element, which SixthDesk does not use.
const STRIPE_LIVE = {
  script: ["https://js.stripe.com", "https://*.js.stripe.com"],
  frame: ["https://js.stripe.com", "https://*.js.stripe.com", "https://hooks.stripe.com"],
  connect: ["https://api.stripe.com"],
  form: ["https://connect.stripe.com"],
} as const;

export type CspOptions = {
  nonce: string;
  /** "emulator": the offline stand-in Stripe.js, served with its API and OAuth page at `emulatorOrigin`. */
  stripe: { mode: "live" } | { mode: "emulator"; emulatorOrigin: string };
  /** Under https: upgrade stray http requests (and the caller adds HSTS). */
  https: boolean;
  /** next dev needs eval for React's debugging aids; a production build does not. */
  development: boolean;
};

export function contentSecurityPolicy(options: CspOptions): string {
  const stripe =
    options.stripe.mode === "live"
      ? STRIPE_LIVE
      : {
          script: [options.stripe.emulatorOrigin],
          frame: [options.stripe.emulatorOrigin],
          connect: [options.stripe.emulatorOrigin],
          form: [options.stripe.emulatorOrigin],
        };
  const directives: Array<[string, ...string[]]> = [
    ["default-src", "'self'"],
    // 'strict-dynamic': scripts our nonced scripts add (Stripe.js, through loadStripe) may run; host
    // lists are the fallback for browsers without it.
    [
      "script-src",
      "'self'",
      `'nonce-${options.nonce}'`,
      "'strict-dynamic'",
      ...stripe.script,
      ...(options.development ? ["'unsafe-eval'"] : []),
    ],
    // Stripe.js (and its stand-in) set inline styles on the elements they mount; a nonce here would
    // switch 'unsafe-inline' off, so styles are allowed inline and scripts are what the nonce guards.
    ["style-src", "'self'", "'unsafe-inline'"],
    // data: for the two-factor QR code, which is drawn on the server.
    [
      "img-src",
      "'self'",
      "data:",
      "blob:",
      ...(options.stripe.mode === "live" ? ["https://*.stripe.com"] : []),
    ],
    ["font-src", "'self'"],
    ["connect-src", "'self'", ...stripe.connect],
    ["frame-src", ...stripe.frame],
    ["object-src", "'none'"],
    ["base-uri", "'self'"],
    ["form-action", "'self'", ...stripe.form],
    ["frame-ancestors", "'none'"],
    ...(options.https ? ([["upgrade-insecure-requests"]] as Array<[string]>) : []),
  ];
  return directives.map((parts) => parts.join(" ")).join("; ");
}

export const HSTS = "max-age=63072000; includeSubDomains";
