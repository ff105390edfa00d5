import "server-only";
import type { z } from "zod";
import { type Database, getDb } from "@/db";
import { isDatabaseUnavailable } from "@/db/queries/pg-errors";
import type { User } from "@/db/schema";
import { getCurrentUser } from "@/lib/auth/session";
import type { ActionError, ActionResult } from "./action-result";
import { AppError, DATABASE_UNAVAILABLE_MESSAGE, type FieldErrors, GENERIC_ERROR_MESSAGE } from "./errors";
import { errorContext, logger, requestIdFrom, withLogContext } from "./logger";

export type { ActionError, ActionResult } from "./action-result";

export function zodFieldErrors(error: z.ZodError): FieldErrors {
  const fieldErrors: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.length > 0 ? issue.path.join(".") : "_form";
    fieldErrors[key] = [...(fieldErrors[key] ?? []), issue.message];
  }
  return fieldErrors;
}

export function toActionError(error: unknown, actionName: string): ActionError {
  if (error instanceof AppError && error.code !== "internal") {
    return { code: error.code, message: error.message, fieldErrors: error.fieldErrors };
  }
  if (isDatabaseUnavailable(error)) {
    logger.warn("action failed: database unavailable", { action: actionName, ...errorContext(error) });
    return { code: "unavailable", message: DATABASE_UNAVAILABLE_MESSAGE };
  }
  logger.error("action failed", { action: actionName, ...errorContext(error) });
  return { code: "internal", message: GENERIC_ERROR_MESSAGE };
}

type Context = { user: User; db: Database };

async function runValidated<S extends z.ZodType, T>(
  name: string,
  schema: S,
  input: unknown,
  handler: (input: z.output<S>) => Promise<T>,
): Promise<ActionResult<T>> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    return {
      ok: false,
      error: {
        code: "validation",
        message: "Please correct the highlighted fields.",
        fieldErrors: zodFieldErrors(parsed.error),
      },
    };
  }
  try {
    return { ok: true, data: await handler(parsed.data) };
  } catch (error) {
    return { ok: false, error: toActionError(error, name) };
  }
}

/**
 * The one contract for dashboard actions: a signed-in User, input validated by zod, expected failures
 * returned as values and unexpected ones logged and replaced by a generic message.
 */
export function authedAction<S extends z.ZodType, T>(
  name: string,
  schema: S,
  handler: (input: z.output<S>, context: Context) => Promise<T>,
) {
  return (input: unknown): Promise<ActionResult<T>> =>
    withLogContext({ requestId: requestIdFrom(), action: name }, async (): Promise<ActionResult<T>> => {
      const user = await getCurrentUser();
      if (!user) {
        return {
          ok: false,
          error: { code: "unauthorized", message: "Your session has ended. Sign in again." },
        };
      }
      return runValidated(name, schema, input, (parsed) => handler(parsed, { user, db: getDb() }));
    });
}

/** The same contract for the few actions that run before anyone is signed in (sign-up). */
export function publicAction<S extends z.ZodType, T>(
  name: string,
  schema: S,
  handler: (input: z.output<S>, context: { db: Database }) => Promise<T>,
) {
  return (input: unknown): Promise<ActionResult<T>> =>
    withLogContext({ requestId: requestIdFrom(), action: name }, () =>
      runValidated(name, schema, input, (parsed) => handler(parsed, { db: getDb() })),
    );
}
