// The shape every server action answers with. Kept apart from lib/action.ts (server only) so client
// components can name it.
import type { ErrorCode, FieldErrors } from "./errors";

export type ActionError = { code: ErrorCode; message: string; fieldErrors?: FieldErrors };
export type ActionResult<T> = { ok: true; data: T } | { ok: false; error: ActionError };

/**
 * What a form shows for a failed action. A validation failure gets a summary above the form as well as
 * the messages beside its fields; any other failure pinned to a field (an email already taken) is shown
 * only beside that field, so it is not read out twice.
 */
export function formErrorOf(error: ActionError | null): string | null {
  if (!error) return null;
  const pinnedToFields = Object.keys(error.fieldErrors ?? {}).length > 0;
  return !pinnedToFields || error.code === "validation" ? error.message : null;
}
