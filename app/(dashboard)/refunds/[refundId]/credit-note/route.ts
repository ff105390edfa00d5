import { z } from "zod";
import { getDb } from "@/db";
import { getSessionUserId } from "@/lib/auth/session";
import { pdfResponse } from "@/lib/documents/response";
import { creditNotePdfForUser } from "@/lib/documents/service";

export const dynamic = "force-dynamic";

export async function GET(_request: Request, { params }: { params: Promise<{ refundId: string }> }) {
  const userId = await getSessionUserId();
  if (!userId) return new Response("Sign in to download this credit note.", { status: 401 });
  const refundId = z.uuid().safeParse((await params).refundId);
  if (!refundId.success) return pdfResponse(null);
  return pdfResponse(await creditNotePdfForUser(getDb(), { userId, refundId: refundId.data }));
}
