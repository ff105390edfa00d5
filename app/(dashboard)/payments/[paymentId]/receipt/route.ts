import { z } from "zod";
import { getDb } from "@/db";
import { getSessionUserId } from "@/lib/auth/session";
import { pdfResponse } from "@/lib/documents/response";
import { receiptPdfForUser } from "@/lib/documents/service";

export const dynamic = "force-dynamic";

export async function GET(_request: Request, { params }: { params: Promise<{ paymentId: string }> }) {
  const userId = await getSessionUserId();
  if (!userId) return new Response("Sign in to download this receipt.", { status: 401 });
  const paymentId = z.uuid().safeParse((await params).paymentId);
  if (!paymentId.success) return pdfResponse(null);
  return pdfResponse(await receiptPdfForUser(getDb(), { userId, paymentId: paymentId.data }));
}
