import "server-only";
import type { Database } from "@/db";
import { disableTotp, enableTotp, setPendingTotpSecret } from "@/db/queries/two-factor";
import { findUserByEmailForSignIn, getUserById, replacePassword } from "@/db/queries/users";
import type { User } from "@/db/schema";
import { withTransaction } from "@/db/transaction";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { checkSecondFactor } from "@/lib/auth/second-factor";
import {
  checkTotp,
  enrolmentQr,
  newRecoveryCodes,
  newTotpSecret,
  openSecret,
  sealSecret,
} from "@/lib/auth/totp";
import { AppError } from "@/lib/errors";
import { consume, waitInWords } from "@/lib/rate-limit/limiter";
import { POLICIES } from "@/lib/rate-limit/policies";
import { notifyPasswordChanged } from "./password-reset";
import { sendEmailChangeLink } from "./verification";

const WRONG_PASSWORD = "That is not your current password.";

async function requirePassword(user: User, password: string, field = "currentPassword") {
  if (!(await verifyPassword(user.passwordHash, password))) {
    throw new AppError("validation", WRONG_PASSWORD, { fieldErrors: { [field]: [WRONG_PASSWORD] } });
  }
}

/** Changes the password and ends every session (this one too: the User signs in again). */
export async function changePassword(
  db: Database,
  params: { user: User; currentPassword: string; newPassword: string; now?: Date },
) {
  const now = params.now ?? new Date();
  await requirePassword(params.user, params.currentPassword);
  const passwordHash = await hashPassword(params.newPassword);
  await withTransaction(db, async (tx) => {
    await replacePassword(tx, { userId: params.user.id, passwordHash, verifyEmail: false, now });
    await notifyPasswordChanged(tx, {
      userId: params.user.id,
      email: params.user.email,
      name: params.user.name,
      now,
    });
  });
}

/**
 * Asks to sign in with another address: needs the password, refuses an address in use, and sends the
 * link to the new address; the change happens when it is followed.
 */
export async function requestEmailChange(
  db: Database,
  params: { user: User; newEmail: string; password: string },
) {
  await requirePassword(params.user, params.password, "password");
  if (params.newEmail === params.user.email) {
    throw new AppError("validation", "That is already your email address.", {
      fieldErrors: { newEmail: ["That is already your email address."] },
    });
  }
  if (await findUserByEmailForSignIn(db, params.newEmail)) {
    const message = "An account with this email already exists.";
    throw new AppError("conflict", message, { fieldErrors: { newEmail: [message] } });
  }
  const limit = await consume(db, POLICIES.verificationResendPerUser, params.user.id);
  if (!limit.allowed) {
    throw new AppError(
      "rate_limited",
      `We sent several links already. Try again in ${waitInWords(limit.retryAfterMs)}.`,
    );
  }
  await sendEmailChangeLink(db, { user: params.user, newEmail: params.newEmail });
}

/** A new secret to scan; two-factor is on only once a code from it is confirmed. */
export async function startTotpEnrolment(db: Database, user: User) {
  if (user.totpSecret) throw new AppError("conflict", "Two-factor sign-in is already on.");
  const secret = newTotpSecret();
  await setPendingTotpSecret(db, { userId: user.id, sealed: sealSecret(secret) });
  const qr = await enrolmentQr(secret, user.email);
  return { secret, qrDataUrl: qr.dataUrl };
}

const WRONG_CODE = "That code is not right. Check the time on your phone and enter the current code.";

/** Confirms enrolment with a code from the app; returns the recovery codes, shown this once. */
export async function confirmTotpEnrolment(
  db: Database,
  params: { userId: string; code: string; now?: Date },
) {
  const user = await getUserById(db, params.userId);
  if (!user?.totpPendingSecret) throw new AppError("conflict", "Start again: scan a new QR code.");
  const sealed = user.totpPendingSecret;
  const check = await checkTotp({
    secret: openSecret(sealed),
    code: params.code.replace(/\s/g, ""),
    afterStep: null,
    now: params.now,
  });
  if (!check.ok) throw new AppError("validation", WRONG_CODE, { fieldErrors: { code: [WRONG_CODE] } });
  const codes = newRecoveryCodes();
  const codeHashes = await Promise.all(codes.map((c) => hashPassword(c)));
  const enabled = await withTransaction(db, (tx) =>
    enableTotp(tx, { userId: user.id, sealed, step: check.step, codeHashes }),
  );
  if (!enabled) throw new AppError("conflict", "Start again: scan a new QR code.");
  return { recoveryCodes: codes };
}

/** Turning two-factor off needs the password and a code, and ends every session. */
export async function turnOffTotp(
  db: Database,
  params: { user: User; password: string; code: string; now?: Date },
) {
  if (!params.user.totpSecret) throw new AppError("conflict", "Two-factor sign-in is already off.");
  await requirePassword(params.user, params.password);
  await requireSecondFactor(db, { user: params.user, code: params.code, now: params.now });
  await withTransaction(db, (tx) => disableTotp(tx, params.user.id));
}

/** Asks for the second factor again before a sensitive step, when the User has one. */
export async function requireSecondFactor(db: Database, params: { user: User; code: string; now?: Date }) {
  if (!params.user.totpSecret) return;
  if (!params.code.trim()) {
    throw new AppError("validation", "Enter the code from your authenticator app.", {
      fieldErrors: { code: ["Enter the code from your authenticator app."] },
    });
  }
  const result = await checkSecondFactor(db, params);
  if (result.ok) return;
  if (result.reason === "throttled") {
    throw new AppError("rate_limited", `Too many wrong codes. Try again in ${waitInWords(result.waitMs)}.`);
  }
  throw new AppError("validation", WRONG_CODE, { fieldErrors: { code: [WRONG_CODE] } });
}
