// Expected failures carry a code; the code decides the HTTP status and whether the message may be
// shown to the person who caused it. Anything else is a bug and gets a generic message.
export const ERROR_CODES = {
  bad_request: { status: 400, expose: true },
  validation: { status: 422, expose: true },
  unauthorized: { status: 401, expose: true },
  not_found: { status: 404, expose: true },
  conflict: { status: 409, expose: true },
  rate_limited: { status: 429, expose: true },
  stripe_error: { status: 502, expose: true },
  unavailable: { status: 503, expose: true },
  internal: { status: 500, expose: false },
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

export type FieldErrors = Record<string, string[]>;

export class AppError extends Error {
  override name = "AppError";
  readonly code: ErrorCode;
  readonly fieldErrors?: FieldErrors;

  constructor(code: ErrorCode, message: string, options?: { fieldErrors?: FieldErrors; cause?: unknown }) {
    super(message, { cause: options?.cause });
    this.code = code;
    this.fieldErrors = options?.fieldErrors;
  }

  get status(): number {
    return ERROR_CODES[this.code].status;
  }
}

export const GENERIC_ERROR_MESSAGE = "Something went wrong on our side. Please try again.";

export const DATABASE_UNAVAILABLE_MESSAGE =
  "SixthDesk cannot reach its database just now; nothing was changed. Please try again in a moment.";

export function publicMessage(error: unknown): string {
  if (error instanceof AppError && ERROR_CODES[error.code].expose) return error.message;
  return GENERIC_ERROR_MESSAGE;
}

export const notFound = (what = "That record") => new AppError("not_found", `${what} was not found.`);
