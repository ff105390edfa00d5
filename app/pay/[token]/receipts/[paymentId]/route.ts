import { z } from "zod";
import { getDb } from "@/db";
import { pdfResponse } from "@/lib/documents/response";
import { receiptPdfByPayLinkToken } from "@/lib/documents/service";
import { PAY_TOKEN_PATTERN } from "@/lib/invoices/pay-token";

export const dynamic = "force-dynamic";

export async function GET(
  _request: Request,
  { params }: { params: Promise<{ token: string; paymentId: string }> },
) {
  const { token, paymentId } = await params;
  const id = z.uuid().safeParse(paymentId);
  if (!PAY_TOKEN_PATTERN.test(token) || !id.success) return pdfResponse(null);
  return pdfResponse(await receiptPdfByPayLinkToken(getDb(), { token, paymentId: id.data }));
}
