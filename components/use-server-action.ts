"use client";

import { useRef, useState, useTransition } from "react";
import { type ActionError, type ActionResult, formErrorOf } from "@/lib/action-result";
import type { FieldErrors } from "@/lib/errors";

type Options<I, T> = {
  /** Runs inside the transition, so `pending` stays true through a navigation it starts. */
  onSuccess?: (data: T, input: I) => void | Promise<void>;
  onError?: (error: ActionError, input: I) => void;
};

const NO_FIELD_ERRORS: FieldErrors = Object.freeze({}) as FieldErrors;

/**
 * Calls a server action from a form or a button: `pending` while it runs (bind it to `disabled`), the
 * field errors and form error of its last failure, cleared when it runs again.
 */
export function useServerAction<I, T>(
  action: (input: I) => Promise<ActionResult<T>>,
  options: Options<I, T> = {},
) {
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<ActionError | null>(null);
  // `pending` disables the button only once React has re-rendered; a second click before that must not
  // send the action again.
  const running = useRef(false);

  function execute(input: I) {
    if (running.current) return;
    running.current = true;
    setError(null);
    startTransition(async () => {
      try {
        const result = await action(input);
        if (result.ok) {
          await options.onSuccess?.(result.data, input);
          return;
        }
        setError(result.error);
        options.onError?.(result.error, input);
      } finally {
        running.current = false;
      }
    });
  }

  const fieldErrors = error?.fieldErrors ?? NO_FIELD_ERRORS;
  return {
    execute,
    pending,
    error,
    fieldErrors,
    /** The first message for one field, for FormField's `error` and `fieldAria`. */
    fieldError: (name: string): string | undefined => fieldErrors[name]?.[0],
    formError: formErrorOf(error),
  };
}
