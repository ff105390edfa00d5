import { getDb } from "@/db";
import { pdfResponse } from "@/lib/documents/response";
import { invoicePdfByPayLinkToken } from "@/lib/documents/service";
import { PAY_TOKEN_PATTERN } from "@/lib/invoices/pay-token";

export const dynamic = "force-dynamic";

export async function GET(_request: Request, { params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  if (!PAY_TOKEN_PATTERN.test(token)) return pdfResponse(null);
  return pdfResponse(await invoicePdfByPayLinkToken(getDb(), token));
}
