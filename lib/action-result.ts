// The shape every server action answers with. Kept apart from lib/action.ts (server only) so client
// components can name it.
import type { ErrorCode, FieldErrors } from "./errors";

export type ActionError = { code: ErrorCode; message: string; fieldErrors?: FieldErrors };
export type ActionResult<T> = { ok: true; data: T } | { ok: false; error: ActionError };

/**
 * What a form shows above its fields for a failed action: the message, unless a field already shows it
 * (an email already taken, an amount above what is refundable), so it is not read out twice. A
 * validation summary ("Please correct the highlighted fields.") names no field, so it is shown.
 */
export function formErrorOf(error: ActionError | null): string | null {
  if (!error) return null;
  const shownAtAField = Object.values(error.fieldErrors ?? {}).some((messages) =>
    messages.includes(error.message),
  );
  return shownAtAField ? null : error.message;
}
