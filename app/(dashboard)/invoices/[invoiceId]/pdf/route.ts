import { z } from "zod";
import { getDb } from "@/db";
import { getSessionUserId } from "@/lib/auth/session";
import { pdfResponse } from "@/lib/documents/response";
import { invoicePdfForUser } from "@/lib/documents/service";

export const dynamic = "force-dynamic";

export async function GET(_request: Request, { params }: { params: Promise<{ invoiceId: string }> }) {
  const userId = await getSessionUserId();
  if (!userId) return new Response("Sign in to download this invoice.", { status: 401 });
  const invoiceId = z.uuid().safeParse((await params).invoiceId);
  if (!invoiceId.success) return pdfResponse(null);
  return pdfResponse(await invoicePdfForUser(getDb(), { userId, invoiceId: invoiceId.data }));
}
