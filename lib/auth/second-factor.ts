import "server-only";
import type { Database } from "@/db";
import { claimTotpStep, spendRecoveryCode, unusedRecoveryCodes } from "@/db/queries/two-factor";
import type { User } from "@/db/schema";
import { consume, peek, reset } from "@/lib/rate-limit/limiter";
import { POLICIES } from "@/lib/rate-limit/policies";
import { verifyPassword } from "./password";
import { checkTotp, normaliseRecoveryCode, openSecret } from "./totp";

export type SecondFactorResult =
  | { ok: true; via: "totp" | "recovery_code" }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "throttled"; waitMs: number };

/**
 * Checks a code from the authenticator app, or one of the User's recovery codes (each works once).
 * Wrong codes are limited per User, whoever sends them: a stolen password alone cannot brute-force the
 * six digits.
 */
export async function checkSecondFactor(
  db: Database,
  params: { user: User; code: string; now?: Date },
): Promise<SecondFactorResult> {
  const { user } = params;
  const now = params.now ?? new Date();
  if (!user.totpSecret) return { ok: true, via: "totp" };
  const gate = await peek(db, POLICIES.secondFactorFailures, user.id, now);
  if (!gate.allowed) return { ok: false, reason: "throttled", waitMs: gate.retryAfterMs };

  const code = params.code.trim();
  const digits = code.replace(/\s/g, "");
  if (/^\d{6}$/.test(digits)) {
    const totp = await checkTotp({
      secret: openSecret(user.totpSecret),
      code: digits,
      afterStep: user.totpLastStep,
      now,
    });
    if (totp.ok && (await claimTotpStep(db, { userId: user.id, step: totp.step }))) {
      await reset(db, POLICIES.secondFactorFailures, user.id);
      return { ok: true, via: "totp" };
    }
  } else {
    const recovery = normaliseRecoveryCode(code);
    if (recovery) {
      for (const row of await unusedRecoveryCodes(db, user.id)) {
        if (!(await verifyPassword(row.codeHash, recovery))) continue;
        if (await spendRecoveryCode(db, { userId: user.id, id: row.id, at: now })) {
          await reset(db, POLICIES.secondFactorFailures, user.id);
          return { ok: true, via: "recovery_code" };
        }
      }
    }
  }
  await consume(db, POLICIES.secondFactorFailures, user.id, now);
  return { ok: false, reason: "invalid" };
}
