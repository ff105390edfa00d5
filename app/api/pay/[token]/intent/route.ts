import { z } from "zod";
import { getDb } from "@/db";
import { AppError, ERROR_CODES, publicMessage } from "@/lib/errors";
import { PAY_TOKEN_PATTERN } from "@/lib/invoices/pay-token";
import { errorContext, logger } from "@/lib/logger";
import { preparePaymentIntent } from "@/lib/payments/intent";

export const dynamic = "force-dynamic";

const bodySchema = z.object({ amount: z.string().max(40).optional() }).strict();

type Context = { params: Promise<{ token: string }> };

function problem(status: number, message: string, fieldErrors?: Record<string, string[]>) {
  return Response.json(
    { error: { message, fieldErrors } },
    { status, headers: { "Cache-Control": "no-store" } },
  );
}

/** Public: anyone with the pay link may ask for a PaymentIntent; the amount comes from the database. */
export async function POST(request: Request, context: Context) {
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
    const prepared = await preparePaymentIntent(getDb(), { token, amount: parsed.data.amount });
    return Response.json(prepared, { headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    const exposed = error instanceof AppError && ERROR_CODES[error.code].expose;
    if (!exposed) logger.error("payment intent failed", { ...errorContext(error) });
    return problem(
      exposed ? error.status : 500,
      publicMessage(error),
      exposed ? error.fieldErrors : undefined,
    );
  }
}
