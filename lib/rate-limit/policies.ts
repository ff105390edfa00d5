import type { Policy } from "./limiter";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

// Every limit in one place, so the README's table and the code cannot drift apart.
export const POLICIES = {
  /** Failed sign-ins from one client address, whatever the email. */
  signInFailuresPerClient: { name: "sign-in-fail-client", limit: 20, windowMs: 15 * MINUTE },
  /**
   * While an email is throttled, each client address still gets a few tries at it: the owner, signing in
   * from their own address, is not locked out by a stranger guessing from elsewhere.
   */
  lockedEmailTriesPerClient: { name: "sign-in-locked", limit: 3, windowMs: HOUR },
  /** Wrong two-factor codes per User. */
  secondFactorFailures: { name: "2fa-fail", limit: 5, windowMs: 15 * MINUTE },
  signUpPerClient: { name: "sign-up-client", limit: 10, windowMs: HOUR },
  resetPerEmail: { name: "reset-email", limit: 3, windowMs: HOUR },
  resetPerClient: { name: "reset-client", limit: 10, windowMs: HOUR },
  verificationResendPerUser: { name: "verify-resend", limit: 3, windowMs: HOUR },
  /** The public intent endpoint: each call may reach Stripe. */
  intentPerLink: { name: "intent-link", limit: 30, windowMs: 10 * MINUTE },
  intentPerClient: { name: "intent-client", limit: 60, windowMs: 10 * MINUTE },
  invoiceSendsPerInvoice: { name: "invoice-send", limit: 5, windowMs: HOUR },
  invoiceSendsPerUser: { name: "invoice-send-user", limit: 100, windowMs: HOUR },
} as const satisfies Record<string, Policy>;
