import { z } from "zod";
import { getDb } from "@/db";
import { isDatabaseUnavailable } from "@/db/queries/pg-errors";
import { AppError, DATABASE_UNAVAILABLE_MESSAGE, ERROR_CODES, publicMessage } from "@/lib/errors";
import { PAY_TOKEN_PATTERN } from "@/lib/invoices/pay-token";
import { errorContext, logger, requestIdFrom, withLogContext } from "@/lib/logger";
import { InvoiceClosedError, preparePaymentIntent } from "@/lib/payments/intent";

export const dynamic = "force-dynamic";

const minor = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

// `expected`: the figures the page shows, sent before it confirms; the server recomputes the amount from
// the database regardless, and only answers whether they still hold (`upToDate`).
const bodySchema = z
  .object({
    amount: z.string().max(40).optional(),
    expected: z
      .object({
        amountMinor: minor,
        currency: z.string().regex(/^[a-z]{3}$/),
        dueMinor: minor,
      })
      .strict()
      .optional(),
  })
  .strict();

type Context = { params: Promise<{ token: string }> };

function problem(
  status: number,
  message: string,
  extra: { fieldErrors?: Record<string, string[]>; closed?: "void" | "paid" } = {},
) {
  return Response.json(
    { error: { message, ...extra } },
    { status, headers: { "Cache-Control": "no-store" } },
  );
}

/** Public: anyone with the pay link may ask for a PaymentIntent; the amount comes from the database. */
export function POST(request: Request, context: Context) {
  return withLogContext({ requestId: requestIdFrom(request.headers), route: "pay intent" }, () =>
    prepareIntent(request, context),
  );
}

async function prepareIntent(request: Request, context: Context) {
  const { token } = await context.params;
  if (!PAY_TOKEN_PATTERN.test(token)) return problem(404, "This invoice was not found.");
  let body: unknown;
  try {
    const text = await request.text();
    body = text ? JSON.parse(text) : {};
  } catch {
    return problem(400, "The request body must be JSON.");
  }
  const parsed = bodySchema.safeParse(body);
  if (!parsed.success) return problem(400, "The request is not valid.");

  try {
    const prepared = await preparePaymentIntent(getDb(), { token, ...parsed.data });
    return Response.json(prepared, { headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    if (error instanceof InvoiceClosedError) {
      return problem(error.status, error.message, { closed: error.state });
    }
    if (isDatabaseUnavailable(error)) {
      logger.warn("payment intent failed: database unavailable", { ...errorContext(error) });
      return problem(503, DATABASE_UNAVAILABLE_MESSAGE);
    }
    const exposed = error instanceof AppError && ERROR_CODES[error.code].expose;
    if (!exposed) logger.error("payment intent failed", { ...errorContext(error) });
    return problem(exposed ? error.status : 500, publicMessage(error), {
      fieldErrors: exposed ? error.fieldErrors : undefined,
    });
  }
}
